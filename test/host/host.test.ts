import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startHost, type RunningHost } from '../../electron/host/host-server';
import { LOCAL_ADMIN } from '../../electron/core/platform/security/local-actor';
import { createTestApp, type TestApp } from '../helpers/app-fixture';

let t: TestApp;
let host: RunningHost;
let rendererDir: string;

beforeAll(async () => {
  t = await createTestApp();
  rendererDir = path.join(t.dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>考评</title>');
  host = await startHost({ app: t.app, rendererDir, resolveActor: () => LOCAL_ADMIN });
});
afterAll(async () => {
  await host.close();
  await t.dispose();
});

const api = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`http://127.0.0.1:${host.port}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('browser host', () => {
  it('listens on 127.0.0.1 only and prints a tokened address', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
  });

  it('refuses API calls without the token or with a wrong one', async () => {
    const none = await api('settings:get', {});
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const wrong = await api('settings:get', {}, { 'x-appraisal-token': 'a'.repeat(48) });
    expect(wrong.status).toBe(401);
  });

  it('serves the contract with the token, and answers malformed input with INVALID_INPUT', async () => {
    const token = { 'x-appraisal-token': host.token };
    const ok = await api('settings:update', { street: '龙塔街道' }, token);
    expect(await ok.json()).toMatchObject({ ok: true, value: { street: '龙塔街道' } });
    const bad = await api('settings:update', { street: 12 }, token);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const notJson = await api('settings:update', '{not json', token);
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const unknown = await api('nothing:here', {}, token);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('sends no CORS headers and refuses foreign Host headers', async () => {
    const res = await api('settings:get', {}, { 'x-appraisal-token': host.token, origin: 'https://evil.example' });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    // fetch() will not send a foreign Host header, so use a raw request, as a DNS-rebinding page would.
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/api/settings:get',
          method: 'POST',
          headers: { host: 'evil.example', 'x-appraisal-token': host.token },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('serves the page only with the token, then by cookie, with a CSP', async () => {
    expect((await fetch(`http://127.0.0.1:${host.port}/`)).status).toBe(401);
    const page = await fetch(host.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const cookie = page.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    const again = await fetch(`http://127.0.0.1:${host.port}/index.html`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(again.status).toBe(200);
    const traversal = await fetch(`http://127.0.0.1:${host.port}/..%2F..%2Fetc%2Fpasswd?token=${host.token}`);
    expect(await traversal.text()).not.toContain('root:');
  });
});
