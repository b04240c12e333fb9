/**
 * 考核标准: versions (draft → published), editing drafts, publishing, diff, Excel export/import.
 * A published version never changes (a round may be pinned to it); "copy to new version" makes the
 * next draft. Every change appends an audit entry in the same transaction.
 *
 * For the rounds feature: getPublishedStandard, latestPublishedVersion, isPublishedVersion,
 * markStandardUsed (records a round in standard_version_uses) and isVersionInUse.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../../shared/ipc/errors';
import { diffStandards, type StandardDiff } from '../../../../shared/domain/standard/standard-diff';
import { standardFromWorkbook, standardToWorkbook } from '../../../../shared/domain/standard/standard-workbook';
import { validateStandard } from '../../../../shared/domain/standard/standard.validator';
import { hasErrors, type StandardProblem } from '../../../../shared/domain/standard/standard.problem';
import type { Standard } from '../../../../shared/domain/standard/standard.schema';
import { unitKindSchema, type UnitKind } from '../../../../shared/domain/levels/levels';
import { defaultUnitStandard } from '../../../../shared/domain/levels/unit-standards';
import type { StandardVersionDetail, StandardVersionSummary } from '../../../../shared/ipc/channels/standard.channels';
import type { AppContext } from '../../app-context';
import { appendAudit } from '../../platform/audit/audit-log';
import { canonicalJson } from '../../../../shared/domain/canonical-json';
import type { DbOrTrx } from '../../platform/db/schema';
import { readStandardWorkbook } from '../../platform/io/excel/standard-workbook.reader';
import { writeStandardWorkbook } from '../../platform/io/excel/standard-workbook.writer';
import {
  deleteDraftRows,
  findVersionRow,
  insertDraft,
  hasVersionOfKind,
  insertUse,
  latestPublishedVersionNumber,
  listVersionRows,
  markPublished,
  maxVersion,
  readStandard,
  setVersionKind,
  updateDraft,
  usesByVersion,
  type VersionRow,
} from './standard.repository';

const STATUS_LABELS = { draft: '草稿', published: '已发布' } as const;

function notFound(version: number): AppError {
  return new AppError('NOT_FOUND', `找不到考核标准第${version}版，请刷新版本列表后重试。`);
}

function readOnlyReason(row: VersionRow, usedBy: readonly string[]): string | null {
  if (row.status === 'draft') return null;
  if (usedBy.length) return `第${row.version}版已被${usedBy.join('、')}考评使用，不能修改。如需调整，请“复制为新版本”。`;
  return `第${row.version}版已发布，不能修改。如需调整，请“复制为新版本”。`;
}

function summaryOf(
  row: VersionRow,
  standard: Standard,
  problems: readonly StandardProblem[],
  usedBy: readonly string[],
): StandardVersionSummary {
  const reason = readOnlyReason(row, usedBy);
  return {
    version: row.version,
    name: row.name,
    status: row.status,
    statusLabel: STATUS_LABELS[row.status],
    basedOn: row.based_on,
    revision: row.revision,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
    usedBy: [...usedBy],
    editable: reason === null,
    readOnlyReason: reason,
    totalPoints: standard.categories.reduce((s, c) => s + c.maxTenths, 0) / 10,
    categoryCount: standard.categories.length,
    itemCount: standard.categories.reduce((s, c) => s + c.items.length, 0),
    errorCount: problems.filter((p) => p.severity === 'error').length,
    warningCount: problems.filter((p) => p.severity === 'warning').length,
    kind: kindOf(row),
  };
}

/** The kind of unit a version appraises (社区 for versions from before levels existed). */
export function kindOf(row: Pick<VersionRow, 'kind'>): UnitKind {
  const parsed = unitKindSchema.safeParse(row.kind);
  return parsed.success ? parsed.data : '社区';
}

async function load(db: DbOrTrx, version: number): Promise<{ standard: Standard; row: VersionRow; usedBy: string[] }> {
  const found = await readStandard(db, version);
  if (!found) throw notFound(version);
  const uses = await usesByVersion(db, version);
  return { ...found, usedBy: uses.get(version) ?? [] };
}

async function detailOf(db: DbOrTrx, version: number): Promise<StandardVersionDetail> {
  const { standard, row, usedBy } = await load(db, version);
  const problems = validateStandard(standard);
  return { ...summaryOf(row, standard, problems, usedBy), standard, problems };
}

/** All versions, oldest first. */
export async function listVersions(db: DbOrTrx): Promise<StandardVersionSummary[]> {
  const rows = await listVersionRows(db);
  const uses = await usesByVersion(db);
  const out: StandardVersionSummary[] = [];
  for (const row of rows) {
    const found = await readStandard(db, row.version);
    if (!found) continue;
    out.push(summaryOf(row, found.standard, validateStandard(found.standard), uses.get(row.version) ?? []));
  }
  return out;
}

/** One version with its content and live validation problems. */
export async function getVersion(db: DbOrTrx, version: number): Promise<StandardVersionDetail> {
  return detailOf(db, version);
}

/** Copies a version into a new draft (the next free version number). */
export async function createDraft(app: AppContext, actor: string, fromVersion: number): Promise<StandardVersionDetail> {
  const now = app.now();
  const at = now.toISOString();
  return app.db.transaction().execute(async (trx) => {
    const { standard, row } = await load(trx, fromVersion);
    const version = (await maxVersion(trx)) + 1;
    const copy: Standard = { ...structuredClone(standard), version, note: '' };
    await insertDraft(trx, copy, fromVersion, actor, at);
    await setVersionKind(trx, version, kindOf(row));
    await appendAudit(
      trx,
      {
        actor,
        action: 'standard.createDraft',
        entity: 'standard',
        entityId: version,
        after: { version, basedOn: fromVersion, name: copy.name },
      },
      now,
    );
    return detailOf(trx, version);
  });
}

/** Refuses any change to a version that is not a draft. */
function assertEditable(row: VersionRow, usedBy: readonly string[]): void {
  const reason = readOnlyReason(row, usedBy);
  if (reason) throw new AppError('LOCKED', reason);
}

/**
 * Saves a draft's whole content (the editor sends it after each inline edit). The revision guards
 * against two windows overwriting each other. Problems are returned, not refused: a draft may be
 * incomplete; publishing requires it to be free of errors.
 */
export async function saveDraft(
  app: AppContext,
  actor: string,
  input: { version: number; revision: number; standard: Standard },
): Promise<StandardVersionDetail> {
  const now = app.now();
  const at = now.toISOString();
  return app.db.transaction().execute(async (trx) => {
    const { standard: before, row, usedBy } = await load(trx, input.version);
    assertEditable(row, usedBy);
    if (row.revision !== input.revision) {
      throw new AppError('CONFLICT', `第${input.version}版已在别处被修改（修订号 ${row.revision}），为避免覆盖，请刷新页面后重新修改。`);
    }
    const after: Standard = { ...input.standard, version: input.version };
    const diff = diffStandards(before, after);
    if (canonicalJson(before) === canonicalJson(after)) return detailOf(trx, input.version);
    await updateDraft(trx, after, row.revision + 1, actor, at);
    await appendAudit(
      trx,
      {
        actor,
        action: 'standard.edit',
        entity: 'standard',
        entityId: input.version,
        before: {
          revision: row.revision,
          changes: diff.entries.map((e) => ({
            section: e.section,
            code: e.code,
            change: e.change,
            fields: e.fields.map((f) => ({ field: f.field, value: f.before })),
          })),
        },
        after: {
          revision: row.revision + 1,
          changes: diff.entries.map((e) => ({
            section: e.section,
            code: e.code,
            change: e.change,
            fields: e.fields.map((f) => ({ field: f.field, value: f.after })),
          })),
        },
      },
      now,
    );
    return detailOf(trx, input.version);
  });
}

/** Publishes a draft that has no errors. From then on it never changes. */
export async function publishVersion(app: AppContext, actor: string, version: number): Promise<StandardVersionDetail> {
  const now = app.now();
  return app.db.transaction().execute(async (trx) => {
    const { standard, row } = await load(trx, version);
    if (row.status === 'published') throw new AppError('ILLEGAL_STATE', `第${version}版已经发布过了。`);
    const problems = validateStandard(standard);
    if (hasErrors(problems)) {
      const first = problems
        .filter((p) => p.severity === 'error')
        .slice(0, 3)
        .map((p) => p.message);
      throw new AppError(
        'VALIDATION_FAILED',
        `第${version}版还有${problems.filter((p) => p.severity === 'error').length}个错误，改正后才能发布：${first.join('；')}`,
        problems,
      );
    }
    await markPublished(trx, version, actor, now.toISOString());
    await appendAudit(
      trx,
      {
        actor,
        action: 'standard.publish',
        entity: 'standard',
        entityId: version,
        before: { status: 'draft' },
        after: { status: 'published', name: standard.name, totalPoints: standard.totalTenths / 10 },
      },
      now,
    );
    return detailOf(trx, version);
  });
}

/** Deletes a draft (published versions are kept forever). */
export async function deleteDraft(app: AppContext, actor: string, version: number): Promise<void> {
  const now = app.now();
  await app.db.transaction().execute(async (trx) => {
    const { standard, row, usedBy } = await load(trx, version);
    assertEditable(row, usedBy);
    await deleteDraftRows(trx, version);
    await appendAudit(
      trx,
      {
        actor,
        action: 'standard.deleteDraft',
        entity: 'standard',
        entityId: version,
        before: { version, name: standard.name, basedOn: row.based_on },
      },
      now,
    );
  });
}

/** Differences from one version to another. */
export async function diffVersions(db: DbOrTrx, from: number, to: number): Promise<StandardDiff> {
  const [a, b] = await Promise.all([load(db, from), load(db, to)]);
  return diffStandards(a.standard, b.standard);
}

/** The file name an export gets, e.g. 考核标准（第2版）.xlsx. */
export function exportFileName(version: number): string {
  return `考核标准（第${version}版）.xlsx`;
}

/** Writes a version's workbook to `file` (via a temporary file, so no half-written file is left). */
export async function exportVersionTo(db: DbOrTrx, version: number, file: string): Promise<void> {
  const { standard } = await load(db, version);
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await writeStandardWorkbook(tmp, standardToWorkbook(standard));
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    if (err instanceof AppError) throw err;
    throw new AppError('INVALID_FILE', `无法写入文件：${file}。请检查文件夹是否存在、文件是否正被 Excel/WPS 打开。`);
  }
}

/**
 * Imports a workbook as a new draft. Unusable files (not a spreadsheet, no 考核标准 sheet) are
 * refused with INVALID_FILE and nothing is written; otherwise a draft is created and the problems
 * (row by row, as for roster imports) are returned for the user to fix in the editor.
 */
export async function importVersion(
  app: AppContext,
  actor: string,
  file: string,
  displayName: string,
  kind: UnitKind = '社区',
): Promise<{ version: number; problems: StandardProblem[] }> {
  // Parse and validate before opening the transaction.
  const workbook = await readStandardWorkbook(file, displayName);
  const provisional = standardFromWorkbook(workbook, 1);
  if (!provisional.standard) {
    const first = provisional.problems.find((p) => p.severity === 'error');
    throw new AppError('INVALID_FILE', first?.message ?? '文件中没有可导入的考核标准。', provisional.problems);
  }
  const imported = provisional.standard;
  await app.backup?.('before-import');
  const now = app.now();
  return app.db.transaction().execute(async (trx) => {
    const version = (await maxVersion(trx)) + 1;
    const standard: Standard = { ...imported, version };
    await insertDraft(trx, standard, null, actor, now.toISOString());
    await setVersionKind(trx, version, kind);
    await appendAudit(
      trx,
      {
        actor,
        action: 'standard.import',
        entity: 'standard',
        entityId: version,
        after: {
          version,
          name: standard.name,
          kind,
          file: displayName,
          errors: provisional.problems.filter((p) => p.severity === 'error').length,
          warnings: provisional.problems.filter((p) => p.severity === 'warning').length,
        },
      },
      now,
    );
    return { version, problems: provisional.problems };
  });
}

// ---------------------------------------------------------------------------------------------
// For the rounds feature.

/** A published version's content; NOT_FOUND for drafts and unknown versions. */
export async function getPublishedStandard(db: DbOrTrx, version: number): Promise<Standard> {
  const found = await readStandard(db, version);
  if (!found || found.row.status !== 'published')
    throw new AppError('NOT_FOUND', `找不到已发布的考核标准第${version}版。请在“考核标准”中发布该版本，或选择其他版本。`);
  return found.standard;
}

/** Latest published version number (of one kind of appraised unit, when given), or null when none is published. */
export async function latestPublishedVersion(db: DbOrTrx, kind?: UnitKind): Promise<number | null> {
  return latestPublishedVersionNumber(db, kind);
}

/** The kind of unit a version appraises; NOT_FOUND for unknown versions. */
export async function versionKind(db: DbOrTrx, version: number): Promise<UnitKind> {
  const row = await findVersionRow(db, version);
  if (!row) throw notFound(version);
  return kindOf(row);
}

/**
 * Creates and publishes the default standard of each kind that has no version yet (a database
 * that takes the 县区 or 市 level gets the standards for its 街道, 县区, 成员单位). Idempotent.
 * Returns the versions created.
 */
export async function ensureKindStandards(app: AppContext, actor: string, kinds: readonly UnitKind[]): Promise<number[]> {
  const now = app.now();
  const at = now.toISOString();
  return app.db.transaction().execute(async (trx) => {
    const created: number[] = [];
    for (const kind of kinds) {
      const content = defaultUnitStandard(kind);
      if (!content || (await hasVersionOfKind(trx, kind))) continue;
      const version = (await maxVersion(trx)) + 1;
      const standard: Standard = { ...content, version };
      await insertDraft(trx, standard, null, actor, at);
      await setVersionKind(trx, version, kind);
      await markPublished(trx, version, actor, at);
      await appendAudit(
        trx,
        {
          actor,
          action: 'standard.seed',
          entity: 'standard',
          entityId: version,
          after: { version, kind, name: standard.name, status: 'published' },
        },
        now,
      );
      created.push(version);
    }
    return created;
  });
}

export async function isPublishedVersion(db: DbOrTrx, version: number): Promise<boolean> {
  return (await findVersionRow(db, version))?.status === 'published';
}

/** Rounds (or other records) that use a version. */
export async function versionUses(db: DbOrTrx, version: number): Promise<string[]> {
  return (await usesByVersion(db, version)).get(version) ?? [];
}

export async function isVersionInUse(db: DbOrTrx, version: number): Promise<boolean> {
  return (await versionUses(db, version)).length > 0;
}

/**
 * Records that `usedBy` (e.g. round 2021Q3) uses a published version. Call inside the caller's
 * transaction. Idempotent; refuses drafts.
 */
export async function markStandardUsed(trx: DbOrTrx, version: number, usedBy: string, actor: string, now: Date): Promise<void> {
  const row = await findVersionRow(trx, version);
  if (!row) throw notFound(version);
  if (row.status !== 'published') throw new AppError('ILLEGAL_STATE', `考核标准第${version}版还是草稿，发布后才能用于考评。`);
  const added = await insertUse(trx, version, usedBy, actor, now.toISOString());
  if (added) {
    await appendAudit(trx, { actor, action: 'standard.use', entity: 'standard', entityId: version, after: { usedBy } }, now);
  }
}
