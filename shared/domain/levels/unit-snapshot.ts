/**
 * What a round freezes for a unit above the community (its metrics' sources), as the drill-down
 * rows a round stores per unit (`round_communities.rows_json`), and back. The exchange export reads
 * the same rows back (unitFactsFromRows) to pass on, with a 县区's package, the 下沉干部 and 清单外
 * tallies of each 街道 it appraised: the city attributes them to its 成员单位.
 */
import type { CadreCount, DepartmentTasks } from './level-metrics';

type DrillRow = Record<string, string | number | null>;

export interface UnitFacts {
  /** The unit's 统计用区划代码 (街道, 县区), null for a 成员单位. */
  code: string | null;
  cadres: CadreCount[];
  departmentTasks: DepartmentTasks[];
}

/** Row keys (the drill-down's column names). */
const K = {
  name: '单位',
  code: '统计用区划代码',
  revision: '上报版本',
  receivedAt: '接收时间',
  workUnit: '工作单位',
  registered: '登记人数',
  reported: '报到人数',
  department: '摊派部门',
  count: '清单外任务数',
  points: '扣分',
} as const;

export interface ReceivedSummary {
  revision: number;
  receivedAt: string;
  /** The reporting unit's own units (its 社区 or 街道) with their results. */
  units: readonly { name: string; total: number; grade: string; vetoes: readonly unknown[] }[];
}

/** The rows frozen for one unit: who it is, what it reported, and the tallies passed on. */
export function unitSnapshotRows(
  unit: { name: string; code: string | null },
  report: ReceivedSummary | null,
  facts: Pick<UnitFacts, 'cadres' | 'departmentTasks'>,
): Record<string, DrillRow[]> {
  return {
    unit: [
      {
        [K.name]: unit.name,
        [K.code]: unit.code,
        [K.revision]: report?.revision ?? null,
        [K.receivedAt]: report?.receivedAt ?? null,
      },
    ],
    received: (report?.units ?? []).map((u) => ({ 单位: u.name, 总分: u.total, 等次: u.grade, 否决项: u.vetoes.length })),
    cadres: facts.cadres.map((c) => ({ [K.workUnit]: c.workUnit, [K.registered]: c.registered, [K.reported]: c.reported })),
    departmentTasks: facts.departmentTasks.map((t) => ({ [K.department]: t.department, [K.count]: t.count, [K.points]: t.points })),
  };
}

const num = (v: string | number | null | undefined): number => (typeof v === 'number' ? v : Number(v ?? 0) || 0);
const str = (v: string | number | null | undefined): string => (v === null || v === undefined ? '' : String(v));

/** The facts a round froze for a unit (from `unitSnapshotRows`); empty for a community's rows. */
export function unitFactsFromRows(rows: Record<string, readonly DrillRow[]>): UnitFacts {
  const code = rows.unit?.[0]?.[K.code];
  return {
    code: typeof code === 'string' && code ? code : null,
    cadres: (rows.cadres ?? [])
      .filter((r) => K.workUnit in r)
      .map((r) => ({ workUnit: str(r[K.workUnit]), registered: num(r[K.registered]), reported: num(r[K.reported]) })),
    departmentTasks: (rows.departmentTasks ?? []).map((r) => ({
      department: str(r[K.department]),
      count: num(r[K.count]),
      points: num(r[K.points]),
    })),
  };
}

/** Which frozen rows explain which level metric (the form's drill-down of a computed item). */
export const LEVEL_METRIC_SOURCES: Record<string, string> = {
  reported: 'unit',
  reportDaysLate: 'unit',
  subUnitCount: 'received',
  subPassRate: 'received',
  subAverageScore: 'received',
  subAverageChange: 'received',
  subVetoCount: 'received',
  rectificationsDue: 'received',
  rectificationsDone: 'received',
  rectificationRate: 'received',
  memberCadresRegistered: 'cadres',
  memberCadresReported: 'cadres',
  memberCadreReportRate: 'cadres',
  offListTasks: 'departmentTasks',
  offListPoints: 'departmentTasks',
};
