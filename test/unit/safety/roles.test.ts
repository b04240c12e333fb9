import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, CHANNEL_NAMES, type ChannelName } from '../../../shared/ipc/contract';
import { ROLES, type Role } from '../../../shared/ipc/channel';
import { dispatchWithSession } from '../../../electron/core/session-door';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';

/** The only channels anyone may call without logging in. Adding one needs a reason here. */
const PUBLIC_CHANNELS = ['app:info', 'settings:get', 'auth:status', 'auth:setup', 'auth:login'];

let t: TestApp;
const sessions = {} as Record<Role, string>;

beforeAll(async () => {
  t = await createTestApp();
  const call = (session: string | null, channel: string, input: unknown) => dispatchWithSession(t.app, session, channel, input);
  const setup = await call(null, 'auth:setup', { username: 'admin', displayName: '管理员', password: 'Admin2021' });
  if (!setup.ok) throw new Error(setup.error.message);
  sessions.admin = (setup.value as { sessionToken: string }).sessionToken;
  for (const role of ROLES.filter((r) => r !== 'admin')) {
    const created = await call(sessions.admin, 'users:create', { username: role, displayName: `${role}用户`, role, password: 'First2021' });
    if (!created.ok) throw new Error(created.error.message);
    const login = await call(null, 'auth:login', { username: role, password: 'First2021' });
    if (!login.ok) throw new Error(login.error.message);
    const token = (login.value as { sessionToken: string }).sessionToken;
    const changed = await call(token, 'auth:changePassword', { currentPassword: 'First2021', newPassword: 'Second2021' });
    if (!changed.ok) throw new Error(changed.error.message);
    sessions[role] = token;
  }
});
afterAll(async () => t.dispose());

const as = (role: Role | null, channel: ChannelName, input: unknown = {}) =>
  dispatchWithSession(t.app, role ? sessions[role] : null, channel, input);

describe('roles on every channel', () => {
  it('every channel declares who may call it, and whether it writes', () => {
    for (const name of CHANNEL_NAMES) {
      const def = contract[name];
      expect(typeof def.writes, name).toBe('boolean');
      if (def.roles === 'public') {
        expect(PUBLIC_CHANNELS, `${name} is public: add it to PUBLIC_CHANNELS only with a reason`).toContain(name);
        continue;
      }
      expect(Array.isArray(def.roles), name).toBe(true);
      expect(def.roles.length, name).toBeGreaterThan(0);
      for (const role of def.roles) expect(ROLES, name).toContain(role);
      // 查看 is read-only: no channel that writes may even list it.
      if (def.writes) expect(def.roles, `${name} writes but allows 查看`).not.toContain('viewer');
    }
    for (const prefix of ['users:', 'backup:']) {
      for (const name of CHANNEL_NAMES.filter((n) => n.startsWith(prefix))) expect(contract[name].roles, name).toEqual(['admin']);
    }
  });

  it('refuses a 查看 user every channel that writes, through the dispatcher', async () => {
    const writes = CHANNEL_NAMES.filter((n) => contract[n].writes);
    expect(writes.length).toBeGreaterThan(5);
    for (const name of writes) {
      const answer = await as('viewer', name, {});
      expect(answer, name).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      if (!answer.ok) expect(answer.error.message, name).toMatch(/查看/);
    }
  });

  it('refuses a 考评员 the administrator channels and every channel not declared for it', async () => {
    const denied = CHANNEL_NAMES.filter(
      (n) => contract[n].roles !== 'public' && !(contract[n].roles as readonly Role[]).includes('assessor'),
    );
    expect(denied).toEqual(expect.arrayContaining(['users:create', 'users:list', 'backup:restore', 'settings:update']));
    for (const name of denied) expect(await as('assessor', name, {}), name).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses every role each channel does not declare, and everyone without a session', async () => {
    for (const name of CHANNEL_NAMES) {
      const def = contract[name];
      if (def.roles === 'public') continue;
      expect(await as(null, name, {}), name).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      for (const role of ROLES) {
        if (def.roles.includes(role)) continue;
        expect(await as(role, name, {}), `${role} ${name}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
    }
  });

  it('lets each role through to the channels it is declared for (reaching input checks, not FORBIDDEN)', async () => {
    for (const name of CHANNEL_NAMES) {
      const def = contract[name];
      if (def.roles === 'public' || name === 'auth:logout') continue;
      for (const role of def.roles) {
        if (role === 'viewer' && def.writes) continue;
        // A deliberately malformed input: the answer shows the role check was passed.
        const answer = await as(role, name, { '\u0000not-a-field': true });
        if (!answer.ok)
          expect(['FORBIDDEN', 'UNAUTHENTICATED'], `${role} ${name}: ${answer.error.message}`).not.toContain(answer.error.code);
      }
    }
  });
});
