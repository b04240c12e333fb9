import path from 'node:path';
import ExcelJS from '../../../electron/core/platform/io/excel/exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../electron/core/app-context';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';
import { completeForms, seedCommunities } from '../../helpers/round-seed';

/** Every write on a round checks the record, per channel, through the real dispatcher. */
let t: TestApp | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

const R = '2021Q3';
const ZHANG: Actor = { userId: null, username: 'zhang', displayName: '张考评', role: 'assessor' };

async function refused(p: Promise<unknown>, message = /未分配给您|自己的评分表|不能提交整轮/): Promise<void> {
  const err = await p.then(
    () => null,
    (e: unknown) => e as { code: string; message: string },
  );
  expect(err, 'expected the call to be refused').not.toBeNull();
  expect(err?.code).toBe('FORBIDDEN');
  expect(err?.message).toMatch(message);
}

/** 张 is assigned 龙塔社区 (all of it) and 沙北社区's 一级指标 G only; 受降社区 is 李's. */
async function setup(): Promise<{ t: TestApp; a: number; b: number; c: number }> {
  t = await createTestApp();
  const [a, b, c] = (await seedCommunities(t)) as [number, number, number];
  await t.call('rounds:create', { year: 2021, quarter: 3 });
  // Assessors are picked from existing 考评员 accounts.
  await t.call('users:create', { username: 'zhang', displayName: '张考评', role: 'assessor', password: 'Kaoping2021' });
  await t.call('users:create', { username: 'li', displayName: '李考评', role: 'assessor', password: 'Kaoping2021' });
  await t.call('rounds:assign', {
    roundId: R,
    assignments: [
      { assessor: 'zhang', communityId: a, categoryCode: null },
      { assessor: 'zhang', communityId: b, categoryCode: 'G' },
      { assessor: 'li', communityId: c, categoryCode: null },
    ],
  });
  return { t, a, b, c };
}

describe('scoring assignments, per channel', () => {
  it('item, deduction, bonus and veto writes only for assigned communities and categories', async () => {
    const { t, a, b, c } = await setup();
    await refused(t.call('rounds:setItem', { roundId: R, communityId: c, itemCode: 'G1', value: { kind: 'manual', tenths: 50 } }, ZHANG));
    await refused(t.call('rounds:setItem', { roundId: R, communityId: b, itemCode: 'C5', value: { kind: 'manual', tenths: 20 } }, ZHANG));
    await t.call('rounds:setItem', { roundId: R, communityId: b, itemCode: 'G1', value: { kind: 'manual', tenths: 50 } }, ZHANG);
    await t.call('rounds:setItem', { roundId: R, communityId: a, itemCode: 'C5', value: { kind: 'manual', tenths: 20 } }, ZHANG);
    await refused(
      t.call(
        'rounds:addDeduction',
        { roundId: R, communityId: c, itemCode: 'F2', reasonCode: null, text: '未公示', amountTenths: 10 },
        ZHANG,
      ),
    );
    await refused(t.call('rounds:setBonus', { roundId: R, communityId: c, code: 'H5', awards: null, tenths: 10 }, ZHANG));
    await refused(t.call('rounds:setVeto', { roundId: R, communityId: c, code: 'V1', fact: '事故' }, ZHANG));
  });

  it('removes a deduction only from the shared form or 张 own blind sheet', async () => {
    const { t, a } = await setup();
    const onLi = await t.call('rounds:addDeduction', {
      roundId: R,
      communityId: a,
      assessor: 'li',
      itemCode: 'F2',
      reasonCode: null,
      text: '李的扣分',
      amountTenths: 10,
    });
    await refused(t.call('rounds:removeDeduction', { roundId: R, deductionId: onLi.deductionId }, ZHANG));
    expect(await t.app.db.selectFrom('deductions').select('id').where('id', '=', onLi.deductionId).executeTakeFirst()).toBeDefined();
    const own = await t.call(
      'rounds:addDeduction',
      { roundId: R, communityId: a, assessor: 'zhang', itemCode: 'F2', reasonCode: null, text: '张的扣分', amountTenths: 10 },
      ZHANG,
    );
    await t.call('rounds:removeDeduction', { roundId: R, deductionId: own.deductionId }, ZHANG);
    const shared = await t.call('rounds:addDeduction', {
      roundId: R,
      communityId: a,
      itemCode: 'F2',
      reasonCode: null,
      text: '共同扣分',
      amountTenths: 10,
    });
    await t.call('rounds:removeDeduction', { roundId: R, deductionId: shared.deductionId }, ZHANG);
  });

  it('submits a form, or the whole round, only when the communities are assigned', async () => {
    const { t, a, b, c } = await setup();
    await completeForms(t, R, [a, b, c]);
    await refused(t.call('rounds:submitForm', { roundId: R, communityId: c }, ZHANG));
    await refused(t.call('rounds:advance', { roundId: R, to: 'submitted' }, ZHANG));
    expect((await t.call('rounds:get', { roundId: R })).communities.find((x) => x.id === c)?.status).not.toBe('submitted');
    await t.call('rounds:submitForm', { roundId: R, communityId: a }, ZHANG);
    expect((await t.call('rounds:get', { roundId: R })).communities.find((x) => x.id === a)?.status).toBe('submitted');
  });

  it('verifies (销号) rectifications only for assigned communities', async () => {
    const { t, a, b, c } = await setup();
    await completeForms(t, R, [a, b, c]);
    await t.call('rounds:addDeduction', {
      roundId: R,
      communityId: c,
      itemCode: 'F2',
      reasonCode: null,
      text: '服务清单未公示',
      amountTenths: 20,
    });
    for (const to of ['submitted', 'reviewed', 'published', 'finalized'] as const) await t.call('rounds:advance', { roundId: R, to });
    await t.call('rounds:create', { year: 2021, quarter: 4 });
    await t.call('rounds:assign', { roundId: '2021Q4', assignments: [{ assessor: 'zhang', communityId: a, categoryCode: null }] });
    const rect = (await t.call('rounds:form', { roundId: '2021Q4', communityId: c })).rectifications[0]!;
    await refused(
      t.call('rounds:verifyRectification', { roundId: '2021Q4', rectificationId: rect.id, status: 'verified', note: '已公示' }, ZHANG),
    );
    expect((await t.call('rounds:form', { roundId: '2021Q4', communityId: c })).rectifications[0]?.status).toBe('open');
  });

  it('imports field sheets only for assigned communities and categories', async () => {
    const { t, a, b, c } = await setup();
    const { fileId } = await t.call('rounds:exportSheets', { roundId: R });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(t.app.files.resolve(fileId).path);
    const fill = (sheet: string, code: string, score: number) => {
      const ws = wb.getWorksheet(sheet)!;
      for (let i = 1; i <= ws.rowCount; i++) if (ws.getRow(i).getCell(1).value === code) ws.getRow(i).getCell(5).value = score;
    };
    fill('龙塔社区', 'G1', 5);
    fill('沙北社区', 'G1', 4);
    fill('沙北社区', 'C5', 2);
    fill('受降社区', 'G1', 3);
    const file = path.join(t.dir, '现场评分表-张.xlsx');
    await wb.xlsx.writeFile(file);
    const staged = t.app.files.stageFromPath(file);
    const result = await t.call('rounds:importSheets', { roundId: R, fileId: staged.fileId, dryRun: false }, ZHANG);
    expect(result.committed).toBe(true);
    expect(result.problems.filter((p) => p.severity === 'error').map((p) => `${p.sheet}:${p.value}`)).toEqual(
      expect.arrayContaining(['沙北社区:C5', '受降社区:受降社区']),
    );
    const value = async (communityId: number, code: string) =>
      (
        await t!.app.db
          .selectFrom('score_items')
          .select('value_json')
          .where('round_id', '=', R)
          .where('community_id', '=', communityId)
          .where('item_code', '=', code)
          .executeTakeFirst()
      )?.value_json ?? null;
    expect(await value(a, 'G1')).not.toBeNull();
    expect(await value(b, 'G1')).not.toBeNull();
    expect(await value(b, 'C5')).toBeNull();
    expect(await value(c, 'G1')).toBeNull();
  });
});
