/**
 * Scoring rules of issue #10 on a real SQLite database through the contract: banded manual items,
 * deduction items that need 核查无扣分, idempotent creation, appeals that withdraw a deduction.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';
import { completeForms, seedCommunities } from '../../helpers/round-seed';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

const R = '2021Q3';

async function setup(): Promise<{ t: TestApp; ids: number[] }> {
  t = await createTestApp();
  const ids = await seedCommunities(t);
  await t.call('rounds:create', { year: 2021, quarter: 3 });
  return { t, ids };
}

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  const err = await p.then(
    () => null,
    (e: unknown) => e as { code: string; message: string },
  );
  expect(err, 'expected the call to be refused').not.toBeNull();
  return err as { code: string; message: string };
}

describe('manual items with bands', () => {
  it('accept only the values their bands allow (G1 6/5/4/2/0, D5 3/2.4/1.8/0) and leave the saved value unchanged', async () => {
    const { t, ids } = await setup();
    const c = ids[0] as number;
    await t.call('rounds:setItem', { roundId: R, communityId: c, itemCode: 'G1', value: { kind: 'manual', tenths: 50 } });
    const g1 = await refusal(t.call('rounds:setItem', { roundId: R, communityId: c, itemCode: 'G1', value: { kind: 'manual', tenths: 30 } }));
    expect(g1.code).toBe('VALIDATION_FAILED');
    expect(g1.message).toContain('只能评6、5、4、2、0分');
    const d5 = await refusal(t.call('rounds:setItem', { roundId: R, communityId: c, itemCode: 'D5', value: { kind: 'manual', tenths: 22 } }));
    expect(d5.message).toContain('3、2.4、1.8、0');
    const ok = await t.call('rounds:setItem', { roundId: R, communityId: c, itemCode: 'D5', value: { kind: 'manual', tenths: 24 } });
    expect(ok.score.items.find((i) => i.code === 'D5')).toMatchObject({ tenths: 24, status: 'scored' });
    const form = await t.call('rounds:form', { roundId: R, communityId: c });
    expect(form.entries.items.find((e) => e.itemCode === 'G1')?.value).toEqual({ kind: 'manual', tenths: 50 });
  });
});

describe('deduction items need 核查无扣分', () => {
  it('are unscored until confirmed or deducted, and submission lists them like unscored items', async () => {
    const { t, ids } = await setup();
    const c = ids[0] as number;
    const form = await t.call('rounds:form', { roundId: R, communityId: c });
    const a4 = form.score.items.find((i) => i.code === 'A4');
    expect(a4).toMatchObject({ status: 'missing', tenths: 0 });
    expect(a4?.message).toContain('核查无扣分');
    // Every other item done, only A4 left unchecked.
    await completeForms(t, R, ids);
    await t.call('rounds:setItem', { roundId: R, communityId: c, itemCode: 'A4', value: null });
    const back = await t.call('rounds:form', { roundId: R, communityId: c });
    expect(back.score.items.find((i) => i.code === 'A4')?.status).toBe('missing');
    expect(back.score.complete).toBe(false);
    const refused = await refusal(t.call('rounds:submitForm', { roundId: R, communityId: c }));
    expect(refused.code).toBe('ILLEGAL_STATE');
    expect(refused.message).toContain('A4');
    expect((await refusal(t.call('rounds:advance', { roundId: R, to: 'submitted' }))).message).toContain('龙塔社区（1项未评分、未核查或有误）');
    // The one key: 核查无扣分 gives the item its full marks.
    const confirmed = await t.call('rounds:setItem', { roundId: R, communityId: c, itemCode: 'A4', value: { kind: 'deduct', deductions: [] } });
    expect(confirmed.score.items.find((i) => i.code === 'A4')).toMatchObject({ status: 'scored', tenths: 30 });
    expect(confirmed.score.complete).toBe(true);
    // A deduction also counts as checked, and a non-empty ledger cannot be typed in as a value.
    const c2 = ids[1] as number;
    const ded = await t.call('rounds:addDeduction', { roundId: R, communityId: c2, itemCode: 'A4', reasonCode: null, text: '缺少专题会议记录', amountTenths: 5 });
    expect(ded.score.items.find((i) => i.code === 'A4')).toMatchObject({ status: 'scored', tenths: 25 });
    const typed = await refusal(
      t.call('rounds:setItem', { roundId: R, communityId: c2, itemCode: 'A4', value: { kind: 'deduct', deductions: [{ reasonCode: null, text: 'x', amountTenths: 5 }] } }),
    );
    expect(typed.message).toContain('逐条记录扣分');
    await t.call('rounds:submitForm', { roundId: R, communityId: c });
  });
});
