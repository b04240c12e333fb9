import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import pg from 'pg';
import { startHost, type RunningHost } from '../../electron/host/host-server';
import { LOCAL_ADMIN } from '../../electron/core/platform/security/local-actor';
import { createTestApp, type TestApp } from '../helpers/app-fixture';

const pgUrl = process.env.APPRAISAL_TEST_PG_URL;

let t: TestApp;
let host: RunningHost;

beforeAll(async () => {
  t = await createTestApp();
  host = await startHost({ app: t.app, rendererDir: t.dir, resolveActor: () => LOCAL_ADMIN });
});
afterAll(async () => {
  await host.close();
  await t.dispose();
});

const api = async (channel: string, body: unknown) => {
  const res = await fetch(`http://127.0.0.1:${host.port}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-appraisal-token': host.token },
    body: JSON.stringify(body),
  });
  return (await res.json()) as { ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string } };
};

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

describe('系统设置 → 数据库 through the host', () => {
  it('shows the database in use; the host cannot switch', async () => {
    const info = await api('database:info', {});
    expect(info.ok).toBe(true);
    expect(info.value).toMatchObject({ canSwitch: false, passwordStorage: 'memory' });
    const switched = await api('database:switch', { kind: 'sqlite' });
    expect(switched.error?.code).toBe('UNSUPPORTED');
  });

  it('a refused port is reported in Chinese with the password masked', async () => {
    const port = await closedPort();
    const res = await api('database:test', { url: `postgres://u:topsecret@127.0.0.1:${port}/appraisal` });
    expect(res.ok).toBe(false);
    expect(res.error?.code).toBe('DB_INVALID');
    expect(res.error?.message).toContain('服务器拒绝连接');
    expect(res.error?.message).not.toContain('topsecret');
  });

  it('an address that is not postgres:// is refused before connecting', async () => {
    const res = await api('database:test', { url: 'mysql://x@y/z' });
    expect(res.error?.code).toBe('INVALID_INPUT');
  });

  describe.skipIf(!pgUrl)('against the real PostgreSQL server (APPRAISAL_TEST_PG_URL)', () => {
    const admin = () => new pg.Client({ connectionString: pgUrl });
    const names = { empty: `pgdesk_empty_${process.pid}`, foreign: `pgdesk_foreign_${process.pid}` };

    beforeAll(async () => {
      const c = admin();
      await c.connect();
      for (const n of Object.values(names)) {
        await c.query(`drop database if exists ${n}`);
        await c.query(`create database ${n}`);
      }
      await c.end();
      const f = new pg.Client({ connectionString: withDatabase(pgUrl!, names.foreign) });
      await f.connect();
      await f.query('create table invoices (id integer)');
      await f.end();
    });
    afterAll(async () => {
      const c = admin();
      await c.connect();
      for (const n of Object.values(names)) await c.query(`drop database if exists ${n} with (force)`);
      await c.end();
    });

    it('an empty database: server version and 空数据库', async () => {
      const res = await api('database:test', { url: withDatabase(pgUrl!, names.empty) });
      expect(res.ok).toBe(true);
      expect(res.value).toMatchObject({ schema: 'empty', schemaVersion: 0 });
      expect(String(res.value?.serverVersion)).toMatch(/^\d+/);
      expect(String(res.value?.message)).toContain('空数据库');
    });

    it("another program's database is refused as not ours", async () => {
      const res = await api('database:test', { url: withDatabase(pgUrl!, names.foreign) });
      expect(res.error?.code).toBe('DB_INVALID');
      expect(res.error?.message).toContain('不是本系统的数据库');
    });

    it('a database that does not exist, and an unknown host, each in their own words', async () => {
      const missing = await api('database:test', { url: withDatabase(pgUrl!, 'no_such_db_here') });
      expect(missing.error?.message).toContain('没有该数据库');
      const unknown = await api('database:test', { url: 'postgres://u:p@no-such-host.invalid:5432/x' });
      expect(unknown.error?.message).toContain('找不到服务器');
    });

    it('our database once the app has opened it: ours with its version', async () => {
      const { openDatabase } = await import('../../electron/core/platform/db/connection');
      const url = withDatabase(pgUrl!, names.empty);
      const opened = await openDatabase(url, { backupsDir: t.dir, now: () => new Date() });
      await opened.db.destroy();
      const res = await api('database:test', { url });
      expect(res.value).toMatchObject({ schema: 'ours' });
      expect(Number(res.value?.schemaVersion)).toBeGreaterThan(0);
    });
  });
});
