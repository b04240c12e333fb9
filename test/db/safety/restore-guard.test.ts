import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../../electron/core/app-context';
import { openSqlite3, sqlite3 } from '../../../electron/core/platform/db/sqlite3-driver';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';

let t: TestApp | null = null;
let second: AppContext | null = null;
afterEach(async () => {
  await second?.close();
  second = null;
  await t?.dispose();
  t = null;
});

async function rawExec(file: string, statement: string): Promise<void> {
  const db = await openSqlite3(file, sqlite3.OPEN_READWRITE);
  await new Promise<void>((resolve, reject) => db.exec(statement, (err) => (err ? reject(err) : resolve())));
  await new Promise<void>((resolve) => db.close(() => resolve()));
}

async function streetName(app: AppContext): Promise<string | undefined> {
  return (await app.db.selectFrom('settings').select('value').where('key', '=', 'unit.street').executeTakeFirst())?.value;
}

describe('restore checks the schema', () => {
  it('refuses a backup with a planted trigger, view or index, and keeps the current database', async () => {
    t = await createTestApp();
    await t.call('settings:update', { street: '龙塔街道' });
    const { backup } = await t.call('backup:create', {});
    const clean = path.join(t.app.paths.backupsDir, backup.name);
    const planted = {
      trigger: `create trigger grant_admin after insert on sessions begin update users set role = 'admin' where id = new.user_id; end`,
      view: `create view everyone as select username, password_hash from users`,
      index: `create index users_by_hash on users(password_hash)`,
      changed: `drop trigger audit_log_no_delete`,
    };
    await t.call('settings:update', { street: '沙北街道' });
    for (const [kind, statement] of Object.entries(planted)) {
      const copy = path.join(t.app.paths.backupsDir, `手动备份-${kind}.sqlite`);
      fs.copyFileSync(clean, copy);
      await rawExec(copy, statement);
      const refused = await t
        .call('backup:restore', { backupName: path.basename(copy) })
        .catch((e: unknown) => e as { code: string; message: string });
      expect(refused, kind).toMatchObject({ code: 'DB_INVALID' });
      expect((refused as { message: string }).message, kind).toMatch(/数据库结构与本系统第 \d+ 版不符/);
      expect(await streetName(t.app), kind).toBe('沙北街道');
    }
    const message = await t.call('backup:restore', { backupName: '手动备份-trigger.sqlite' }).catch((e: unknown) => (e as Error).message);
    expect(message).toContain('多出的触发器「grant_admin」');
    // The untouched backup still restores.
    await t.call('backup:restore', { backupName: backup.name });
    expect(await streetName(t.app)).toBe('龙塔街道');
  });
});

describe('restore while another program has the database open', () => {
  it('refuses, naming the holder, and restores once it has closed', async () => {
    t = await createTestApp();
    await t.call('settings:update', { street: '龙塔街道' });
    const { backup } = await t.call('backup:create', {});
    second = await createAppContext({ dbFile: t.dbFile, door: 'host' });
    await t.call('settings:update', { street: '沙北街道' });
    const refused = await t
      .call('backup:restore', { backupName: backup.name })
      .catch((e: unknown) => e as { code: string; message: string });
    expect(refused).toMatchObject({ code: 'CONFLICT' });
    expect((refused as { message: string }).message).toContain(`浏览器模式（npm run host）（进程 ${process.pid}`);
    // The other program's writes are still there and it keeps working.
    await second.db.insertInto('settings').values({ key: 'unit.city', value: '漯河市', updated_at: new Date().toISOString() }).execute();
    expect(await streetName(t.app)).toBe('沙北街道');
    await second.close();
    second = null;
    await t.call('backup:restore', { backupName: backup.name });
    expect(await streetName(t.app)).toBe('龙塔街道');
    expect(fs.existsSync(`${t.dbFile}.restore-lock`)).toBe(false);
  });

  it('ignores holders whose process is gone', async () => {
    t = await createTestApp();
    const { backup } = await t.call('backup:create', {});
    const dead = { id: 'dead-1', pid: 2 ** 22 + 12345, door: 'cli', since: new Date().toISOString() };
    fs.writeFileSync(path.join(`${t.dbFile}.holders`, 'dead-1.json'), JSON.stringify(dead));
    await t.call('backup:restore', { backupName: backup.name });
    expect(fs.existsSync(path.join(`${t.dbFile}.holders`, 'dead-1.json'))).toBe(false);
  });
});

describe('leftovers of killed backups and imports', () => {
  it('are removed at start, unless another program is open (its backup may be running)', async () => {
    t = await createTestApp();
    const leftovers = [
      path.join(t.app.paths.backupsDir, '手动备份-2021.sqlite.partial'),
      path.join(t.app.paths.stagingDir, 'f00d.xlsx.partial'),
    ];
    fs.mkdirSync(t.app.paths.backupsDir, { recursive: true });
    for (const f of leftovers) fs.writeFileSync(f, 'half');
    second = await createAppContext({ dbFile: t.dbFile, door: 'cli' });
    expect(leftovers.every((f) => fs.existsSync(f))).toBe(true);
    await second.close();
    await t.app.close();
    second = await createAppContext({ dbFile: t.dbFile, door: 'cli' });
    expect(leftovers.some((f) => fs.existsSync(f))).toBe(false);
    t.app = second;
    second = null;
  });
});
