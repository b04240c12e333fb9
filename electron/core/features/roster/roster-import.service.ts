/**
 * Roster import: stage -> read -> detect header -> mapping (auto, adjustable, remembered per roster
 * type) -> validate -> diff against current data -> commit in one transaction -> summary; and undo
 * of an import batch. The UI (as background jobs) and the CLI share these functions.
 */
import { randomUUID } from 'node:crypto';
import { cellDisplay, columnLetter, type PlainWorkbook } from '../../../../shared/domain/roster/sheet-cell';
import { applyMapping, rememberMapping, type ColumnMapping, type RememberedMapping } from '../../../../shared/domain/roster/header-detect';
import { ROSTER_DEFS, type RosterType, type SheetDef } from '../../../../shared/domain/roster/roster-columns';
import {
  createStreamingValidation,
  detectRosterSheets,
  validateRoster,
  type RosterValidation,
  type SheetChoice,
} from '../../../../shared/domain/roster/roster-workbook';
import { communityKey, identityOf, type RecordValues, type RosterValidationContext } from '../../../../shared/domain/roster/row-validate';
import type { FieldValue } from '../../../../shared/domain/roster/field-parse';
import { maskIdCard } from '../../../../shared/domain/privacy/mask';
import { AppError } from '../../../../shared/ipc/errors';
import type {
  ImportBatchDto,
  MappingsDto,
  RosterAnalysisDto,
  RosterImportResultDto,
  RosterPreviewDto,
} from '../../../../shared/ipc/channels/roster.channels';
import type { AppContext } from '../../app-context';
import { appendAudit } from '../../platform/audit/audit-log';
import type { DbOrTrx } from '../../platform/db/schema';
import { afterExplicitIds } from '../../platform/db/dialect';
import { readSpreadsheet } from '../../platform/io/excel/spreadsheet-reader';
import { invalidFile } from '../../platform/io/excel/spreadsheet-errors';
import { throwIfCancelled, type JobProgress } from '../../platform/jobs/job-registry';
import {
  cadreRow,
  chunk,
  committeeRow,
  communityRow,
  gridCodeKey,
  gridRow,
  gridStaffRow,
  groupRow,
  insertRows,
  isPeopleRoster,
  loadRecords,
  loadReferenceData,
  personIdentity,
  personRow,
  PERSON_KEYS,
  ROLE_TABLE,
  workerRow,
  type StoredRecord,
} from './roster.repository';
import { getPostGradeTable, validationToday } from './roster.service';
import { getUnitSettings } from '../settings/index';

// ---------------------------------------------------------------------------------------------
// Analysis cache: the parsed workbook stays on the main side between the wizard's steps.

interface Analysis {
  readonly id: string;
  readonly roster: RosterType;
  readonly fileName: string;
  readonly workbook: PlainWorkbook;
  readonly choices: readonly SheetChoice[];
  readonly createdAt: number;
}

const analyses = new WeakMap<AppContext, Map<string, Analysis>>();
const MAX_CACHED = 2;

function cacheFor(app: AppContext): Map<string, Analysis> {
  let map = analyses.get(app);
  if (!map) {
    map = new Map();
    analyses.set(app, map);
  }
  return map;
}

function remember(app: AppContext, analysis: Analysis): void {
  const map = cacheFor(app);
  map.set(analysis.id, analysis);
  // A parsed 100,000-row file is ~100 MB: keep only the latest few.
  while (map.size > MAX_CACHED) {
    const oldest = map.keys().next().value;
    if (oldest === undefined) break;
    map.delete(oldest);
  }
}

function getAnalysis(app: AppContext, analysisId: string): Analysis {
  const found = cacheFor(app).get(analysisId);
  if (!found) throw new AppError('NOT_FOUND', '导入会话已过期（可能已打开了其他文件），请重新选择文件。');
  return found;
}

// ---------------------------------------------------------------------------------------------
// Remembered mappings

async function loadRemembered(db: DbOrTrx, roster: RosterType): Promise<Partial<Record<SheetDef['key'], RememberedMapping>>> {
  const rows = await db.selectFrom('roster_column_mappings').selectAll().where('roster_type', '=', roster).execute();
  const out: Partial<Record<SheetDef['key'], Record<string, string>>> = {};
  for (const r of rows) {
    const key = r.sheet_key === 'groups' ? 'groups' : 'main';
    const m = out[key] ?? {};
    m[r.header] = r.column_key;
    out[key] = m;
  }
  return out;
}

async function saveRemembered(trx: DbOrTrx, roster: RosterType, choices: readonly SheetChoice[], now: Date): Promise<void> {
  for (const choice of choices) {
    const entries = Object.entries(rememberMapping(choice.detection));
    for (const part of chunk(entries, 5)) {
      if (part.length === 0) continue;
      await trx
        .insertInto('roster_column_mappings')
        .values(
          part.map(([header, key]) => ({
            roster_type: roster,
            sheet_key: choice.def.key,
            header,
            column_key: key,
            updated_at: now.toISOString(),
          })),
        )
        .onConflict((oc) =>
          oc
            .columns(['roster_type', 'sheet_key', 'header'])
            .doUpdateSet((eb) => ({ column_key: eb.ref('excluded.column_key'), updated_at: eb.ref('excluded.updated_at') })),
        )
        .execute();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Analyze

export interface AnalyzeRequest {
  readonly roster: RosterType;
  readonly filePath: string;
  readonly fileName: string;
  readonly sheetName?: string | null;
}

/** Reads the file and detects the roster's sheet(s) and header; throws INVALID_FILE when unusable. */
async function readAndDetect(app: AppContext, req: AnalyzeRequest, progress: JobProgress, signal: AbortSignal): Promise<Analysis> {
  progress(0, 100, '正在读取文件');
  const workbook = await readSpreadsheet(req.filePath, {
    signal,
    displayName: req.fileName,
    onProgress: (f) => progress(Math.round(f * 60), 100, '正在读取文件'),
  });
  throwIfCancelled(signal);
  progress(60, 100, '正在识别表头');
  const remembered = await loadRemembered(app.db, req.roster);
  const detected = detectRosterSheets(workbook, req.roster, { sheetName: req.sheetName ?? null, remembered });
  if (!detected.ok) throw new AppError('INVALID_FILE', detected.message);
  return { id: randomUUID(), roster: req.roster, fileName: req.fileName, workbook, choices: detected.sheets, createdAt: Date.now() };
}

function describeAnalysis(a: Analysis): RosterAnalysisDto {
  return {
    analysisId: a.id,
    roster: a.roster,
    fileName: a.fileName,
    format: a.workbook.format,
    sheetNames: a.workbook.sheets.map((s) => s.name),
    sheets: a.choices.map((c) => {
      const sheet = a.workbook.sheets.find((s) => s.index === c.detection.sheetIndex);
      return {
        sheetKey: c.def.key,
        sheetLabel: c.def.label,
        sheetName: c.detection.sheetName,
        headerRow: c.detection.headerRowNumber,
        groupRow: c.detection.groupRowNumber,
        rowsBelowHeader: sheet ? sheet.rows.length - c.detection.dataStartIndex : 0,
        columns: c.detection.columns.map((col) => ({
          index: col.index,
          letter: columnLetter(col.index),
          header: col.header,
          key: col.key,
          samples: [...col.samples],
        })),
        fields: c.def.columns.map((f) => ({ key: f.key, label: f.label, required: f.required, hint: f.hint ?? '' })),
        missingRequired: [...c.detection.missingRequired],
      };
    }),
  };
}

/** Analyze step of the wizard (runs as a job). */
export async function analyzeRosterFile(
  app: AppContext,
  req: AnalyzeRequest,
  progress: JobProgress,
  signal: AbortSignal,
): Promise<RosterAnalysisDto> {
  const analysis = await readAndDetect(app, req, progress, signal);
  remember(app, analysis);
  progress(100, 100, '已识别表头');
  return describeAnalysis(analysis);
}

// ---------------------------------------------------------------------------------------------
// Validate + diff

interface PlanItem {
  readonly sheetKey: SheetDef['key'];
  readonly sheetName: string;
  readonly row: number;
  readonly values: RecordValues;
  readonly identity: string;
  readonly existing: StoredRecord | null;
  /** Keys whose value differs from the stored record (empty for a new record). */
  readonly changed: readonly string[];
  /** For people rosters: an existing person (maybe from another roster) this row links to. */
  readonly personId: number | null;
  readonly personChanged: readonly string[];
}

interface Plan {
  readonly validation: RosterValidation;
  readonly items: readonly PlanItem[];
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly missing: readonly StoredRecord[];
  readonly choices: readonly SheetChoice[];
}

const NONE: readonly string[] = [];

/** Consecutive slices of at most `size` items. */
function groups<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (Array.isArray(x) || Array.isArray(y)) {
    const xs = Array.isArray(x) ? (x as readonly string[]).join('、') : x;
    const ys = Array.isArray(y) ? (y as readonly string[]).join('、') : y;
    return xs === ys;
  }
  if (typeof x === 'number' && typeof y === 'number') return Math.abs(x - y) < 1e-9;
  return x === y;
}

function labelOf(def: SheetDef, key: string): string {
  return def.columns.find((c) => c.key === key)?.label ?? key;
}

/** Record keys that an import writes for a roster: mapped keys plus derived ones. */
function providedKeys(values: RecordValues): string[] {
  return Object.keys(values);
}

function recordIdentity(roster: RosterType, def: SheetDef, values: RecordValues): string | null {
  if (isPeopleRoster(roster)) return personIdentity(values);
  if (roster === 'communities') return typeof values.name === 'string' ? communityKey(values.name) : null;
  if (roster === 'grids' && def.key === 'main') return typeof values.code === 'string' ? gridCodeKey(values.code) : null;
  if (roster === 'grids' && def.key === 'groups') {
    const { gridCode, groupName, courtyardName } = values;
    return typeof gridCode === 'string' && typeof groupName === 'string'
      ? `${gridCodeKey(gridCode)}|${groupName}|${typeof courtyardName === 'string' ? courtyardName : ''}`
      : null;
  }
  return identityOf(roster, def, values);
}

interface PersonInfo {
  id: number;
  values: RecordValues;
}

async function loadPersons(db: DbOrTrx): Promise<Map<string, PersonInfo>> {
  const rows = await db
    .selectFrom('persons')
    .select(['id', 'id_number', 'name', 'sex', 'birth_date', 'ethnicity', 'political', 'education', 'phone'])
    .execute();
  const map = new Map<string, PersonInfo>();
  for (const p of rows) {
    const values: RecordValues = {
      idNumber: p.id_number,
      name: p.name,
      sex: p.sex,
      birthDate: p.birth_date,
      ethnicity: p.ethnicity,
      political: p.political,
      education: p.education,
      phone: p.phone,
    };
    const key = personIdentity(values);
    if (key) map.set(key, { id: p.id, values });
  }
  return map;
}

async function validationContext(
  app: AppContext,
  date1904: boolean,
): Promise<{ ctx: RosterValidationContext; refs: Awaited<ReturnType<typeof loadReferenceData>> }> {
  const refs = await loadReferenceData(app.db);
  const postGrades = await getPostGradeTable(app.db);
  const unit = await getUnitSettings(app.db);
  return {
    refs,
    ctx: { today: validationToday(app.now()), date1904, postGrades, references: refs, configuredStreet: unit.street.trim() || null },
  };
}

/** Validates the analysis with the given mappings and diffs it against the database. */
async function buildPlan(
  app: AppContext,
  analysis: Analysis,
  mappings: MappingsDto,
  progress: JobProgress,
  signal: AbortSignal,
): Promise<Plan> {
  const choices = analysis.choices.map((c) => {
    const m = mappings[c.def.key] as ColumnMapping | undefined;
    return m ? { def: c.def, detection: applyMapping(c.detection, c.def, m) } : c;
  });
  progress(62, 100, '正在校验');
  const { ctx, refs } = await validationContext(app, analysis.workbook.date1904);
  const validation = validateRoster(analysis.workbook, analysis.roster, choices, ctx);
  throwIfCancelled(signal);
  return diffAgainstDatabase(app, analysis.roster, choices, validation, refs, progress);
}

/** The diff of validated records against the database: new, changed (which fields), unchanged, missing. */
async function diffAgainstDatabase(
  app: AppContext,
  roster: RosterType,
  choices: readonly SheetChoice[],
  validation: RosterValidation,
  refs: Awaited<ReturnType<typeof loadReferenceData>>,
  progress: JobProgress,
): Promise<Plan> {
  progress(80, 100, '正在与现有数据比对');
  const people = isPeopleRoster(roster);
  const persons = people ? await loadPersons(app.db) : new Map<string, PersonInfo>();
  progress(82, 100, '正在与现有数据比对');
  const items: PlanItem[] = [];
  let inserted = 0;
  let updated = 0;
  let unchanged = 0;
  const missing: StoredRecord[] = [];
  for (const sheetResult of validation.sheets) {
    const def = choices.find((c) => c.def.key === sheetResult.sheetKey)?.def;
    if (!def) continue;
    const stored = await loadRecords(app.db, roster, def.key);
    const byIdentity = new Map<string, StoredRecord>();
    for (const s of stored) {
      const key = recordIdentity(roster, def, s.values);
      if (key) byIdentity.set(key, s);
    }
    const seen = new Set<string>();
    const fileCommunities = new Set<number>();
    for (const rec of sheetResult.records) {
      if (!rec.valid) continue;
      const identity = recordIdentity(roster, def, rec.values);
      if (!identity) continue;
      seen.add(identity);
      const existing = byIdentity.get(identity) ?? null;
      let personId: number | null = existing ? existing.id : null;
      // New people are the bulk of a first import: allocate nothing per row for them.
      let personChanged: readonly string[] = NONE;
      if (people) {
        const person = persons.get(identity);
        if (person) {
          personId = person.id;
          personChanged = PERSON_KEYS.filter(
            (k) => k in rec.values && rec.values[k] !== null && !sameValue(person.values[k], rec.values[k]),
          );
        }
      }
      let changed: readonly string[] = NONE;
      if (existing) {
        const roleKeys = providedKeys(rec.values).filter((k) => !people || !(PERSON_KEYS as readonly string[]).includes(k));
        changed = [...personChanged, ...roleKeys.filter((k) => !sameValue(existing.values[k], rec.values[k]))];
      }
      if (!existing) inserted += 1;
      else if (changed.length > 0) updated += 1;
      else unchanged += 1;
      if (existing?.communityId) fileCommunities.add(existing.communityId);
      items.push({
        sheetKey: def.key,
        sheetName: sheetResult.sheet,
        row: rec.rowNumber,
        values: rec.values,
        identity,
        existing,
        changed,
        personId,
        personChanged,
      });
    }
    // "Missing from this file": stored records of the communities this file covers that it does not list.
    const covered = new Set<number>(fileCommunities);
    const seenNames = new Set<string>();
    for (const rec of sheetResult.records) {
      const c = rec.values.community;
      if (typeof c !== 'string' || seenNames.has(c)) continue;
      seenNames.add(c);
      const id = refs.communityIds.get(communityKey(c));
      if (id !== undefined) covered.add(id);
    }
    if (roster === 'communities') {
      for (const [key, s] of byIdentity) if (!seen.has(key)) missing.push(s);
    } else {
      for (const [key, s] of byIdentity) if (!seen.has(key) && s.communityId !== null && covered.has(s.communityId)) missing.push(s);
    }
  }
  return { validation, items, inserted, updated, unchanged, missing, choices };
}

function blockedReason(plan: Plan, strict: boolean): string | null {
  if (strict && plan.validation.errorCount > 0)
    return `严格模式：文件中有 ${plan.validation.errorCount} 个错误（${plan.validation.rejectedRows} 行），全部改正后才能导入`;
  if (plan.items.length === 0) return plan.validation.dataRows === 0 ? '文件中没有数据行' : '没有可以导入的行（所有行都有错误）';
  return null;
}

function itemLabel(roster: RosterType, item: PlanItem): string {
  const v = item.values;
  if (isPeopleRoster(roster)) {
    const id = typeof v.idNumber === 'string' ? `（${maskIdCard(v.idNumber)}）` : '';
    return `${typeof v.name === 'string' ? v.name : ''}${id}`;
  }
  if (roster === 'grids' && item.sheetKey === 'groups')
    return `${String(v.gridCode ?? '')} ${String(v.groupName ?? '')} ${String(v.courtyardName ?? '')}`.trim();
  if (roster === 'grids') return `${String(v.code ?? '')} ${String(v.name ?? '')}`;
  return String(v.name ?? '');
}

function storedLabel(roster: RosterType, s: StoredRecord): string {
  const v = s.values;
  if (isPeopleRoster(roster)) return `${String(v.name ?? '')}${typeof v.idNumber === 'string' ? `（${maskIdCard(v.idNumber)}）` : ''}`;
  if (roster === 'grids') return `${String(v.code ?? v.gridCode ?? '')} ${String(v.name ?? v.groupName ?? '')}`.trim();
  return String(v.name ?? '');
}

function describePlan(analysis: Analysis, plan: Plan, strict: boolean): RosterPreviewDto {
  const roster = analysis.roster;
  const defs = new Map(plan.choices.map((c) => [c.def.key, c.def]));
  const skipped = { blank: 0, total: 0, note: 0, header: 0 };
  for (const s of plan.validation.sheets) {
    skipped.blank += s.rowCounts.blank;
    skipped.total += s.rowCounts.total;
    skipped.note += s.rowCounts.note;
    skipped.header += s.rowCounts.header;
  }
  const reason = blockedReason(plan, strict);
  return {
    analysisId: analysis.id,
    roster,
    fileName: analysis.fileName,
    rows: plan.validation.dataRows,
    valid: plan.validation.validRows,
    rejected: plan.validation.rejectedRows,
    errors: plan.validation.errorCount,
    warnings: plan.validation.warningCount,
    skipped,
    problems: [...plan.validation.problems],
    omittedProblems: plan.validation.omittedProblems,
    inserted: plan.inserted,
    updated: plan.updated,
    unchanged: plan.unchanged,
    missing: plan.missing.length,
    changes: plan.items
      .filter((i) => i.existing === null || i.changed.length > 0)
      .slice(0, 2000)
      .map((i) => {
        const def = defs.get(i.sheetKey);
        return {
          sheet: i.sheetName,
          row: i.row,
          label: itemLabel(roster, i),
          kind: i.existing ? ('changed' as const) : ('new' as const),
          fields: def ? i.changed.map((k) => labelOf(def, k)) : [...i.changed],
        };
      }),
    missingList: plan.missing.slice(0, 1000).map((s) => ({
      id: s.id,
      label: storedLabel(roster, s),
      community: typeof s.values.community === 'string' ? s.values.community : null,
    })),
    canCommit: reason === null,
    blockedReason: reason,
  };
}

/** Preview step: validation problems and the diff (runs as a job). */
export async function previewRosterImport(
  app: AppContext,
  analysisId: string,
  mappings: MappingsDto,
  strict: boolean,
  progress: JobProgress,
  signal: AbortSignal,
): Promise<RosterPreviewDto> {
  const analysis = getAnalysis(app, analysisId);
  const plan = await buildPlan(app, analysis, mappings, progress, signal);
  progress(100, 100, '校验完成');
  return describePlan(analysis, plan, strict);
}

// ---------------------------------------------------------------------------------------------
// Commit

type Stamp = { created_at: string; updated_at: string; created_batch_id: number | null; updated_batch_id: number | null };

function merge(existing: RecordValues | undefined, provided: RecordValues, personKeysKeepOnEmpty: boolean): RecordValues {
  const out: RecordValues = { ...(existing ?? {}) };
  for (const [k, v] of Object.entries(provided)) {
    // An empty cell does not erase a person's data that another roster provided.
    if (personKeysKeepOnEmpty && v === null && (PERSON_KEYS as readonly string[]).includes(k)) continue;
    out[k] = v;
  }
  return out;
}

async function saveBefore(trx: DbOrTrx, batchId: number, entity: string, rows: readonly { key: string; before: unknown }[]): Promise<void> {
  for (const part of chunk(rows, 4)) {
    if (part.length === 0) continue;
    await trx
      .insertInto('import_batch_changes')
      .values(part.map((r) => ({ batch_id: batchId, entity, entity_key: r.key, before_json: JSON.stringify(r.before) })))
      .execute();
  }
}

async function ensureStreet(trx: DbOrTrx, street: string, district: string | null): Promise<number> {
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

/** Writes a plan in one transaction; returns the batch id. */
/** What a commit needs of the analysis (not the parsed workbook, which is released before writing). */
interface ImportMeta {
  readonly roster: RosterType;
  readonly fileName: string;
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
    const batch = await trx
      .insertInto('import_batches')
      .values({
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
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const batchId = batch.id;
    const created: Stamp = { created_at: iso, updated_at: iso, created_batch_id: batchId, updated_batch_id: batchId };
    const refs = await loadReferenceData(trx);
    const communityIdOfName = (name: FieldValue | undefined): number => {
      const id = typeof name === 'string' ? refs.communityIds.get(communityKey(name)) : undefined;
      if (id === undefined) throw new AppError('CONFLICT', `社区“${String(name)}”在导入过程中被删除，请重新导入。`);
      return id;
    };

    if (roster === 'communities') {
      const inserts = [];
      for (const item of writes) {
        const v = item.values;
        const streetId = await ensureStreet(trx, String(v.street ?? ''), typeof v.district === 'string' ? v.district : null);
        if (!item.existing) {
          inserts.push(communityRow(v, streetId, created));
        } else {
          const before = await trx.selectFrom('communities').selectAll().where('id', '=', item.existing.id).executeTakeFirstOrThrow();
          await saveBefore(trx, batchId, 'communities', [{ key: String(item.existing.id), before }]);
          const merged = merge(item.existing.values, v, false);
          const row = communityRow(merged, streetId, {
            ...created,
            created_at: before.created_at,
            created_batch_id: before.created_batch_id,
          });
          await trx.updateTable('communities').set(row).where('id', '=', item.existing.id).execute();
        }
        tick();
      }
      for (const part of chunk(inserts, 32)) await trx.insertInto('communities').values(part).execute();
    } else if (roster === 'grids') {
      const mainItems = writes.filter((i) => i.sheetKey === 'main');
      const inserts = [];
      for (const item of mainItems) {
        const communityId = communityIdOfName(item.values.community);
        if (!item.existing) inserts.push(gridRow(item.values, communityId, created));
        else {
          const before = await trx.selectFrom('grids').selectAll().where('id', '=', item.existing.id).executeTakeFirstOrThrow();
          await saveBefore(trx, batchId, 'grids', [{ key: String(item.existing.id), before }]);
          const row = gridRow(merge(item.existing.values, item.values, false), communityId, {
            ...created,
            created_at: before.created_at,
            created_batch_id: before.created_batch_id,
          });
          await trx.updateTable('grids').set(row).where('id', '=', item.existing.id).execute();
        }
        tick();
      }
      for (const part of chunk(inserts, 20)) await trx.insertInto('grids').values(part).execute();
      const gridIds = new Map((await trx.selectFrom('grids').select(['id', 'code_key']).execute()).map((g) => [g.code_key, g.id]));
      const groupInserts = [];
      for (const item of writes.filter((i) => i.sheetKey === 'groups')) {
        const gridId = gridIds.get(gridCodeKey(String(item.values.gridCode ?? '')));
        if (gridId === undefined) throw new AppError('CONFLICT', `网格“${String(item.values.gridCode)}”不存在，请重新导入。`);
        if (!item.existing) groupInserts.push(groupRow(item.values, gridId, created));
        else {
          const before = await trx.selectFrom('grid_groups').selectAll().where('id', '=', item.existing.id).executeTakeFirstOrThrow();
          await saveBefore(trx, batchId, 'grid_groups', [{ key: String(item.existing.id), before }]);
          const row = groupRow(merge(item.existing.values, item.values, false), gridId, {
            ...created,
            created_at: before.created_at,
            created_batch_id: before.created_batch_id,
          });
          await trx.updateTable('grid_groups').set(row).where('id', '=', item.existing.id).execute();
        }
        tick();
      }
      for (const part of chunk(groupInserts, 12)) await trx.insertInto('grid_groups').values(part).execute();
    } else if (isPeopleRoster(roster)) {
      await writePeople(trx, roster, batchId, writes, created, communityIdOfName, refs.gridIds, tick, signal, progress);
    }
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

async function writePeople(
  trx: DbOrTrx,
  roster: keyof typeof ROLE_TABLE,
  batchId: number,
  writes: readonly PlanItem[],
  created: Stamp,
  communityIdOfName: (name: FieldValue | undefined) => number,
  gridIds: Map<string, number>,
  tick: () => void,
  signal: AbortSignal,
  progress: JobProgress,
): Promise<void> {
  // Persons first: explicit ids (one writer holds the transaction), so no per-row round trips.
  const maxRow = await trx
    .selectFrom('persons')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst();
  let nextId = Number(maxRow?.max ?? 0) + 1;
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
  if (newPersons.length > 0) await afterExplicitIds(trx, 'persons');
  throwIfCancelled(signal);
  for (const part of chunk(changedPersons, 1)) {
    const ids = part.map((i) => i.personId ?? -1);
    const befores = await trx.selectFrom('persons').selectAll().where('id', 'in', ids).execute();
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
      const current: RecordValues = {
        idNumber: b.id_number,
        name: b.name,
        sex: b.sex,
        birthDate: b.birth_date,
        ethnicity: b.ethnicity,
        political: b.political,
        education: b.education,
        phone: b.phone,
      };
      const row = personRow(merge(current, item.values, true), {
        ...created,
        created_at: b.created_at,
        created_batch_id: b.created_batch_id,
      });
      await trx.updateTable('persons').set(row).where('id', '=', b.id).execute();
    }
  }

  const table = ROLE_TABLE[roster];
  const roleInserts: PlanItem[] = [];
  for (const item of writes) {
    const roleExists = item.existing !== null;
    const roleChanged = item.existing !== null && item.changed.some((k) => !(PERSON_KEYS as readonly string[]).includes(k));
    if (!roleExists) roleInserts.push(item);
    else if (roleChanged && item.existing) {
      const personId = item.existing.id;
      const before = await trx.selectFrom(table).selectAll().where('person_id', '=', personId).executeTakeFirstOrThrow();
      await saveBefore(trx, batchId, table, [{ key: String(personId), before }]);
      const merged = merge(item.existing.values, item.values, true);
      const stamp = { ...created, created_at: before.created_at, created_batch_id: before.created_batch_id };
      const row = roleRow(roster, merged, personId, communityIdOfName(merged.community), gridIds, stamp);
      await trx
        .updateTable(table)
        .set(row as never)
        .where('person_id', '=', personId)
        .execute();
      if (roster === 'grid-staff') await linkGrids(trx, personId, merged, gridIds, true);
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
    for (const item of roleInserts) await linkGrids(trx, personIds.get(item) ?? -1, item.values, gridIds, false);
  }
}

function roleRow(
  roster: keyof typeof ROLE_TABLE,
  v: RecordValues,
  personId: number,
  communityId: number,
  gridIds: Map<string, number>,
  stamp: Stamp,
) {
  switch (roster) {
    case 'workers':
      return workerRow(v, personId, communityId, stamp);
    case 'grid-staff':
      return gridStaffRow(v, personId, communityId, stamp);
    case 'committee':
      return committeeRow(v, personId, communityId, stamp);
    case 'cadres':
      return cadreRow(v, personId, communityId, typeof v.grid === 'string' ? (gridIds.get(gridCodeKey(v.grid)) ?? null) : null, stamp);
  }
}

async function linkGrids(trx: DbOrTrx, personId: number, v: RecordValues, gridIds: Map<string, number>, replace: boolean): Promise<void> {
  if (replace) await trx.deleteFrom('grid_staff_grids').where('person_id', '=', personId).execute();
  const codes = Array.isArray(v.grids) ? (v.grids as readonly string[]) : [];
  const ids = [...new Set(codes.map((c) => gridIds.get(gridCodeKey(c))).filter((x): x is number => x !== undefined))];
  if (ids.length > 0)
    await trx
      .insertInto('grid_staff_grids')
      .values(ids.map((grid_id) => ({ person_id: personId, grid_id })))
      .execute();
}

/** Commit step of the wizard (runs as a job): validates again and writes in one transaction. */
export async function commitRosterImport(
  app: AppContext,
  actor: string,
  analysisId: string,
  mappings: MappingsDto,
  options: { strict: boolean; remember: boolean },
  progress: JobProgress,
  signal: AbortSignal,
): Promise<RosterImportResultDto> {
  const plan = await buildPlan(app, getAnalysis(app, analysisId), mappings, progress, signal);
  const found = getAnalysis(app, analysisId);
  const meta = { roster: found.roster, fileName: found.fileName };
  const result = await commitPlan(app, actor, meta, plan, options.strict, false, progress, signal);
  if (result.committed) cacheFor(app).delete(analysisId);
  return result;
}

async function commitPlan(
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

export interface ImportRequest extends AnalyzeRequest {
  readonly strict: boolean;
  readonly dryRun: boolean;
}

/** One-shot import with the automatic (and remembered) mapping: the CLI's `import`. */
export async function importRosterFile(
  app: AppContext,
  actor: string,
  req: ImportRequest,
  progress: JobProgress,
  signal: AbortSignal,
): Promise<RosterImportResultDto> {
  if (ROSTER_DEFS[req.roster].sheets.length === 1) return importStreaming(app, actor, req, progress, signal);
  // Planned in a helper so the parsed workbook is released before the writes allocate their rows.
  const { meta, plan } = await planFromFile(app, req, progress, signal);
  return commitPlan(app, actor, meta, plan, req.strict, req.dryRun, progress, signal);
}

async function planFromFile(
  app: AppContext,
  req: ImportRequest,
  progress: JobProgress,
  signal: AbortSignal,
): Promise<{ meta: ImportMeta; plan: Plan }> {
  const analysis = await readAndDetect(app, req, progress, signal);
  const missing = analysis.choices.flatMap((c) => c.detection.missingRequired.map((k) => `“${labelOf(c.def, k)}”`));
  if (missing.length > 0) {
    const first = analysis.choices[0]?.detection;
    throw invalidFileMessage(
      `文件中缺少必填列 ${missing.join('、')}（表头在“${first?.sheetName ?? ''}”第 ${first?.headerRowNumber ?? 0} 行）。请补充这些列，或在程序的导入向导中手动指定列对应`,
    );
  }
  const plan = await buildPlan(app, analysis, {}, progress, signal);
  return { meta: { roster: analysis.roster, fileName: analysis.fileName }, plan };
}

/**
 * One-shot import of a single-sheet roster, validating rows while the file streams by: the cells of
 * a 100,000-row file are never all in memory, only the typed records.
 */
async function importStreaming(
  app: AppContext,
  actor: string,
  req: ImportRequest,
  progress: JobProgress,
  signal: AbortSignal,
): Promise<RosterImportResultDto> {
  progress(0, 100, '正在读取并校验');
  // The 1904 date system is only known once the workbook part has been read; it only changes how
  // bare serial numbers in date columns are read, so validate with 1900 and re-check if needed.
  const { ctx, refs } = await validationContext(app, false);
  const remembered = await loadRemembered(app.db, req.roster);
  const stream = createStreamingValidation(req.roster, ctx, { sheetName: req.sheetName ?? null, remembered });
  const workbook = await readSpreadsheet(req.filePath, {
    signal,
    displayName: req.fileName,
    sink: stream.sink,
    onProgress: (f) => progress(Math.round(f * 78), 100, '正在读取并校验'),
  });
  if (workbook.date1904) {
    // Rare (Mac Excel): read again the ordinary way so serial dates use the 1904 system.
    const { meta, plan } = await planFromFile(app, req, progress, signal);
    return commitPlan(app, actor, meta, plan, req.strict, req.dryRun, progress, signal);
  }
  throwIfCancelled(signal);
  const outcome = stream.outcome();
  if (!outcome.ok) throw new AppError('INVALID_FILE', outcome.message);
  const choice = outcome.choices[0];
  const missing = choice ? choice.detection.missingRequired.map((k) => `“${labelOf(choice.def, k)}”`) : [];
  if (choice && missing.length > 0) {
    throw invalidFileMessage(
      `文件中缺少必填列 ${missing.join('、')}（表头在“${choice.detection.sheetName}”第 ${choice.detection.headerRowNumber} 行）。请补充这些列，或在程序的导入向导中手动指定列对应`,
    );
  }
  const plan = await diffAgainstDatabase(app, req.roster, outcome.choices, outcome.validation, refs, progress);
  return commitPlan(app, actor, { roster: req.roster, fileName: req.fileName }, plan, req.strict, req.dryRun, progress, signal);
}

function invalidFileMessage(message: string): AppError {
  const e = invalidFile('notSpreadsheet');
  return new AppError('INVALID_FILE', message, e.details);
}

// ---------------------------------------------------------------------------------------------
// Batches and undo

const BATCH_TABLES = ['cadres', 'committee_members', 'grid_staff', 'workers', 'grid_groups', 'grids', 'communities', 'persons'] as const;
type BatchTable = (typeof BATCH_TABLES)[number];

function keyColumn(table: BatchTable): 'id' | 'person_id' {
  return table === 'workers' || table === 'grid_staff' || table === 'committee_members' || table === 'cadres' ? 'person_id' : 'id';
}

function batchDto(b: {
  id: number;
  roster_type: string;
  file_name: string;
  sheets: string;
  actor: string;
  created_at: string;
  status: 'committed' | 'undone';
  undone_at: string | null;
  undone_by: string | null;
  rows_total: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: number;
}): ImportBatchDto {
  return {
    id: b.id,
    roster: b.roster_type as RosterType,
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
  let q = db.selectFrom('import_batches').selectAll();
  if (roster) q = q.where('roster_type', '=', roster);
  const rows = await q.orderBy('id', 'desc').limit(limit).execute();
  return rows.map(batchDto);
}

/**
 * Undoes an import batch in one transaction: deletes the rows it created, restores the previous
 * values of the rows it changed. Refused when a later import or an edit has touched those rows.
 */
export async function undoImportBatch(app: AppContext, actor: string, batchId: number): Promise<ImportBatchDto> {
  const now = app.now();
  return app.db.transaction().execute(async (trx) => {
    const batch = await trx.selectFrom('import_batches').selectAll().where('id', '=', batchId).executeTakeFirst();
    if (!batch) throw new AppError('NOT_FOUND', `找不到第 ${batchId} 批导入记录。`);
    if (batch.status === 'undone')
      throw new AppError('ILLEGAL_STATE', `第 ${batchId} 批导入已于 ${batch.undone_at ?? ''} 撤销，不能重复撤销。`);
    const changes = await trx
      .selectFrom('import_batch_changes')
      .selectAll()
      .where('batch_id', '=', batchId)
      .orderBy('id', 'desc')
      .execute();

    // Conflict check: everything this batch wrote must still carry its stamp.
    for (const table of BATCH_TABLES) {
      const key = keyColumn(table);
      const changedKeys = changes.filter((c) => c.entity === table).map((c) => Number(c.entity_key));
      // Persons created here may since be used by another roster: they are kept (see below), so
      // only persons this batch changed must be untouched since.
      const touched = await trx
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where((eb) =>
          table === 'persons'
            ? eb(key, 'in', changedKeys.length ? changedKeys : [-1])
            : eb.or([eb('created_batch_id', '=', batchId), eb(key, 'in', changedKeys.length ? changedKeys : [-1])]),
        )
        .where((eb) => eb.or([eb('updated_batch_id', 'is', null), eb('updated_batch_id', '!=', batchId)]))
        .executeTakeFirst();
      if (Number(touched?.n ?? 0) > 0) {
        throw new AppError(
          'CONFLICT',
          `第 ${batchId} 批导入的部分记录之后又被修改或重新导入过，不能直接撤销。请先撤销之后的导入，或手工修改这些记录。`,
        );
      }
    }

    try {
      // Roles and leaves first, then what they refer to.
      await trx
        .deleteFrom('grid_staff_grids')
        .where('person_id', 'in', trx.selectFrom('grid_staff').select('person_id').where('created_batch_id', '=', batchId))
        .execute();
      for (const table of ['cadres', 'committee_members', 'grid_staff', 'workers', 'grid_groups', 'grids', 'communities'] as const) {
        await trx.deleteFrom(table).where('created_batch_id', '=', batchId).execute();
      }
      for (const c of changes)
        await restoreRow(trx, c.entity as BatchTable, Number(c.entity_key), JSON.parse(c.before_json) as Record<string, unknown>);
      // Persons this batch created that no roster uses any more.
      const orphans = await trx
        .selectFrom('persons')
        .select('id')
        .where('created_batch_id', '=', batchId)
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
        orphans.map((o) => o.id),
        1,
      ))
        await trx.deleteFrom('persons').where('id', 'in', part).execute();
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (/FOREIGN KEY/i.test(String(error))) {
        throw new AppError('CONFLICT', `第 ${batchId} 批导入创建的社区或网格已被其他名册引用，不能撤销。请先撤销之后导入的名册。`);
      }
      throw error;
    }
    await trx
      .updateTable('import_batches')
      .set({ status: 'undone', undone_at: now.toISOString(), undone_by: actor })
      .where('id', '=', batchId)
      .execute();
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
    const after = await trx.selectFrom('import_batches').selectAll().where('id', '=', batchId).executeTakeFirstOrThrow();
    return batchDto(after);
  });
}

async function restoreRow(trx: DbOrTrx, table: BatchTable, key: number, before: Record<string, unknown>): Promise<void> {
  const column = keyColumn(table);
  const { [column]: _ignored, ...rest } = before;
  await trx
    .updateTable(table)
    .set(rest as never)
    .where(column, '=', key)
    .execute();
  if (table === 'grid_staff') {
    // Rebuild the grid links from the codes the row had.
    const codes = typeof before.grid_codes === 'string' && before.grid_codes !== '' ? before.grid_codes.split('、') : [];
    const grids = await trx.selectFrom('grids').select(['id', 'code_key']).execute();
    await linkGrids(trx, key, { grids: codes }, new Map(grids.map((g) => [g.code_key, g.id])), true);
  }
}

/** Text of a cell for messages (re-exported for the CLI's plain output). */
export const displayCell = cellDisplay;
