/**
 * What a round over units above the community freezes per unit: its metrics, computed from the
 * reports received for the quarter (and the quarter before), and the rows that explain them.
 * Called by the rounds feature (round-sources) in place of the roster snapshot of communities.
 */
import {
  cadresByWorkUnit,
  departmentTasksOf,
  memberUnitMetrics,
  namesMemberUnit,
  reportDueDate,
  subordinateMetrics,
} from '../../../../shared/domain/levels/level-metrics';
import { unitSnapshotRows } from '../../../../shared/domain/levels/unit-snapshot';
import { previousRoundId, roundId } from '../../../../shared/domain/round/round-workflow';
import { AppError } from '../../../../shared/ipc/errors';
import type { UnitKind } from '../../../../shared/domain/levels/levels';
import type { DbOrTrx } from '../../platform/db/schema';
import { listUnitRows, unitRowsByIds } from './levels.repository';
import { receivedReports, type ReceivedReportRow } from './received-reports';
import { assertAppraisedKind } from './units.service';

type DrillRow = Record<string, string | number | null>;

export interface UnitSnapshot {
  metrics: Record<string, number | null>;
  rows: Record<string, DrillRow[]>;
}

const NO_UNITS: Record<Exclude<UnitKind, '社区'>, string> = {
  街道: '还没有可考评的街道。请先信任各街道的上报密钥并接收其上报，或在“组织与名册”中导入街道名单。',
  县区: '还没有可考评的县区。请先信任各县区的上报密钥并接收其上报，或在“组织与名册”中导入县区名单。',
  成员单位: '还没有可考评的成员单位。请先在“组织与名册”中导入成员单位名单（名称、简称、联系人）。',
};

/** Units of `kind` (all, or the given ids) in roster order, as a round lists them. */
export async function listAppraisedUnits(
  db: DbOrTrx,
  kind: UnitKind,
  ids?: readonly number[],
): Promise<{ id: number; name: string; sortKey: string }[]> {
  const appraised = await assertAppraisedKind(db, kind);
  const all = await listUnitRows(db, appraised);
  if (all.length === 0) throw new AppError('VALIDATION_FAILED', NO_UNITS[appraised]);
  const list = all.map((u) => ({ id: u.id, name: u.name, sortKey: `${String(u.position).padStart(6, '0')}|${u.name}` }));
  if (!ids) return list;
  const wanted = new Set(ids);
  return list.filter((u) => wanted.has(u.id));
}

/** Frozen metrics and rows of each unit for the quarter ending `quarterEnd` (yyyy-mm-dd). */
export async function snapshotUnits(
  db: DbOrTrx,
  kind: UnitKind,
  ids: readonly number[],
  quarterEnd: string,
): Promise<Map<number, UnitSnapshot>> {
  const year = Number(quarterEnd.slice(0, 4));
  const quarter = Math.ceil(Number(quarterEnd.slice(5, 7)) / 3);
  const due = reportDueDate(year, quarter);
  const [units, current, previous] = await Promise.all([
    unitRowsByIds(db, ids),
    receivedReports(db, roundId(year, quarter)),
    receivedReports(db, previousRoundId(year, quarter)),
  ]);
  const out = new Map<number, UnitSnapshot>();
  if (kind === '成员单位') {
    const all = current.flatMap((r) => r.units);
    const cadres = cadresByWorkUnit(all);
    const tasks = departmentTasksOf(all);
    for (const u of units) {
      const unit = { name: u.name, shortName: u.short_name };
      const metrics = memberUnitMetrics(unit, cadres, tasks);
      out.set(u.id, {
        metrics,
        rows: unitSnapshotRows({ name: u.name, code: null }, null, {
          cadres: cadres.filter((c) => namesMemberUnit(c.workUnit, unit)),
          departmentTasks: tasks.filter((t) => namesMemberUnit(t.department, unit)),
        }),
      });
    }
    return out;
  }
  const byCode = (list: ReceivedReportRow[]) => new Map(list.map((r) => [r.sourceCode, r]));
  const now = byCode(current);
  const before = byCode(previous);
  for (const u of units) {
    const report = u.code ? (now.get(u.code) ?? null) : null;
    const last = u.code ? (before.get(u.code) ?? null) : null;
    const metrics = subordinateMetrics(report, last, due, `${due}T00:00:00.000Z`);
    out.set(u.id, {
      metrics,
      rows: unitSnapshotRows({ name: u.name, code: u.code }, report, {
        cadres: report ? cadresByWorkUnit(report.units) : [],
        departmentTasks: report ? departmentTasksOf(report.units) : [],
      }),
    });
  }
  return out;
}
