/**
 * Backups and restore. A backup is a consistent online copy (VACUUM INTO; on PostgreSQL a logical
 * export, a verified zip) written under a temporary name and renamed when complete, so a crash
 * never leaves a half file that looks like a backup. Restore checks the file (SQLite integrity,
 * ours, not from a newer version; a zip's checksums, tables and audit chain) before anything is
 * replaced, backs up the current database, then swaps the files and reopens (on PostgreSQL:
 * replaces every row in one transaction).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BackupEntry } from '../../../../shared/ipc/channels/backup.channels';
import { AppError } from '../../../../shared/ipc/errors';
import type { AppContext } from '../../app-context';
import { appendAudit } from '../../platform/audit/audit-log';
import { openDatabase } from '../../platform/db/connection';
import { probeDatabaseFile } from '../../platform/db/database-probe';
import { backupExtension, copyDatabaseTo } from '../../platform/db/dialect';
import { redactUrl } from '../../platform/db/postgres';
import { LATEST_SCHEMA_VERSION } from '../../platform/db/migrations/index';
import { withExclusiveDatabase } from '../../platform/db/db-holders';
import { compareSchema, expectedSchema, normaliseSchema, SCHEMA_QUERY, type SchemaObject } from '../../platform/db/schema-check';
import { readSettings, writeSetting } from '../settings/index';
import { hasAnyAccount } from './backup.repository';
import { isLogicalBackupFile, replaceSharedDatabase, withLogicalBackupAsSqlite } from './logical-restore.service';

export const DEFAULT_KEEP = 30;
const KEEP_KEY = 'backup.keep';

/** File-name prefixes by reason. Other services call `app.backup?.('before-import')` etc. */
export const BACKUP_KINDS: Record<string, string> = {
  manual: '手动备份',
  daily: '每日备份',
  'before-import': '导入前备份',
  'before-finalize': '定稿前备份',
  'before-restore': '恢复前备份',
  'before-migration': '升级前备份',
};

function kindLabel(reason: string): string {
  return BACKUP_KINDS[reason] ?? (reason.replace(/[^\p{L}\p{N}-]/gu, '').slice(0, 20) || '备份');
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[:.]/g, '-');
}

function kindOfFile(name: string): string {
  return name.split('-')[0] ?? '备份';
}

export async function getKeep(app: AppContext): Promise<number> {
  const stored = (await readSettings(app.db, 'backup.')).get('keep');
  const n = stored === undefined ? NaN : Number(stored);
  return Number.isInteger(n) && n >= 1 ? n : DEFAULT_KEEP;
}

export async function setKeep(app: AppContext, actor: string, keep: number): Promise<number> {
  const before = await getKeep(app);
  const now = app.now();
  await app.db.transaction().execute(async (trx) => {
    await writeSetting(trx, KEEP_KEY, String(keep), now);
    await appendAudit(
      trx,
      { actor, action: 'backup.configure', entity: 'settings', entityId: KEEP_KEY, before: { keep: before }, after: { keep } },
      now,
    );
  });
  await pruneBackups(app);
  return keep;
}

export function listBackups(app: AppContext): BackupEntry[] {
  const dir = app.paths.backupsDir;
  if (!fs.existsSync(dir)) return [];
  return (
    fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.sqlite') || name.endsWith('.zip'))
      .map((name) => ({ name, stat: fs.statSync(path.join(dir, name)) }))
      // Sub-folders hold other databases' backups (see backupsDirFor).
      .filter(({ stat }) => stat.isFile())
      .map(({ name, stat }) => ({ name, kind: kindOfFile(name), size: stat.size, createdAt: stat.mtime.toISOString() }))
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.name < b.name ? 1 : -1))
  );
}

/** Keep the newest `keep` backups; delete older ones. */
export async function pruneBackups(app: AppContext): Promise<string[]> {
  const keep = await getKeep(app);
  const removed: string[] = [];
  for (const entry of listBackups(app).slice(keep)) {
    try {
      fs.rmSync(path.join(app.paths.backupsDir, entry.name));
      removed.push(entry.name);
    } catch {
      // A backup that cannot be deleted now is deleted next time.
    }
  }
  return removed;
}

/** Copy the live database to `target` (which must not exist), atomically. */
export async function writeBackupFile(app: AppContext, target: string): Promise<void> {
  if (fs.existsSync(target)) throw new AppError('CONFLICT', `文件「${path.basename(target)}」已存在。请换一个文件名，或先删除它。`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  try {
    await copyDatabaseTo(app.db, partial, {
      createdAt: app.now(),
      source: redactUrl(app.paths.databaseUrl ?? path.basename(app.paths.dbFile)),
    });
    fs.renameSync(partial, target);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    if (err instanceof AppError) throw err;
    throw new AppError('INTERNAL', `备份失败：${err instanceof Error ? err.message : String(err)}。请检查磁盘空间和文件夹权限后重试。`);
  }
}

/** A backup in the backups folder; older ones beyond the configured number are deleted. */
export async function createBackup(app: AppContext, reason: string): Promise<BackupEntry> {
  const now = app.now();
  const ext = backupExtension(app.db);
  let name = `${kindLabel(reason)}-${stamp(now)}${ext}`;
  for (let i = 2; fs.existsSync(path.join(app.paths.backupsDir, name)); i++) name = `${kindLabel(reason)}-${stamp(now)}-${i}${ext}`;
  const file = path.join(app.paths.backupsDir, name);
  await writeBackupFile(app, file);
  await pruneBackups(app);
  const stat = fs.statSync(file);
  return { name, kind: kindLabel(reason), size: stat.size, createdAt: stat.mtime.toISOString() };
}

/** Once a day, on the first start of the day. */
export async function dailyBackupIfDue(app: AppContext): Promise<BackupEntry | null> {
  const today = app.now().toISOString().slice(0, 10);
  const prefix = `${kindLabel('daily')}-${today}`;
  if (listBackups(app).some((b) => b.name.startsWith(prefix))) return null;
  // An empty, brand-new database has nothing worth keeping yet.
  if (!(await hasAnyAccount(app.db))) return null;
  return createBackup(app, 'daily');
}

export interface DatabaseFileCheck {
  schemaVersion: number;
  problems: string[];
}

/**
 * Is `file` a sound database of this app that this version can open? Throws AppError when not.
 * Opens the file read-only: the file being checked is never modified.
 */
export async function checkDatabaseFile(file: string, label = path.basename(file)): Promise<DatabaseFileCheck> {
  const { verdict, inspected } = await probeDatabaseFile(file, async (query, version) => {
    const integrity = await query<{ integrity_check: string }>('pragma integrity_check');
    const problems = integrity.map((r) => r.integrity_check).filter((line) => line !== 'ok');
    if (problems.length > 0) {
      throw new AppError('DB_INVALID', `备份文件「${label}」已损坏（完整性检查未通过），不能用于恢复。请选择其他备份。`, {
        problems: problems.slice(0, 20),
      });
    }
    if (version > LATEST_SCHEMA_VERSION) {
      throw new AppError(
        'DB_NEWER_VERSION',
        `备份文件「${label}」来自更新版本的考评系统（数据库版本 ${version}），本程序无法使用。请先升级本程序。`,
      );
    }
    const schema = compareSchema(normaliseSchema(await query<SchemaObject>(SCHEMA_QUERY)), await expectedSchema(version));
    if (schema.length > 0) {
      throw new AppError(
        'DB_INVALID',
        `文件「${label}」的数据库结构与本系统第 ${version} 版不符（${schema.slice(0, 3).join('；')}${schema.length > 3 ? '等' : ''}），可能被改动过，不能用于恢复。请选择本系统生成的其他备份。`,
        { schema: schema.slice(0, 50) },
      );
    }
    return problems;
  }).catch((err: unknown) => {
    if (err instanceof AppError) throw err;
    throw new AppError('DB_INVALID', `文件「${label}」不是有效的数据库备份，或已损坏。请选择其他备份。`);
  });
  switch (verdict.kind) {
    case 'cannot-open':
      throw new AppError('INVALID_FILE', `无法打开文件「${label}」。请确认文件存在且可读。`);
    case 'unreadable':
      throw new AppError('DB_INVALID', `文件「${label}」不是有效的数据库备份，或已损坏。请选择本系统生成的备份文件（.sqlite）。`);
    case 'empty':
    case 'foreign':
      throw new AppError('DB_INVALID', `文件「${label}」不是本系统的数据库备份。请选择本系统生成的备份文件。`);
    case 'ours':
      return { schemaVersion: verdict.version, problems: inspected ?? [] };
  }
}

export interface RestoreResult {
  restoredFrom: string;
  safetyBackup: string;
  schemaVersion: number;
}

/**
 * Replace the database with the backup at `source`. The source is copied first and only the copy
 * is opened, so the chosen file is never touched. On any failure the current database stays.
 */
export async function restoreFromFile(
  app: AppContext,
  actor: string,
  source: string,
  sourceLabel = path.basename(source),
): Promise<RestoreResult> {
  if (isLogicalBackupFile(source)) {
    return withLogicalBackupAsSqlite(source, sourceLabel, app.paths.stagingDir, (file) =>
      restoreFromSqliteFile(app, actor, file, sourceLabel),
    );
  }
  return restoreFromSqliteFile(app, actor, source, sourceLabel);
}

async function restoreFromSqliteFile(app: AppContext, actor: string, source: string, sourceLabel: string): Promise<RestoreResult> {
  if (app.paths.databaseUrl) return restoreSharedDatabase(app, actor, source, sourceLabel);
  // Another window, host or command line writing meanwhile would lose its work: refuse, naming it.
  return withExclusiveDatabase(app.paths.dbFile, app.holderId ?? null, () => restoreExclusively(app, actor, source, sourceLabel));
}

/**
 * PostgreSQL: the file (a SQLite backup, or a logical backup already turned into one) is checked,
 * the current rows are backed up, then every row is replaced in one transaction; other PCs'
 * writes wait for it (the write lock) and then see the restored data.
 */
async function restoreSharedDatabase(app: AppContext, actor: string, source: string, sourceLabel: string): Promise<RestoreResult> {
  const { schemaVersion } = await checkDatabaseFile(source, sourceLabel);
  const safety = await createBackup(app, 'before-restore');
  await replaceSharedDatabase(app.db, source, sourceLabel, app.paths.stagingDir);
  await logRestore(app, actor, sourceLabel, safety.name);
  return { restoredFrom: sourceLabel, safetyBackup: safety.name, schemaVersion: Math.max(schemaVersion, app.schemaVersion) };
}

async function logRestore(app: AppContext, actor: string, sourceLabel: string, safetyName: string): Promise<void> {
  const now = app.now();
  await app.db.transaction().execute(async (trx) => {
    await appendAudit(
      trx,
      {
        actor,
        action: 'backup.restore',
        entity: 'database',
        entityId: null,
        reason: `从「${sourceLabel}」恢复；恢复前的数据已备份为「${safetyName}」`,
      },
      now,
    );
  });
}

async function restoreExclusively(app: AppContext, actor: string, source: string, sourceLabel: string): Promise<RestoreResult> {
  const dbFile = app.paths.dbFile;
  if (path.resolve(source) === path.resolve(dbFile))
    throw new AppError('INVALID_INPUT', '不能用正在使用的数据库恢复自身。请选择一个备份文件。');
  const incoming = `${dbFile}.restoring`;
  fs.rmSync(incoming, { force: true });
  try {
    fs.copyFileSync(source, incoming);
  } catch {
    throw new AppError('INVALID_FILE', `无法读取文件「${sourceLabel}」。请确认文件存在且可读。`);
  }
  try {
    await checkDatabaseFile(incoming, sourceLabel);
  } catch (err) {
    fs.rmSync(incoming, { force: true });
    throw err;
  }
  const safety = await createBackup(app, 'before-restore');
  const safetyFile = path.join(app.paths.backupsDir, safety.name);

  await app.db.destroy();
  let opened;
  try {
    // A clean close folds the write-ahead log back; leftovers would be applied to the wrong file.
    for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(dbFile + suffix, { force: true });
    fs.renameSync(incoming, dbFile);
    opened = await openDatabase(dbFile, { backupsDir: app.paths.backupsDir, now: app.now });
  } catch (err) {
    // Put the previous database back; the user loses nothing.
    fs.rmSync(incoming, { force: true });
    for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(dbFile + suffix, { force: true });
    fs.copyFileSync(safetyFile, dbFile);
    const back = await openDatabase(dbFile, { backupsDir: app.paths.backupsDir, now: app.now });
    app.db = back.db;
    app.schemaVersion = back.schemaVersion;
    throw new AppError('DB_INVALID', `恢复失败，原数据库已保留：${err instanceof Error ? err.message : String(err)}`);
  }
  app.db = opened.db;
  app.schemaVersion = opened.schemaVersion;
  await logRestore(app, actor, sourceLabel, safety.name);
  return { restoredFrom: sourceLabel, safetyBackup: safety.name, schemaVersion: opened.schemaVersion };
}

/** A backup listed in the backups folder, by name. */
export function backupPath(app: AppContext, name: string): string {
  const file = path.join(app.paths.backupsDir, path.basename(name));
  if (path.basename(name) !== name || !fs.existsSync(file)) throw new AppError('NOT_FOUND', '找不到该备份，请刷新列表后重试。');
  return file;
}
