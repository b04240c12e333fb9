import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../electron/host/host-server';
import { actorForSession } from '../../electron/core/features/auth/auth.service';
import { createTestApp, type TestApp } from '../helpers/app-fixture';

/** The browser host as `npm run host` runs it: the caller is the user of the session header. */
let t: TestApp;
let host: RunningHost;

beforeAll(async () => {
  t = await createTestApp();
  const rendererDir = path.join(t.dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>考评</title>');
  host = await startHost({ app: t.app, rendererDir, resolveActor: (_req, token) => actorForSession(t.app, token) });
});
afterAll(async () => {
  await host.close();
  await t.dispose();
});

async function api(channel: string, body: unknown, session?: string): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-appraisal-token': host.token };
  if (session) headers['x-appraisal-session'] = session;
  const res = await fetch(`http://127.0.0.1:${host.port}/api/${channel}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string } };
}

describe('browser host sessions', () => {
  it('needs the launch token and a login session; the session header alone is not enough', async () => {
    expect(await api('settings:update', { city: '漯河市' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const setup = await api('auth:setup', { username: 'admin', displayName: '管理员', password: 'Admin2021' });
    const session = (setup.value as { sessionToken: string }).sessionToken;
    expect(await api('settings:update', { city: '漯河市' }, session)).toMatchObject({ ok: true });
    expect(await api('settings:update', { city: '漯河市' }, 'f'.repeat(64))).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    const noToken = await fetch(`http://127.0.0.1:${host.port}/api/settings:get`, {
      method: 'POST',
      headers: { 'x-appraisal-session': session },
      body: '{}',
    });
    expect(noToken.status).toBe(401);
  });

  it('uploads and downloads need the session too', async () => {
    const login = await api('auth:login', { username: 'admin', password: 'Admin2021' });
    const session = (login.value as { sessionToken: string }).sessionToken;
    const upload = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${host.port}/upload?name=a.txt`, {
        method: 'POST',
        headers: { 'x-appraisal-token': host.token, ...headers },
        body: 'hello',
      }).then((r) => r.json() as Promise<{ ok: boolean; value?: { fileId: string }; error?: { code: string } }>);
    expect(await upload({})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const staged = await upload({ 'x-appraisal-session': session });
    expect(staged.ok).toBe(true);
    const cookie = `appraisal_token=${host.token}`;
    const url = `http://127.0.0.1:${host.port}/files/${staged.value!.fileId}`;
    expect((await fetch(url, { headers: { cookie } })).status).toBe(401);
    const download = await fetch(url, { headers: { cookie, 'x-appraisal-session': session } });
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('hello');
    // Downloaded once, the staged copy is released (it may hold ID numbers or a whole database).
    let again = 200;
    for (let i = 0; i < 50 && again === 200; i++) {
      const r = await fetch(url, { headers: { cookie, 'x-appraisal-session': session } });
      again = r.status;
      await r.arrayBuffer();
    }
    expect(again).toBe(404);
    await api('auth:logout', {}, session);
    expect((await fetch(url, { headers: { cookie, 'x-appraisal-session': session } })).status).toBe(401);
  });
});
