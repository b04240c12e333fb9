import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../electron/core/app-context';
import { verifyAuditChain } from '../../../electron/core/platform/audit/audit-log';
import { isVersionInUse } from '../../../electron/core/features/standard/standard.service';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';
import { dbTarget } from '../../helpers/test-db';
import { completeForms, seedCommunities } from '../../helpers/round-seed';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

const R = '2021Q3';
const ASSESSOR: Actor = { userId: null, username: 'zhang', displayName: '张考评', role: 'assessor' };
const VIEWER: Actor = { userId: null, username: 'kan', displayName: '查看', role: 'viewer' };

async function setup(): Promise<{ t: TestApp; ids: number[] }> {
  t = await createTestApp();
  const ids = await seedCommunities(t);
  await t.call('rounds:create', { year: 2021, quarter: 3 });
  return { t, ids };
}

async function expectError(p: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  const err = await p.then(
    () => null,
    (e: unknown) => e as { code: string; message: string },
  );
  expect(err, 'expected the call to be refused').not.toBeNull();
  expect(err?.code).toBe(code);
  if (message) expect(err?.message).toMatch(message);
}

describe('round creation', () => {
  it('pins the latest published standard, marks it used and freezes the communities', async () => {
    const { t, ids } = await setup();
    const d = await t.call('rounds:get', { roundId: R });
    expect(d).toMatchObject({
      id: R,
      title: '2021年第三季度',
      state: 'draft',
      standardVersion: 1,
      canRefreeze: true,
      nextStates: ['submitted'],
    });
    expect(d.communities.map((c) => c.id)).toEqual(ids);
    expect(await isVersionInUse(t.app.db, 1)).toBe(true);
    await expectError(t.call('rounds:create', { year: 2021, quarter: 3 }), 'CONFLICT', /已经存在/);
    await expectError(t.call('rounds:create', { year: 2021, quarter: 4, standardVersion: 9 }), 'VALIDATION_FAILED', /第9版/);
    // Computed items come from the frozen roster snapshot, with the rows behind them.
    const form = await t.call('rounds:form', { roundId: R, communityId: ids[0] as number });
    expect(form.metrics.households).toBe(2400);
    expect(form.score.items.find((i) => i.code === 'C1')).toMatchObject({ status: 'computed', tenths: 20 });
    expect(form.drillDown.households).toEqual([expect.objectContaining({ 社区: '龙塔社区', 户数: 2400 })]);
    // Roster changes after creation do not move the frozen snapshot until it is re-frozen.
    await t.app.db
      .updateTable('communities')
      .set({ households: 3500 })
      .where('id', '=', ids[0] as number)
      .execute();
    expect((await t.call('rounds:form', { roundId: R, communityId: ids[0] as number })).metrics.households).toBe(2400);
    await t.call('rounds:refreeze', { roundId: R });
    const refrozen = await t.call('rounds:form', { roundId: R, communityId: ids[0] as number });
    expect(refrozen.metrics.households).toBe(3500);
    expect(refrozen.score.items.find((i) => i.code === 'C1')?.tenths).toBe(0);
    const part = await t.call('rounds:create', { year: 2021, quarter: 4, communityNames: ['沙北社区'] });
    expect(part.communities.map((c) => c.name)).toEqual(['沙北社区']);
  });
});

describe('workflow and locking through the contract', () => {
  it('refuses illegal transitions with a Chinese reason', async () => {
    const { t } = await setup();
    await expectError(t.call('rounds:advance', { roundId: R, to: 'reviewed' }), 'ILLEGAL_STATE', /当前为“草稿”状态，不能直接改为“已审核”/);
    await expectError(t.call('rounds:advance', { roundId: R, to: 'finalized' }), 'ILLEGAL_STATE', /草稿/);
    // Forms not complete yet.
    await expectError(t.call('rounds:advance', { roundId: R, to: 'submitted' }), 'ILLEGAL_STATE', /未完成，不能提交/);
    expect((await t.call('rounds:get', { roundId: R })).state).toBe('draft');
  });

  it('refuses out-of-range and off-step scores on the spot, and saves valid ones durably', async () => {
    const { t, ids } = await setup();
    const c = ids[0] as number;
    await expectError(
      t.call('rounds:setItem', { roundId: R, communityId: c, itemCode: 'B6', value: { kind: 'manual', tenths: 25 } }),
      'VALIDATION_FAILED',
      /0至2分之间/,
    );
    await expectError(
      t.call('rounds:setItem', { roundId: R, communityId: c, itemCode: 'B6', value: { kind: 'manual', tenths: 13 } }),
      'VALIDATION_FAILED',
      /按0\.5分递增/,
    );
    await expectError(
      t.call('rounds:setItem', { roundId: R, communityId: c, itemCode: 'A1', value: { kind: 'manual', tenths: 10 } }),
      'VALIDATION_FAILED',
      /自动计算/,
    );
    const saved = await t.call('rounds:setItem', { roundId: R, communityId: c, itemCode: 'B6', value: { kind: 'manual', tenths: 15 } });
    expect(saved.score.items.find((i) => i.code === 'B6')).toMatchObject({ tenths: 15, status: 'scored' });
    // Deduction ledger: the item score is derived from the records, floor 0.
    await t.call('rounds:addDeduction', {
      roundId: R,
      communityId: c,
      itemCode: 'A4',
      reasonCode: null,
      text: '无年度工作计划',
      amountTenths: 10,
      evidence: '查阅资料',
    });
    const after = await t.call('rounds:addDeduction', {
      roundId: R,
      communityId: c,
      itemCode: 'A4',
      reasonCode: null,
      text: '未开专题会',
      amountTenths: 25,
    });
    expect(after.score.items.find((i) => i.code === 'A4')).toMatchObject({ tenths: 0, deductedTenths: 35 });
    // Reopen the database file: what the contract saved is there.
    const dbFile = t.dbFile;
    await t.app.close();
    const { createAppContext } = await import('../../../electron/core/app-context');
    t.app = await createAppContext({ dbFile: dbTarget(dbFile), door: 'cli' });
    const form = await t.call('rounds:form', { roundId: R, communityId: c });
    expect(form.entries.items.find((e) => e.itemCode === 'B6')?.value).toEqual({ kind: 'manual', tenths: 15 });
    expect(form.ledger.map((l) => [l.itemCode, l.text, l.amountTenths, l.createdBy])).toEqual([
      ['A4', '无年度工作计划', 10, 'local-admin'],
      ['A4', '未开专题会', 25, 'local-admin'],
    ]);
  });

  it('runs draft → submitted → returned → submitted → reviewed → published (appeal) → finalized, then locks every write', async () => {
    const { t, ids } = await setup();
    const [a, b] = ids as [number, number, number];
    await completeForms(t, R, ids);
    await t.call('rounds:addDeduction', {
      roundId: R,
      communityId: b,
      itemCode: 'C4',
      reasonCode: null,
      text: '标识牌缺失',
      amountTenths: 5,
    });
    await expectError(t.call('rounds:advance', { roundId: R, to: 'submitted' }, VIEWER), 'FORBIDDEN');
    const submitted = await t.call('rounds:advance', { roundId: R, to: 'submitted' }, ASSESSOR);
    expect(submitted.state).toBe('submitted');
    expect(submitted.canRefreeze).toBe(false);
    await expectError(t.call('rounds:refreeze', { roundId: R }), 'ILLEGAL_STATE', /不能再重新冻结/);
    expect(submitted.communities.every((c) => c.status === 'submitted')).toBe(true);
    // Submitted: scores cannot change.
    await expectError(
      t.call('rounds:setItem', { roundId: R, communityId: a, itemCode: 'B6', value: { kind: 'manual', tenths: 10 } }),
      'ILLEGAL_STATE',
      /已提交/,
    );
    // Only reviewers review.
    await expectError(t.call('rounds:advance', { roundId: R, to: 'reviewed' }, ASSESSOR), 'FORBIDDEN');
    await expectError(t.call('rounds:advance', { roundId: R, to: 'returned' }), 'VALIDATION_FAILED', /退回意见/);
    const returned = await t.call('rounds:advance', { roundId: R, to: 'returned', comment: 'B6 请补充监督记录', communityIds: [a] });
    expect(returned.communities.map((c) => c.status)).toEqual(['returned', 'submitted', 'submitted']);
    await t.call('rounds:setItem', { roundId: R, communityId: a, itemCode: 'B6', value: { kind: 'manual', tenths: 10 } });
    await expectError(
      t.call('rounds:setItem', { roundId: R, communityId: b, itemCode: 'B6', value: { kind: 'manual', tenths: 10 } }),
      'ILLEGAL_STATE',
      /退回该社区/,
    );
    const form = await t.call('rounds:form', { roundId: R, communityId: a });
    expect(form.comments.map((c) => c.text)).toContain('B6 请补充监督记录');
    await t.call('rounds:advance', { roundId: R, to: 'submitted' });
    await t.call('rounds:advance', { roundId: R, to: 'reviewed' });
    const published = await t.call('rounds:advance', { roundId: R, to: 'published' });
    expect(published.nextStates).toEqual(['finalized']);
    const appeal = await t.call('rounds:addAppeal', { roundId: R, communityId: b, itemCode: 'C4', claim: '标识牌已于公示前补齐' });
    await expectError(t.call('rounds:advance', { roundId: R, to: 'finalized' }), 'ILLEGAL_STATE', /申诉未处理/);
    const decided = await t.call('rounds:decideAppeal', {
      roundId: R,
      appealId: appeal.id,
      accepted: true,
      decision: '经核实已整改，恢复满分',
      newItemTenths: 10,
    });
    expect(decided).toMatchObject({ status: 'accepted', adjustment: 0.5 });
    const finalized = await t.call('rounds:advance', { roundId: R, to: 'finalized', comment: '经领导小组审定' });
    expect(finalized.state).toBe('finalized');
    expect(finalized.nextStates).toEqual([]);
    // The safety feature's backup hook ran before finalizing.
    expect(fs.readdirSync(t.app.paths.backupsDir).some((f) => f.startsWith('定稿前备份-'))).toBe(true);

    const locked: Array<[string, () => Promise<unknown>]> = [
      ['setItem', () => t.call('rounds:setItem', { roundId: R, communityId: a, itemCode: 'B6', value: { kind: 'manual', tenths: 20 } })],
      ['na', () => t.call('rounds:setItem', { roundId: R, communityId: a, itemCode: 'B6', na: { reason: '不适用' } })],
      [
        'addDeduction',
        () => t.call('rounds:addDeduction', { roundId: R, communityId: a, itemCode: 'A4', reasonCode: null, text: 'x', amountTenths: 5 }),
      ],
      ['setBonus', () => t.call('rounds:setBonus', { roundId: R, communityId: a, code: 'H5', awards: null, tenths: 10 })],
      ['setVeto', () => t.call('rounds:setVeto', { roundId: R, communityId: a, code: 'V1', fact: '事故' })],
      ['submitForm', () => t.call('rounds:submitForm', { roundId: R, communityId: a })],
      ['advance', () => t.call('rounds:advance', { roundId: R, to: 'published' })],
      ['assign', () => t.call('rounds:assign', { roundId: R, assignments: [] })],
      ['refreeze', () => t.call('rounds:refreeze', { roundId: R })],
      [
        'settle',
        () => t.call('rounds:settle', { roundId: R, communityId: a, itemCode: 'B6', method: 'chosen', chosenTenths: 10, note: '合议' }),
      ],
      ['addAppeal', () => t.call('rounds:addAppeal', { roundId: R, communityId: a, itemCode: null, claim: '再申诉' })],
      ['acceptWhatIf', () => t.call('rounds:acceptWhatIf', { roundId: R, standardVersion: 1, reason: '试' })],
    ];
    for (const [name, run] of locked) {
      const err = await run().then(
        () => null,
        (e: { code: string; message: string }) => e,
      );
      expect(err?.code, name).toBe('LOCKED');
      expect(err?.message, name).toMatch(/定稿锁定/);
    }
    const frozen = await t.call('rounds:results', { roundId: R });
    expect(frozen.finalized).toBe(true);
    expect(frozen.communities.find((c) => c.id === a)?.items.find((i) => i.code === 'B6')?.score).toBe(1);

    // Unlock needs a reason and is audited.
    await expectError(t.call('rounds:unlock', { roundId: R, reason: '' }), 'INVALID_INPUT');
    await expectError(t.call('rounds:unlock', { roundId: R, reason: '更正' }, ASSESSOR), 'FORBIDDEN');
    const unlocked = await t.call('rounds:unlock', { roundId: R, reason: '沙北社区申诉材料补充' });
    expect(unlocked.state).toBe('published');
    const log = await t.call('audit:search', { action: 'round.unlock', limit: 10, offset: 0 });
    expect(log.entries[0]).toMatchObject({ reason: '沙北社区申诉材料补充', before: { state: 'finalized' }, after: { state: 'published' } });
    const transitions = await t.call('audit:search', { action: 'round.advance', limit: 50, offset: 0 });
    expect(transitions.entries.map((e) => (e.after as { state: string }).state).reverse()).toEqual([
      'submitted',
      'returned',
      'submitted',
      'reviewed',
      'published',
      'finalized',
    ]);
    expect((await verifyAuditChain(t.app.db)).ok).toBe(true);
  });

  it('carries the rectification list into the next quarter to be verified (销号)', async () => {
    const { t, ids } = await setup();
    const b = ids[1] as number;
    await completeForms(t, R, ids);
    await t.call('rounds:addDeduction', {
      roundId: R,
      communityId: b,
      itemCode: 'F2',
      reasonCode: null,
      text: '服务清单未公示',
      amountTenths: 20,
    });
    for (const to of ['submitted', 'reviewed', 'published', 'finalized'] as const) await t.call('rounds:advance', { roundId: R, to });
    // (Structural shortfalls of the seed's thin rosters are on the list too: scoring-rules.test.ts.)
    const list = (await t.call('rounds:rectifications', { roundId: R })).filter((r) => r.kind !== 'structure');
    expect(list).toEqual([
      expect.objectContaining({ communityName: '沙北社区', itemCode: 'F2', text: '服务清单未公示', lost: 2, status: 'open' }),
    ]);
    await t.call('rounds:create', { year: 2021, quarter: 4 });
    const q4 = await t.call('rounds:form', { roundId: '2021Q4', communityId: b });
    expect(q4.rectifications.filter((r) => r.kind !== 'structure')).toEqual([
      expect.objectContaining({ roundId: R, itemCode: 'F2', status: 'open' }),
    ]);
    const rect = q4.rectifications.find((r) => r.itemCode === 'F2');
    if (!rect) throw new Error('no rectification');
    const verified = await t.call('rounds:verifyRectification', {
      roundId: '2021Q4',
      rectificationId: rect.id,
      status: 'verified',
      note: '已在公示栏公示',
    });
    expect(verified).toMatchObject({ status: 'verified', verifiedRoundId: '2021Q4', verifiedNote: '已在公示栏公示' });
    // Results of Q4 compare with Q3.
    const res = await t.call('rounds:results', { roundId: '2021Q4' });
    expect(res.previousRound).toBe(R);
    expect(res.communities.find((c) => c.id === b)?.change?.previousTotal).toBeTypeOf('number');
  });

  it('ranks full ties sharing a rank (1, 1, 3), vetoed communities last and 不合格', async () => {
    const { t, ids } = await setup();
    const [a, b, c] = ids as [number, number, number];
    await completeForms(t, R, ids);
    // b loses 1 point; a and c are equal on every tie-break key.
    await t.call('rounds:addDeduction', {
      roundId: R,
      communityId: b,
      itemCode: 'C4',
      reasonCode: null,
      text: '标识牌缺失',
      amountTenths: 10,
    });
    const tied = await t.call('rounds:results', { roundId: R });
    expect(tied.communities.map((x) => [x.id, x.rank, x.tied])).toEqual([
      [a, 1, true],
      [c, 1, true],
      [b, 3, false],
    ]);
    expect(tied.communities[0]?.total).toBe((tied.communities[2]?.total ?? 0) + 1);
    await t.call('rounds:setVeto', { roundId: R, communityId: c, code: 'V1', fact: '发生较大安全责任事故' });
    const r = await t.call('rounds:results', { roundId: R });
    const by = new Map(r.communities.map((x) => [x.id, x]));
    expect(by.get(a)).toMatchObject({ rank: 1, veto: false, tied: false });
    expect(by.get(b)).toMatchObject({ rank: 2 });
    expect(by.get(c)).toMatchObject({ rank: 3, grade: '不合格', veto: true });
    expect(by.get(c)?.vetoes[0]?.fact).toBe('发生较大安全责任事故');
    expect(by.get(b)?.deductions).toEqual([
      expect.objectContaining({ itemCode: 'C4', reason: '标识牌缺失', points: 1, assessor: 'local-admin' }),
    ]);
    expect(by.get(a)?.categories.map((k) => k.code)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    expect(r.grades.find((g) => g.label === '不合格')?.count).toBe(1);
  });

  it('lets an assessor score only the communities assigned to them; a viewer writes nothing', async () => {
    const { t, ids } = await setup();
    const [a, b] = ids as [number, number, number];
    await t.call('users:create', { username: 'zhang', displayName: '张考评', role: 'assessor', password: 'Kaoping2021' });
    await t.call('rounds:assign', { roundId: R, assignments: [{ assessor: 'zhang', communityId: a, categoryCode: null }] });
    const ok = await t.call(
      'rounds:setItem',
      { roundId: R, communityId: a, itemCode: 'G1', value: { kind: 'manual', tenths: 50 } },
      ASSESSOR,
    );
    expect(ok.score.items.find((i) => i.code === 'G1')?.tenths).toBe(50);
    await expectError(
      t.call('rounds:setItem', { roundId: R, communityId: b, itemCode: 'G1', value: { kind: 'manual', tenths: 50 } }, ASSESSOR),
      'FORBIDDEN',
      /未分配给您/,
    );
    await expectError(
      t.call('rounds:setItem', { roundId: R, communityId: a, itemCode: 'G1', value: { kind: 'manual', tenths: 10 } }, VIEWER),
      'FORBIDDEN',
    );
    expect(
      (await t.call('rounds:form', { roundId: R, communityId: a }, VIEWER)).entries.items.find((e) => e.itemCode === 'G1')?.value,
    ).toEqual({ kind: 'manual', tenths: 50 });
    const detail = await t.call('rounds:get', { roundId: R });
    expect(detail.communities.find((c) => c.id === a)?.assessors).toEqual(['zhang']);
  });

  it('reconciles blind assessors: spread, flag over the threshold, settle by median', async () => {
    const { t, ids } = await setup();
    const a = ids[0] as number;
    for (const [assessor, tenths] of [
      ['张', 20],
      ['李', 60],
      ['王', 40],
    ] as const) {
      await t.call('rounds:setItem', { roundId: R, communityId: a, assessor, itemCode: 'G1', value: { kind: 'manual', tenths } });
    }
    await t.call('rounds:setItem', { roundId: R, communityId: a, assessor: '张', itemCode: 'C5', value: { kind: 'manual', tenths: 20 } });
    await t.call('rounds:setItem', { roundId: R, communityId: a, assessor: '李', itemCode: 'C5', value: { kind: 'manual', tenths: 15 } });
    // Blind: each assessor's sheet shows only their own values.
    const zhang = await t.call('rounds:form', { roundId: R, communityId: a, assessor: '张' });
    expect(zhang.entries.items.find((e) => e.itemCode === 'G1')?.value).toEqual({ kind: 'manual', tenths: 20 });
    const spread = await t.call('rounds:spread', { roundId: R, communityId: a });
    expect(spread.assessors).toEqual(['张', '李', '王'].sort());
    const g1 = spread.rows.find((r) => r.itemCode === 'G1');
    expect(g1).toMatchObject({ spread: 4, flagged: true, median: 4 });
    expect(spread.rows.find((r) => r.itemCode === 'C5')).toMatchObject({ spread: 0.5, flagged: false });
    const settled = await t.call('rounds:settle', { roundId: R, communityId: a, itemCode: 'G1', method: 'median', note: '' });
    expect(settled.score.items.find((i) => i.code === 'G1')).toMatchObject({ tenths: 40, status: 'scored' });
    await expectError(
      t.call('rounds:settle', { roundId: R, communityId: a, itemCode: 'C5', method: 'chosen', chosenTenths: 15, note: '' }),
      'VALIDATION_FAILED',
      /说明/,
    );
    await expectError(
      t.call('rounds:settle', { roundId: R, communityId: a, itemCode: 'C5', method: 'mean', note: '' }, ASSESSOR),
      'FORBIDDEN',
    );
    // Blind: an assessor cannot open or write a colleague's sheet.
    await expectError(t.call('rounds:form', { roundId: R, communityId: a, assessor: '李' }, ASSESSOR), 'FORBIDDEN', /自己的评分表/);
    await expectError(
      t.call(
        'rounds:setItem',
        { roundId: R, communityId: a, assessor: '李', itemCode: 'G1', value: { kind: 'manual', tenths: 10 } },
        ASSESSOR,
      ),
      'FORBIDDEN',
    );
    const own = await t.call(
      'rounds:setItem',
      { roundId: R, communityId: a, assessor: 'zhang', itemCode: 'G1', value: { kind: 'manual', tenths: 20 } },
      ASSESSOR,
    );
    expect(own.score.items.find((i) => i.code === 'G1')?.tenths).toBe(20);
  });
});
