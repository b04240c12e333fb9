/**
 * Metrics of appraised units above the community (issue #15), computed from the packages they
 * report, the way roster metrics are computed from rosters: a round freezes them when it is created
 * (or re-frozen), and the standard's computed items read them by key.
 *
 * - A 街道 (at a 县区) or a 县区 (at the 市) is measured by its own finalized round as received:
 *   the share of its appraised units that pass, their average score and its change on the last
 *   quarter, vetoes, 整改 completion and how late the report came.
 * - A 成员单位 (at the 市) is measured by what the reports say about it: the 下沉干部 of its 工作单位
 *   (registered / reported in the half year) and the 清单外 tasks communities were burdened with by
 *   it (deductions that name it as the department that imposed the task).
 *
 * Inputs are structural (the received package's units), so this file does not depend on the
 * exchange feature's storage. Every metric is a number (never null): a unit that has not reported
 * scores 0 on the report-based items, which is what the 通报 should say.
 */
import type { MetricDefinition } from '../standard/metric-catalogue';

export interface CadreCount {
  workUnit: string;
  registered: number;
  reported: number;
}

/** 清单外 tasks attributed to one department. */
export interface DepartmentTasks {
  department: string;
  count: number;
  points: number;
}

/** The part of a received unit (a 社区 in a 街道's package, a 街道 in a 县区's) these metrics read. */
export interface ReceivedUnitFacts {
  total: number;
  grade: string;
  vetoes: readonly unknown[];
  earlierRectifications: readonly { status: string }[];
  cadres: readonly CadreCount[];
  deductions: readonly { department: string | null; points: number }[];
  /** Aggregated 清单外 tasks of the unit's own units (a 街道 in a 县区's package). */
  departmentTasks?: readonly DepartmentTasks[] | undefined;
}

export interface ReceivedReport {
  /** When this database received it (ISO). */
  receivedAt: string;
  units: readonly ReceivedUnitFacts[];
}

export const SUBORDINATE_METRIC_KEYS = [
  'reported',
  'subUnitCount',
  'subPassRate',
  'subAverageScore',
  'subAverageChange',
  'subVetoCount',
  'rectificationsDue',
  'rectificationsDone',
  'rectificationRate',
  'reportDaysLate',
] as const;
export const MEMBER_METRIC_KEYS = [
  'memberCadresRegistered',
  'memberCadresReported',
  'memberCadreReportRate',
  'offListTasks',
  'offListPoints',
] as const;
export type SubordinateMetricKey = (typeof SUBORDINATE_METRIC_KEYS)[number];
export type MemberMetricKey = (typeof MEMBER_METRIC_KEYS)[number];

/** The catalogue entries: stable keys (published standards store them), Chinese labels for formulas. */
export const LEVEL_METRICS: readonly MetricDefinition[] = [
  { key: 'reported', label: '已上报', unit: '1/0', description: '本季度已收到该单位定稿后上报的考评结果为1，否则为0' },
  { key: 'subUnitCount', label: '下级考评单位数', unit: '个', description: '该单位本季度考评的下级单位数（街道的社区、县区的街道）' },
  { key: 'subPassRate', label: '下级达标率', unit: '比例', description: '下级单位中等次不是“不合格”且无否决项的比例（0至1）' },
  { key: 'subAverageScore', label: '下级平均分', unit: '分', description: '下级单位本季度总分的平均值' },
  { key: 'subAverageChange', label: '平均分较上季度变化', unit: '分', description: '下级平均分减上季度的下级平均分；上季度未上报时为0' },
  { key: 'subVetoCount', label: '下级否决单位数', unit: '个', description: '本季度有一票否决项的下级单位数' },
  { key: 'rectificationsDue', label: '往期整改项数', unit: '项', description: '以前季度提出、本季度应核查的整改项数' },
  { key: 'rectificationsDone', label: '已销号整改项数', unit: '项', description: '往期整改项中本季度已核查销号的项数' },
  { key: 'rectificationRate', label: '整改完成率', unit: '比例', description: '已销号整改项数 ÷ 往期整改项数；没有往期整改项时为1' },
  {
    key: 'reportDaysLate',
    label: '上报逾期天数',
    unit: '天',
    description: '收到上报的日期晚于上报期限（季度结束后第15天）的天数；未上报按到考评时计',
  },
  {
    key: 'memberCadresRegistered',
    label: '本单位下沉干部登记数',
    unit: '人',
    description: '各地上报的下沉干部名册中工作单位为本单位的人数',
  },
  { key: 'memberCadresReported', label: '本单位下沉干部报到数', unit: '人', description: '其中近6个月内已到社区报到的人数' },
  { key: 'memberCadreReportRate', label: '本单位下沉干部报到率', unit: '比例', description: '报到数 ÷ 登记数；没有登记时为0' },
  { key: 'offListTasks', label: '清单外任务数', unit: '项', description: '各地考评中记为本单位摊派的清单外任务（扣分记录注明的部门）条数' },
  { key: 'offListPoints', label: '清单外任务扣分', unit: '分', description: '上述扣分记录的扣分合计' },
];

/** Days after the quarter a report is due: the 15th day after the quarter ends. */
export const REPORT_DUE_DAYS = 15;

const DAY_MS = 86_400_000;

/** ISO date (yyyy-mm-dd) a quarter's report is due. */
export function reportDueDate(year: number, quarter: number): string {
  const end = Date.UTC(year, quarter * 3, 0); // last day of the quarter
  return new Date(end + REPORT_DUE_DAYS * DAY_MS).toISOString().slice(0, 10);
}

function daysAfter(due: string, at: string): number {
  const a = Date.parse(`${at.slice(0, 10)}T00:00:00Z`);
  const d = Date.parse(`${due}T00:00:00Z`);
  return Number.isFinite(a) && Number.isFinite(d) ? Math.max(0, Math.round((a - d) / DAY_MS)) : 0;
}

/** Round to 4 decimals: rates and means are stored in the round's snapshot as plain numbers. */
const r4 = (x: number): number => Math.round(x * 10_000) / 10_000;

function average(units: readonly ReceivedUnitFacts[]): number {
  return units.length ? units.reduce((s, u) => s + u.total, 0) / units.length : 0;
}

const passes = (u: ReceivedUnitFacts): boolean => u.vetoes.length === 0 && u.grade !== '不合格';

/**
 * Metrics of a 街道 or 县区 from its report for the quarter (`current`, null when it has not
 * reported) and the one before (`previous`). `now` counts the lateness of a missing report.
 */
export function subordinateMetrics(
  current: ReceivedReport | null,
  previous: ReceivedReport | null,
  due: string,
  now: string,
): Record<SubordinateMetricKey, number> {
  if (!current)
    return {
      reported: 0,
      subUnitCount: 0,
      subPassRate: 0,
      subAverageScore: 0,
      subAverageChange: 0,
      subVetoCount: 0,
      rectificationsDue: 0,
      rectificationsDone: 0,
      rectificationRate: 0,
      reportDaysLate: daysAfter(due, now),
    };
  const units = current.units;
  const earlier = units.flatMap((u) => u.earlierRectifications);
  const done = earlier.filter((r) => r.status === 'verified' || r.status === '已销号').length;
  const avg = average(units);
  return {
    reported: 1,
    subUnitCount: units.length,
    subPassRate: units.length ? r4(units.filter(passes).length / units.length) : 0,
    subAverageScore: r4(avg),
    subAverageChange: previous && previous.units.length ? r4(avg - average(previous.units)) : 0,
    subVetoCount: units.filter((u) => u.vetoes.length > 0).length,
    rectificationsDue: earlier.length,
    rectificationsDone: done,
    rectificationRate: earlier.length ? r4(done / earlier.length) : 1,
    reportDaysLate: daysAfter(due, current.receivedAt),
  };
}

/** 下沉干部 per 工作单位 over a report's units (what a 县区 passes on for its 街道). */
export function cadresByWorkUnit(units: readonly ReceivedUnitFacts[]): CadreCount[] {
  const by = new Map<string, CadreCount>();
  for (const u of units)
    for (const c of u.cadres) {
      const key = c.workUnit.trim();
      const hit = by.get(key) ?? { workUnit: key, registered: 0, reported: 0 };
      hit.registered += c.registered;
      hit.reported += c.reported;
      by.set(key, hit);
    }
  return [...by.values()].sort((a, b) => (a.workUnit < b.workUnit ? -1 : a.workUnit > b.workUnit ? 1 : 0));
}

/** 清单外 tasks per department over a report's units: deductions naming one, plus passed-on tallies. */
export function departmentTasksOf(units: readonly ReceivedUnitFacts[]): DepartmentTasks[] {
  const by = new Map<string, DepartmentTasks>();
  const add = (department: string, count: number, points: number) => {
    const key = department.trim();
    if (!key) return;
    const hit = by.get(key) ?? { department: key, count: 0, points: 0 };
    hit.count += count;
    hit.points = r4(hit.points + points);
    by.set(key, hit);
  };
  for (const u of units) {
    for (const d of u.deductions) if (d.department) add(d.department, 1, d.points);
    for (const t of u.departmentTasks ?? []) add(t.department, t.count, t.points);
  }
  return [...by.values()].sort((a, b) => (a.department < b.department ? -1 : a.department > b.department ? 1 : 0));
}

/** Text as compared when matching a 工作单位 or department to a 成员单位: no spaces, no 市/区 prefix noise. */
function normalizeOrgName(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

/**
 * Whether a 工作单位 / department text names the member unit: equal to its name or 简称, or
 * ending with either (漯河市民政局 names 民政局; 市委组织部 names 组织部). Names shorter than two
 * characters never match (局 alone names nobody).
 */
export function namesMemberUnit(text: string, unit: { name: string; shortName: string | null }): boolean {
  const t = normalizeOrgName(text);
  if (!t) return false;
  return [unit.name, unit.shortName ?? '']
    .map(normalizeOrgName)
    .filter((n) => n.length >= 2)
    .some((n) => t === n || t.endsWith(n));
}

/** Metrics of one 成员单位 from everything received for the quarter. */
export function memberUnitMetrics(
  unit: { name: string; shortName: string | null },
  cadres: readonly CadreCount[],
  tasks: readonly DepartmentTasks[],
): Record<MemberMetricKey, number> {
  const mine = cadres.filter((c) => namesMemberUnit(c.workUnit, unit));
  const registered = mine.reduce((s, c) => s + c.registered, 0);
  const reported = mine.reduce((s, c) => s + c.reported, 0);
  const myTasks = tasks.filter((t) => namesMemberUnit(t.department, unit));
  return {
    memberCadresRegistered: registered,
    memberCadresReported: reported,
    memberCadreReportRate: registered ? r4(reported / registered) : 0,
    offListTasks: myTasks.reduce((s, t) => s + t.count, 0),
    offListPoints: r4(myTasks.reduce((s, t) => s + t.points, 0)),
  };
}
