import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite3, sqlite3 } from '../../../electron/core/platform/db/sqlite3-driver';
import { dispatch } from '../../../electron/core/dispatch';
import { LOCAL_ADMIN } from '../../../electron/core/platform/security/local-actor';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';

/** Another process holding the write lock: retried, then a Chinese "in use" answer, data unchanged. */
let t: TestApp | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

async function holdWriteLock(file: string): Promise<{ release(): Promise<void> }> {
  const other = await openSqlite3(file, sqlite3.OPEN_READWRITE);
  const exec = (q: string) => new Promise<void>((resolve, reject) => other.exec(q, (err) => (err ? reject(err) : resolve())));
  await exec("pragma busy_timeout = 0; begin immediate; insert into app_meta (key, value) values ('other.process', '1');");
  return {
    async release() {
      await exec('rollback');
      await new Promise<void>((resolve) => other.close(() => resolve()));
    },
  };
}

describe('a database busy in another process', () => {
  it('answers DB_BUSY in Chinese after retrying, never INTERNAL, and changes nothing', async () => {
    t = await createTestApp();
    await t.call('settings:update', { street: '龙塔街道' });
    const lock = await holdWriteLock(t.dbFile);
    const answer = await dispatch({ app: t.app, actor: LOCAL_ADMIN }, 'settings:update', { street: '沙北街道' });
    await lock.release();
    expect(answer).toMatchObject({ ok: false, error: { code: 'DB_BUSY' } });
    if (!answer.ok) expect(answer.error.message).toContain('正被其他程序');
    expect(await t.call('settings:get', {})).toMatchObject({ street: '龙塔街道' });
    // And the app carries on normally once the other program is done.
    await t.call('settings:update', { street: '沙北街道' });
    expect(await t.call('settings:get', {})).toMatchObject({ street: '沙北街道' });
  }, 60_000);

  it('succeeds when the other program finishes while it is retrying', async () => {
    t = await createTestApp();
    const lock = await holdWriteLock(t.dbFile);
    const pending = dispatch({ app: t.app, actor: LOCAL_ADMIN }, 'settings:update', { street: '受降街道' });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await lock.release();
    expect(await pending).toMatchObject({ ok: true });
    expect(await t.call('settings:get', {})).toMatchObject({ street: '受降街道' });
  }, 60_000);
});
