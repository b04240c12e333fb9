/**
 * The issue of a 通报 in a real SQLite file: 公文 settings, the 公示 notice of a published round,
 * the 发文字号 and content hash stored at finalization, the 校验码 check (match, altered, unknown,
 * superseded by an unlock), a 成文日期 before the 定稿 refused, and a 文号 already issued refused.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPublicNotice } from '../../../shared/report/public-notice.builder';
import { buildQuarterlyReport } from '../../../shared/report/quarterly-report.builder';
import { quarterlyReportDataSchema } from '../../../shared/report/report-data';
import { renderPdfToFile } from '../../../electron/core/platform/io/pdf/pdf-renderer';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';
import { completeForms, seedCommunities } from '../../helpers/round-seed';
import { pdfText } from '../../unit/report/poppler';

const R = '2021Q3';
let t: TestApp;
let ids: number[];

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2021-10-15T08:00:00Z') });
  await t.call('settings:update', { street: '龙塔街道', issuer: '龙塔街道办事处' });
  ids = await seedCommunities(t, ['龙塔社区', '沙北社区', '红旗社区']);
  await t.call('rounds:create', { year: 2021, quarter: 3 });
  await completeForms(t, R, ids);
  const [a, b] = ids as [number, number];
  // The user's full-width punctuation stays as typed (no NFKC).
  await t.call('rounds:addDeduction', {
    roundId: R,
    communityId: a,
    itemCode: 'A4',
    reasonCode: null,
    text: '“两委”会议记录缺2次，（7月、8月）',
    amountTenths: 10,
    evidence: '查阅资料',
  });
  await t.call('rounds:setVeto', { roundId: R, communityId: b, code: 'V1', fact: '发生较大安全责任事故' });
}, 120_000);
afterAll(async () => t.dispose());

describe('公文 settings', () => {
  it('are saved, audited and refused when malformed, leaving them unchanged', async () => {
    const saved = await t.call('report:updateDocumentSettings', {
      docPrefix: '龙街办',
      cc: '区民政局，区委组织部',
      printer: '龙塔街道党政办公室',
      contact: '王芳',
      phone: '0395-3123456',
      office: '街道社区规范化创建工作办公室',
    });
    expect(saved).toMatchObject({ docPrefix: '龙街办', recipients: '各社区党组织、居民委员会', publicity: '此件公开发布' });
    await expect(t.call('report:updateDocumentSettings', { docPrefix: '龙街办〔2021〕' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(t.call('report:updateDocumentSettings', { publicity: '公开' as never })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await t.call('report:documentSettings', {})).toEqual(saved);
  });
});

describe('people in the report', () => {
  it('are printed by 姓名, never by login name; workflow comments are not printed', async () => {
    const user = await t.call('users:create', { username: 'liqiang', displayName: '李强', role: 'admin', password: 'Kp9-xq2-Lm7-Zr4' });
    const actor = { userId: user.id, username: 'liqiang', displayName: '李强', role: 'admin' as const };
    await t.call(
      'rounds:addDeduction',
      {
        roundId: R,
        communityId: ids[2] as number,
        itemCode: 'B4',
        reasonCode: null,
        text: '居务公开栏未更新',
        amountTenths: 5,
        evidence: '实地查看',
      },
      actor,
    );
    const data = await t.call('report:quarterlyData', { roundId: R });
    const red = data.communities.find((c) => c.name === '红旗社区');
    expect(red?.scorecard.deductions.map((d) => d.assessor)).toContain('李强');
    expect(JSON.stringify(data)).not.toContain('liqiang');
    expect(data.communities.every((c) => c.scorecard.comments.length === 0)).toBe(true);
  });
});

describe('公示 and 定稿', () => {
  it('refuses the 公示 notice before the round is published', async () => {
    await expect(t.call('report:noticeData', { roundId: R })).rejects.toMatchObject({ code: 'ILLEGAL_STATE' });
  });

  it('prints the 公示 notice of a published round: its own title, the period, the appeal deadline, no watermark', async () => {
    for (const to of ['submitted', 'reviewed', 'published'] as const) await t.call('rounds:advance', { roundId: R, to });
    const data = quarterlyReportDataSchema.parse(await t.call('report:noticeData', { roundId: R, from: '2021-10-08', to: '2021-10-14' }));
    const file = path.join(t.dir, '公示.pdf');
    await renderPdfToFile(buildPublicNotice(data), file);
    const text = pdfText(file);
    const flat = text.replace(/\s+/g, '');
    expect(text).toContain('关于龙塔街道2021年第三季度');
    expect(text).toContain('社区规范化创建考评结果的公示');
    expect(flat).toContain('公示期为2021年10月8日至2021年10月14日（共7天）');
    expect(flat).toContain('可于2021年10月14日前以书面形式向街道社区规范化创建工作办公室提出申诉');
    expect(flat).toContain('联系人：王芳，联系电话：0395-3123456');
    expect(flat).toContain('一票否决');
    expect(text).not.toMatch(/草\s*稿/);
    expect(text).not.toContain('通报');
  });

  it('stores the 文号 and the content hash at finalization and prints them', async () => {
    await expect(t.call('report:quarterlyData', { roundId: R, date: '2021-10-01' })).resolves.toBeDefined(); // not finalized yet: no 定稿 date to be before
    await t.call('rounds:advance', { roundId: R, to: 'finalized', docNumber: 23 });
    const data = await t.call('report:quarterlyData', { roundId: R });
    expect(data.document).toMatchObject({ docNumber: '龙街办〔2021〕23号', cc: '区民政局，区委组织部', printer: '龙塔街道党政办公室' });
    const stored = await t.app.db.selectFrom('report_issues').selectAll().where('round_id', '=', R).execute();
    expect(stored).toEqual([
      expect.objectContaining({ doc_year: 2021, doc_seq: 23, doc_number: '龙街办〔2021〕23号', superseded_at: null }),
    ]);
    expect(data.finalization.contentHash).toBe(stored[0]?.content_hash);

    const file = path.join(t.dir, '通报.pdf');
    await renderPdfToFile(buildQuarterlyReport(quarterlyReportDataSchema.parse(data)), file);
    const text = pdfText(file);
    expect(text).toContain('龙街办〔2021〕23号');
    expect(text).toContain('“两委”会议记录缺2次，（7月、8月）');
    expect(text).toContain('沙北社区因“');
    // The veto row of the 整改清单 reads as what was vetoed; one short requirement per item.
    const veto = data.rectifications.find((r) => r.communityName === '沙北社区' && r.itemCode === 'V1');
    expect(veto?.problem).toMatch(/^一票否决：/);
    expect(new Set(data.rectifications.map((r) => r.requirement)).size).toBe(new Set(data.rectifications.map((r) => r.itemCode)).size);
  });

  it('refuses a 成文日期 before the 定稿', async () => {
    await expect(t.call('report:quarterlyData', { roundId: R, date: '2021-10-14' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('早于定稿日期'),
    });
  });

  it('verifies the printed code: whole, in groups, as QR text or its first 16 digits; an altered or unknown code does not match', async () => {
    const hash = (await t.call('report:quarterlyData', { roundId: R })).finalization.contentHash ?? '';
    const ok = { match: true, round: R, docNumber: '龙街办〔2021〕23号', finalizedAt: expect.any(String) };
    expect(await t.call('report:verify', { code: hash })).toMatchObject(ok);
    expect(await t.call('report:verify', { code: hash.toUpperCase().replace(/(.{8})/g, '$1 ') })).toMatchObject(ok);
    expect(await t.call('report:verify', { code: `KPTB:${R}:${hash}` })).toMatchObject(ok);
    expect(await t.call('report:verify', { code: hash.slice(0, 16) })).toMatchObject(ok);
    const altered = (hash[0] === 'a' ? 'b' : 'a') + hash.slice(1);
    expect(await t.call('report:verify', { code: altered })).toMatchObject({ match: false });
    expect(await t.call('report:verify', { code: '不是校验码' })).toMatchObject({ match: false, reason: expect.stringContaining('格式') });
  });

  it('after an unlock the old code no longer verifies; re-finalizing keeps the 文号; a 文号 in use is refused', async () => {
    const before = (await t.call('report:quarterlyData', { roundId: R })).finalization.contentHash ?? '';
    await t.call('rounds:unlock', { roundId: R, reason: '更正扣分' });
    expect(await t.call('report:verify', { code: before })).toMatchObject({
      match: false,
      round: R,
      reason: expect.stringContaining('作废'),
    });
    // Another round's live issue holds number 5 this year.
    await t.app.db
      .insertInto('report_issues')
      .values({
        round_id: '2021Q2',
        doc_year: 2021,
        doc_seq: 5,
        doc_number: '龙街办〔2021〕5号',
        content_hash: 'f'.repeat(64),
        finalized_at: '2021-07-10T00:00:00Z',
        issued_by: 'x',
        superseded_at: null,
      })
      .execute();
    await expect(t.call('rounds:advance', { roundId: R, to: 'finalized', docNumber: 5 })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('第5号'),
    });
    expect((await t.call('rounds:get', { roundId: R })).state).toBe('published');
    await t.call('rounds:advance', { roundId: R, to: 'finalized' });
    const again = await t.call('report:quarterlyData', { roundId: R });
    expect(again.document.docNumber).toBe('龙街办〔2021〕23号');
    expect(await t.call('report:verify', { code: again.finalization.contentHash ?? '' })).toMatchObject({ match: true, round: R });
  });
});
