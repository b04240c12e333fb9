/**
 * The roster of appraised units above the community: imported from a spreadsheet (成员单位, or
 * 街道/县区 before they report) or created from the senders this database trusts (a 县区's 街道,
 * a 市's 县区). An import adds new units and updates the 简称/联系人/代码 of known ones (matched
 * by code, else by name); it never deletes: a unit that stops appearing keeps its past rounds.
 */
import { AppError } from '../../../../shared/ipc/errors';
import { KINDS_OF_LEVEL, type UnitKind } from '../../../../shared/domain/levels/levels';
import { parseUnitRoster } from '../../../../shared/domain/levels/unit-roster';
import type { ImportProblem } from '../../../../shared/domain/problems';
import type { AppContext } from '../../app-context';
import { appendAudit } from '../../platform/audit/audit-log';
import type { DbOrTrx } from '../../platform/db/schema';
import { readSpreadsheet } from '../../platform/io/excel/spreadsheet-reader';
import { getUnitSettings } from '../settings/index';
import { insertUnit, listUnitRows, nextPosition, updateUnit, type AppraisedKind, type UnitRow } from './levels.repository';

export interface AppraisedUnitDto {
  id: number;
  kind: AppraisedKind;
  name: string;
  shortName: string | null;
  code: string | null;
  contact: string | null;
  phone: string | null;
  source: UnitRow['source'];
}

export function unitDto(r: UnitRow): AppraisedUnitDto {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    shortName: r.short_name,
    code: r.code,
    contact: r.contact,
    phone: r.phone,
    source: r.source,
  };
}

/** Units of one kind (or all), in roster order. */
export async function listUnits(db: DbOrTrx, kind?: AppraisedKind): Promise<AppraisedUnitDto[]> {
  return (await listUnitRows(db, kind)).map(unitDto);
}

/** Refuses kinds the database's level does not appraise (a 街道 has no 成员单位). */
export async function assertAppraisedKind(db: DbOrTrx, kind: UnitKind): Promise<AppraisedKind> {
  const { level } = await getUnitSettings(db);
  if (kind === '社区' || !KINDS_OF_LEVEL[level].includes(kind)) {
    const own = KINDS_OF_LEVEL[level].join('和');
    throw new AppError(
      'VALIDATION_FAILED',
      `本单位层级为“${level}”，考评对象是${own}，不考评${kind}。如层级有误，请先在“系统设置”中修改层级（命令行：settings set --level）。`,
    );
  }
  return kind;
}

export interface UnitImportResult {
  kind: AppraisedKind;
  file: string;
  committed: boolean;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  problems: ImportProblem[];
}

interface Incoming {
  name: string;
  shortName: string | null;
  code: string | null;
  contact: string | null;
  phone: string | null;
}

/**
 * Adds or updates units in one transaction with one audit entry; matched by code when both have
 * one, else by name. Returns what changed.
 */
async function upsertUnits(
  trx: DbOrTrx,
  kind: AppraisedKind,
  incoming: readonly Incoming[],
  source: UnitRow['source'],
  at: string,
): Promise<{ inserted: string[]; updated: string[]; unchanged: number }> {
  const existing = await listUnitRows(trx, kind);
  const byCode = new Map(existing.filter((u) => u.code).map((u) => [u.code as string, u]));
  const byName = new Map(existing.map((u) => [u.name, u]));
  let position = await nextPosition(trx, kind);
  const out = { inserted: [] as string[], updated: [] as string[], unchanged: 0 };
  for (const u of incoming) {
    const known = (u.code ? byCode.get(u.code) : undefined) ?? byName.get(u.name);
    if (!known) {
      await insertUnit(trx, {
        kind,
        name: u.name,
        short_name: u.shortName,
        code: u.code,
        contact: u.contact,
        phone: u.phone,
        position: position++,
        source,
        created_at: at,
        updated_at: at,
      });
      out.inserted.push(u.name);
      continue;
    }
    const next = {
      name: u.name,
      short_name: u.shortName ?? known.short_name,
      code: u.code ?? known.code,
      contact: u.contact ?? known.contact,
      phone: u.phone ?? known.phone,
    };
    const same =
      next.name === known.name &&
      next.short_name === known.short_name &&
      next.code === known.code &&
      next.contact === known.contact &&
      next.phone === known.phone;
    if (same) {
      out.unchanged++;
      continue;
    }
    await updateUnit(trx, known.id, { ...next, updated_at: at });
    out.updated.push(u.name);
  }
  return out;
}

/** Imports a units roster (成员单位: 名称, 简称, 联系人; 街道/县区 with their codes). */
export async function importUnits(
  app: AppContext,
  actor: string,
  kind: UnitKind,
  file: string,
  displayName: string,
  dryRun: boolean,
): Promise<UnitImportResult> {
  const appraised = await assertAppraisedKind(app.db, kind);
  const parsed = parseUnitRoster(await readSpreadsheet(file, { displayName }), appraised);
  const fileLevel = parsed.problems.find((p) => p.row === null);
  if (fileLevel) throw new AppError('INVALID_FILE', fileLevel.message, parsed.problems);
  const rejected = new Set(parsed.problems.filter((p) => p.severity === 'error').map((p) => p.row)).size;
  const base = { kind: appraised, file: displayName, rows: parsed.rows.length + rejected, rejected, problems: parsed.problems };
  if (dryRun) {
    const existing = await listUnitRows(app.db, appraised);
    const names = new Set(existing.map((u) => u.name));
    const codes = new Set(existing.map((u) => u.code).filter(Boolean));
    const known = parsed.rows.filter((r) => names.has(r.name) || (r.code !== null && codes.has(r.code))).length;
    return { ...base, committed: false, inserted: parsed.rows.length - known, updated: 0, unchanged: known };
  }
  const now = app.now();
  const at = now.toISOString();
  const r = await app.db.transaction().execute(async (trx) => {
    const changed = await upsertUnits(trx, appraised, parsed.rows, 'import', at);
    if (changed.inserted.length || changed.updated.length)
      await appendAudit(
        trx,
        {
          actor,
          action: 'units.import',
          entity: 'units',
          entityId: appraised,
          after: { file: displayName, inserted: changed.inserted, updated: changed.updated },
        },
        now,
      );
    return changed;
  });
  return { ...base, committed: true, inserted: r.inserted.length, updated: r.updated.length, unchanged: r.unchanged };
}

/**
 * Adds the senders this database trusts as units of the kind they report as (a 县区's 街道, a
 * 市's 县区), so a round can appraise them; known ones (by code) keep their names. Returns the
 * names added.
 */
export async function unitsFromSenders(
  app: AppContext,
  actor: string,
  senders: readonly { name: string; code: string; level: string }[],
): Promise<string[]> {
  const { level } = await getUnitSettings(app.db);
  const kinds = KINDS_OF_LEVEL[level];
  const now = app.now();
  const at = now.toISOString();
  return app.db.transaction().execute(async (trx) => {
    const added: string[] = [];
    for (const kind of kinds) {
      if (kind !== '街道' && kind !== '县区') continue;
      const mine = senders.filter((s) => s.level === kind && s.code);
      if (mine.length === 0) continue;
      const existing = await listUnitRows(trx, kind);
      const codes = new Set(existing.map((u) => u.code));
      const fresh = mine.filter((s) => !codes.has(s.code));
      const r = await upsertUnits(
        trx,
        kind,
        fresh.map((s) => ({ name: s.name, shortName: null, code: s.code, contact: null, phone: null })),
        'exchange',
        at,
      );
      added.push(...r.inserted);
      if (r.inserted.length)
        await appendAudit(
          trx,
          { actor, action: 'units.fromSenders', entity: 'units', entityId: kind, after: { inserted: r.inserted } },
          now,
        );
    }
    return added;
  });
}
