/**
 * Restoring from a logical backup (the zip a PostgreSQL database is backed up to) and restoring
 * onto PostgreSQL. Everything is verified before anything is replaced: the zip itself (manifest,
 * sha256, tables and columns, schema version), then its rows in a scratch SQLite file built by our
 * migrations (foreign keys, the audit chain). The scratch file is what the live database is then
 * replaced from.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { AppError } from '../../../../shared/ipc/errors';
import { verifyAuditChain } from '../../platform/audit/audit-log';
import { openDatabase } from '../../platform/db/connection';
import { looksLikeZip, readLogicalBackup } from '../../platform/db/logical-backup';
import { materialiseLogicalBackup, replaceAllRows } from '../../platform/db/logical-restore';
import { MIGRATIONS } from '../../platform/db/migrations/index';
import type { Database } from '../../platform/db/schema';

/**
 * A scratch folder in `workDir` (the staging folder: the rows hold ID numbers, and what is left
 * there after a crash goes with the staging folder's sweep of left-overs).
 */
function scratchDir(workDir: string): string {
  fs.mkdirSync(workDir, { recursive: true });
  return fs.mkdtempSync(path.join(workDir, 'restore-'));
}

/** Whether `file` is a zip (a logical backup) rather than a SQLite file. */
export function isLogicalBackupFile(file: string): boolean {
  let fd: number | null = null;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(4);
    return fs.readSync(fd, head, 0, 4, 0) === 4 && looksLikeZip(head);
  } catch {
    return false;
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/**
 * Run `use` with a SQLite file holding the logical backup at `source`, verified (throws AppError
 * with a Chinese message otherwise); the scratch file is removed afterwards.
 */
export async function withLogicalBackupAsSqlite<T>(
  source: string,
  label: string,
  workDir: string,
  use: (sqliteFile: string) => Promise<T>,
): Promise<T> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(source);
  } catch {
    throw new AppError('INVALID_FILE', `无法读取文件「${label}」。请确认文件存在且可读。`);
  }
  const backup = await readLogicalBackup(bytes, label);
  const dir = scratchDir(workDir);
  try {
    const file = path.join(dir, 'restore.sqlite');
    try {
      await materialiseLogicalBackup(backup, file);
    } catch (err) {
      throw new AppError(
        'DB_INVALID',
        `文件「${label}」中的数据不完整（${err instanceof Error ? err.message : String(err)}），不能用于恢复，数据未改变。请选择其他备份。`,
      );
    }
    // The chain inside the export must verify by itself: the rows are what was logged, unchanged.
    const migrations = MIGRATIONS.filter((m) => m.version <= backup.manifest.schemaVersion);
    const opened = await openDatabase(file, { backupsDir: dir, now: () => new Date(), migrations });
    const audit = await verifyAuditChain(opened.db).finally(() => opened.db.destroy());
    if (!audit.ok) {
      throw new AppError(
        'DB_INVALID',
        `文件「${label}」中的操作日志校验未通过（${audit.message}），不能用于恢复，数据未改变。请选择其他备份。`,
      );
    }
    return await use(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Replace every row of the shared database with those of `sqliteFile` (a checked backup of ours,
 * brought to this version by opening it), in one transaction; on failure nothing changes.
 */
export async function replaceSharedDatabase(db: Kysely<Database>, sqliteFile: string, label: string, workDir: string): Promise<void> {
  const dir = scratchDir(workDir);
  const work = path.join(dir, 'restore.sqlite');
  fs.copyFileSync(sqliteFile, work);
  const source = await openDatabase(work, { backupsDir: dir, now: () => new Date() });
  try {
    await replaceAllRows(db, source.db);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('DB_INVALID', `从「${label}」恢复失败，数据库未改变：${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await source.db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
