import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createAppContext } from '../../electron/core/app-context';
import { dispatch } from '../../electron/core/dispatch';
import { LOCAL_ADMIN } from '../../electron/core/platform/security/local-actor';
import { runCli } from '../helpers/run-cli';
import { dbTarget } from '../helpers/test-db';
import { makeTempDir, removeDir } from '../helpers/temp-dir';

const dir = makeTempDir();
const db = path.join(dir, '街道 数据', 'appraisal.sqlite');
afterAll(() => removeDir(dir));

/** Prepare the database in-process (fast), then drive the real CLI against it. */
beforeAll(async () => {
  const app = await createAppContext({ dbFile: dbTarget(db), door: 'cli' });
  const ctx = { app, actor: LOCAL_ADMIN };
  await dispatch({ app, actor: null }, 'auth:setup', { username: 'admin', displayName: '管理员', password: 'Admin2021' });
  await dispatch(ctx, 'settings:update', { street: '龙塔街道' });
  await dispatch(ctx, 'users:create', { username: 'chakan', displayName: '查看员', role: 'viewer', password: 'Chakan2021' });
  await app.close();
});

describe('command line: backup, restore, check, --user', { timeout: 240_000 }, () => {
  it('backs up to a chosen file, restores it after a change, and checks the result', () => {
    const out = path.join(dir, '备份 2021', '考评备份.sqlite');
    const backup = runCli(['backup', '--out', out, '--db', db]);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(fs.existsSync(out)).toBe(true);
    expect(runCli(['backup', '--out', out, '--db', db]).code).toBe(1);

    expect(runCli(['settings', 'set', '--street', '改错了', '--db', db]).code).toBe(0);
    const restore = runCli(['restore', out, '--db', db, '--json']);
    expect(restore.stderr).toBe('');
    expect(JSON.parse(restore.stdout)).toMatchObject({
      restoredFrom: '考评备份.sqlite',
      safetyBackup: expect.stringMatching(/^恢复前备份-/),
    });
    const check = runCli(['check', '--db', db, '--json']);
    expect(check.code).toBe(0);
    const report = JSON.parse(check.stdout) as { ok: boolean; integrity: string[]; audit: { ok: boolean } };
    expect(report).toMatchObject({ ok: true, integrity: [], audit: { ok: true } });
    expect(JSON.parse(runCli(['settings', 'show', '--db', db, '--json']).stdout).street).toBe('龙塔街道');
  });

  it('refuses to restore from a file that is not one of our databases, exit 2, nothing changed', async () => {
    const bogus = path.join(dir, '名册.sqlite');
    fs.writeFileSync(bogus, 'SQLite format 3\u0000 but not really');
    const r = runCli(['restore', bogus, '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^错误：.*(不是|损坏)/);
    const app = await createAppContext({ dbFile: dbTarget(db), door: 'cli' });
    const street = (await dispatch({ app, actor: LOCAL_ADMIN }, 'settings:get', {})) as { ok: true; value: { street: string } };
    await app.close();
    expect(street.value.street).toBe('龙塔街道');
  });

  it('acts as a named user with --user and the password from APPRAISAL_PASSWORD, with that role', () => {
    const refused = runCli(['settings', 'set', '--street', '查看员改的', '--user', 'chakan', '--db', db], {
      env: { APPRAISAL_PASSWORD: 'Chakan2021' },
    });
    // First login still requires a password change; either way a viewer may not write.
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^错误：/);
    const wrong = runCli(['settings', 'show', '--user', 'admin', '--db', db], { env: { APPRAISAL_PASSWORD: 'wrong-password1' } });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('用户名或密码不正确');
    const noPassword = runCli(['settings', 'show', '--user', 'admin', '--db', db], { env: { APPRAISAL_PASSWORD: '' } });
    expect(noPassword.code).toBe(1);
    expect(noPassword.stderr).toContain('APPRAISAL_PASSWORD');
    const asAdmin = runCli(['settings', 'set', '--street', '龙塔街道办', '--user', 'admin', '--db', db, '--json'], {
      env: { APPRAISAL_PASSWORD: 'Admin2021' },
    });
    expect(asAdmin.stderr).toBe('');
    expect(JSON.parse(asAdmin.stdout).street).toBe('龙塔街道办');
  });

  it('check finds a tampered audit log and exits 3', async () => {
    const app = await createAppContext({ dbFile: dbTarget(db), door: 'cli' });
    // Someone with the file edits history behind the app's back (the trigger would stop the app itself).
    await sql`drop trigger audit_log_no_update`.execute(app.db);
    await sql`update audit_log set actor = 'someone-else' where seq = 1`.execute(app.db);
    await app.close();
    const r = runCli(['check', '--db', db]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('篡改');
  });
});
