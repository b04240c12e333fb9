import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from '../../../electron/core/platform/io/excel/exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';
import { completeForms, seedCommunities } from '../../helpers/round-seed';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

const R = '2021Q3';

describe('what-if against a newer standard version', () => {
  it('shows old vs new total, rank and grade, changes nothing until accepted, and logs the acceptance', async () => {
    t = await createTestApp();
    const ids = await seedCommunities(t);
    await t.call('rounds:create', { year: 2021, quarter: 3 });
    await completeForms(t, R, ids);
    await t.call('rounds:addDeduction', {
      roundId: R,
      communityId: ids[0] as number,
      itemCode: 'A4',
      reasonCode: null,
      text: '无计划',
      amountTenths: 25,
    });
    // Version 2: A4 worth 2 (A5 worth 4, same category total), and 优秀 from 85.
    const draft = await t.call('standard:createDraft', { fromVersion: 1 });
    const std = structuredClone(draft.standard);
    const a = std.categories[0];
    const a4 = a?.items.find((i) => i.code === 'A4');
    const a5 = a?.items.find((i) => i.code === 'A5');
    if (!a4 || !a5 || !std.grading.bands[0]) throw new Error('standard shape');
    a4.maxTenths = 20;
    a5.maxTenths = 40;
    std.grading.bands[0].minTenths = 850;
    await t.call('standard:saveDraft', { version: draft.version, revision: draft.revision, standard: std });
    await t.call('standard:publish', { version: draft.version });

    const before = await t.call('rounds:results', { roundId: R });
    const w = await t.call('rounds:whatIf', { roundId: R, standardVersion: draft.version });
    expect(w).toMatchObject({ fromVersion: 1, toVersion: draft.version });
    const first = w.rows.find((r) => r.communityId === ids[0]);
    const other = w.rows.find((r) => r.communityId === ids[1]);
    // Community 1: A4 0.5 → 0 (floor), A5 3 → 4: +0.5. Others: A4 3 → 2, A5 3 → 4: ±0.
    expect(first).toMatchObject({ delta: 0.5 });
    expect(other).toMatchObject({ delta: 0 });
    expect(first?.newTotal).toBe((first?.oldTotal ?? 0) + 0.5);
    expect(w.rows.every((r) => r.newGrade === (r.newTotal >= 85 ? '优秀' : r.newGrade))).toBe(true);
    expect((await t.call('rounds:results', { roundId: R })).standardVersion).toBe(1);
    expect(await t.call('rounds:results', { roundId: R })).toEqual(before);

    await expect(t.call('rounds:acceptWhatIf', { roundId: R, standardVersion: draft.version, reason: '' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    const accepted = await t.call('rounds:acceptWhatIf', { roundId: R, standardVersion: draft.version, reason: '市里下发2021年第2版标准' });
    expect(accepted.standardVersion).toBe(draft.version);
    const after = await t.call('rounds:results', { roundId: R });
    expect(after.communities.find((c) => c.id === ids[0])?.total).toBe(first?.newTotal);
    const log = await t.call('audit:search', { action: 'round.changeStandard', limit: 5, offset: 0 });
    expect(log.entries[0]).toMatchObject({
      reason: '市里下发2021年第2版标准',
      before: { standardVersion: 1 },
      after: { standardVersion: draft.version },
    });
  });
});

describe('annual roll-up', () => {
  it('averages the available quarters and marks the missing one', async () => {
    t = await createTestApp();
    const ids = await seedCommunities(t, ['龙塔社区', '沙北社区']);
    await t.call('rounds:create', { year: 2021, quarter: 1 });
    await t.call('rounds:create', { year: 2021, quarter: 2, communityNames: ['龙塔社区'] });
    await completeForms(t, '2021Q1', ids);
    await completeForms(t, '2021Q2', [ids[0] as number]);
    await t.call('rounds:addDeduction', {
      roundId: '2021Q2',
      communityId: ids[0] as number,
      itemCode: 'A4',
      reasonCode: null,
      text: '无计划',
      amountTenths: 10,
    });
    for (const roundId of ['2021Q1', '2021Q2']) {
      for (const to of ['submitted', 'reviewed', 'published', 'finalized'] as const) await t.call('rounds:advance', { roundId, to });
    }
    const q1 = await t.call('rounds:results', { roundId: '2021Q1' });
    const q2 = await t.call('rounds:results', { roundId: '2021Q2' });
    const annual = await t.call('rounds:annual', { year: 2021 });
    expect(annual.rule).toBe('四个季度平均');
    expect(annual.coverage).toBe('截至第二季度');
    const lt = annual.rows.find((r) => r.name === '龙塔社区');
    const sb = annual.rows.find((r) => r.name === '沙北社区');
    const t1 = q1.communities.find((c) => c.name === '龙塔社区')?.total ?? 0;
    const t2 = q2.communities.find((c) => c.name === '龙塔社区')?.total ?? 0;
    expect(lt?.quarters.map((q) => q.total)).toEqual([t1, t2, null, null]);
    expect(lt?.annual).toBe(Math.round(((t1 + t2) / 2) * 10) / 10);
    expect(lt?.missingQuarters).toEqual([3, 4]);
    expect(sb?.quarters.map((q) => q.total)).toEqual([q1.communities.find((c) => c.name === '沙北社区')?.total, null, null, null]);
    expect(sb?.notes.join('')).toMatch(/缺少第2、3、4季度/);
  });
});

describe('evidence and the audit trail', () => {
  it('stores a deduction attachment in the database under its sha256 and records it', async () => {
    t = await createTestApp();
    const ids = await seedCommunities(t);
    await t.call('rounds:create', { year: 2021, quarter: 3 });
    const photo = path.join(t.dir, '现场 照片（公开栏）.jpg');
    fs.writeFileSync(photo, Buffer.from('fake jpeg bytes 公开栏'));
    const staged = t.app.files.stageFromPath(photo);
    const hash = createHash('sha256').update(fs.readFileSync(photo)).digest('hex');
    await t.call('rounds:addDeduction', {
      roundId: R,
      communityId: ids[0] as number,
      itemCode: 'B4',
      reasonCode: null,
      text: '公开栏未更新',
      amountTenths: 5,
      evidence: '实地查看',
      attachmentFileIds: [staged.fileId],
    });
    const form = await t.call('rounds:form', { roundId: R, communityId: ids[0] as number });
    expect(form.ledger[0]?.attachments).toEqual([expect.objectContaining({ fileName: '现场 照片（公开栏）.jpg', sha256: hash })]);
    const back = await t.call('rounds:attachment', { sha256: hash });
    expect(back.name).toBe('现场 照片（公开栏）.jpg');
    expect(fs.readFileSync(t.app.files.resolve(back.fileId).path).equals(fs.readFileSync(photo))).toBe(true);
    expect(fs.existsSync(t.app.paths.attachmentsDir)).toBe(false);
    const results = await t.call('rounds:results', { roundId: R });
    expect(results.communities.find((c) => c.id === ids[0])?.deductions[0]).toMatchObject({
      reason: '公开栏未更新',
      evidence: '实地查看',
      attachments: 1,
    });
  });

  it('filters the log and exports it to Excel with Chinese action names', async () => {
    t = await createTestApp();
    const ids = await seedCommunities(t);
    await t.call('rounds:create', { year: 2021, quarter: 3 });
    await t.call('rounds:setItem', { roundId: R, communityId: ids[0] as number, itemCode: 'G1', value: { kind: 'manual', tenths: 50 } });
    await t.call('rounds:setItem', { roundId: R, communityId: ids[0] as number, itemCode: 'G1', value: { kind: 'manual', tenths: 40 } });
    await t.call('rounds:setItem', {
      roundId: R,
      communityId: ids[0] as number,
      itemCode: 'C1',
      override: { tenths: 10, reason: '户数统计有误' },
    });
    const scores = await t.call('audit:search', { action: 'score.set', limit: 10, offset: 0 });
    expect(scores.total).toBe(2);
    expect(scores.entries[0]).toMatchObject({
      before: { value: { kind: 'manual', tenths: 50 } },
      after: { value: { kind: 'manual', tenths: 40 } },
    });
    expect((await t.call('audit:search', { text: '户数统计有误', limit: 10, offset: 0 })).entries.map((e) => e.action)).toEqual([
      'score.override',
    ]);
    expect((await t.call('audit:search', { from: '2000-01-01', to: '2000-12-31', limit: 10, offset: 0 })).total).toBe(0);
    const exported = await t.call('audit:export', { entity: 'score' });
    expect(exported.entries).toBe(3);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(t.app.files.resolve(exported.fileId).path);
    const ws = wb.getWorksheet('操作日志');
    expect(ws?.getRow(1).getCell(4).value).toBe('操作');
    expect([2, 3, 4].map((r) => ws?.getRow(r).getCell(4).value)).toEqual(['评分', '评分', '调整得分']);
    expect(ws?.getRow(4).getCell(10).value).toBe('户数统计有误');
    const verify = await t.call('audit:verify', {});
    expect(verify.ok).toBe(true);
  });
});
