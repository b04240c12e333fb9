/**
 * The one PDF runtime: the report channels render on the main side, in a worker thread, into a
 * staged file owned by the caller; the answer carries a file id and a summary, never PDF or font
 * bytes. Read back with pdftotext as a person would.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePdfRuntime } from '../../../electron/core/platform/io/pdf/pdf-runtime';
import { ownerOf } from '../../../electron/core/platform/files/file-owner';
import { LOCAL_ADMIN } from '../../../electron/core/platform/security/local-actor';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';
import { completeForms, seedCommunities } from '../../helpers/round-seed';
import { pdfText } from '../../unit/report/poppler';

const R = '2021Q3';
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2021-10-15T08:00:00Z') });
  await t.call('settings:update', { street: '龙塔街道', issuer: '龙塔街道社区规范化建设工作领导小组办公室' });
  const ids = await seedCommunities(t, ['龙塔社区', '沙北社区', '𠮷祥社区']);
  await t.call('rounds:create', { year: 2021, quarter: 3 });
  await completeForms(t, R, ids);
  await t.call('rounds:addDeduction', {
    roundId: R,
    communityId: ids[0] as number,
    itemCode: 'A4',
    reasonCode: null,
    text: '无年度工作计划',
    amountTenths: 10,
    evidence: '查阅资料',
  });
});
afterAll(async () => {
  await closePdfRuntime();
  await t.dispose();
});

/** The staged file of an answer, as its owner (the local administrator) resolves it. */
function stagedPath(fileId: string): string {
  return t.app.files.resolve(fileId, ownerOf(LOCAL_ADMIN)).path;
}

describe('PDF runtime on the main side', () => {
  it('report:quarterlyPdf stages the 通报 rendered in a worker thread, with the rare character printed', async () => {
    const pdf = await t.call('report:quarterlyPdf', { roundId: R });
    expect(pdf).toMatchObject({
      name: '龙塔街道2021年第三季度社区规范化创建考评情况通报（草稿）.pdf',
      title: '2021年第三季度考评情况通报',
      finalized: false,
      status: '草稿',
      communities: 3,
      missingGlyphs: [],
      notice: null,
    });
    // A file id and a summary cross the boundary, never the bytes of the PDF or of a font.
    expect(JSON.stringify(pdf).length).toBeLessThan(1000);
    const file = stagedPath(pdf.fileId);
    expect(fs.statSync(file).size).toBe(pdf.bytes);
    const text = pdfText(file);
    expect(text).toContain('龙塔街道2021年第三季度');
    expect(text).toContain('𠮷祥社区');
    expect(text).toContain('无年度工作计划');
    // pdfmake ran in the worker thread only: the main thread never loaded it.
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    expect(loaded.filter((k) => /[\\/]node_modules[\\/]pdfmake[\\/]/.test(k))).toEqual([]);
  });

  it('the staged PDF belongs to its caller: another user is told it does not exist', async () => {
    const pdf = await t.call('report:quarterlyPdf', { roundId: R, date: '2021-10-20' });
    expect(pdfText(stagedPath(pdf.fileId))).toContain('2021年10月20日');
    expect(() => t.app.files.resolve(pdf.fileId, 'user:999')).toThrow();
  });

  it('a refused report answers with the reason in Chinese: the annual report of a year without a finalized quarter', async () => {
    await expect(t.call('report:annualPdf', { year: 2021 })).rejects.toThrow(/还没有定稿的季度考评/);
  });

  it('planner:statsPdf stages the statistics print, several requests in a row answered in order', async () => {
    const [a, b] = await Promise.all([t.call('planner:statsPdf', {}), t.call('planner:statsPdf', { roundId: R })]);
    for (const pdf of [a, b]) {
      expect(pdf.name).toMatch(/\.pdf$/);
      expect(pdfText(stagedPath(pdf.fileId))).toContain('社区');
    }
    expect(a.fileId).not.toBe(b.fileId);
  });
});
