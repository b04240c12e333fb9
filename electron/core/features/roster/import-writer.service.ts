/**
 * Writes an import plan in one transaction: the batch row, places (communities, grids, 小组/楼院)
 * or persons and their role rows, a "before" copy of every changed row (for undo), the remembered
 * mappings and the audit entry. Returns the batch id.
 */
import { rememberMapping } from '../../../../shared/domain/roster/header-detect';
import type { FieldValue } from '../../../../shared/domain/roster/field-parse';
import type { RosterType } from '../../../../shared/domain/roster/roster-columns';
import type { SheetChoice } from '../../../../shared/domain/roster/roster-workbook';
import { communityKey, type RecordValues } from '../../../../shared/domain/roster/row-validate';
import { AppError } from '../../../../shared/ipc/errors';
import type { RosterImportResultDto } from '../../../../shared/ipc/channels/roster.channels';
import type { AppContext } from '../../app-context';
import { appendAudit } from '../../platform/audit/audit-log';
import type { DbOrTrx } from '../../platform/db/schema';
import { afterExplicitIds } from '../../platform/db/dialect';
import { throwIfCancelled, type JobProgress } from '../../platform/jobs/job-registry';
import { insertBatch, saveBefore, upsertMappings } from './import-batches.repository';
import { blockedReason, type Plan, type PlanItem } from './import-plan';
import {
  communityRow,
  gridCodeKey,
  gridRow,
  groupRow,
  isPeopleRoster,
  isPersonKey,
  personRow,
  ROLE_TABLE,
  roleRow,
  type PeopleRoster,
  type Stamp,
} from './roster-rows';
import { personRecord } from './roster-records';
import { gridIdsByCode, loadReferenceData } from './roster.repository';
import {
  ensureStreet,
  insertPlaces,
  insertRows,
  linkGrids,
  maxPersonId,
  personsByIds,
  rowBefore,
  updateRow,
  chunk,
} from './roster-writes.repository';

/** What a commit needs of the analysis (not the parsed workbook, which is released before writing). */
export interface ImportMeta {
  readonly roster: RosterType;
  readonly fileName: string;
}

/** Consecutive slices of at most `size` items. */
function groups<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function merge(existing: RecordValues | undefined, provided: RecordValues, personKeysKeepOnEmpty: boolean): RecordValues {
  const out: RecordValues = { ...(existing ?? {}) };
  for (const [k, v] of Object.entries(provided)) {
    // An empty cell does not erase a person's data that another roster provided.
    if (personKeysKeepOnEmpty && v === null && isPersonKey(k)) continue;
    out[k] = v;
  }
  return out;
}

async function saveRemembered(trx: DbOrTrx, roster: RosterType, choices: readonly SheetChoice[], now: Date): Promise<void> {
  for (const choice of choices) {
    const entries = Object.entries(rememberMapping(choice.detection));
    await upsertMappings(
      trx,
      entries.map(([header, key]) => ({
        roster_type: roster,
        sheet_key: choice.def.key,
        header,
        column_key: key,
        updated_at: now.toISOString(),
      })),
    );
  }
}

/** What the writers of one batch share. */
interface BatchWrite {
  readonly trx: DbOrTrx;
  readonly batchId: number;
  readonly created: Stamp;
  readonly tick: () => void;
}

/** The stamp of an updated row: the batch's, keeping when and by which batch the row was created. */
function updatedStamp(created: Stamp, before: { created_at: string; created_batch_id: number | null }): Stamp {
  return { ...created, created_at: before.created_at, created_batch_id: before.created_batch_id };
}

/** Writes a plan unless blocked (or a dry run), after the automatic backup; the result the user sees. */
export async function commitPlan(
  app: AppContext,
  actor: string,
  analysis: ImportMeta,
  plan: Plan,
  strict: boolean,
  dryRun: boolean,
  progress: JobProgress,
  signal: AbortSignal,
): Promise<RosterImportResultDto> {
  const reason = blockedReason(plan, strict);
  const base = {
    roster: analysis.roster,
    file: analysis.fileName,
    rows: plan.validation.dataRows,
    inserted: plan.inserted,
    updated: plan.updated,
    unchanged: plan.unchanged,
    rejected: plan.validation.rejectedRows,
    problems: [...plan.validation.problems],
  };
  if (dryRun) {
    return {
      ...base,
      committed: false,
      batchId: null,
      message: reason
        ? `检查完成（未写入）：${reason}`
        : `检查完成（未写入）：可新增 ${plan.inserted} 条、更新 ${plan.updated} 条，${plan.validation.rejectedRows} 行有错误将被跳过`,
    };
  }
  if (reason)
    return { ...base, committed: false, inserted: 0, updated: 0, unchanged: 0, batchId: null, message: `未导入任何数据：${reason}` };
  // The safety feature's automatic backup before every import (a no-op where the context has none).
  await app.backup?.('before-import');
  const batchId = await writePlan(app, actor, analysis, plan, progress, signal);
  progress(100, 100, '导入完成');
  return {
    ...base,
    committed: true,
    batchId,
    message: `已导入：新增 ${plan.inserted} 条，更新 ${plan.updated} 条，未变 ${plan.unchanged} 条${plan.validation.rejectedRows ? `，${plan.validation.rejectedRows} 行有错误未导入` : ''}`,
  };
}

async function writePlan(
  app: AppContext,
  actor: string,
  analysis: ImportMeta,
  plan: Plan,
  progress: JobProgress,
  signal: AbortSignal,
): Promise<number> {
  const roster = analysis.roster;
  const now = app.now();
  const iso = now.toISOString();
  const writes = plan.items.filter((i) => i.existing === null || i.changed.length > 0);
  const total = Math.max(1, writes.length);
  let done = 0;
  const tick = () => {
    done += 1;
    if ((done & 1023) === 0) {
      progress(85 + Math.round((done / total) * 14), 100, `正在写入（${done}/${writes.length}）`);
      throwIfCancelled(signal);
    }
  };
  throwIfCancelled(signal);
  return app.db.transaction().execute(async (trx) => {
    const summary = {
      rows: plan.validation.dataRows,
      valid: plan.validation.validRows,
      rejected: plan.validation.rejectedRows,
      errors: plan.validation.errorCount,
      warnings: plan.validation.warningCount,
      missing: plan.missing.length,
      sheets: plan.choices.map((c) => ({ sheet: c.detection.sheetName, key: c.def.key, header: c.detection.headerRowNumber })),
    };
    const batchId = await insertBatch(trx, {
      roster_type: roster,
      file_name: analysis.fileName,
      sheets: plan.choices.map((c) => c.detection.sheetName).join('、'),
      actor,
      created_at: iso,
      status: 'committed',
      undone_at: null,
      undone_by: null,
      rows_total: plan.validation.dataRows,
      inserted: plan.inserted,
      updated: plan.updated,
      unchanged: plan.unchanged,
      rejected: plan.validation.rejectedRows,
      warnings: plan.validation.warningCount,
      summary_json: JSON.stringify(summary),
    });
    const created: Stamp = { created_at: iso, updated_at: iso, created_batch_id: batchId, updated_batch_id: batchId };
    const refs = await loadReferenceData(trx);
    const communityIdOfName = (name: FieldValue | undefined): number => {
      const id = typeof name === 'string' ? refs.communityIds.get(communityKey(name)) : undefined;
      if (id === undefined) throw new AppError('CONFLICT', `社区“${String(name)}”在导入过程中被删除，请重新导入。`);
      return id;
    };
    const batch: BatchWrite = { trx, batchId, created, tick };

    if (roster === 'communities') await writeCommunities(batch, writes);
    else if (roster === 'grids') await writeGrids(batch, writes, communityIdOfName);
    else if (isPeopleRoster(roster)) await writePeople(batch, roster, writes, communityIdOfName, refs.gridIds, signal, progress);
    await saveRemembered(trx, roster, plan.choices, now);
    throwIfCancelled(signal);
    await appendAudit(
      trx,
      {
        actor,
        action: 'roster.import',
        entity: 'import_batch',
        entityId: batchId,
        after: {
          roster,
          file: analysis.fileName,
          inserted: plan.inserted,
          updated: plan.updated,
          unchanged: plan.unchanged,
          rejected: plan.validation.rejectedRows,
        },
      },
      now,
    );
    return batchId;
  });
}

async function writeCommunities({ trx, batchId, created, tick }: BatchWrite, writes: readonly PlanItem[]): Promise<void> {
  const inserts = [];
  for (const item of writes) {
    const v = item.values;
    const streetId = await ensureStreet(trx, String(v.street ?? ''), typeof v.district === 'string' ? v.district : null);
    if (!item.existing) {
      inserts.push(communityRow(v, streetId, created));
    } else {
      const before = await rowBefore(trx, 'communities', item.existing.id);
      await saveBefore(trx, batchId, 'communities', [{ key: String(item.existing.id), before }]);
      const row = communityRow(merge(item.existing.values, v, false), streetId, updatedStamp(created, before));
      await updateRow(trx, 'communities', item.existing.id, row);
    }
    tick();
  }
  await insertPlaces(trx, 'communities', inserts, 32);
}

async function writeGrids(
  { trx, batchId, created, tick }: BatchWrite,
  writes: readonly PlanItem[],
  communityIdOfName: (name: FieldValue | undefined) => number,
): Promise<void> {
  const inserts = [];
  for (const item of writes.filter((i) => i.sheetKey === 'main')) {
    const communityId = communityIdOfName(item.values.community);
    if (!item.existing) inserts.push(gridRow(item.values, communityId, created));
    else {
      const before = await rowBefore(trx, 'grids', item.existing.id);
      await saveBefore(trx, batchId, 'grids', [{ key: String(item.existing.id), before }]);
      const row = gridRow(merge(item.existing.values, item.values, false), communityId, updatedStamp(created, before));
      await updateRow(trx, 'grids', item.existing.id, row);
    }
    tick();
  }
  await insertPlaces(trx, 'grids', inserts, 20);
  const gridIds = await gridIdsByCode(trx);
  const groupInserts = [];
  for (const item of writes.filter((i) => i.sheetKey === 'groups')) {
    const gridId = gridIds.get(gridCodeKey(String(item.values.gridCode ?? '')));
    if (gridId === undefined) throw new AppError('CONFLICT', `网格“${String(item.values.gridCode)}”不存在，请重新导入。`);
    if (!item.existing) groupInserts.push(groupRow(item.values, gridId, created));
    else {
      const before = await rowBefore(trx, 'grid_groups', item.existing.id);
      await saveBefore(trx, batchId, 'grid_groups', [{ key: String(item.existing.id), before }]);
      const row = groupRow(merge(item.existing.values, item.values, false), gridId, updatedStamp(created, before));
      await updateRow(trx, 'grid_groups', item.existing.id, row);
    }
    tick();
  }
  await insertPlaces(trx, 'grid_groups', groupInserts, 12);
}

function gridCodesOfRecord(v: RecordValues): readonly string[] {
  return Array.isArray(v.grids) ? (v.grids as readonly string[]) : [];
}

async function writePeople(
  { trx, batchId, created, tick }: BatchWrite,
  roster: PeopleRoster,
  writes: readonly PlanItem[],
  communityIdOfName: (name: FieldValue | undefined) => number,
  gridIds: Map<string, number>,
  signal: AbortSignal,
  progress: JobProgress,
): Promise<void> {
  // Persons first: explicit ids (one writer holds the transaction), so no per-row round trips.
  let nextId = (await maxPersonId(trx)) + 1;
  const personIds = new Map<PlanItem, number>();
  const newPersons: PlanItem[] = [];
  const changedPersons: PlanItem[] = [];
  for (const item of writes) {
    if (item.personId === null) {
      personIds.set(item, nextId++);
      newPersons.push(item);
    } else {
      personIds.set(item, item.personId);
      if (item.personChanged.length > 0) changedPersons.push(item);
    }
  }
  progress(85, 100, `正在写入人员（${newPersons.length}）`);
  // Rows are built a statement's worth at a time: 100,000 row objects at once would double the peak memory.
  // A few statements' worth per call: bulkInsert builds the next statement while SQLite runs one.
  for (const part of groups(newPersons, 2500)) {
    await insertRows(
      trx,
      'persons',
      part.map((item) => ({ id: personIds.get(item) ?? -1, ...personRow(item.values, created) })),
      signal,
    );
  }
  // Persons get explicit ids above: PostgreSQL's identity must move past them (no-op on SQLite).
  if (newPersons.length > 0) await afterExplicitIds(trx, 'persons');
  throwIfCancelled(signal);
  for (const part of chunk(changedPersons, 1)) {
    const befores = await personsByIds(
      trx,
      part.map((i) => i.personId ?? -1),
    );
    await saveBefore(
      trx,
      batchId,
      'persons',
      befores.map((b) => ({ key: String(b.id), before: b })),
    );
    const byId = new Map(befores.map((b) => [b.id, b]));
    for (const item of part) {
      const b = byId.get(item.personId ?? -1);
      if (!b) continue;
      await updateRow(trx, 'persons', b.id, personRow(merge(personRecord(b), item.values, true), updatedStamp(created, b)));
    }
  }

  const table = ROLE_TABLE[roster];
  const roleInserts: PlanItem[] = [];
  for (const item of writes) {
    const roleChanged = item.existing !== null && item.changed.some((k) => !isPersonKey(k));
    if (item.existing === null) roleInserts.push(item);
    else if (roleChanged) {
      const personId = item.existing.id;
      const before = await rowBefore(trx, table, personId);
      await saveBefore(trx, batchId, table, [{ key: String(personId), before }]);
      const merged = merge(item.existing.values, item.values, true);
      const row = roleRow(roster, merged, personId, communityIdOfName(merged.community), gridIds, updatedStamp(created, before));
      await updateRow(trx, table, personId, row);
      if (roster === 'grid-staff') await linkGrids(trx, personId, gridCodesOfRecord(merged), gridIds, true);
    }
    tick();
  }
  progress(95, 100, `正在写入名册（${roleInserts.length}）`);
  for (const part of groups(roleInserts, 2500)) {
    await insertRows(
      trx,
      table,
      part.map((item) =>
        roleRow(roster, item.values, personIds.get(item) ?? -1, communityIdOfName(item.values.community), gridIds, created),
      ),
      signal,
    );
  }
  progress(99, 100, '正在保存');
  throwIfCancelled(signal);
  if (roster === 'grid-staff') {
    for (const item of roleInserts) await linkGrids(trx, personIds.get(item) ?? -1, gridCodesOfRecord(item.values), gridIds, false);
  }
}
