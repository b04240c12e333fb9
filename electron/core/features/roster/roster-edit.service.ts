/**
 * Editing and deleting one roster record. An edit runs exactly the import's validation: the values
 * are laid out as a one-row sheet and validated like a file row.
 */
import type { HeaderDetection } from '../../../../shared/domain/roster/header-detect';
import { ROSTER_DEFS, type RosterType, type SheetDef } from '../../../../shared/domain/roster/roster-columns';
import { buildReferenceIndex, communityKey, validateSheet, type RecordValues } from '../../../../shared/domain/roster/row-validate';
import type { PlainSheet, SheetCell } from '../../../../shared/domain/roster/sheet-cell';
import type { ImportProblem } from '../../../../shared/domain/problems';
import { AppError } from '../../../../shared/ipc/errors';
import type { CellValueDto, RosterRecordDto } from '../../../../shared/ipc/channels/roster.channels';
import type { AppContext } from '../../app-context';
import { appendAudit } from '../../platform/audit/audit-log';
import type { DbOrTrx } from '../../platform/db/schema';
import { getUnitSettings } from '../settings/index';
import { communityRow, gridCodeKey, gridRow, groupRow, isPeopleRoster, PERSON_KEYS, personRow, ROLE_TABLE, roleRow } from './roster-rows';
import { personRecord } from './roster-records';
import { communityNameTaken, gridCodeTaken, idNumberTaken, loadReferenceData } from './roster.repository';
import { deletePlace, deleteRole, ensureStreet, linkGrids, personsByIds, updateRow } from './roster-writes.repository';
import { getPostGradeTable, getRosterRecord, recordDto, toDto, validationToday } from './roster.service';

function sheetDefOf(roster: RosterType, sheet: SheetDef['key']): SheetDef {
  const def = ROSTER_DEFS[roster].sheets.find((s) => s.key === sheet);
  if (!def) throw new AppError('INVALID_INPUT', `名册“${ROSTER_DEFS[roster].label}”没有“${sheet}”表。`);
  return def;
}

/**
 * Edits one record with exactly the import's validation: the values are laid out as a one-row
 * sheet and validated like a file row (so every rule, message and normalisation is the same).
 */
export async function updateRosterRecord(
  app: AppContext,
  actor: string,
  roster: RosterType,
  sheet: SheetDef['key'],
  id: number,
  input: Record<string, CellValueDto>,
): Promise<{ saved: boolean; record: RosterRecordDto | null; problems: ImportProblem[] }> {
  const def = sheetDefOf(roster, sheet);
  const existing = await getRosterRecord(app.db, roster, sheet, id);
  const merged: Record<string, CellValueDto> = {};
  for (const c of def.columns) merged[c.key] = c.key in input ? (input[c.key] ?? null) : toDto(existing.values[c.key]);
  const columns = def.columns.filter((c) => c.type !== 'dateRange');
  const cells: SheetCell[] = columns.map((c) => {
    const v = merged[c.key];
    return v === null || v === undefined ? null : typeof v === 'boolean' ? (v ? '是' : '否') : v;
  });
  const plain: PlainSheet = {
    name: '编辑',
    index: 0,
    hidden: false,
    rows: [
      { rowNumber: 1, cells: columns.map((c) => c.label) },
      { rowNumber: 2, cells },
    ],
  };
  const detection: HeaderDetection = {
    sheetName: '编辑',
    sheetIndex: 0,
    headerRowNumber: 1,
    groupRowNumber: null,
    dataStartIndex: 1,
    columns: columns.map((c, index) => ({ index, header: c.label, normalized: c.label, key: c.key, via: 'label', samples: [] })),
    mapping: Object.fromEntries(columns.map((c, index) => [c.key, index])),
    missingRequired: [],
    score: 0,
  };
  const refs = await loadReferenceData(app.db);
  const unit = await getUnitSettings(app.db);
  const result = validateSheet(
    roster,
    def,
    plain,
    detection,
    {
      today: validationToday(app.now()),
      date1904: false,
      postGrades: await getPostGradeTable(app.db),
      references: refs,
      configuredStreet: unit.street.trim() || null,
    },
    buildReferenceIndex(refs),
  );
  const record = result.records[0];
  const errors = result.problems.filter((p) => p.severity === 'error' && p.row !== null);
  if (!record || !record.valid || errors.length > 0)
    return { saved: false, record: null, problems: result.problems.filter((p) => p.row !== null) };
  await checkIdentityFree(app.db, roster, sheet, id, record.values);
  const now = app.now();
  const iso = now.toISOString();
  await app.db.transaction().execute(async (trx) => {
    const stamp = { updated_at: iso, updated_batch_id: null };
    const v = record.values;
    const communityId = typeof v.community === 'string' ? refs.communityIds.get(communityKey(v.community)) : undefined;
    const keep = { created_at: iso, created_batch_id: null, ...stamp };
    const drop = <T extends object>(row: T) => {
      const { created_at: _a, created_batch_id: _b, ...rest } = row as T & { created_at?: unknown; created_batch_id?: unknown };
      return rest;
    };
    if (roster === 'communities') {
      const streetId = await ensureStreet(trx, String(v.street ?? ''), null);
      await updateRow(trx, 'communities', id, drop(communityRow(v, streetId, keep)));
    } else if (roster === 'grids' && sheet === 'main') {
      await updateRow(trx, 'grids', id, drop(gridRow(v, communityId ?? -1, keep)));
    } else if (roster === 'grids') {
      const grid = refs.gridIds.get(gridCodeKey(String(v.gridCode ?? '')));
      await updateRow(trx, 'grid_groups', id, drop(groupRow(v, grid ?? -1, keep)));
    } else if (isPeopleRoster(roster)) {
      // Rosters carry different person columns (下沉干部 have no 性别/出生年月): keep the others.
      const [p] = await personsByIds(trx, [id]);
      if (!p) throw new AppError('NOT_FOUND', '找不到该记录，可能已被删除或撤销导入。请刷新后重试。');
      const person: RecordValues = personRecord(p);
      for (const k of PERSON_KEYS) if (k in v) person[k] = v[k] ?? null;
      await updateRow(trx, 'persons', id, drop(personRow(person, keep)));
      await updateRow(trx, ROLE_TABLE[roster], id, drop(roleRow(roster, v, id, communityId ?? -1, refs.gridIds, keep)));
      if (roster === 'grid-staff')
        await linkGrids(trx, id, Array.isArray(v.grids) ? (v.grids as readonly string[]) : [], refs.gridIds, true);
    }
    await appendAudit(
      trx,
      {
        actor,
        action: 'roster.edit',
        entity: `roster:${roster}${sheet === 'groups' ? ':groups' : ''}`,
        entityId: id,
        before: recordDto(existing).values,
        after: recordDto({ ...existing, values: v }).values,
      },
      now,
    );
  });
  const saved = await getRosterRecord(app.db, roster, sheet, id);
  return { saved: true, record: recordDto(saved), problems: result.problems.filter((p) => p.row !== null) };
}

async function checkIdentityFree(db: DbOrTrx, roster: RosterType, sheet: SheetDef['key'], id: number, v: RecordValues): Promise<void> {
  if (isPeopleRoster(roster) && typeof v.idNumber === 'string' && (await idNumberTaken(db, v.idNumber, id)))
    throw new AppError('CONFLICT', '该身份证号已属于另一条人员记录，不能重复。请核对身份证号。');
  if (roster === 'grids' && sheet === 'main' && typeof v.code === 'string' && (await gridCodeTaken(db, v.code, id)))
    throw new AppError('CONFLICT', `网格编号“${v.code}”已被其他网格使用，请换一个编号。`);
  if (roster === 'communities' && typeof v.name === 'string' && (await communityNameTaken(db, v.name, id)))
    throw new AppError('CONFLICT', `社区“${v.name}”已存在，请换一个名称。`);
}

/** Deletes one record; refuses when other records still depend on it. */
export async function deleteRosterRecord(
  app: AppContext,
  actor: string,
  roster: RosterType,
  sheet: SheetDef['key'],
  id: number,
  reason: string,
): Promise<{ deleted: boolean }> {
  const existing = await getRosterRecord(app.db, roster, sheet, id);
  const now = app.now();
  try {
    await app.db.transaction().execute(async (trx) => {
      if (roster === 'communities') await deletePlace(trx, 'communities', id);
      else if (roster === 'grids') await deletePlace(trx, sheet === 'main' ? 'grids' : 'grid_groups', id);
      else if (isPeopleRoster(roster)) await deleteRole(trx, ROLE_TABLE[roster], id);
      await appendAudit(
        trx,
        {
          actor,
          action: 'roster.delete',
          entity: `roster:${roster}${sheet === 'groups' ? ':groups' : ''}`,
          entityId: id,
          before: recordDto(existing).values,
          reason: reason || null,
        },
        now,
      );
    });
  } catch (error) {
    if (/FOREIGN KEY/i.test(String(error))) {
      throw new AppError('CONFLICT', '还有其他名册记录属于它（如网格、社区工作者、网格员），不能删除。请先删除或调整这些记录。');
    }
    throw error;
  }
  return { deleted: true };
}
