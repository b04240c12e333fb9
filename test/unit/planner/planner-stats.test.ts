import { describe, expect, it } from 'vitest';
import { DEFAULT_PLANNER_NORMS as N } from '../../../shared/domain/planner/norms';
import { computeStats, statFigures, sumStats, type RosterSnapshot, type SnapshotCommunity } from '../../../shared/domain/planner/stats';

/** A community as a round freezes it: metrics plus the rows behind them. */
function frozen(name: string, over: { facilityArea?: number; births?: string[]; posts?: [string, number][] } = {}): SnapshotCommunity {
  const births = over.births ?? ['1970-01-01', '1980-01-01', '1990-01-01', '1995-01-01', '1960-01-01'];
  const posts = over.posts ?? [
    ['正职', 10],
    ['工作人员', 2],
    ['工作人员', 2],
    ['工作人员', 3],
    ['工作人员', 4],
    ['工作人员', 1],
    ['工作人员', 1],
    ['工作人员', 2],
    ['工作人员', 3],
  ];
  return {
    name,
    metrics: {
      households: 1500,
      residents: 4500,
      facilityArea: over.facilityArea ?? 750,
      residentsCommitteeCount: births.length,
      committeeCount: births.length,
      workerCount: posts.length,
      gridCount: 3,
      gridStaffFullTime: 3,
      gridStaffPartTime: 1,
      secretaryIsDirector: 1,
      cadresRegistered: 2,
      cadresReported: 1,
    },
    rows: {
      grids: [
        { 网格编号: 'W1', 户数: 500 },
        { 网格编号: 'W2', 户数: 320 },
        { 网格编号: 'W3', 户数: 680 },
      ],
      committee: births.map((b) => ({ 姓名: 'x', 出生日期: b })),
      workers: posts.map(([p, g]) => ({ 姓名: 'y', 岗位类别: p, 岗位等级: g })),
    },
  };
}

describe('statistics as a pure function of a roster snapshot', () => {
  const snapshot: RosterSnapshot = {
    asOf: '2021-09-30',
    communities: [
      frozen('甲社区'),
      frozen('乙社区', { facilityArea: 600, births: ['1986-09-30', '1986-10-01', '2000-01-01', '1970-01-01', '1970-01-01'] }),
    ],
  };

  it('counts within-band grids from the frozen grid rows, strictly-under-35 members, workers by post and grade', () => {
    const s = computeStats(snapshot, N);
    expect(s.grids).toBe(6);
    expect(s.gridsWithinBand).toBe(4);
    // 甲: 1990, 1995 (31, 26); 乙: 1986-10-01 (34), 2000 — 1986-09-30 is exactly 35.
    expect(s.committeeUnder35).toBe(4);
    expect(s.workersByPost).toEqual([
      { label: '正职', count: 2 },
      { label: '工作人员', count: 16 },
    ]);
    expect(s.workersByGrade.map((g) => `${g.label}:${g.count}`)).toEqual(['1:4', '2:6', '3:4', '4:2', '10:2']);
    expect(s.meetingEach.area).toBe(1);
    expect(s.areaGapM2).toBe(150);
  });

  it('a county sums its streets and recomputes the rates from the sums', () => {
    const a = computeStats(snapshot, N);
    const b = computeStats({ asOf: '2021-09-30', communities: [frozen('丙社区')] }, N);
    const county = sumStats([a, b]);
    expect(county.communities).toBe(3);
    expect(county.workersByPost.find((x) => x.label === '工作人员')?.count).toBe(24);
    const rate = statFigures(county, N).find((f) => f.key === 'cadresReportRate');
    expect(rate?.value).toBe(50);
    const change = statFigures(county, N, a).find((f) => f.key === 'communities');
    expect(change?.change).toBe(1);
  });
});
