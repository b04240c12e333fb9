/** Storage of the planner: norms (settings), planned actions and community lineage. */
import { plannerNormsSchema, DEFAULT_PLANNER_NORMS, type PlannerNorms } from '../../../../shared/domain/planner/norms';
import type { PlanAction, PlanActionInput, PlanActionKind } from '../../../../shared/domain/planner/actions';
import type { LineageKind, LineageLink } from '../../../../shared/domain/planner/lineage';
import type { DbOrTrx } from '../../platform/db/schema';
import { writeSetting } from '../settings/index';

const NORMS_KEY = 'planner.norms';

/** The norms in effect: the saved ones, else the defaults (a damaged value falls back to them too). */
export async function readNorms(db: DbOrTrx): Promise<PlannerNorms> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', NORMS_KEY).executeTakeFirst();
  if (!row) return DEFAULT_PLANNER_NORMS;
  try {
    const parsed = plannerNormsSchema.safeParse({ ...DEFAULT_PLANNER_NORMS, ...(JSON.parse(row.value) as object) });
    return parsed.success ? parsed.data : DEFAULT_PLANNER_NORMS;
  } catch {
    return DEFAULT_PLANNER_NORMS;
  }
}

export async function writeNorms(db: DbOrTrx, norms: PlannerNorms, now: Date): Promise<void> {
  await writeSetting(db, NORMS_KEY, JSON.stringify(norms), now);
}

export async function listActions(db: DbOrTrx): Promise<PlanAction[]> {
  const rows = await db.selectFrom('planner_actions').selectAll().orderBy('target_quarter').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    communityId: r.community_id,
    kind: r.kind as PlanActionKind,
    quantity: r.quantity,
    gridCode: r.grid_code,
    otherCommunityId: r.other_community_id,
    targetQuarter: r.target_quarter,
    note: r.note,
  }));
}

export async function insertAction(db: DbOrTrx, a: PlanActionInput, actor: string, now: Date): Promise<number> {
  const at = now.toISOString();
  const row = await db
    .insertInto('planner_actions')
    .values({
      community_id: a.communityId,
      kind: a.kind,
      quantity: a.quantity,
      grid_code: a.gridCode,
      other_community_id: a.otherCommunityId,
      target_quarter: a.targetQuarter,
      note: a.note,
      created_at: at,
      created_by: actor,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteAction(db: DbOrTrx, id: number): Promise<boolean> {
  const r = await db.deleteFrom('planner_actions').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export interface StoredLineage extends LineageLink {
  readonly note: string;
}

export async function listLineage(db: DbOrTrx): Promise<StoredLineage[]> {
  const rows = await db
    .selectFrom('community_lineage')
    .selectAll()
    .orderBy('quarter')
    .orderBy('successor_id')
    .orderBy('predecessor_id')
    .execute();
  return rows.map((r) => ({
    successorId: r.successor_id,
    predecessorId: r.predecessor_id,
    quarter: r.quarter,
    kind: r.kind as LineageKind,
    note: r.note,
  }));
}

export async function insertLineage(db: DbOrTrx, link: StoredLineage, actor: string, now: Date): Promise<void> {
  await db
    .insertInto('community_lineage')
    .values({
      successor_id: link.successorId,
      predecessor_id: link.predecessorId,
      quarter: link.quarter,
      kind: link.kind,
      note: link.note,
      created_at: now.toISOString(),
      created_by: actor,
    })
    .execute();
}

export async function deleteLineage(db: DbOrTrx, successorId: number, predecessorId: number): Promise<boolean> {
  const r = await db
    .deleteFrom('community_lineage')
    .where('successor_id', '=', successorId)
    .where('predecessor_id', '=', predecessorId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** 小组/楼院 rows (with 户数) of the given grids of one community, in roster order. */
export async function groupUnits(
  db: DbOrTrx,
  communityId: number,
): Promise<{ gridCode: string; groupName: string; courtyardName: string | null; households: number | null }[]> {
  const rows = await db
    .selectFrom('grid_groups')
    .innerJoin('grids', 'grids.id', 'grid_groups.grid_id')
    .select(['grids.code', 'grid_groups.group_name', 'grid_groups.courtyard_name', 'grid_groups.households'])
    .where('grids.community_id', '=', communityId)
    .orderBy('grid_groups.id')
    .execute();
  return rows.map((r) => ({
    gridCode: r.code,
    groupName: r.group_name,
    courtyardName: r.courtyard_name === '' ? null : r.courtyard_name,
    households: r.households,
  }));
}

/** Community names by id (planned actions name the communities they touch). */
export async function communityNames(db: DbOrTrx): Promise<Map<number, string>> {
  const rows = await db.selectFrom('communities').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function communityExists(db: DbOrTrx, id: number): Promise<boolean> {
  return (await db.selectFrom('communities').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** The community's grid code as the roster spells it, found by its normalised key. */
export async function gridCodeByKey(db: DbOrTrx, communityId: number, codeKey: string): Promise<string | undefined> {
  const grid = await db
    .selectFrom('grids')
    .select('code')
    .where('community_id', '=', communityId)
    .where('code_key', '=', codeKey)
    .executeTakeFirst();
  return grid?.code;
}

/** The id of the year's last round, or of the newest round of all when no year is given. */
export async function latestRoundId(db: DbOrTrx, year?: number): Promise<string | undefined> {
  let q = db.selectFrom('rounds').select('id');
  if (year !== undefined) q = q.where('year', '=', year);
  else q = q.orderBy('year', 'desc');
  const row = await q.orderBy('quarter', 'desc').executeTakeFirst();
  return row?.id;
}
