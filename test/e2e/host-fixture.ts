import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base } from '@playwright/test';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { dbTarget, pgDatabaseUrl, psql } from '../helpers/test-db';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface HostHandle {
  url: string;
  dbFile: string;
  dir: string;
  restart(): Promise<string>;
  /** The administrator the fixture created through first-run setup (null with autoLogin: false). */
  admin: { username: string; displayName: string; password: string } | null;
  /** Call a contract channel over HTTP as the fixture's administrator (e.g. to seed data). */
  api<T = unknown>(channel: string, input?: unknown): Promise<T>;
}

/** The administrator every test logs in as, unless it opts out with `test.use({ autoLogin: false })`. */
export const TEST_ADMIN = { username: 'admin', displayName: '系统管理员', password: 'Kaoping2021' };
const SESSION_STORAGE_KEY = 'appraisal.session';

async function post(url: string, channel: string, input: unknown, session: string | null): Promise<unknown> {
  const { origin, searchParams } = new URL(url);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-appraisal-token': searchParams.get('token') ?? '' };
  if (session) headers['x-appraisal-session'] = session;
  const response = await fetch(`${origin}/api/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(input ?? {}),
  });
  const envelope = (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error?.code} ${envelope.error?.message}`);
  return envelope.value;
}

/** Start `electron/host/main.ts` on a fresh temp database and wait for its printed address. */
function launch(dbFile: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'dist/host/host.mjs'), '--db', dbTarget(dbFile)], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`host did not start: ${err}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=\w+/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[0] });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}: ${err}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * Each test gets its own browser host on its own temp database (in a Chinese-named folder).
 * The fixture creates the administrator through the real first-run channel (auth:setup) and puts
 * the session into the page's sessionStorage before any page script runs, so tests start logged in.
 */
export const test = base.extend<{ host: HostHandle; autoLogin: boolean; database: 'sqlite' | 'postgres' }>({
  autoLogin: [true, { option: true }],
  // 'postgres': the host opens a new, empty database on the test server (APPRAISAL_TEST_PG_URL).
  database: ['sqlite', { option: true }],
  host: async ({ context, autoLogin, database }, use) => {
    const dir = makeTempDir();
    const pgName = database === 'postgres' ? `e2e_${path.basename(dir).replace(/\W/g, '').toLowerCase()}_${Date.now()}` : null;
    if (pgName) psql(`create database ${pgName}`);
    const dbFile = pgName ? pgDatabaseUrl(pgName) : path.join(dir, 'appraisal.sqlite');
    let current = await launch(dbFile);
    let session: string | null = null;
    if (autoLogin) {
      const result = (await post(current.url, 'auth:setup', TEST_ADMIN, null)) as { sessionToken: string };
      session = result.sessionToken;
      await context.addInitScript(
        ([key, token]) => {
          if (!window.sessionStorage.getItem(key)) window.sessionStorage.setItem(key, token);
        },
        [SESSION_STORAGE_KEY, session] as const,
      );
    }
    const handle: HostHandle = {
      url: current.url,
      dbFile,
      dir,
      admin: autoLogin ? TEST_ADMIN : null,
      api: async <T>(channel: string, input?: unknown) => (await post(handle.url, channel, input, session)) as T,
      async restart() {
        await stop(current.child);
        current = await launch(dbFile);
        handle.url = current.url;
        return current.url;
      },
    };
    await use(handle);
    await stop(current.child);
    if (pgName) psql(`drop database if exists ${pgName} with (force)`);
    removeDir(dir);
  },
});

export { expect } from '@playwright/test';
