import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../electron/core/app-context';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';
import { completeForms, seedCommunities } from '../../helpers/round-seed';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

const R = '2021Q3';
const PASSWORD = 'Kaoping2021';
const ZHANG: Actor = { userId: null, username: 'zhangkp', displayName: '张考评', role: 'assessor' };
const LI: Actor = { userId: null, username: 'likp', displayName: '李考评', role: 'assessor' };
const SHEN: Actor = { userId: null, username: 'shenhe', displayName: '沈审核', role: 'reviewer' };
const KAN: Actor = { userId: null, username: 'chakan', displayName: '查看员', role: 'viewer' };

async function setup(names?: string[]): Promise<{ t: TestApp; ids: number[] }> {
  t = await createTestApp({ now: () => new Date('2021-09-20T08:00:00Z') });
  const ids = await seedCommunities(t, names);
  for (const a of [ZHANG, LI, SHEN, KAN])
    await t.call('users:create', { username: a.username, displayName: a.displayName, role: a.role, password: PASSWORD });
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

describe('assigning assessors', () => {
  it('accepts only existing 考评员 accounts, stores their login name, and leaves the assignments unchanged on a bad name', async () => {
    const { t, ids } = await setup();
    const [a, b] = ids as [number, number];
    const saved = await t.call('rounds:assign', { roundId: R, assignments: [{ assessor: 'ZhangKP', communityId: a, categoryCode: null }] });
    expect(saved.assessments.map((x) => x.assessor)).toEqual(['zhangkp']);

    const unknown = await refusal(
      t.call('rounds:assign', { roundId: R, assignments: [{ assessor: '王五', communityId: b, categoryCode: null }] }),
    );
    expect(unknown.code).toBe('VALIDATION_FAILED');
    expect(unknown.message).toMatch(/没有这些考评员账号.*王五/);
    const reviewer = await refusal(
      t.call('rounds:assign', { roundId: R, assignments: [{ assessor: 'shenhe', communityId: b, categoryCode: null }] }),
    );
    expect(reviewer.message).toMatch(/不是考评员.*沈审核（shenhe，审核人）/);
    await t.call('users:disable', { id: (await t.call('users:list', {})).find((u) => u.username === 'likp')!.id, disabled: true });
    const disabled = await refusal(
      t.call('rounds:assign', { roundId: R, assignments: [{ assessor: 'likp', communityId: b, categoryCode: null }] }),
    );
    expect(disabled.message).toMatch(/已停用/);

    const after = await t.call('rounds:get', { roundId: R });
    expect(after.assessments.map((x) => [x.assessor, x.communityId])).toEqual([['zhangkp', a]]);
  });

  it('lists people with their 姓名 for pickers, by role, without disabled accounts', async () => {
    const { t } = await setup();
    const assessors = await t.call('people:directory', { role: 'assessor' }, KAN);
    expect(assessors).toEqual([
      { username: 'likp', displayName: '李考评', role: 'assessor' },
      { username: 'zhangkp', displayName: '张考评', role: 'assessor' },
    ]);
  });
});

describe('home dashboard', () => {
  it('shows an assessor only the communities and categories assigned to them, with progress and unconfirmed deductions', async () => {
    const { t, ids } = await setup();
    const [a, b, c] = ids as [number, number, number];
    await t.call('rounds:assign', {
      roundId: R,
      assignments: [
        { assessor: 'zhangkp', communityId: a, categoryCode: null },
        { assessor: 'zhangkp', communityId: b, categoryCode: 'G' },
        { assessor: 'likp', communityId: c, categoryCode: null },
      ],
    });
    await t.call('rounds:setItem', { roundId: R, communityId: b, itemCode: 'G1', value: { kind: 'manual', tenths: 50 } }, ZHANG);
    const desk = await t.call('home:dashboard', {}, ZHANG);
    expect(desk.role).toBe('assessor');
    expect(desk.round).toMatchObject({ id: R, title: '2021年第三季度', stateLabel: '草稿', dueDate: '2021-09-30' });
    expect(desk.reviewer).toBeNull();
    expect(desk.admin).toBeNull();
    const mine = desk.assessor!.communities;
    expect(mine.map((m) => m.name)).toEqual(['龙塔社区', '沙北社区']);
    const whole = mine[0]!;
    expect(whole.categories).toEqual([]);
    expect(whole.total).toBeGreaterThan(10);
    expect(whole.unconfirmedDeductions).toBeGreaterThan(0);
    expect(whole.editable).toBe(true);
    const onlyG = mine[1]!;
    expect(onlyG.categories.map((k) => k.code)).toEqual(['G']);
    expect(onlyG.scored).toBeGreaterThanOrEqual(1);
    expect(onlyG.total).toBeLessThan(whole.total);

    const li = await t.call('home:dashboard', {}, LI);
    expect(li.assessor!.communities.map((m) => m.name)).toEqual(['受降社区']);
  });

  it('shows a reviewer what waits for review and the open appeals; an administrator the matrix, roster health, backup and audit chain', async () => {
    const { t, ids } = await setup();
    const admin0 = await t.call('home:dashboard', {});
    expect(admin0.admin!.matrix).toHaveLength(3);
    expect(admin0.admin!.backup).toBeNull();
    expect(admin0.admin!.audit.ok).toBe(true);
    expect(admin0.admin!.assessorsWithoutAssignment).toBe(true);
    // The seed has communities without grids, workers or committee rosters.
    expect(admin0.admin!.roster.missing.find((m) => m.name === '龙塔社区')?.rosters).toEqual([
      '网格（含小组/楼院）',
      '社区工作者',
      '“两委”成员',
    ]);
    expect(admin0.reviewer!.toReview).toEqual([]);

    await completeForms(t, R, ids);
    await t.call('rounds:advance', { roundId: R, to: 'submitted' });
    const review = await t.call('home:dashboard', {}, SHEN);
    expect(review.admin).toBeNull();
    expect(review.reviewer!.toReview.map((c) => c.name)).toEqual(['龙塔社区', '沙北社区', '受降社区']);
    await t.call('rounds:advance', { roundId: R, to: 'reviewed' }, SHEN);
    expect((await t.call('home:dashboard', {}, SHEN)).reviewer!.readyToPublish).toBe(true);
    await t.call('rounds:advance', { roundId: R, to: 'published' }, SHEN);
    await t.call('rounds:addAppeal', { roundId: R, communityId: ids[0] as number, itemCode: 'G1', claim: '满意度测评样本不足' });
    const appeals = await t.call('home:dashboard', {}, SHEN);
    expect(appeals.reviewer!.openAppeals).toEqual([
      expect.objectContaining({ communityName: '龙塔社区', itemCode: 'G1', claim: '满意度测评样本不足' }),
    ]);
    // 查看 sees the published round, and nothing of the others' work.
    const viewer = await t.call('home:dashboard', {}, KAN);
    expect(viewer).toMatchObject({ role: 'viewer', assessor: null, reviewer: null, admin: null });
    expect(viewer.published.map((p) => [p.id, p.stateLabel])).toEqual([[R, '公示']]);

    await t.app.backup!('manual');
    const admin1 = await t.call('home:dashboard', {});
    expect(admin1.admin!.backup?.ageDays).toBe(0);
  });

  it('works at 120 communities: every assigned community is on the assessor desk', async () => {
    const names = Array.from({ length: 120 }, (_, i) => `第${i + 1}社区`);
    const { t, ids } = await setup(names);
    await t.call('rounds:assign', {
      roundId: R,
      assignments: ids.slice(0, 60).map((communityId) => ({ assessor: 'zhangkp', communityId, categoryCode: null })),
    });
    const desk = await t.call('home:dashboard', {}, ZHANG);
    expect(desk.assessor!.communities).toHaveLength(60);
    expect(desk.round?.communityCount).toBe(120);
  });
});

describe('officials by 姓名 in results', () => {
  it('names assigned assessors and the recorder of a deduction by 姓名 in the results that reports and the workbook print', async () => {
    const { t, ids } = await setup();
    const [a] = ids as [number];
    await t.call('rounds:assign', { roundId: R, assignments: [{ assessor: 'zhangkp', communityId: a, categoryCode: null }] });
    await t.call(
      'rounds:addDeduction',
      { roundId: R, communityId: a, itemCode: 'C4', reasonCode: null, text: '标识牌缺失', amountTenths: 10, evidence: '实地查看' },
      ZHANG,
    );
    const r = await t.call('rounds:results', { roundId: R });
    const longta = r.communities.find((c) => c.id === a)!;
    expect(longta.assessors).toEqual(['张考评']);
    expect(longta.deductions[0]?.assessor).toBe('张考评');
    expect(r.assessors).toEqual(['张考评']);
    expect(JSON.stringify(r)).not.toContain('zhangkp');
  });
});
