/**
 * Report data from a real round in a real SQLite file: mapping of the rounds feature's results to
 * the report DTOs, the content hash of a finalized round, the workbook export, the annual data,
 * and the quarterly PDF rendered from it and read back.
 */
import path from 'node:path';
import ExcelJS from '../../../electron/core/platform/io/excel/exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildQuarterlyReport } from '../../../shared/report/quarterly-report.builder';
import { quarterlyReportDataSchema } from '../../../shared/report/report-data';
import { renderPdfToFile } from '../../../electron/core/platform/io/pdf/pdf-renderer';
import { contentHash, nextQuarterEnd } from '../../../electron/core/features/reports/report.service';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';
import { completeForms, seedCommunities } from '../../helpers/round-seed';
import { pdfText } from '../../unit/report/poppler';

const R = '2021Q3';
const NAMES = ['龙塔社区', '沙北社区', '𠮷祥社区'];
let t: TestApp;
let ids: number[];

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2021-10-15T08:00:00Z') });
  await t.call('settings:update', {
    city: '漯河市',
    county: '源汇区',
    street: '龙塔街道',
    issuer: '龙塔街道社区规范化建设工作领导小组办公室',
  });
  ids = await seedCommunities(t, NAMES);
  await t.call('rounds:create', { year: 2021, quarter: 3 });
  await completeForms(t, R, ids);
  const [a, b, c] = ids as [number, number, number];
  await t.call('rounds:addDeduction', {
    roundId: R,
    communityId: a,
    itemCode: 'A4',
    reasonCode: null,
    text: '无年度工作计划',
    amountTenths: 10,
    evidence: '查阅资料',
  });
  await t.call('rounds:addDeduction', {
    roundId: R,
    communityId: b,
    itemCode: 'B4',
    reasonCode: null,
    text: '居务公开栏未更新',
    amountTenths: 5,
    evidence: '实地查看',
  });
  await t.call('rounds:setBonus', {
    roundId: R,
    communityId: c,
    code: 'H1',
    awards: [{ level: '市级', note: '市级文明社区' }],
    tenths: null,
  });
  await t.call('rounds:setVeto', { roundId: R, communityId: b, code: 'V1', fact: '发生较大安全责任事故' });
});
afterAll(async () => t.dispose());

describe('report:quarterlyData', () => {
  it('maps the round results to the report DTO (draft)', async () => {
    const results = await t.call('rounds:results', { roundId: R });
    const data = quarterlyReportDataSchema.parse(await t.call('report:quarterlyData', { roundId: R, leader: '刘建军' }));
    expect(data.unit.street).toBe('龙塔街道');
    expect(data.round).toMatchObject({ year: 2021, quarter: 3, code: R });
    expect(data.finalization).toMatchObject({ finalized: false, contentHash: null });
    expect(data.signature).toEqual({ leader: '刘建军', reviewer: null, date: expect.stringMatching(/^2021-10-1[56]$/) });
    expect(data.categories.map((c) => c.code)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    expect(data.communities.map((c) => [c.name, c.rank, c.total, c.grade])).toEqual(
      results.communities.map((c) => [c.name, c.rank, c.total, c.grade]),
    );
    const sha = data.communities.find((c) => c.name === '沙北社区');
    expect(sha?.veto).toEqual([expect.objectContaining({ itemCode: 'V1', fact: '发生较大安全责任事故' })]);
    expect(sha?.scorecard.deductions).toEqual([
      expect.objectContaining({ itemCode: 'B4', points: 0.5, reason: '居务公开栏未更新', evidenceMethod: '实地查看' }),
    ]);
    const ji = data.communities.find((c) => c.name === '𠮷祥社区');
    expect(ji?.bonus).toBe(2);
    expect(ji?.scorecard.bonusItems).toEqual([expect.objectContaining({ itemCode: 'H1', points: 2 })]);
    // The rectification list comes from the deductions, due by the end of the next quarter.
    expect(data.rectifications.map((r) => [r.communityName, r.itemCode])).toEqual(
      expect.arrayContaining([
        ['龙塔社区', 'A4'],
        ['沙北社区', 'B4'],
      ]),
    );
    expect(data.rectifications.every((r) => r.deadline === nextQuarterEnd(2021, 3))).toBe(true);
    expect(nextQuarterEnd(2021, 3)).toBe('2021-12-31');
    expect(nextQuarterEnd(2021, 4)).toBe('2022-03-31');
  });

  it('exports the results workbook as a staged .xlsx', async () => {
    const staged = await t.call('report:exportResults', { roundId: R });
    expect(staged.name).toMatch(/考评结果（草稿）\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(t.app.files.resolve(staged.fileId).path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '明细', '扣分明细', '整改清单']);
    expect(wb.getWorksheet('汇总')?.rowCount).toBe(1 + NAMES.length);
    expect(wb.getWorksheet('扣分明细')?.rowCount).toBe(1 + 2);
  });

  it('finalized: carries the content hash of the locked results, stable across calls', async () => {
    for (const to of ['submitted', 'reviewed', 'published', 'finalized'] as const) await t.call('rounds:advance', { roundId: R, to });
    const results = await t.call('rounds:results', { roundId: R });
    const first = await t.call('report:quarterlyData', { roundId: R });
    const again = await t.call('report:quarterlyData', { roundId: R });
    expect(first.finalization.finalized).toBe(true);
    expect(first.finalization.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.finalization.contentHash).toBe(contentHash(results));
    expect(again.finalization.contentHash).toBe(first.finalization.contentHash);

    const file = path.join(t.dir, '通报 2021Q3.pdf');
    const rendered = await renderPdfToFile(buildQuarterlyReport(quarterlyReportDataSchema.parse(first)), file);
    expect(rendered.missingGlyphs).toEqual([]);
    const text = pdfText(file);
    expect(text).toContain('龙塔街道2021年第三季度');
    expect(text).toContain('𠮷祥社区');
    expect(text).toContain((first.finalization.contentHash ?? '').slice(0, 8));
    expect(text).not.toMatch(/草/);
  });
});

describe('report:annualData', () => {
  it('marks the quarters without a round and is a draft until all four are finalized', async () => {
    const data = await t.call('report:annualData', { year: 2021 });
    expect(data.finalization.finalized).toBe(false);
    expect(data.communities).toHaveLength(NAMES.length);
    for (const c of data.communities) {
      expect(c.quarters.map((q) => q.total === null)).toEqual([true, true, false, true]);
    }
    const vetoed = data.communities.find((c) => c.name === '沙北社区');
    expect(vetoed?.vetoEffects[0]).toMatch(/第三季度触发一票否决/);
    await expect(t.call('report:annualData', { year: 2019 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
