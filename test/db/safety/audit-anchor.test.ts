import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ANCHOR_KEY, appendAudit, entryHash, verifyAuditChain } from '../../../electron/core/platform/audit/audit-log';
import { openDatabase } from '../../../electron/core/platform/db/connection';
import { MIGRATIONS } from '../../../electron/core/platform/db/migrations/index';
import { openSqlite3, sqlite3 } from '../../../electron/core/platform/db/sqlite3-driver';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';
import { runCli } from '../../helpers/run-cli';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

const GUARDS = `
  create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit log is append-only'); end;
  create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit log is append-only'); end;`;

/** What someone with the file in hand can do: drop the guards, change rows, put the guards back. */
async function tamper(file: string, statements: string, restoreGuards = true): Promise<void> {
  const db = await openSqlite3(file, sqlite3.OPEN_READWRITE);
  const exec = (q: string) => new Promise<void>((resolve, reject) => db.exec(q, (err) => (err ? reject(err) : resolve())));
  await exec(`drop trigger audit_log_no_update; drop trigger audit_log_no_delete; ${statements}`);
  if (restoreGuards) await exec(GUARDS);
  await new Promise<void>((resolve) => db.close(() => resolve()));
}

async function withChanges(): Promise<TestApp> {
  t = await createTestApp();
  for (const street of ['龙塔街道', '沙北街道', '受降街道', '老街街道']) await t.call('settings:update', { street });
  expect(await verifyAuditChain(t.app.db)).toMatchObject({ ok: true });
  await t.app.close();
  return t;
}

async function reopen(tt: TestApp) {
  const opened = await openDatabase(tt.dbFile, { backupsDir: tt.app.paths.backupsDir, now: () => new Date() });
  tt.app.db = opened.db;
  return verifyAuditChain(opened.db);
}

describe('the audit chain anchor', () => {
  it('detects deleting the newest entries', async () => {
    const tt = await withChanges();
    await tamper(tt.dbFile, `delete from audit_log where seq >= (select max(seq) - 1 from audit_log);`);
    const result = await reopen(tt);
    expect(result.ok).toBe(false);
    expect(result.message).toContain('最新的记录已被删除');
  });

  it('detects an edit with the whole chain re-hashed', async () => {
    const tt = await withChanges();
    // Recompute every hash after changing the second entry, exactly as the app would.
    const app = await openDatabase(tt.dbFile, { backupsDir: tt.app.paths.backupsDir, now: () => new Date() });
    const rows = await app.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    await app.db.destroy();
    let prev = '0'.repeat(64);
    const updates: string[] = [];
    for (const row of rows) {
      const fields = { ...row, after_json: row.seq === 2 ? '{"street":"改过的街道"}' : row.after_json, prev_hash: prev };
      const hash = entryHash(fields);
      updates.push(
        `update audit_log set after_json = ${fields.after_json === null ? 'null' : `'${fields.after_json}'`}, prev_hash = '${prev}', hash = '${hash}' where seq = ${row.seq};`,
      );
      prev = hash;
    }
    await tamper(tt.dbFile, updates.join('\n'));
    const result = await reopen(tt);
    expect(result.ok).toBe(false);
    expect(result.message).toContain('与锚点不符');
  });

  it('detects that the append-only triggers are gone', async () => {
    const tt = await withChanges();
    await tamper(tt.dbFile, '', false);
    const result = await reopen(tt);
    expect(result).toMatchObject({ ok: false });
    expect(result.message).toContain('audit_log_no_delete');
  });

  it('is reported by `check` and `audit verify` on the command line', async () => {
    const tt = await withChanges();
    await tamper(tt.dbFile, `delete from audit_log where seq = (select max(seq) from audit_log);`);
    const check = runCli(['check', '--db', tt.dbFile]);
    expect(check.code).toBe(3);
    expect(check.stdout).toContain('最新的记录已被删除');
    const verify = runCli(['audit', 'verify', '--db', tt.dbFile]);
    expect(verify.code).toBe(3);
    await reopen(tt);
  });

  it('travels in every backup and is set by the migration for an existing database', async () => {
    t = await createTestApp();
    await t.call('settings:update', { street: '龙塔街道' });
    const { backup } = await t.call('backup:create', {});
    const copy = await openDatabase(path.join(t.app.paths.backupsDir, backup.name), { backupsDir: makeTempDir(), now: () => new Date() });
    const last = await copy.db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(
      JSON.parse((await copy.db.selectFrom('app_meta').select('value').where('key', '=', ANCHOR_KEY).executeTakeFirstOrThrow()).value),
    ).toEqual(last);
    await copy.db.destroy();

    const dir = makeTempDir();
    const file = path.join(dir, 'old.sqlite');
    const before = await openDatabase(file, {
      backupsDir: dir,
      now: () => new Date(),
      migrations: MIGRATIONS.filter((m) => m.version <= 5),
    });
    await before.db.transaction().execute(async (trx) => {
      await appendAudit(trx, { actor: 'x', action: 'settings.update', entity: 'settings', after: { a: 1 } }, new Date());
      await trx.deleteFrom('app_meta').where('key', '=', ANCHOR_KEY).execute();
    });
    await before.db.destroy();
    const after = await openDatabase(file, { backupsDir: dir, now: () => new Date() });
    expect(await verifyAuditChain(after.db)).toMatchObject({ ok: true });
    expect(await after.db.selectFrom('app_meta').select('value').where('key', '=', ANCHOR_KEY).executeTakeFirst()).toBeDefined();
    await after.db.destroy();
    expect(fs.existsSync(file)).toBe(true);
    removeDir(dir);
  });
});
