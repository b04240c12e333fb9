/**
 * Writes to the roster tables, shared by the import's writer and the single-record edit/delete:
 * bulk inserts, updates by key, streets on demand, grid links of 网格员, removing records.
 */
import type { Insertable, Selectable } from 'kysely';
import { AppError } from '../../../../shared/ipc/errors';
import type { Database, DbOrTrx } from '../../platform/db/schema';
import { bulkInsert } from '../../platform/db/bulk-insert';
import type { BatchEntity } from '../../platform/db/schema/organization.schema';
import { gridCodeKey, type RoleTable } from './roster-rows';

/** Multi-row inserts in chunks that stay far below SQLite's 32,766 bound values per statement. */
export function chunk<T>(rows: readonly T[], columns: number): T[][] {
  const size = Math.max(1, Math.min(500, Math.floor(30_000 / Math.max(1, columns))));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * Bulk insert of imported rows (see db/bulk-insert.ts). Columns empty in every row of a statement
 * are left out: an imported roster leaves most optional columns empty.
 */
export async function insertRows(db: DbOrTrx, table: string, rows: readonly object[], signal?: AbortSignal): Promise<void> {
  await bulkInsert(db, table, rows, () => {
    if (signal?.aborted) throw new AppError('CANCELLED', '已取消，未写入任何数据。');
  });
}

type PlaceTable = 'communities' | 'grids' | 'grid_groups';

/** Inserts places (communities, grids, 小组/楼院); `columns` sizes the statements (see chunk). */
export async function insertPlaces<T extends PlaceTable>(
  trx: DbOrTrx,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  columns: number,
): Promise<void> {
  for (const part of chunk(rows, columns))
    await trx
      .insertInto(table)
      .values(part as never)
      .execute();
}

/** The key column of a batch-written table: role tables are keyed by their person. */
export function keyColumn(table: BatchEntity): 'id' | 'person_id' {
  return table === 'workers' || table === 'grid_staff' || table === 'committee_members' || table === 'cadres' ? 'person_id' : 'id';
}

/** A row as it is now (before a change is written over it). */
export async function rowBefore<T extends BatchEntity>(trx: DbOrTrx, table: T, key: number): Promise<Selectable<Database[T]>> {
  const row = await trx
    .selectFrom(table as 'persons')
    .selectAll()
    .where(keyColumn(table) as 'id', '=', key)
    .executeTakeFirstOrThrow();
  return row as unknown as Selectable<Database[T]>;
}

/** Updates one row of a batch-written table by its key. */
export async function updateRow(trx: DbOrTrx, table: BatchEntity, key: number, values: object): Promise<void> {
  await trx
    .updateTable(table as 'persons')
    .set(values as never)
    .where(keyColumn(table) as 'id', '=', key)
    .execute();
}

/** Persons by id, as they are now. */
export async function personsByIds(trx: DbOrTrx, ids: readonly number[]) {
  return trx.selectFrom('persons').selectAll().where('id', 'in', ids).execute();
}

/** The highest person id (0 when none): an import numbers new persons itself. */
export async function maxPersonId(trx: DbOrTrx): Promise<number> {
  const row = await trx
    .selectFrom('persons')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

/** The street's id, creating the street (and its district) when new. */
export async function ensureStreet(trx: DbOrTrx, street: string, district: string | null): Promise<number> {
  let districtId: number | null = null;
  if (district) {
    const d = await trx.selectFrom('districts').select('id').where('name', '=', district).executeTakeFirst();
    districtId = d ? d.id : (await trx.insertInto('districts').values({ name: district }).returning('id').executeTakeFirstOrThrow()).id;
  }
  const s = await trx.selectFrom('streets').select(['id', 'district_id']).where('name', '=', street).executeTakeFirst();
  if (s) {
    if (districtId !== null && s.district_id === null)
      await trx.updateTable('streets').set({ district_id: districtId }).where('id', '=', s.id).execute();
    return s.id;
  }
  return (await trx.insertInto('streets').values({ name: street, district_id: districtId }).returning('id').executeTakeFirstOrThrow()).id;
}

/** Links a 网格员 to the grids of the given codes (unknown codes are skipped); `replace` drops old links first. */
export async function linkGrids(
  trx: DbOrTrx,
  personId: number,
  codes: readonly string[],
  gridIds: ReadonlyMap<string, number>,
  replace: boolean,
): Promise<void> {
  if (replace) await trx.deleteFrom('grid_staff_grids').where('person_id', '=', personId).execute();
  const ids = [...new Set(codes.map((c) => gridIds.get(gridCodeKey(c))).filter((x): x is number => x !== undefined))];
  if (ids.length > 0)
    await trx
      .insertInto('grid_staff_grids')
      .values(ids.map((grid_id) => ({ person_id: personId, grid_id })))
      .execute();
}

/** Removes a community, a grid (with its 小组/楼院) or one 小组/楼院 row. */
export async function deletePlace(trx: DbOrTrx, table: PlaceTable, id: number): Promise<void> {
  if (table === 'grids') await trx.deleteFrom('grid_groups').where('grid_id', '=', id).execute();
  await trx.deleteFrom(table).where('id', '=', id).execute();
}

/** Removes a person's role row, and the person when no other roster lists them. */
export async function deleteRole(trx: DbOrTrx, table: RoleTable, personId: number): Promise<void> {
  await trx.deleteFrom(table).where('person_id', '=', personId).execute();
  await deleteUnusedPersons(trx, { id: personId });
}

/** Deletes the person (or the persons an import batch created) when no roster lists them any more. */
export async function deleteUnusedPersons(trx: DbOrTrx, which: { id: number } | { createdBatchId: number }): Promise<void> {
  const unused = await trx
    .selectFrom('persons')
    .select('id')
    .where((eb) => ('id' in which ? eb('id', '=', which.id) : eb('created_batch_id', '=', which.createdBatchId)))
    .where((eb) =>
      eb.not(
        eb.or([
          eb.exists(eb.selectFrom('workers').select('person_id').whereRef('workers.person_id', '=', 'persons.id')),
          eb.exists(eb.selectFrom('grid_staff').select('person_id').whereRef('grid_staff.person_id', '=', 'persons.id')),
          eb.exists(eb.selectFrom('committee_members').select('person_id').whereRef('committee_members.person_id', '=', 'persons.id')),
          eb.exists(eb.selectFrom('cadres').select('person_id').whereRef('cadres.person_id', '=', 'persons.id')),
        ]),
      ),
    )
    .execute();
  for (const part of chunk(
    unused.map((o) => o.id),
    1,
  ))
    await trx.deleteFrom('persons').where('id', 'in', part).execute();
}
