import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase } from '../../../electron/core/platform/db/connection';
import { MIGRATIONS, LATEST_SCHEMA_VERSION } from '../../../electron/core/platform/db/migrations/index';
import type { Migration } from '../../../electron/core/platform/db/migration';
import { AppError } from '../../../shared/ipc/errors';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';

const now = () => new Date('2021-09-30T08:00:00Z');
const dirs: string[] = [];
function tempDb(): { file: string; backups: string } {
  const dir = makeTempDir();
  dirs.push(dir);
  return { file: path.join(dir, 'appraisal.sqlite'), backups: path.join(dir, 'backups') };
}
afterEach(() => dirs.splice(0).forEach(removeDir));

async function expectAppError(promise: Promise<unknown>, code: string): Promise<AppError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  expect((err as AppError).message).toMatch(/[\u4e00-\u9fff]/);
  return err as AppError;
}

describe('migrations', () => {
  it('build every table from an empty database', async () => {
    const { file, backups } = tempDb();
    const opened = await openDatabase(file, { backupsDir: backups, now });
    expect(opened.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    const applied = await opened.db.selectFrom('schema_migrations').select('version').orderBy('version').execute();
    expect(applied.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(opened.db);
    expect(journal.rows[0]?.journal_mode).toBe('wal');
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(opened.db);
    expect(fk.rows[0]?.foreign_keys).toBe(1);
    expect(opened.preMigrationBackup).toBeNull();
    await opened.db.destroy();
  });

  it('are idempotent: reopening applies nothing and makes no backup', async () => {
    const { file, backups } = tempDb();
    await (await openDatabase(file, { backupsDir: backups, now })).db.destroy();
    const again = await openDatabase(file, { backupsDir: backups, now });
    const applied = await again.db.selectFrom('schema_migrations').selectAll().execute();
    expect(applied).toHaveLength(MIGRATIONS.length);
    expect(again.preMigrationBackup).toBeNull();
    expect(fs.existsSync(backups)).toBe(false);
    await again.db.destroy();
  });

  it('copy the database before running pending migrations', async () => {
    const { file, backups } = tempDb();
    const first = MIGRATIONS.slice(0, 1);
    const older = await openDatabase(file, { backupsDir: backups, now, migrations: first });
    await older.db.insertInto('settings').values({ key: 'unit.street', value: '龙塔街道', updated_at: now().toISOString() }).execute();
    await older.db.destroy();
    const extra: Migration = {
      version: 999,
      name: 'test_extra',
      async up(db) {
        await sql.raw('create table test_extra (id integer primary key) strict').execute(db);
      },
    };
    const upgraded = await openDatabase(file, { backupsDir: backups, now, migrations: [...first, extra] });
    expect(upgraded.preMigrationBackup).not.toBeNull();
    expect(fs.existsSync(upgraded.preMigrationBackup!)).toBe(true);
    await upgraded.db.destroy();
    // The copy is the database as it was: version 1, with the data.
    const copy = await openDatabase(upgraded.preMigrationBackup!, { backupsDir: backups, now, migrations: first });
    const row = await copy.db.selectFrom('settings').select('value').where('key', '=', 'unit.street').executeTakeFirst();
    expect(row?.value).toBe('龙塔街道');
    await copy.db.destroy();
  });

  it('roll a failed migration back completely', async () => {
    const { file, backups } = tempDb();
    const broken: Migration = {
      version: 1000,
      name: 'broken',
      async up(db) {
        await sql.raw('create table half_done (id integer primary key) strict').execute(db);
        await sql.raw('this is not sql').execute(db);
      },
    };
    await expect(openDatabase(file, { backupsDir: backups, now, migrations: [...MIGRATIONS, broken] })).rejects.toThrow();
    const reopened = await openDatabase(file, { backupsDir: backups, now });
    const tables = await sql<{ name: string }>`select name from sqlite_master where name = 'half_done'`.execute(reopened.db);
    expect(tables.rows).toHaveLength(0);
    expect(reopened.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    await reopened.db.destroy();
  });

  it('refuse a database from a newer version and leave it byte-for-byte untouched', async () => {
    const { file, backups } = tempDb();
    const opened = await openDatabase(file, { backupsDir: backups, now });
    await opened.db
      .insertInto('schema_migrations')
      .values({ version: LATEST_SCHEMA_VERSION + 5, name: 'from_the_future', applied_at: now().toISOString() })
      .execute();
    await sql`pragma wal_checkpoint(truncate)`.execute(opened.db);
    await opened.db.destroy();
    const before = fs.readFileSync(file);
    const listing = fs.readdirSync(path.dirname(file)).sort();
    const err = await expectAppError(openDatabase(file, { backupsDir: backups, now }), 'DB_NEWER_VERSION');
    expect(err.message).toContain('更新版本');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    // Only SQLite's own shared-memory/WAL side files may appear; no backup, no new database.
    const added = fs.readdirSync(path.dirname(file)).filter((f) => !listing.includes(f));
    expect(added.every((f) => /-(wal|shm)$/.test(f))).toBe(true);
  });

  it('refuse a file that is not our database without modifying it', async () => {
    const { file, backups } = tempDb();
    fs.writeFileSync(file, '这不是数据库，只是一段文字。'.repeat(200));
    const before = fs.readFileSync(file);
    await expectAppError(openDatabase(file, { backupsDir: backups, now }), 'DB_INVALID');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});
