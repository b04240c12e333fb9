/**
 * Scoring rules of issue #10 on a real SQLite database through the contract: banded manual items,
 * deduction items that need 核查无扣分, idempotent creation, appeals that withdraw a deduction.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';
import { advanceTo, completeForms, seedCommunities } from '../../helpers/round-seed';

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
    const g1 = await refusal(
      t.call('rounds:setItem', { roundId: R, communityId: c, itemCode: 'G1', value: { kind: 'manual', tenths: 30 } }),
    );
    expect(g1.code).toBe('VALIDATION_FAILED');
    expect(g1.message).toContain('只能评6、5、4、2、0分');
    const d5 = await refusal(
      t.call('rounds:setItem', { roundId: R, communityId: c, itemCode: 'D5', value: { kind: 'manual', tenths: 22 } }),
    );
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
    expect((await refusal(t.call('rounds:advance', { roundId: R, to: 'submitted' }))).message).toContain(
      '龙塔社区（1项未评分、未核查或有误）',
    );
    // The one key: 核查无扣分 gives the item its full marks.
    const confirmed = await t.call('rounds:setItem', {
      roundId: R,
      communityId: c,
      itemCode: 'A4',
      value: { kind: 'deduct', deductions: [] },
    });
    expect(confirmed.score.items.find((i) => i.code === 'A4')).toMatchObject({ status: 'scored', tenths: 30 });
    expect(confirmed.score.complete).toBe(true);
    // A deduction also counts as checked, and a non-empty ledger cannot be typed in as a value.
    const c2 = ids[1] as number;
    const ded = await t.call('rounds:addDeduction', {
      roundId: R,
      communityId: c2,
      itemCode: 'A4',
      reasonCode: null,
      text: '缺少专题会议记录',
      amountTenths: 5,
    });
    expect(ded.score.items.find((i) => i.code === 'A4')).toMatchObject({ status: 'scored', tenths: 25 });
    const typed = await refusal(
      t.call('rounds:setItem', {
        roundId: R,
        communityId: c2,
        itemCode: 'A4',
        value: { kind: 'deduct', deductions: [{ reasonCode: null, text: 'x', amountTenths: 5 }] },
      }),
    );
    expect(typed.message).toContain('逐条记录扣分');
    await t.call('rounds:submitForm', { roundId: R, communityId: c });
  });
});

describe('creating is idempotent in the service', () => {
  it('a repeated 扣分 or 申诉 with the same request id records one row, even when both are in flight', async () => {
    const { t, ids } = await setup();
    const c = ids[0] as number;
    const ded = {
      roundId: R,
      communityId: c,
      itemCode: 'A4',
      reasonCode: 'A4-2',
      text: '缺少本季度专题会议记录（每少开1次）',
      amountTenths: 5,
      requestId: 'req-ded-0001',
    };
    const [a, b] = await Promise.all([t.call('rounds:addDeduction', ded), t.call('rounds:addDeduction', ded)]);
    const again = await t.call('rounds:addDeduction', ded);
    expect(new Set([a.deductionId, b.deductionId, again.deductionId]).size).toBe(1);
    expect(again.score.items.find((i) => i.code === 'A4')?.tenths).toBe(25);
    // Another click (another request id) is another record.
    await t.call('rounds:addDeduction', { ...ded, requestId: 'req-ded-0002' });
    const form = await t.call('rounds:form', { roundId: R, communityId: c });
    expect(form.ledger.filter((l) => l.itemCode === 'A4')).toHaveLength(2);

    await completeForms(t, R, ids);
    for (const to of ['submitted', 'reviewed', 'published'] as const) await t.call('rounds:advance', { roundId: R, to });
    const appeal = { roundId: R, communityId: c, itemCode: 'A4', claim: '会议记录已补交', requestId: 'req-appeal-01' };
    const [x, y] = await Promise.all([t.call('rounds:addAppeal', appeal), t.call('rounds:addAppeal', appeal)]);
    expect(x.id).toBe(y.id);
    expect((await t.call('rounds:get', { roundId: R })).appeals).toHaveLength(1);
    const rows = await t.app.db.selectFrom('appeals').select('id').execute();
    expect(rows).toHaveLength(1);
  });
});

describe('an adopted appeal removes the deduction everywhere', () => {
  it('results, 整改清单, report totals and the stored rectifications no longer count it; 合计扣分 is after caps', async () => {
    const { t, ids } = await setup();
    const [c, d] = ids as [number, number];
    const contested = await t.call('rounds:addDeduction', {
      roundId: R,
      communityId: c,
      itemCode: 'A4',
      reasonCode: 'A4-3',
      text: '未明确分工或未落实街道包联',
      amountTenths: 10,
    });
    // A4-1 is capped at 1 point: two records of 1 lose 1 point, not 2.
    for (const n of [1, 2]) {
      await t.call('rounds:addDeduction', {
        roundId: R,
        communityId: d,
        itemCode: 'A4',
        reasonCode: 'A4-1',
        text: `未制定年度工作计划（${n}）`,
        amountTenths: 10,
      });
    }
    await completeForms(t, R, ids);
    for (const to of ['submitted', 'reviewed', 'published'] as const) await t.call('rounds:advance', { roundId: R, to });
    const before = await t.call('rounds:results', { roundId: R });
    const cBefore = before.communities.find((x) => x.id === c);
    expect(cBefore?.deducted).toBe(1);
    expect(before.communities.find((x) => x.id === d)?.deducted).toBe(1);

    const appeal = await t.call('rounds:addAppeal', {
      roundId: R,
      communityId: c,
      itemCode: null,
      claim: '包联已落实，有街道文件为证',
      deductionId: contested.deductionId,
    });
    expect(appeal).toMatchObject({ itemCode: 'A4', deductionId: contested.deductionId });
    const decided = await t.call('rounds:decideAppeal', {
      roundId: R,
      appealId: appeal.id,
      accepted: true,
      decision: '经核实，包联已落实，撤销该扣分',
    });
    expect(decided).toMatchObject({ status: 'accepted', adjustment: 1 });

    const after = await t.call('rounds:results', { roundId: R });
    const cAfter = after.communities.find((x) => x.id === c);
    expect(cAfter?.total).toBe((cBefore?.total ?? 0) + 1);
    expect(cAfter?.items.find((i) => i.code === 'A4')).toMatchObject({ score: 3, status: 'scored' });
    expect(cAfter?.deductions).toEqual([]);
    expect(cAfter?.deducted).toBe(0);
    expect(cAfter?.rectifications.filter((r) => r.itemCode === 'A4')).toEqual([]);
    expect((await t.call('rounds:rectifications', { roundId: R })).filter((r) => r.communityId === c && r.itemCode === 'A4')).toEqual([]);

    const report = await t.call('report:quarterlyData', { roundId: R });
    const { summarizeQuarter } = await import('../../../shared/report/quarterly-report.builder');
    // Only 沙北社区's capped A4 remains: two records of 1 point, 1 point actually lost.
    expect(summarizeQuarter(report)).toMatchObject({ deductionCount: 2, deductionTenths: 10 });

    await t.call('rounds:advance', { roundId: R, to: 'finalized' });
    const stored = await t.call('rounds:rectifications', { roundId: R });
    expect(stored.filter((r) => r.communityId === c && r.itemCode === 'A4')).toEqual([]);
    expect(stored.filter((r) => r.communityId === d && r.itemCode === 'A4')).toHaveLength(2);
    // The record itself stays in the database, marked as withdrawn by the appeal.
    const row = await t.app.db.selectFrom('deductions').selectAll().where('id', '=', contested.deductionId).executeTakeFirstOrThrow();
    expect(row.withdrawn_by_appeal).toBe(appeal.id);
  });
});

describe('what results and reports show follows the round and the standard', () => {
  it('each community’s status follows the round: 公示中 while published, 已定稿 once finalized', async () => {
    const { t, ids } = await setup();
    await completeForms(t, R, ids);
    await advanceTo(t, R, 'published');
    expect((await t.call('rounds:get', { roundId: R })).communities.map((c) => c.statusLabel)).toEqual(['公示中', '公示中', '公示中']);
    expect((await t.call('rounds:form', { roundId: R, communityId: ids[0] as number })).community.statusLabel).toBe('公示中');
    await t.call('rounds:advance', { roundId: R, to: 'finalized' });
    expect((await t.call('rounds:get', { roundId: R })).communities.map((c) => c.statusLabel)).toEqual(['已定稿', '已定稿', '已定稿']);
  });

  it('grade labels set in the standard editor are used by results and both reports', async () => {
    t = await createTestApp();
    const ids = await seedCommunities(t);
    const draft = await t.call('standard:createDraft', { fromVersion: 1 });
    const std = structuredClone(draft.standard);
    std.grading.bands = [
      { label: '五星', minTenths: 900 },
      { label: '四星', minTenths: 800 },
      { label: '三星', minTenths: 600 },
      { label: '未达标', minTenths: 0 },
    ];
    std.rollUp.vetoAnnualGradeCap = '四星';
    await t.call('standard:saveDraft', { version: draft.version, revision: draft.revision, standard: std });
    await t.call('standard:publish', { version: draft.version });
    await t.call('rounds:create', { year: 2021, quarter: 3, standardVersion: draft.version });
    await completeForms(t, R, ids);
    await advanceTo(t, R, 'finalized');
    const results = await t.call('rounds:results', { roundId: R });
    expect(results.grades.map((g) => g.label)).toEqual(['五星', '四星', '三星', '未达标']);
    const report = await t.call('report:quarterlyData', { roundId: R });
    expect(report.communities.every((c) => ['五星', '四星', '三星', '未达标'].includes(c.grade))).toBe(true);
    expect(report.gradeBands?.map((b) => b.grade)).toEqual(['五星', '四星', '三星', '未达标']);
    const { summarizeQuarter } = await import('../../../shared/report/quarterly-report.builder');
    expect(Object.keys(summarizeQuarter(report).perGrade)).toEqual(['五星', '四星', '三星', '未达标']);
    const annual = await t.call('report:annualData', { year: 2021 });
    expect(annual.gradeLabels).toEqual(['五星', '四星', '三星', '未达标']);
    expect(annual.communities).toHaveLength(3);
  });

  it('the annual summary counts finalized quarters only, says 截至 which quarter, and orders ties as the quarter does', async () => {
    t = await createTestApp();
    // Three identical communities: every total ties; only the tie-break keys tell them apart.
    const ids = await seedCommunities(t, ['甲社区', '乙社区', '丙社区']);
    await t.app.db.updateTable('communities').set({ households: 2400, residents: 7200 }).execute();
    await t.call('rounds:create', { year: 2021, quarter: 1 });
    await t.call('rounds:create', { year: 2021, quarter: 2 });
    await completeForms(t, '2021Q1', ids);
    await completeForms(t, '2021Q2', ids);
    // Same total, different base: 丙 loses 1 point on A4 and gains 1 point of bonus.
    const c = ids[2] as number;
    await t.call('rounds:addDeduction', {
      roundId: '2021Q1',
      communityId: c,
      itemCode: 'A4',
      reasonCode: 'A4-1',
      text: '未制定年度工作计划',
      amountTenths: 10,
    });
    await t.call('rounds:setBonus', {
      roundId: '2021Q1',
      communityId: c,
      code: 'H1',
      awards: [{ level: '区（县）级', note: '区级荣誉' }],
      tenths: null,
    });
    await advanceTo(t, '2021Q1', 'finalized');
    // Q2 is still being reviewed: it must not count.
    await t.call('rounds:advance', { roundId: '2021Q2', to: 'submitted' });
    const quarter = await t.call('rounds:results', { roundId: '2021Q1' });
    const annual = await t.call('rounds:annual', { year: 2021 });
    expect(annual.coverage).toBe('截至第一季度');
    expect(annual.rows.every((r) => r.quarters[1]?.total === null)).toBe(true);
    expect(new Set(quarter.communities.map((x) => x.total)).size).toBe(1);
    expect(annual.rows.map((r) => r.name)).toEqual(quarter.communities.map((x) => x.name));
    expect(annual.rows.map((r) => r.rank)).toEqual(quarter.communities.map((x) => x.rank));
    const report = await t.call('report:annualData', { year: 2021 });
    expect(report.coverage).toBe('截至第一季度');
    expect(report.rule).toContain('截至第一季度');
    expect(report.communities.map((x) => x.name)).toEqual(quarter.communities.map((x) => x.name));
  });
});

describe('structural shortfalls', () => {
  it('produce 整改 items with the measured gap: service area, grids outside 300–500 户, staffing, 两委 size', async () => {
    t = await createTestApp();
    const ids = await seedCommunities(t, ['龙塔社区']);
    const c = ids[0] as number;
    // 3000 户 need 1500 m² (50 per 100 户); 9000 residents need 17 workers (18 per 10 000).
    await t.app.db.updateTable('communities').set({ households: 3000, residents: 9000, facility_area: 1200 }).where('id', '=', c).execute();
    await t.call('rounds:create', { year: 2021, quarter: 3 });
    // Metrics as a full roster would freeze them (the roster import is another feature's test).
    const metrics = {
      households: 3000,
      residents: 9000,
      facilityArea: 1200,
      gridCount: 8,
      gridsWithin300to500: 5,
      workerCount: 12,
      residentsCommitteeCount: 4,
    };
    await t.app.db
      .updateTable('round_communities')
      .set({ metrics_json: JSON.stringify(metrics) })
      .where('community_id', '=', c)
      .execute();
    const live = (await t.call('rounds:rectifications', { roundId: R })).filter((r) => r.kind === 'structure');
    expect(live.map((r) => [r.itemCode, r.text])).toEqual([
      ['A1', '居委会成员4人，少于规定5至9人，差1人'],
      ['C2', '综合服务设施面积1200m²，按每百户50m²且不少于300m²应达1500m²，差300m²'],
      ['D2', '8个网格中有3个网格户数不在300至500户之间，需调整网格划分'],
      ['E1', '社区工作者12人，按每万常住人口18人应配17人，差5人'],
    ]);
    expect(live.every((r) => r.lost > 0)).toBe(true);
    // The norms are the office's settings, the same the 达标规划 plans against: one rule for both.
    await t.call('planner:setNorms', {
      norms: {
        areaPer100Households: 50,
        minAreaM2: 300,
        maxHouseholds: 3000,
        gridMinHouseholds: 300,
        gridMaxHouseholds: 500,
        committeeMin: 5,
        committeeMax: 9,
        workersPer10000: 20,
      },
    });
    const stricter = (await t.call('rounds:rectifications', { roundId: R })).filter((r) => r.kind === 'structure');
    expect(stricter.find((r) => r.itemCode === 'E1')?.text).toBe('社区工作者12人，按每万常住人口20人应配18人，差6人');
    // An item the office adjusted (roster judged wrong) is not a measured gap.
    await t.call('rounds:setItem', {
      roundId: R,
      communityId: c,
      itemCode: 'E1',
      override: { tenths: 30, reason: '名册漏报，现场核实已配齐' },
    });
    const adjusted = (await t.call('rounds:rectifications', { roundId: R })).filter((r) => r.kind === 'structure');
    expect(adjusted.map((r) => r.itemCode)).toEqual(['A1', 'C2', 'D2']);
    const results = await t.call('rounds:results', { roundId: R });
    expect(results.communities[0]?.rectifications.map((r) => r.itemCode)).toEqual(expect.arrayContaining(['A1', 'C2', 'D2']));
  });
});

describe('annual (年度) items', () => {
  it('are scored once and carried into the next quarter, shown as carried, changed only by a reviewer; a withdrawn deduction is not carried', async () => {
    t = await createTestApp();
    const ids = await seedCommunities(t);
    const c = ids[0] as number;
    const Q1 = '2021Q1';
    await t.call('rounds:create', { year: 2021, quarter: 1 });
    await completeForms(t, Q1, ids);
    // B6 (年度, manual) and B5 (年度, deductions); C5 is quarterly.
    await t.call('rounds:setItem', { roundId: Q1, communityId: c, itemCode: 'B6', value: { kind: 'manual', tenths: 10 } });
    await t.call('rounds:addDeduction', {
      roundId: Q1,
      communityId: c,
      itemCode: 'B5',
      reasonCode: 'B5-2',
      text: '制度、职责未上墙（每项）',
      amountTenths: 5,
    });
    const contested = await t.call('rounds:addDeduction', {
      roundId: Q1,
      communityId: c,
      itemCode: 'B5',
      reasonCode: 'B5-1',
      text: '自治章程未经居民会议通过',
      amountTenths: 10,
    });
    await advanceTo(t, Q1, 'published');
    const appeal = await t.call('rounds:addAppeal', {
      roundId: Q1,
      communityId: c,
      itemCode: null,
      claim: '章程已通过，有会议记录',
      deductionId: contested.deductionId,
    });
    await t.call('rounds:decideAppeal', { roundId: Q1, appealId: appeal.id, accepted: true, decision: '采纳' });
    await t.call('rounds:advance', { roundId: Q1, to: 'finalized' });

    await t.call('rounds:create', { year: 2021, quarter: 2 });
    const q2 = await t.call('rounds:form', { roundId: '2021Q2', communityId: c });
    expect(q2.carried).toMatchObject({ B6: Q1, B5: Q1 });
    expect(q2.carried.C5).toBeUndefined();
    expect(q2.score.items.find((i) => i.code === 'B6')).toMatchObject({ tenths: 10, status: 'scored' });
    expect(q2.score.items.find((i) => i.code === 'B5')).toMatchObject({ tenths: 15, status: 'scored' });
    expect(q2.ledger.filter((l) => l.itemCode === 'B5').map((l) => l.text)).toEqual(['制度、职责未上墙（每项）']);
    expect(q2.score.items.find((i) => i.code === 'C5')?.status).toBe('missing');

    const ASSESSOR = { userId: null, username: 'zhang', displayName: '张考评', role: 'assessor' as const };
    const refused = await refusal(
      t.call('rounds:setItem', { roundId: '2021Q2', communityId: c, itemCode: 'B6', value: { kind: 'manual', tenths: 20 } }, ASSESSOR),
    );
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toContain('沿用2021年第一季度');
    expect(
      (
        await refusal(
          t.call(
            'rounds:addDeduction',
            { roundId: '2021Q2', communityId: c, itemCode: 'B5', reasonCode: null, text: 'x', amountTenths: 5 },
            ASSESSOR,
          ),
        )
      ).code,
    ).toBe('FORBIDDEN');
    const REVIEWER = { userId: null, username: 'li', displayName: '李审核', role: 'reviewer' as const };
    await t.call('rounds:setItem', { roundId: '2021Q2', communityId: c, itemCode: 'B6', value: { kind: 'manual', tenths: 20 } }, REVIEWER);
    const after = await t.call('rounds:form', { roundId: '2021Q2', communityId: c });
    expect(after.carried.B6).toBeUndefined();
    expect(after.score.items.find((i) => i.code === 'B6')?.tenths).toBe(20);
    // Q1 keeps its own value.
    expect((await t.call('rounds:form', { roundId: Q1, communityId: c })).score.items.find((i) => i.code === 'B6')?.tenths).toBe(10);
  });
});
