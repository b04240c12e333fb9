import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../electron/host/host-server';
import { actorForSession } from '../../electron/core/features/auth/auth.service';
import { dispatchWithSession } from '../../electron/core/session-door';
import { createTestApp, type TestApp } from '../helpers/app-fixture';

/** Staged files belong to the user who made them; uploads are streamed, limited and role-checked. */
let t: TestApp;
let host: RunningHost;
const sessions: Record<string, string> = {};

async function api(
  channel: string,
  body: unknown,
  session?: string,
): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-appraisal-token': host.token };
  if (session) headers['x-appraisal-session'] = session;
  const res = await fetch(`http://127.0.0.1:${host.port}/api/${channel}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return (await res.json()) as never;
}

async function loginAs(username: string, password: string, newPassword: string): Promise<string> {
  const login = await api('auth:login', { username, password });
  const session = (login.value as { sessionToken: string }).sessionToken;
  expect(await api('auth:changePassword', { currentPassword: password, newPassword }, session)).toMatchObject({ ok: true });
  return session;
}

beforeAll(async () => {
  t = await createTestApp();
  const rendererDir = path.join(t.dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>考评</title>');
  host = await startHost({ app: t.app, rendererDir, resolveActor: (_req, token) => actorForSession(t.app, token) });
  const setup = await api('auth:setup', { username: 'admin', displayName: '管理员', password: 'Admin2021' });
  sessions.admin = (setup.value as { sessionToken: string }).sessionToken;
  for (const [username, role] of [
    ['admin2', 'admin'],
    ['shenhe', 'reviewer'],
    ['chakan', 'viewer'],
  ] as const) {
    expect(await api('users:create', { username, displayName: username, role, password: 'Chushi2021' }, sessions.admin)).toMatchObject({
      ok: true,
    });
    sessions[username] = await loginAs(username, 'Chushi2021', 'Xinmima2022');
  }
});
afterAll(async () => {
  await host.close();
  await t.dispose();
});

const upload = (session: string, body = 'hello') =>
  fetch(`http://127.0.0.1:${host.port}/upload?name=名册.xlsx`, {
    method: 'POST',
    headers: { 'x-appraisal-token': host.token, 'x-appraisal-session': session },
    body,
  }).then((r) => r.json() as Promise<{ ok: boolean; value?: { fileId: string; size: number }; error?: { code: string; message: string } }>);
const download = (fileId: string, session: string) =>
  fetch(`http://127.0.0.1:${host.port}/files/${fileId}`, {
    headers: { cookie: `appraisal_token=${host.token}`, 'x-appraisal-session': session },
  });

describe('staged files belong to their user', () => {
  it('another user, even an administrator, cannot download an upload or an export by its id', async () => {
    const staged = await upload(sessions.admin!);
    expect(staged).toMatchObject({ ok: true, value: { size: 5 } });
    expect((await download(staged.value!.fileId, sessions.admin2!)).status).toBe(404);
    expect((await download(staged.value!.fileId, sessions.shenhe!)).status).toBe(404);
    const own = await download(staged.value!.fileId, sessions.admin!);
    expect(own.status).toBe(200);
    expect(await own.text()).toBe('hello');

    // An export made by the reviewer (a job's output) is the reviewer's alone.
    const exported = await api('audit:export', {}, sessions.shenhe);
    const fileId = (exported.value as { fileId: string }).fileId;
    expect((await download(fileId, sessions.shenhe!)).status).toBe(200);
    expect((await download(fileId, sessions.admin!)).status).toBe(404);
    // Nor can another user import someone else's upload through a channel.
    const other = await dispatchWithSession(t.app, sessions.admin2!, 'roster:analyze', {
      roster: 'workers',
      fileId: staged.value!.fileId,
      sheetName: null,
    });
    expect(other).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('jobs belong to their user', () => {
  it('another user cannot read or cancel a job by its id (its result can name people)', async () => {
    const started = await api('roster:export', { roster: 'workers' }, sessions.shenhe);
    const jobId = (started.value as { jobId: string }).jobId;
    expect(await api('jobs:get', { jobId }, sessions.admin)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await api('jobs:cancel', { jobId }, sessions.chakan)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await api('jobs:get', { jobId }, sessions.shenhe)).toMatchObject({ ok: true, value: { id: jobId } });
  });
});

describe('uploads', () => {
  it('are allowed only to roles that import, after the first password change', async () => {
    const refused = await upload(sessions.chakan!);
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await upload(sessions.shenhe!)).ok).toBe(true);
    expect(
      await api('users:create', { username: 'xinren', displayName: '新人', role: 'admin', password: 'Chushi2021' }, sessions.admin),
    ).toMatchObject({ ok: true });
    const fresh = (await api('auth:login', { username: 'xinren', password: 'Chushi2021' })).value as { sessionToken: string };
    expect(await upload(fresh.sessionToken)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuse a declared size over the limit before reading it', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/upload?name=big.xlsx',
          method: 'POST',
          headers: { 'x-appraisal-token': host.token, 'x-appraisal-session': sessions.admin!, 'content-length': String(300 * 1024 * 1024) },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve(text));
        },
      );
      req.on('error', reject);
      req.write('x'.repeat(1024));
    });
    expect(JSON.parse(answer)).toMatchObject({ ok: false, error: { code: 'INVALID_FILE' } });
  });

  it('stream to disk and stop at the limit, keeping nothing', async () => {
    const before = fs.readdirSync(t.app.paths.stagingDir).length;
    const chunks = (function* () {
      for (let i = 0; i < 64; i++) yield Buffer.alloc(64 * 1024, i);
    })();
    await expect(t.app.files.stageStream('大文件.xlsx', Readable.from(chunks), null, 1024 * 1024)).rejects.toMatchObject({
      code: 'INVALID_FILE',
    });
    expect(fs.readdirSync(t.app.paths.stagingDir).length).toBe(before);
    const ok = await t.app.files.stageStream('小文件.xlsx', Readable.from([Buffer.from('abc')]), null, 1024);
    expect(fs.readFileSync(t.app.files.resolve(ok.fileId).path, 'utf8')).toBe('abc');
  });
});
