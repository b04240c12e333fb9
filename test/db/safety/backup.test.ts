import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase } from '../../../electron/core/platform/db/connection';
import { integrityCheck } from '../../../electron/core/platform/db/dialect';
import { checkDatabaseFile, dailyBackupIfDue, listBackups } from '../../../electron/core/features/backup/backup.service';
import { AppError } from '../../../shared/ipc/errors';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';

let t: TestApp;
let clock = new Date('2021-09-30T08:00:00Z');
afterEach(async () => t?.dispose());

async function fresh(): Promise<TestApp> {
  clock = new Date('2021-09-30T08:00:00Z');
  t = await createTestApp({ now: () => clock });
  await t.call('auth:setup', { username: 'admin', displayName: '管理员', password: 'Admin2021' }, null);
  return t;
}

async function street(): Promise<string> {
  return (await t.call('settings:get', {})).street;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).message).toMatch(/[\u4e00-\u9fff]/);
  return (err as AppError).code;
}

describe('backups', () => {
  it('makes a consistent, complete copy under a readable name and keeps only the newest N', async () => {
    await fresh();
    await t.call('settings:update', { street: '龙塔街道' });
    await t.call('backup:configure', { keep: 5 });
    const made: string[] = [];
    for (let i = 0; i < 8; i++) {
      clock = new Date(clock.getTime() + 60_000);
      made.push((await t.call('backup:create', {})).backup.name);
    }
    expect(made[0]).toMatch(/^手动备份-2021-09-30T08-01-00-000Z\.sqlite$/);
    const listed = await t.call('backup:list', {});
    expect(listed.keep).toBe(5);
    expect(listed.backups).toHaveLength(5);
    expect(listed.backups.map((b) => b.name).sort()).toEqual(made.slice(3).sort());
    const newest = path.join(t.app.paths.backupsDir, made[7]!);
    expect(await checkDatabaseFile(newest)).toMatchObject({ problems: [] });
    const copy = await openDatabase(newest, { backupsDir: path.join(t.dir, 'other'), now: () => clock });
    expect((await copy.db.selectFrom('settings').select('value').where('key', '=', 'unit.street').executeTakeFirst())?.value).toBe(
      '龙塔街道',
    );
    expect(await integrityCheck(copy.db)).toEqual([]);
    await copy.db.destroy();
    expect(fs.readdirSync(t.app.paths.backupsDir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('makes the daily backup once a day, and never for an empty new database', async () => {
    t = await createTestApp({ now: () => clock });
    expect(await dailyBackupIfDue(t.app)).toBeNull();
    await t.call('auth:setup', { username: 'admin', displayName: '管理员', password: 'Admin2021' }, null);
    expect((await dailyBackupIfDue(t.app))?.name).toMatch(/^每日备份-2021-09-30/);
    expect(await dailyBackupIfDue(t.app)).toBeNull();
    clock = new Date('2021-10-01T08:00:00Z');
    expect((await dailyBackupIfDue(t.app))?.name).toMatch(/^每日备份-2021-10-01/);
  });

  it('lets other services back up before risky steps through app.backup', async () => {
    await fresh();
    const file = await t.app.backup!('before-import');
    expect(path.basename(file)).toMatch(/^导入前备份-/);
    expect(fs.existsSync(file)).toBe(true);
    expect(listBackups(t.app).map((b) => b.kind)).toContain('导入前备份');
  });
});

describe('restore', () => {
  it('restores a backup after backing up the current database, and everyone logs in again', async () => {
    await fresh();
    await t.call('settings:update', { street: '龙塔街道' });
    const { backup } = await t.call('backup:create', {});
    await t.call('settings:update', { street: '改错的街道' });
    await t.call('users:create', { username: 'later', displayName: '后来的人', role: 'viewer', password: 'Later2021' });
    const result = await t.call('backup:restore', { backupName: backup.name });
    expect(result.restoredFrom).toBe(backup.name);
    expect(result.safetyBackup).toMatch(/^恢复前备份-/);
    expect(await street()).toBe('龙塔街道');
    expect((await t.app.db.selectFrom('users').select('username').execute()).map((u) => u.username)).toEqual(['admin']);
    // The safety copy holds what was there before the restore.
    const safety = await openDatabase(path.join(t.app.paths.backupsDir, result.safetyBackup), {
      backupsDir: path.join(t.dir, 'x'),
      now: () => clock,
    });
    expect((await safety.db.selectFrom('settings').select('value').where('key', '=', 'unit.street').executeTakeFirst())?.value).toBe(
      '改错的街道',
    );
    await safety.db.destroy();
    const audit = await t.call('audit:list', {});
    expect(audit.entries[0]).toMatchObject({ action: 'backup.restore' });
    expect((await t.call('audit:verify', {})).ok).toBe(true);
    expect(await integrityCheck(t.app.db)).toEqual([]);
  });

  it('restores from an uploaded file, and refuses files that are not ours, damaged or from a newer version without touching anything', async () => {
    await fresh();
    await t.call('settings:update', { street: '龙塔街道' });
    const stage = (name: string, bytes: Uint8Array) => t.app.files.stageBytes(name, bytes).fileId;

    // Not a database at all.
    expect(await codeOf(t.call('backup:restore', { fileId: stage('名册.xlsx', Buffer.from('PK\u0003\u0004 not sqlite')) }))).toBe(
      'DB_INVALID',
    );

    // A SQLite database of some other program.
    const foreignFile = path.join(t.dir, '别的程序.sqlite');
    const foreign = await openDatabase(foreignFile, { backupsDir: path.join(t.dir, 'f'), now: () => clock, migrations: [] });
    await sql`create table notes (x text)`.execute(foreign.db);
    await foreign.db.destroy();
    expect(await codeOf(t.call('backup:restore', { fileId: stage('别的程序.sqlite', fs.readFileSync(foreignFile)) }))).toBe('DB_INVALID');

    // One of ours from a newer version.
    const { backup } = await t.call('backup:create', {});
    const newerFile = path.join(t.dir, '新版本.sqlite');
    fs.copyFileSync(path.join(t.app.paths.backupsDir, backup.name), newerFile);
    const newer = await openDatabase(newerFile, { backupsDir: path.join(t.dir, 'n'), now: () => clock });
    await newer.db.insertInto('schema_migrations').values({ version: 999, name: 'future', applied_at: clock.toISOString() }).execute();
    await newer.db.destroy();
    expect(await codeOf(t.call('backup:restore', { fileId: stage('新版本.sqlite', fs.readFileSync(newerFile)) }))).toBe('DB_NEWER_VERSION');

    // One of ours, damaged: pages overwritten in the middle of the file.
    const damaged = Buffer.from(fs.readFileSync(path.join(t.app.paths.backupsDir, backup.name)));
    for (let i = 4096 * 2; i < Math.min(damaged.length, 4096 * 4); i++) damaged[i] = 0x5a;
    expect(['DB_INVALID']).toContain(await codeOf(t.call('backup:restore', { fileId: stage('坏的.sqlite', damaged) })));

    // A listed name that tries to leave the backups folder.
    expect(await codeOf(t.call('backup:restore', { backupName: '../appraisal.sqlite' }))).toBe('INVALID_INPUT');

    expect(await street()).toBe('龙塔街道');
    expect(listBackups(t.app).filter((b) => b.kind === '恢复前备份')).toEqual([]);
    expect(fs.existsSync(`${t.app.paths.dbFile}.restoring`)).toBe(false);

    // And a good file is restored.
    await t.call('settings:update', { street: '别处' });
    const good = stage('备份.sqlite', fs.readFileSync(path.join(t.app.paths.backupsDir, backup.name)));
    await t.call('backup:restore', { fileId: good });
    expect(await street()).toBe('龙塔街道');
  });
});
