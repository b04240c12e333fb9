/**
 * Appraised units above the community (table `appraised_units`, migration 0011): the 街道 a 县区
 * appraises, the 县区 and 成员单位 a 市 appraises. Keyed by (kind, name); 街道 and 县区 also by
 * their 统计用区划代码, which is how a received package finds its unit.
 */
import type { DbOrTrx } from '../../platform/db/schema';
import type { AppraisedUnitsTable } from '../../platform/db/schema/levels.schema';

export type UnitRow = Omit<AppraisedUnitsTable, 'id'> & { id: number };
export type AppraisedKind = AppraisedUnitsTable['kind'];

export async function listUnitRows(db: DbOrTrx, kind?: AppraisedKind): Promise<UnitRow[]> {
  let q = db.selectFrom('appraised_units').selectAll();
  if (kind) q = q.where('kind', '=', kind);
  return q.orderBy('kind').orderBy('position').orderBy('id').execute();
}

export async function unitRowsByIds(db: DbOrTrx, ids: readonly number[]): Promise<UnitRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('appraised_units')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

export async function nextPosition(db: DbOrTrx, kind: AppraisedKind): Promise<number> {
  const row = await db
    .selectFrom('appraised_units')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('kind', '=', kind)
    .executeTakeFirst();
  return Number(row?.p ?? 0) + 1;
}

export async function insertUnit(db: DbOrTrx, row: Omit<UnitRow, 'id'>): Promise<number> {
  const r = await db.insertInto('appraised_units').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateUnit(
  db: DbOrTrx,
  id: number,
  values: Partial<Pick<UnitRow, 'name' | 'short_name' | 'code' | 'contact' | 'phone' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('appraised_units').set(values).where('id', '=', id).execute();
}

export async function deleteUnit(db: DbOrTrx, id: number): Promise<void> {
  await db.deleteFrom('appraised_units').where('id', '=', id).execute();
}

/** The rounds that appraised the unit (its id is the round's community id), oldest first. */
export async function roundsOfUnit(db: DbOrTrx, id: number): Promise<string[]> {
  const rows = await db.selectFrom('round_communities').select('round_id').where('community_id', '=', id).orderBy('round_id').execute();
  return rows.map((r) => r.round_id);
}
