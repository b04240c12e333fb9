/**
 * Statistics in the seed report's style (grids, 专职/兼职网格员, 社区工作者 by 岗位 and 等级, 两委,
 * 下沉干部, service area, communities meeting each norm). A pure function of a roster snapshot (the
 * metrics and rows a round freezes, or the live rosters in the same shape), so a future exchange
 * package can carry snapshots and a 县区 or 市 can sum streets with {@link sumStats}.
 */
import { isUnder35, type RosterMetrics } from '../roster/roster-metrics';
import { computeGaps, planCommunityFromMetrics, summarizeGaps, type PlanGrid } from './gaps';
import { NORM_KEYS, type NormKey, type PlannerNorms } from './norms';

type Row = Readonly<Record<string, string | number | null>>;

/** One community of a snapshot: frozen metrics and the roster rows behind them (round_communities). */
export interface SnapshotCommunity {
  readonly name: string;
  readonly metrics: Partial<RosterMetrics>;
  readonly rows: Readonly<Record<string, readonly Row[]>>;
}

export interface RosterSnapshot {
  /** The date ages and report windows are taken at (the quarter end for a round). */
  readonly asOf: string;
  readonly communities: readonly SnapshotCommunity[];
}

export interface CountBy {
  readonly label: string;
  readonly count: number;
}

export interface RosterStats {
  readonly asOf: string;
  readonly communities: number;
  readonly households: number;
  readonly residents: number;
  readonly grids: number;
  readonly gridsWithinBand: number;
  readonly gridStaffFullTime: number;
  readonly gridStaffPartTime: number;
  readonly workers: number;
  readonly workersByPost: readonly CountBy[];
  readonly workersByGrade: readonly CountBy[];
  readonly committeeMembers: number;
  /** Communities whose 书记 is also 主任, and those with a 两委 roster (the rate's denominator). */
  readonly oneShoulder: number;
  readonly communitiesWithCommittee: number;
  /** 两委 members not yet 35 (不满35周岁) at `asOf`. */
  readonly committeeUnder35: number;
  readonly cadresRegistered: number;
  readonly cadresReported: number;
  readonly serviceAreaM2: number;
  readonly meetingAll: number;
  readonly meetingEach: Readonly<Record<NormKey, number>>;
  readonly areaGapM2: number;
  readonly workersGap: number;
}

function num(v: string | number | null | undefined): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

/** The grids of a snapshot community, from its frozen grid rows (网格编号, 户数). */
export function snapshotGrids(c: SnapshotCommunity): PlanGrid[] {
  return (c.rows.grids ?? []).map((g) => ({ code: String(g['网格编号'] ?? ''), households: num(g['户数']) }));
}

function tally(values: readonly string[], order?: (a: string, b: string) => number): CountBy[] {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m].map(([label, count]) => ({ label, count })).sort((a, b) => (order ? order(a.label, b.label) : 0));
}

const gradeOrder = (a: string, b: string) => (num(a) ?? 999) - (num(b) ?? 999);

export function computeStats(snapshot: RosterSnapshot, norms: PlannerNorms): RosterStats {
  const cs = snapshot.communities;
  const m = (key: keyof RosterMetrics) => cs.reduce((s, c) => s + (c.metrics[key] ?? 0), 0);
  const workers = cs.flatMap((c) => c.rows.workers ?? []);
  const committee = cs.flatMap((c) => c.rows.committee ?? []);
  const gaps = summarizeGaps(
    cs.map((c, i) => computeGaps(planCommunityFromMetrics(String(i), c.name, c.metrics, snapshotGrids(c)), norms)),
  );
  return {
    asOf: snapshot.asOf,
    communities: cs.length,
    households: m('households'),
    residents: m('residents'),
    grids: m('gridCount'),
    gridsWithinBand: cs.reduce(
      (s, c) =>
        s +
        snapshotGrids(c).filter(
          (g) => g.households !== null && g.households >= norms.gridMinHouseholds && g.households <= norms.gridMaxHouseholds,
        ).length,
      0,
    ),
    gridStaffFullTime: m('gridStaffFullTime'),
    gridStaffPartTime: m('gridStaffPartTime'),
    workers: m('workerCount'),
    workersByPost: tally(workers.map((w) => (w['岗位类别'] ? String(w['岗位类别']) : '未填'))),
    workersByGrade: tally(
      workers.map((w) => (num(w['岗位等级']) === null ? '未填' : String(num(w['岗位等级'])))),
      gradeOrder,
    ),
    committeeMembers: m('committeeCount'),
    oneShoulder: m('secretaryIsDirector'),
    communitiesWithCommittee: cs.filter((c) => (c.metrics.committeeCount ?? 0) > 0).length,
    // From the frozen rows, not the frozen metric: snapshots taken before the metric meant 不满35周岁 counted 35-year-olds.
    committeeUnder35: committee.filter(
      (p) => typeof p['出生日期'] === 'string' && p['出生日期'] !== '' && isUnder35(p['出生日期'], snapshot.asOf),
    ).length,
    cadresRegistered: m('cadresRegistered'),
    cadresReported: m('cadresReported'),
    serviceAreaM2: Math.round(m('facilityArea') * 100) / 100,
    meetingAll: gaps.meetingAll,
    meetingEach: gaps.meetingEach,
    areaGapM2: gaps.areaGapM2,
    workersGap: gaps.workersGap,
  };
}

/** A 县区 or 市: the streets' statistics summed (rates are recomputed from the sums by {@link statFigures}). */
export function sumStats(list: readonly RosterStats[]): RosterStats {
  const add = (f: (s: RosterStats) => number) => list.reduce((s, x) => s + f(x), 0);
  const merge = (f: (s: RosterStats) => readonly CountBy[], order?: (a: string, b: string) => number) => {
    const m = new Map<string, number>();
    for (const s of list) for (const c of f(s)) m.set(c.label, (m.get(c.label) ?? 0) + c.count);
    return [...m].map(([label, count]) => ({ label, count })).sort((a, b) => (order ? order(a.label, b.label) : 0));
  };
  return {
    asOf: list.reduce((d, s) => (s.asOf > d ? s.asOf : d), ''),
    communities: add((s) => s.communities),
    households: add((s) => s.households),
    residents: add((s) => s.residents),
    grids: add((s) => s.grids),
    gridsWithinBand: add((s) => s.gridsWithinBand),
    gridStaffFullTime: add((s) => s.gridStaffFullTime),
    gridStaffPartTime: add((s) => s.gridStaffPartTime),
    workers: add((s) => s.workers),
    workersByPost: merge((s) => s.workersByPost),
    workersByGrade: merge((s) => s.workersByGrade, gradeOrder),
    committeeMembers: add((s) => s.committeeMembers),
    oneShoulder: add((s) => s.oneShoulder),
    communitiesWithCommittee: add((s) => s.communitiesWithCommittee),
    committeeUnder35: add((s) => s.committeeUnder35),
    cadresRegistered: add((s) => s.cadresRegistered),
    cadresReported: add((s) => s.cadresReported),
    serviceAreaM2: Math.round(add((s) => s.serviceAreaM2) * 100) / 100,
    meetingAll: add((s) => s.meetingAll),
    meetingEach: Object.fromEntries(NORM_KEYS.map((k) => [k, add((s) => s.meetingEach[k])])) as Record<NormKey, number>,
    areaGapM2: Math.round(add((s) => s.areaGapM2) * 100) / 100,
    workersGap: add((s) => s.workersGap),
  };
}

export interface StatFigure {
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  readonly value: number | null;
  /** Change against the previous quarter's snapshot, or null when there is none. */
  readonly change: number | null;
}

function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

/** The printed figures, in the seed report's order, with the quarter-on-quarter change. */
export function statFigures(s: RosterStats, norms: PlannerNorms, previous?: RosterStats): StatFigure[] {
  const rows = (x: RosterStats): [string, string, string, number | null][] => [
    ['communities', '社区数', '个', x.communities],
    ['households', '户数', '户', x.households],
    ['residents', '常住人口', '人', x.residents],
    ['grids', '网格数', '个', x.grids],
    ['gridsWithinBand', `其中${norms.gridMinHouseholds}–${norms.gridMaxHouseholds}户的网格`, '个', x.gridsWithinBand],
    ['gridStaffFullTime', '专职网格员', '人', x.gridStaffFullTime],
    ['gridStaffPartTime', '兼职网格员', '人', x.gridStaffPartTime],
    ['workers', '社区工作者', '人', x.workers],
    ['committeeMembers', '“两委”成员', '人', x.committeeMembers],
    ['oneShoulderRate', '书记、主任“一肩挑”比例', '%', rate(x.oneShoulder, x.communitiesWithCommittee)],
    ['committeeUnder35', '35岁以下“两委”成员', '人', x.committeeUnder35],
    ['cadresRegistered', '下沉干部', '人', x.cadresRegistered],
    ['cadresReportRate', '下沉干部报到率', '%', rate(x.cadresReported, x.cadresRegistered)],
    ['serviceAreaM2', '综合服务设施面积', 'm²', x.serviceAreaM2],
    ['meetingArea', '服务设施面积达标社区', '个', x.meetingEach.area],
    ['meetingSize', '规模达标社区', '个', x.meetingEach.size],
    ['meetingGrids', '网格全部达标社区', '个', x.meetingEach.grids],
    ['meetingCommittee', '居委会成员数达标社区', '个', x.meetingEach.committee],
    ['meetingWorkers', '社区工作者配备达标社区', '个', x.meetingEach.workers],
    ['meetingAll', '各项全部达标社区', '个', x.meetingAll],
    ['areaGapM2', '尚缺服务设施面积', 'm²', x.areaGapM2],
    ['workersGap', '尚缺社区工作者', '人', x.workersGap],
  ];
  const prev = previous ? new Map(rows(previous).map(([k, , , v]) => [k, v])) : null;
  return rows(s).map(([key, label, unit, value]) => {
    const p = prev?.get(key);
    const change = value === null || p === null || p === undefined ? null : Math.round((value - p) * 100) / 100;
    return { key, label, unit, value, change };
  });
}
