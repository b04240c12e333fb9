/** History of roster imports and the undo of one import batch. */
import type { RosterType } from '../../../../shared/domain/roster/roster-columns';
import { AppError } from '../../../../shared/ipc/errors';
import type { ImportBatchDto } from '../../../../shared/ipc/channels/roster.channels';
import type { AppContext } from '../../app-context';
import { appendAudit } from '../../platform/audit/audit-log';
import type { DbOrTrx } from '../../platform/db/schema';
import { BATCH_ENTITIES, type BatchEntity } from '../../platform/db/schema/organization.schema';
import {
  batchChanges,
  countTouchedSince,
  deleteCreatedBy,
  findBatch,
  listBatches,
  markUndone,
  type ImportBatchRow,
} from './import-batches.repository';
import { gridIdsByCode } from './roster.repository';
import { gridCodesOf } from './roster-rows';
import { deleteUnusedPersons, keyColumn, linkGrids, updateRow } from './roster-writes.repository';

/** The one mapper of an import_batches row. */
function batchDto(b: ImportBatchRow): ImportBatchDto {
  return {
    id: b.id,
    roster: b.roster_type,
    fileName: b.file_name,
    sheets: b.sheets,
    actor: b.actor,
    createdAt: b.created_at,
    status: b.status,
    undoneAt: b.undone_at,
    undoneBy: b.undone_by,
    rows: b.rows_total,
    inserted: b.inserted,
    updated: b.updated,
    unchanged: b.unchanged,
    rejected: b.rejected,
    warnings: b.warnings,
  };
}

/** Import batches, newest first. */
export async function listImportBatches(db: DbOrTrx, roster: RosterType | null, limit: number): Promise<ImportBatchDto[]> {
  return (await listBatches(db, roster, limit)).map(batchDto);
}

/**
 * Undoes an import batch in one transaction: deletes the rows it created, restores the previous
 * values of the rows it changed. Refused when a later import or an edit has touched those rows.
 */
export async function undoImportBatch(app: AppContext, actor: string, batchId: number): Promise<ImportBatchDto> {
  const now = app.now();
  return app.db.transaction().execute(async (trx) => {
    const batch = await findBatch(trx, batchId);
    if (!batch) throw new AppError('NOT_FOUND', `找不到第 ${batchId} 批导入记录。`);
    if (batch.status === 'undone')
      throw new AppError('ILLEGAL_STATE', `第 ${batchId} 批导入已于 ${batch.undone_at ?? ''} 撤销，不能重复撤销。`);
    const changes = await batchChanges(trx, batchId);

    // Conflict check: everything this batch wrote must still carry its stamp.
    for (const table of BATCH_ENTITIES) {
      const changedKeys = changes.filter((c) => c.entity === table).map((c) => c.key);
      if ((await countTouchedSince(trx, table, batchId, changedKeys)) > 0) {
        throw new AppError(
          'CONFLICT',
          `第 ${batchId} 批导入的部分记录之后又被修改或重新导入过，不能直接撤销。请先撤销之后的导入，或手工修改这些记录。`,
        );
      }
    }

    try {
      await deleteCreatedBy(trx, batchId);
      for (const c of changes) await restoreRow(trx, c.entity, c.key, c.before);
      // Persons this batch created that no roster uses any more.
      await deleteUnusedPersons(trx, { createdBatchId: batchId });
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (/FOREIGN KEY/i.test(String(error))) {
        throw new AppError('CONFLICT', `第 ${batchId} 批导入创建的社区或网格已被其他名册引用，不能撤销。请先撤销之后导入的名册。`);
      }
      throw error;
    }
    await markUndone(trx, batchId, now.toISOString(), actor);
    await appendAudit(
      trx,
      {
        actor,
        action: 'roster.undo',
        entity: 'import_batch',
        entityId: batchId,
        before: { status: 'committed' },
        after: { status: 'undone', restored: changes.length },
      },
      now,
    );
    const after = await findBatch(trx, batchId);
    if (!after) throw new AppError('NOT_FOUND', `找不到第 ${batchId} 批导入记录。`);
    return batchDto(after);
  });
}

async function restoreRow(trx: DbOrTrx, table: BatchEntity, key: number, before: Record<string, unknown>): Promise<void> {
  const { [keyColumn(table)]: _ignored, ...rest } = before;
  await updateRow(trx, table, key, rest);
  if (table === 'grid_staff') {
    // Rebuild the grid links from the codes the row had.
    const codes = typeof before.grid_codes === 'string' ? gridCodesOf(before.grid_codes) : [];
    await linkGrids(trx, key, codes, await gridIdsByCode(trx), true);
  }
}
