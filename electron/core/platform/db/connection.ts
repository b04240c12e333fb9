/**
 * Opening the database: recognise it, refuse one from a newer version without touching it,
 * back it up before pending migrations, then migrate step by step.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CompiledQuery, Kysely, sql, type Transaction } from 'kysely';
import { AppError } from '../../../../shared/ipc/errors';
import { Sqlite3Dialect, openSqlite3, sqlite3 } from './sqlite3-driver';
import { APP_ID, probeDatabaseFile } from './database-probe';
import {
  CONNECTION_PRAGMAS,
  POSTGRES_PRELUDE,
  copyDatabaseTo,
  foreignKeyCheck,
  runDdl,
  setForeignKeys,
  tableExists,
  tableNames,
} from './dialect';
import { createPostgresKysely, isPostgresUrl, redactUrl, withMigrationLock } from './postgres';
import { MIGRATIONS, LATEST_SCHEMA_VERSION } from './migrations/index';
import type { Migration } from './migration';
import type { Database } from './schema';

export { APP_ID };

export interface OpenDatabaseOptions {
  /** Where copies made before migrations go. */
  backupsDir: string;
  now: () => Date;
  /** Tests use this to run a partial registry. */
  migrations?: readonly Migration[];
  /** Told when another program is migrating the shared database and this one waits (PostgreSQL). */
  onWait?: (message: string) => void;
}

export interface OpenedDatabase {
  db: Kysely<Database>;
  schemaVersion: number;
  /** The copy made before migrating, if one was needed. */
  preMigrationBackup: string | null;
}

/** The schema version of an existing file, or a refusal; the file is never modified. */
async function inspectExisting(file: string): Promise<number> {
  const { verdict } = await probeDatabaseFile(file);
  const name = path.basename(file);
  switch (verdict.kind) {
    case 'cannot-open':
      throw new AppError('DB_INVALID', `无法打开数据库文件：${file}。请检查文件是否存在、是否有读写权限。（${verdict.detail}）`);
    case 'unreadable':
      throw new AppError('DB_INVALID', `文件「${name}」不是有效的数据库或已损坏，文件未被修改。请从备份恢复。（${verdict.detail}）`);
    case 'foreign':
      throw new AppError('DB_INVALID', `文件「${name}」不是本系统的数据库，已停止打开，文件未被修改。请选择正确的数据库文件。`);
    case 'empty':
      return 0;
    case 'ours':
      return verdict.version;
  }
}

function createKysely(file: string): Kysely<Database> {
  return new Kysely<Database>({
    dialect: new Sqlite3Dialect({
      database: () => openSqlite3(file, sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE),
      onCreateConnection: async (connection) => {
        for (const pragma of CONNECTION_PRAGMAS) await connection.executeQuery(CompiledQuery.raw(pragma));
      },
    }),
  });
}

function timestampForFile(d: Date): string {
  return d.toISOString().replace(/[:.]/g, '-');
}

function refuseNewer(currentVersion: number, latest: number): void {
  if (currentVersion > latest) {
    throw new AppError(
      'DB_NEWER_VERSION',
      `该数据库由更新版本的考评系统创建（数据库版本 ${currentVersion}，本程序支持到 ${latest}）。为保护数据，已停止打开且未做任何修改。请安装最新版本后再打开。`,
    );
  }
}

/**
 * Open (creating if needed) and migrate the database at `file`: a SQLite file, or a PostgreSQL
 * database given as `postgres://user@host:port/db`.
 */
export async function openDatabase(file: string, options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  const migrations = [...(options.migrations ?? MIGRATIONS)].sort((a, b) => a.version - b.version);
  const latest = options.migrations ? migrations.reduce((m, x) => Math.max(m, x.version), 0) : LATEST_SCHEMA_VERSION;
  if (isPostgresUrl(file)) return openPostgres(file, migrations, latest, options);
  const exists = fs.existsSync(file) && fs.statSync(file).size > 0;
  const currentVersion = exists ? await inspectExisting(file) : 0;
  refuseNewer(currentVersion, latest);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = createKysely(file);
  try {
    const pending = migrations.filter((m) => m.version > currentVersion);
    let preMigrationBackup: string | null = null;
    if (pending.length > 0 && currentVersion > 0) {
      fs.mkdirSync(options.backupsDir, { recursive: true });
      preMigrationBackup = path.join(options.backupsDir, `升级前备份-v${currentVersion}-${timestampForFile(options.now())}.sqlite`);
      await copyDatabaseTo(db, preMigrationBackup);
    }
    await runMigrations(db, pending, options.now);
    return { db, schemaVersion: Math.max(currentVersion, ...pending.map((m) => m.version)), preMigrationBackup };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}

async function runMigrations(db: Kysely<Database>, pending: readonly Migration[], now: () => Date): Promise<void> {
  for (const migration of pending) {
    // SQLite ignores the foreign_keys pragma inside a transaction: a step that rebuilds a table
    // others reference turns enforcement off around its transaction and checks the links before commit.
    if (migration.rebuildsTables) await setForeignKeys(db, false);
    try {
      await db.transaction().execute((trx) => applyMigration(trx, migration, now));
    } finally {
      if (migration.rebuildsTables) await setForeignKeys(db, true);
    }
  }
}

/** One migration step inside the caller's transaction (also used to build a scratch schema for `check`). */
export async function applyMigration(trx: Transaction<Database>, migration: Migration, now: () => Date): Promise<void> {
  // The bookkeeping tables are created with the first step, in the same transaction.
  if (!(await tableExists(trx, 'schema_migrations'))) {
    await runDdl(trx, `create table schema_migrations (version integer primary key, name text not null, applied_at text not null) strict`);
  }
  await migration.up(trx as never);
  if (migration.rebuildsTables) {
    const broken = await foreignKeyCheck(trx);
    if (broken.length > 0)
      throw new Error(
        `migration ${migration.version} would break ${broken.length} foreign key link(s): ${JSON.stringify(broken.slice(0, 3))}`,
      );
  }
  if (migration.version === 1) {
    await trx.insertInto('app_meta').values({ key: 'app_id', value: APP_ID }).execute();
  }
  await trx
    .insertInto('schema_migrations')
    .values({ version: migration.version, name: migration.name, applied_at: now().toISOString() })
    .execute();
}

/**
 * PostgreSQL: migrations run under an advisory lock, so when several PCs start at once one
 * migrates and the others wait (told through onWait), then find nothing left to do. Before
 * migrating, the PC that migrates writes a logical backup (zip) to its backups folder; the
 * server's own backups (pg_dump) are IT's as well.
 */
async function openPostgres(
  url: string,
  migrations: readonly Migration[],
  latest: number,
  options: OpenDatabaseOptions,
): Promise<OpenedDatabase> {
  const onWait = options.onWait ?? ((message: string) => process.stderr.write(`${message}\n`));
  return withMigrationLock(url, onWait, async () => {
    const db = createPostgresKysely<Database>(url);
    try {
      const currentVersion = await postgresSchemaVersion(db, url);
      refuseNewer(currentVersion, latest);
      if (currentVersion === 0) for (const statement of POSTGRES_PRELUDE) await sql.raw(statement).execute(db);
      const pending = migrations.filter((m) => m.version > currentVersion);
      let preMigrationBackup: string | null = null;
      if (pending.length > 0 && currentVersion > 0 && options.backupsDir) {
        // A logical export (zip), like every in-app backup of a shared database; renamed once verified.
        fs.mkdirSync(options.backupsDir, { recursive: true });
        preMigrationBackup = path.join(options.backupsDir, `升级前备份-v${currentVersion}-${timestampForFile(options.now())}.zip`);
        const partial = `${preMigrationBackup}.partial`;
        fs.rmSync(partial, { force: true });
        await copyDatabaseTo(db, partial, { createdAt: options.now(), source: redactUrl(url) });
        fs.renameSync(partial, preMigrationBackup);
      }
      await runMigrations(db, pending, options.now);
      return { db, schemaVersion: Math.max(currentVersion, ...pending.map((m) => m.version)), preMigrationBackup };
    } catch (err) {
      await db.destroy();
      throw err;
    }
  });
}

async function postgresSchemaVersion(db: Kysely<Database>, url: string): Promise<number> {
  const names = new Set(await tableNames(db));
  if (names.size === 0) return 0;
  const foreign = new AppError(
    'DB_INVALID',
    `数据库 ${redactUrl(url)} 中已有其他程序的数据表，不是本系统的数据库，已停止打开且未做任何修改。请使用本系统的数据库或一个新建的空数据库。`,
  );
  if (!names.has('app_meta') || !names.has('schema_migrations')) throw foreign;
  const meta = await db.selectFrom('app_meta').select('value').where('key', '=', 'app_id').executeTakeFirst();
  if (meta?.value !== APP_ID) throw foreign;
  const row = await db
    .selectFrom('schema_migrations')
    .select((eb) => eb.fn.max('version').as('v'))
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}
