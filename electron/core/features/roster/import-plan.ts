/**
 * The plan of a roster import: the file's rows validated with the chosen mapping and compared with
 * the database (new, changed fields, unchanged, missing from the file), and the preview the wizard
 * shows of it. Nothing is written here (see import-writer.service.ts).
 */
import { applyMapping, type ColumnMapping } from '../../../../shared/domain/roster/header-detect';
import type { FieldValue } from '../../../../shared/domain/roster/field-parse';
import type { RosterType, SheetDef } from '../../../../shared/domain/roster/roster-columns';
import { validateRoster, type RosterValidation, type SheetChoice } from '../../../../shared/domain/roster/roster-workbook';
import { communityKey, identityOf, type RecordValues, type RosterValidationContext } from '../../../../shared/domain/roster/row-validate';
import type { PlainWorkbook } from '../../../../shared/domain/roster/sheet-cell';
import { maskIdCard } from '../../../../shared/domain/privacy/mask';
import type { MappingsDto, RosterPreviewDto } from '../../../../shared/ipc/channels/roster.channels';
import type { AppContext } from '../../app-context';
import { throwIfCancelled, type JobProgress } from '../../platform/jobs/job-registry';
import { getUnitSettings } from '../settings/index';
import { gridCodeKey, isPeopleRoster, isPersonKey, PERSON_KEYS, personIdentity } from './roster-rows';
import {
  loadPersons,
  loadRecords,
  loadReferenceData,
  type PersonInfo,
  type RosterReferences,
  type StoredRecord,
} from './roster.repository';
import { getPostGradeTable, validationToday } from './roster.service';

/** What a plan is made from: the parsed file of an analysis. */
export interface PlanSource {
  readonly roster: RosterType;
  readonly workbook: PlainWorkbook;
  readonly choices: readonly SheetChoice[];
}

export interface PlanItem {
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

export interface Plan {
  readonly validation: RosterValidation;
  readonly items: readonly PlanItem[];
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly missing: readonly StoredRecord[];
  readonly choices: readonly SheetChoice[];
}

const NONE: readonly string[] = [];

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

export function labelOf(def: SheetDef, key: string): string {
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

export async function validationContext(
  app: AppContext,
  date1904: boolean,
): Promise<{ ctx: RosterValidationContext; refs: RosterReferences }> {
  const refs = await loadReferenceData(app.db);
  const postGrades = await getPostGradeTable(app.db);
  const unit = await getUnitSettings(app.db);
  return {
    refs,
    ctx: { today: validationToday(app.now()), date1904, postGrades, references: refs, configuredStreet: unit.street.trim() || null },
  };
}

/** Validates the analysis with the given mappings and diffs it against the database. */
export async function buildPlan(
  app: AppContext,
  analysis: PlanSource,
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
export async function diffAgainstDatabase(
  app: AppContext,
  roster: RosterType,
  choices: readonly SheetChoice[],
  validation: RosterValidation,
  refs: RosterReferences,
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
        const roleKeys = providedKeys(rec.values).filter((k) => !people || !isPersonKey(k));
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

export function blockedReason(plan: Plan, strict: boolean): string | null {
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

/** The wizard's preview of a plan. */
export function describePlan(
  analysis: { readonly id: string; readonly roster: RosterType; readonly fileName: string },
  plan: Plan,
  strict: boolean,
): RosterPreviewDto {
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
