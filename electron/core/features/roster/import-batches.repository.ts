/**
 * Import batches: the batch row and the "before" copies of the rows it changed (for undo), and the
 * column mappings remembered per roster type.
 */
import type { Insertable, Selectable } from 'kysely';
import type { RosterType } from '../../../../shared/domain/roster/roster-columns';
import type { DbOrTrx } from '../../platform/db/schema';
import {
  BATCH_ENTITIES,
  type BatchEntity,
  type ImportBatchesTable,
  type RosterColumnMappingsTable,
} from '../../platform/db/schema/organization.schema';
import { chunk, keyColumn } from './roster-writes.repository';

export type ImportBatchRow = Selectable<ImportBatchesTable>;

export async function insertBatch(trx: DbOrTrx, batch: Insertable<ImportBatchesTable>): Promise<number> {
  return (await trx.insertInto('import_batches').values(batch).returning('id').executeTakeFirstOrThrow()).id;
}

export async function findBatch(db: DbOrTrx, batchId: number): Promise<ImportBatchRow | undefined> {
  return db.selectFrom('import_batches').selectAll().where('id', '=', batchId).executeTakeFirst();
}

/** Import batches, newest first (of one roster type, or all). */
export async function listBatches(db: DbOrTrx, roster: RosterType | null, limit: number): Promise<ImportBatchRow[]> {
  let q = db.selectFrom('import_batches').selectAll();
  if (roster) q = q.where('roster_type', '=', roster);
  return q.orderBy('id', 'desc').limit(limit).execute();
}

export async function markUndone(trx: DbOrTrx, batchId: number, at: string, by: string): Promise<void> {
  await trx.updateTable('import_batches').set({ status: 'undone', undone_at: at, undone_by: by }).where('id', '=', batchId).execute();
}

/** Keeps the rows a batch is about to change, as they were. */
export async function saveBefore(
  trx: DbOrTrx,
  batchId: number,
  entity: BatchEntity,
  rows: readonly { key: string; before: unknown }[],
): Promise<void> {
  for (const part of chunk(rows, 4)) {
    if (part.length === 0) continue;
    await trx
      .insertInto('import_batch_changes')
      .values(part.map((r) => ({ batch_id: batchId, entity, entity_key: r.key, before_json: JSON.stringify(r.before) })))
      .execute();
  }
}

/** The rows a batch changed with their previous values, latest first. */
export async function batchChanges(
  db: DbOrTrx,
  batchId: number,
): Promise<{ entity: BatchEntity; key: number; before: Record<string, unknown> }[]> {
  const rows = await db.selectFrom('import_batch_changes').selectAll().where('batch_id', '=', batchId).orderBy('id', 'desc').execute();
  return rows.map((c) => ({ entity: c.entity, key: Number(c.entity_key), before: JSON.parse(c.before_json) as Record<string, unknown> }));
}

/**
 * Rows of `table` the batch wrote (created, or changed: `changedKeys`) that something else has
 * written since. Persons created by the batch may since be used by another roster: they are kept
 * by undo, so only the persons it changed count.
 */
export async function countTouchedSince(db: DbOrTrx, table: BatchEntity, batchId: number, changedKeys: readonly number[]): Promise<number> {
  const key = keyColumn(table) as 'id';
  const keys = changedKeys.length ? changedKeys : [-1];
  const touched = await db
    .selectFrom(table as 'persons')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => (table === 'persons' ? eb(key, 'in', keys) : eb.or([eb('created_batch_id', '=', batchId), eb(key, 'in', keys)])))
    .where((eb) => eb.or([eb('updated_batch_id', 'is', null), eb('updated_batch_id', '!=', batchId)]))
    .executeTakeFirst();
  return Number(touched?.n ?? 0);
}

/** Deletes the rows a batch created, roles and leaves first (persons are left to deleteUnusedPersons). */
export async function deleteCreatedBy(trx: DbOrTrx, batchId: number): Promise<void> {
  await trx
    .deleteFrom('grid_staff_grids')
    .where('person_id', 'in', trx.selectFrom('grid_staff').select('person_id').where('created_batch_id', '=', batchId))
    .execute();
  for (const table of BATCH_ENTITIES) {
    if (table !== 'persons') await trx.deleteFrom(table).where('created_batch_id', '=', batchId).execute();
  }
}

// ---------------------------------------------------------------------------------------------
// Remembered column mappings

export async function mappingRows(db: DbOrTrx, roster: RosterType): Promise<Selectable<RosterColumnMappingsTable>[]> {
  return db.selectFrom('roster_column_mappings').selectAll().where('roster_type', '=', roster).execute();
}

/** Remembers header -> column key mappings (the newest wins). */
export async function upsertMappings(trx: DbOrTrx, rows: readonly Insertable<RosterColumnMappingsTable>[]): Promise<void> {
  for (const part of chunk(rows, 5)) {
    if (part.length === 0) continue;
    await trx
      .insertInto('roster_column_mappings')
      .values(part)
      .onConflict((oc) =>
        oc
          .columns(['roster_type', 'sheet_key', 'header'])
          .doUpdateSet((eb) => ({ column_key: eb.ref('excluded.column_key'), updated_at: eb.ref('excluded.updated_at') })),
      )
      .execute();
  }
}
