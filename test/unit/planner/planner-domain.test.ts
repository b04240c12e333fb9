import { describe, expect, it } from 'vitest';
import type { PlanAction } from '../../../shared/domain/planner/actions';
import { planActionInputSchema } from '../../../shared/domain/planner/actions';
import { forecastPlan } from '../../../shared/domain/planner/forecast';
import { computeGaps, summarizeGaps, type PlanCommunity } from '../../../shared/domain/planner/gaps';
import { carryYearAcrossLineage, lineageCycle, predecessorAt, type LineageLink } from '../../../shared/domain/planner/lineage';
import { DEFAULT_PLANNER_NORMS as N, plannerNormsSchema } from '../../../shared/domain/planner/norms';
import { proposeCommunitySplits, proposeGridSplit } from '../../../shared/domain/planner/split';

function community(over: Partial<PlanCommunity> & { key: string }): PlanCommunity {
  return {
    name: `社区${over.key}`,
    households: 1500,
    residents: 4500,
    facilityArea: 750,
    committeeSize: 7,
    workers: 9,
    grids: [{ code: 'W1', households: 400 }],
    ...over,
  };
}

describe('gaps against the norms', () => {
  it('1,500 户 and 600 m² lack exactly 150 m²; the 300 m² floor applies to small communities', () => {
    const g = computeGaps(community({ key: '1', households: 1500, facilityArea: 600 }), N);
    expect(g.requiredAreaM2).toBe(750);
    expect(g.areaGapM2).toBe(150);
    expect(g.meets.area).toBe(false);
    expect(computeGaps(community({ key: '2', households: 400, facilityArea: 250 }), N).areaGapM2).toBe(50);
    expect(computeGaps(community({ key: '3', households: 1501, facilityArea: 750 }), N).areaGapM2).toBe(1); // 750.5 → 751
  });

  it('workers per 10,000 residents round up to whole people', () => {
    expect(computeGaps(community({ key: '1', residents: 10_000, workers: 15 }), N).workersGap).toBe(3);
    expect(computeGaps(community({ key: '1', residents: 4500, workers: 8 }), N).requiredWorkers).toBe(9); // 8.1 → 9
    expect(computeGaps(community({ key: '1', residents: 4500, workers: 12 }), N).workersGap).toBe(0);
    expect(computeGaps(community({ key: '1', residents: null }), N).workersGap).toBeNull();
  });

  it('committee gap is members to elect below 5 and members over 9 as a negative number', () => {
    expect(computeGaps(community({ key: '1', committeeSize: 3 }), N).committeeGap).toBe(2);
    expect(computeGaps(community({ key: '1', committeeSize: 11 }), N).committeeGap).toBe(-2);
    expect(computeGaps(community({ key: '1', committeeSize: 9 }), N).committeeGap).toBe(0);
  });

  it('grids out of the 300–500 band, and how many new grids the splits make', () => {
    const g = computeGaps(
      community({
        key: '1',
        grids: [
          { code: 'W1', households: 1200 },
          { code: 'W2', households: 280 },
          { code: 'W3', households: 500 },
          { code: 'W4', households: null },
        ],
      }),
      N,
    );
    expect([g.gridsOutOfRange, g.gridsOver, g.gridsUnder, g.gridsToAdd]).toEqual([2, 1, 1, 2]);
    expect(computeGaps(community({ key: '1', grids: [] }), N).meets.grids).toBeNull();
  });

  it('size limit and meetsAll', () => {
    const over = computeGaps(community({ key: '1', households: 3400, facilityArea: 2000, residents: 9000, workers: 20 }), N);
    expect(over.overHouseholdLimit).toBe(true);
    expect(over.householdsOverLimit).toBe(400);
    expect(over.meetsAll).toBe(false);
    expect(computeGaps(community({ key: '2' }), N).meetsAll).toBe(true);
  });

  it('norms follow the settings and bad norms are refused', () => {
    expect(computeGaps(community({ key: '1', households: 1500, facilityArea: 600 }), { ...N, areaPer100Households: 30 }).areaGapM2).toBe(0);
    expect(plannerNormsSchema.safeParse({ ...N, gridMinHouseholds: 600 }).success).toBe(false);
    expect(plannerNormsSchema.safeParse({ ...N, committeeMin: -1 }).success).toBe(false);
  });
});

describe('forecast on planned actions', () => {
  // 12 communities: 4 meet everything, 8 lack area (150 m² each), 2 of those also lack workers.
  const base: PlanCommunity[] = Array.from({ length: 12 }, (_, i) =>
    community({ key: String(i + 1), facilityArea: i < 4 ? 750 : 600, workers: i >= 10 ? 7 : 9 }),
  );
  const act = (id: number, communityId: number, kind: PlanAction['kind'], quantity: number, targetQuarter: string): PlanAction => ({
    id,
    communityId,
    kind,
    quantity,
    gridCode: null,
    otherCommunityId: null,
    targetQuarter,
    note: '',
  });

  it('counts communities meeting all norms quarter by quarter and ranks the actions', () => {
    const actions = [
      ...[5, 6, 7, 8].map((c, i) => act(i + 1, c, 'build', 150, '2022Q1')),
      ...[9, 10, 11, 12].map((c, i) => act(i + 5, c, 'build', 200, '2022Q4')),
      act(9, 11, 'hire', 2, '2022Q3'),
    ];
    const f = forecastPlan(base, actions, N, '2021Q3');
    expect(f.points.map((p) => [p.quarter, p.meetingAll])).toEqual([
      ['2021Q3', 4],
      ['2021Q4', 4],
      ['2022Q1', 8],
      ['2022Q2', 8],
      ['2022Q3', 8],
      ['2022Q4', 11],
    ]);
    expect(f.headline).toBe('4 → 11（2022Q4）');
    expect(f.points[2]?.actions).toEqual([1, 2, 3, 4]);
    const byId = new Map(f.impacts.map((i) => [i.actionId, i]));
    expect(byId.get(1)?.gain).toBe(1);
    expect(byId.get(1)?.areaM2).toBe(150);
    expect(byId.get(9)?.gain).toBe(1); // community 11 needs both the building and the hire
    expect(byId.get(8)?.gain).toBe(0); // community 12 still lacks workers
    expect(f.impacts[f.impacts.length - 1]?.actionId).toBe(8);
  });

  it('an overdue action lands in the next quarter; a split community counts as its parts', () => {
    const big = community({
      key: '1',
      households: 4000,
      residents: 12_000,
      facilityArea: 2000,
      workers: 22,
      grids: [1, 2, 3, 4, 5, 6, 7, 8].map((i) => ({ code: `W${i}`, households: 500 })),
    });
    const f = forecastPlan([big], [act(1, 1, 'splitCommunity', 2, '2021Q1')], N, '2021Q3');
    expect(f.points.map((p) => [p.quarter, p.communities, p.meetingAll])).toEqual([
      ['2021Q3', 1, 0],
      ['2021Q4', 2, 2],
    ]);
    expect(f.impacts[0]?.overdue).toBe(true);
  });

  it('a grid split brings the grids into the band', () => {
    const c = community({
      key: '1',
      grids: [
        { code: 'W1', households: 1100 },
        { code: 'W2', households: 400 },
      ],
    });
    const f = forecastPlan([c], [{ ...act(1, 1, 'splitGrid', 0, '2022Q1'), gridCode: 'w1' }], N, '2021Q4');
    expect(f.points.map((p) => p.gridsOutOfRange)).toEqual([1, 0]);
    expect(f.points.map((p) => p.meetingAll)).toEqual([0, 1]);
  });

  it('merging a small community into another', () => {
    const a = community({ key: '1', households: 900, residents: 2700, facilityArea: 450, workers: 5 });
    const b = community({ key: '2', households: 800, residents: 2400, facilityArea: 400, workers: 5 });
    const f = forecastPlan([a, b], [{ ...act(1, 1, 'mergeCommunity', 0, '2022Q2'), otherCommunityId: 2 }], N, '2022Q1');
    expect(f.points.map((p) => p.communities)).toEqual([2, 1]);
    const s = summarizeGaps([
      computeGaps({ ...a, households: 1700, residents: 5100, facilityArea: 850, workers: 10, grids: [...a.grids, ...b.grids] }, N),
    ]);
    expect(f.points[1]?.meetingAll).toBe(s.meetingAll);
  });

  it('action input is validated with Chinese messages', () => {
    const r = planActionInputSchema.safeParse({ communityId: 1, kind: 'splitGrid', quantity: 0, targetQuarter: '2022Q4' });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('网格编号');
    expect(planActionInputSchema.safeParse({ communityId: 1, kind: 'build', quantity: 150, targetQuarter: '2022-4' }).success).toBe(false);
  });
});

describe('re-division assistant', () => {
  it('splits a grid of 1,150 户 along its 楼院 into grids of 300–500, cutting between 小组', () => {
    const units = [
      { groupName: '第一小组', courtyardName: '1号院', households: 120 },
      { groupName: '第一小组', courtyardName: '2号院', households: 130 },
      { groupName: '第一小组', courtyardName: '3号院', households: 110 },
      { groupName: '第二小组', courtyardName: '4号院', households: 200 },
      { groupName: '第二小组', courtyardName: '5号院', households: 190 },
      { groupName: '第三小组', courtyardName: '6号院', households: 150 },
      { groupName: '第三小组', courtyardName: '7号院', households: 250 },
    ];
    const p = proposeGridSplit({ code: 'W1', households: 1150 }, units, N);
    expect(p.feasible).toBe(true);
    expect(p.parts.map((x) => x.households)).toEqual([360, 390, 400]);
    expect(p.parts[0]?.units).toEqual(['第一小组·1号院', '第一小组·2号院', '第一小组·3号院']);
    for (const part of p.parts) expect(part.households).toBeGreaterThanOrEqual(300);
  });

  it('explains when no split exists or data is missing', () => {
    expect(
      proposeGridSplit({ code: 'W1', households: 800 }, [{ groupName: '一组', courtyardName: null, households: 800 }], N).problem,
    ).toContain('无法');
    expect(
      proposeGridSplit({ code: 'W1', households: 800 }, [{ groupName: '一组', courtyardName: '1号院', households: null }], N).problem,
    ).toContain('没有户数');
    expect(proposeGridSplit({ code: 'W1', households: 450 }, [], N).feasible).toBe(false);
  });

  it('proposes community splits along grids under 3000 户 each', () => {
    const grids = Array.from({ length: 10 }, (_, i) => ({ code: `W${i + 1}`, households: 450 }));
    const c = proposeCommunitySplits(4500, grids, N);
    expect(c[0]?.parts.map((p) => p.households)).toEqual([2250, 2250]);
    expect(c[0]?.parts[0]?.grids).toEqual(['W1', 'W2', 'W3', 'W4', 'W5']);
    expect(c[1]?.parts).toHaveLength(3);
    expect(proposeCommunitySplits(2900, grids, N)).toEqual([]);
  });
});

describe('lineage across a split community', () => {
  // 龙塔社区 (id 1) is split into 龙塔东 (2) and 龙塔西 (3) from 2021Q3.
  const links: LineageLink[] = [
    { successorId: 2, predecessorId: 1, quarter: '2021Q3', kind: 'split' },
    { successorId: 3, predecessorId: 1, quarter: '2021Q3', kind: 'split' },
  ];
  const q = (quarter: 1 | 2 | 3 | 4, totalTenths: number) => ({ quarter, totalTenths, vetoed: false });

  it('each part carries the old quarters; the old community leaves the year', () => {
    const per = new Map([
      ['1', { name: '龙塔社区', sortKey: '1', quarters: [q(1, 800), q(2, 820)] }],
      ['2', { name: '龙塔东社区', sortKey: '2', quarters: [q(3, 850), q(4, 860)] }],
      ['3', { name: '龙塔西社区', sortKey: '3', quarters: [q(3, 780), q(4, 790)] }],
      ['9', { name: '沙北社区', sortKey: '9', quarters: [q(1, 700), q(2, 700), q(3, 700), q(4, 700)] }],
    ]);
    const out = carryYearAcrossLineage(per, links, 2021);
    expect([...out.keys()]).toEqual(['2', '3', '9']);
    expect(out.get('2')?.quarters.map((x) => x.totalTenths)).toEqual([800, 820, 850, 860]);
    expect(out.get('3')?.quarters.map((x) => x.totalTenths)).toEqual([800, 820, 780, 790]);
    expect(carryYearAcrossLineage(per, links, 2020).has('1')).toBe(true);
  });

  it('a new community formed by a merge carries the mean of its predecessors', () => {
    const merge: LineageLink[] = [
      { successorId: 5, predecessorId: 3, quarter: '2021Q2', kind: 'merge' },
      { successorId: 5, predecessorId: 4, quarter: '2021Q2', kind: 'merge' },
    ];
    const per = new Map([
      ['3', { name: 'A', sortKey: '3', quarters: [q(1, 800)] }],
      ['4', { name: 'B', sortKey: '4', quarters: [q(1, 700)] }],
      ['5', { name: 'C', sortKey: '5', quarters: [q(2, 900)] }],
    ]);
    expect(
      carryYearAcrossLineage(per, merge, 2021)
        .get('5')
        ?.quarters.map((x) => x.totalTenths),
    ).toEqual([750, 900]);
  });

  it('trends compare a part of a split with the community it was part of, through generations', () => {
    expect(predecessorAt(links, 2, '2021Q2')).toBe('1');
    expect(predecessorAt(links, 2, '2021Q3')).toBeNull();
    const twice: LineageLink[] = [...links, { successorId: 7, predecessorId: 2, quarter: '2022Q2', kind: 'split' }];
    expect(predecessorAt(twice, 7, '2022Q1')).toBe('2');
    expect(predecessorAt(twice, 7, '2021Q1')).toBe('1');
    const merged: LineageLink[] = [
      { successorId: 5, predecessorId: 3, quarter: '2021Q2', kind: 'merge' },
      { successorId: 5, predecessorId: 4, quarter: '2021Q2', kind: 'merge' },
    ];
    expect(predecessorAt(merged, 5, '2021Q1')).toBeNull();
  });

  it('refuses cycles', () => {
    expect(lineageCycle(links, { successorId: 1, predecessorId: 2, quarter: '2022Q1', kind: 'merge' })).toBe(true);
    expect(lineageCycle(links, { successorId: 4, predecessorId: 2, quarter: '2022Q1', kind: 'merge' })).toBe(false);
  });
});
