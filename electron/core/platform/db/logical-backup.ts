/**
 * The in-app backup of a PostgreSQL database: a logical export, a zip holding `manifest.json`
 * and one JSON file per table (rows in primary-key order). The manifest names the format, the
 * schema version and, per table, its file, row count and sha256, so a restore can refuse a
 * tampered, truncated or foreign file before anything is replaced. Values are kept exactly:
 * numbers and text as JSON, bytes as `{"$b64": …}`.
 *
 * IT backs up the server itself with pg_dump as well (see README): this file is what a user can
 * make, keep and restore from inside the program.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { AppError } from '../../../../shared/ipc/errors';
import { readZip, writeZip, type ZipEntry } from '../io/zip/zip-archive';
import { LATEST_SCHEMA_VERSION } from './migrations/index';
import { postgresTables, primaryKeyColumns } from './postgres-catalog';
import { expectedTables } from './schema-check';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- exports every table, whatever its type
type AnyDb = Kysely<any>;

export const LOGICAL_BACKUP_FORMAT = 'community-appraisal-logical-backup';
export const LOGICAL_BACKUP_FORMAT_VERSION = 1;
const MANIFEST = 'manifest.json';
/** V8 cannot hold a string much over 512 MB: one table's file stays below. */
const MAX_ENTRY_BYTES = 500 * 1024 * 1024;
const MAX_TOTAL_BYTES = 2000 * 1024 * 1024;

export interface LogicalBackupTable {
  name: string;
  file: string;
  rows: number;
  sha256: string;
}

export interface LogicalBackupManifest {
  format: string;
  formatVersion: number;
  schemaVersion: number;
  createdAt: string;
  /** Where it was made: the database URL without its password. */
  source: string;
  tables: LogicalBackupTable[];
}

type JsonValue = string | number | null | { $b64: string };

interface TableFile {
  table: string;
  columns: string[];
  rows: JsonValue[][];
}

/** A backup read back and verified: rows by table, values decoded. */
export interface LogicalBackup {
  manifest: LogicalBackupManifest;
  tables: Map<string, { columns: string[]; rows: unknown[][] }>;
}

/** Whether these bytes are a zip (a logical backup) rather than a SQLite file. */
export function looksLikeZip(head: Buffer): boolean {
  return head.length >= 4 && head.readUInt32LE(0) === 0x04034b50;
}

function encode(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`a number that JSON cannot hold: ${value}`);
    return value;
  }
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER))
      throw new Error(`an integer too large: ${value}`);
    return Number(value);
  }
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return { $b64: Buffer.from(value).toString('base64') };
  throw new Error(`a value of an unexpected type (${typeof value})`);
}

function decode(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  if (
    typeof value === 'object' &&
    value !== null &&
    Object.keys(value).length === 1 &&
    typeof (value as { $b64?: unknown }).$b64 === 'string'
  )
    return Buffer.from((value as { $b64: string }).$b64, 'base64');
  throw new Error('bad value');
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Export the PostgreSQL database into a zip (bytes), read in one repeatable-read transaction: a
 * consistent snapshot, as SQLite's VACUUM INTO gives.
 */
export async function exportLogicalBackup(db: AnyDb, about: { createdAt: Date; source: string }): Promise<Buffer> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (snapshot) => {
      const version = await sql<{ v: number }>`select max(version) as v from schema_migrations`.execute(snapshot);
      const entries: ZipEntry[] = [];
      const tables: LogicalBackupTable[] = [];
      for (const table of await postgresTables(snapshot)) {
        const key = await primaryKeyColumns(snapshot, table);
        const order = key.length > 0 ? sql`order by ${sql.join(key.map((c) => sql.ref(c)))}` : sql``;
        const result = await sql<Record<string, unknown>>`select * from ${sql.table(table)} ${order}`.execute(snapshot);
        const columns = result.rows[0] ? Object.keys(result.rows[0]) : await columnNames(snapshot, table);
        const file: TableFile = { table, columns, rows: result.rows.map((r) => columns.map((c) => encode(r[c]))) };
        const data = Buffer.from(JSON.stringify(file), 'utf8');
        entries.push({ name: `${table}.json`, data });
        tables.push({ name: table, file: `${table}.json`, rows: result.rows.length, sha256: sha256(data) });
      }
      const manifest: LogicalBackupManifest = {
        format: LOGICAL_BACKUP_FORMAT,
        formatVersion: LOGICAL_BACKUP_FORMAT_VERSION,
        schemaVersion: Number(version.rows[0]?.v ?? 0),
        createdAt: about.createdAt.toISOString(),
        source: about.source,
        tables,
      };
      return writeZip([{ name: MANIFEST, data: Buffer.from(JSON.stringify(manifest, null, 2), 'utf8') }, ...entries]);
    });
}

async function columnNames(db: AnyDb, table: string): Promise<string[]> {
  const rows = await sql<{ name: string }>`select attname as name from pg_attribute
    where attrelid = ${table}::text::regclass and attnum > 0 and not attisdropped order by attnum`.execute(db);
  return rows.rows.map((r) => r.name);
}

/**
 * Write the export to `target` and read it back from disk, verified, before the caller renames it
 * into place: a backup that could not be restored is never kept as one.
 */
export async function writeLogicalBackupFile(db: AnyDb, target: string, about: { createdAt: Date; source: string }): Promise<void> {
  fs.writeFileSync(target, await exportLogicalBackup(db, about), { flag: 'wx' });
  await readLogicalBackup(fs.readFileSync(target), path.basename(target));
}

/**
 * Read and verify a logical backup: the manifest, every file's sha256 and row count, the schema
 * version (not newer than this program's), and only the tables and columns our schema of that
 * version has. Throws DB_INVALID / DB_NEWER_VERSION with a Chinese message; reads nothing else.
 */
export async function readLogicalBackup(bytes: Buffer, label: string): Promise<LogicalBackup> {
  const refuse = (detail: string) =>
    new AppError(
      'DB_INVALID',
      `文件「${label}」不是本系统有效的共享数据库备份（${detail}），不能用于恢复，数据未改变。请选择本系统生成的其他备份。`,
    );
  const files = readZip(bytes, {
    allowed: (name) => name === MANIFEST || /^[a-z0-9_]+\.json$/.test(name),
    maxEntries: 500,
    maxEntryBytes: MAX_ENTRY_BYTES,
    maxTotalBytes: MAX_TOTAL_BYTES,
    refuse,
  });
  const manifest = parseManifest(files.get(MANIFEST), refuse);
  if (manifest.schemaVersion > LATEST_SCHEMA_VERSION) {
    throw new AppError(
      'DB_NEWER_VERSION',
      `备份文件「${label}」来自更新版本的考评系统（数据库版本 ${manifest.schemaVersion}），本程序无法使用，数据未改变。请先升级本程序。`,
    );
  }
  const known = await expectedTables(manifest.schemaVersion);
  const listed = new Set(manifest.tables.map((t) => t.file));
  for (const name of files.keys()) if (name !== MANIFEST && !listed.has(name)) throw refuse(`包含清单之外的文件「${name}」`);
  const tables: LogicalBackup['tables'] = new Map();
  for (const entry of manifest.tables) {
    const columns = known.get(entry.name);
    if (!columns) throw refuse(`包含未知的表「${entry.name}」`);
    if (tables.has(entry.name)) throw refuse(`表「${entry.name}」重复`);
    const data = files.get(entry.file);
    if (!data) throw refuse(`缺少表「${entry.name}」的数据文件`);
    if (sha256(data) !== entry.sha256) throw refuse(`表「${entry.name}」的数据校验不符（sha256），文件可能被改动或已损坏`);
    let file: TableFile;
    try {
      file = JSON.parse(data.toString('utf8')) as TableFile;
    } catch {
      throw refuse(`表「${entry.name}」的数据无法读取`);
    }
    if (file.table !== entry.name || !Array.isArray(file.columns) || !Array.isArray(file.rows))
      throw refuse(`表「${entry.name}」的数据格式不对`);
    const unknown = file.columns.filter((c) => !columns.includes(c));
    const missing = columns.filter((c) => !file.columns.includes(c));
    if (unknown.length > 0 || missing.length > 0 || new Set(file.columns).size !== file.columns.length)
      throw refuse(`表「${entry.name}」的列与本系统第 ${manifest.schemaVersion} 版不符`);
    if (file.rows.length !== entry.rows) throw refuse(`表「${entry.name}」的行数与清单不符`);
    let rows: unknown[][];
    try {
      rows = file.rows.map((row) => {
        if (!Array.isArray(row) || row.length !== file.columns.length) throw new Error('row');
        return row.map(decode);
      });
    } catch {
      throw refuse(`表「${entry.name}」含有无法识别的数据`);
    }
    tables.set(entry.name, { columns: file.columns, rows });
  }
  for (const name of known.keys()) if (!tables.has(name)) throw refuse(`缺少表「${name}」`);
  return { manifest, tables };
}

function parseManifest(data: Buffer | undefined, refuse: (detail: string) => AppError): LogicalBackupManifest {
  if (!data) throw refuse('缺少清单 manifest.json');
  let m: LogicalBackupManifest;
  try {
    m = JSON.parse(data.toString('utf8')) as LogicalBackupManifest;
  } catch {
    throw refuse('清单无法读取');
  }
  if (m?.format !== LOGICAL_BACKUP_FORMAT) throw refuse('不是本系统的备份格式');
  if (m.formatVersion !== LOGICAL_BACKUP_FORMAT_VERSION) throw refuse(`备份格式版本 ${String(m.formatVersion)} 不受支持`);
  if (!Number.isInteger(m.schemaVersion) || m.schemaVersion < 1) throw refuse('清单中的数据库版本无效');
  const validTable = (t: LogicalBackupTable) =>
    typeof t?.name === 'string' &&
    t.file === `${t.name}.json` &&
    Number.isInteger(t.rows) &&
    t.rows >= 0 &&
    typeof t.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(t.sha256);
  if (!Array.isArray(m.tables) || !m.tables.every(validTable)) throw refuse('清单中的表目录无效');
  return m;
}
