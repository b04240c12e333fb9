import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/core/dispatch';
import { actorForSession } from '../../../electron/core/features/auth/auth.service';
import { dispatchWithSession, createSessionKeeper } from '../../../electron/core/session-door';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';

let t: TestApp;
let clock = new Date('2021-09-30T08:00:00Z');
const advance = (minutes: number) => (clock = new Date(clock.getTime() + minutes * 60_000));
afterEach(async () => t?.dispose());

async function fresh(): Promise<TestApp> {
  clock = new Date('2021-09-30T08:00:00Z');
  t = await createTestApp({ now: () => clock });
  return t;
}

/** Call as whoever holds `session` (null: nobody logged in), the way the doors do. */
async function as(session: string | null, channel: string, input: unknown) {
  return dispatchWithSession(t.app, session, channel, input);
}

async function setupAdmin(): Promise<string> {
  const r = await as(null, 'auth:setup', { username: 'admin', displayName: '王主任', password: 'Longta2021' });
  expect(r.ok).toBe(true);
  return (r as { ok: true; value: { sessionToken: string } }).value.sessionToken;
}

describe('first run and login', () => {
  it('creates the administrator once, through a public channel that closes afterwards', async () => {
    await fresh();
    expect(await as(null, 'auth:status', {})).toMatchObject({ ok: true, value: { needsSetup: true, user: null } });
    const session = await setupAdmin();
    expect(await as(session, 'auth:me', {})).toMatchObject({
      ok: true,
      value: { username: 'admin', displayName: '王主任', role: 'admin', mustChangePassword: false },
    });
    expect(await as(null, 'auth:status', {})).toMatchObject({ ok: true, value: { needsSetup: false, user: null } });
    const again = await as(null, 'auth:setup', { username: 'eve', displayName: '冒充者', password: 'Evil12345' });
    expect(again).toMatchObject({ ok: false, error: { code: 'ILLEGAL_STATE' } });
    const users = await t.app.db.selectFrom('users').selectAll().execute();
    expect(users.map((u) => u.username)).toEqual(['admin']);
    // Only a salted scrypt hash is stored, and the session only as a hash of its token.
    expect(users[0]!.password_hash).toMatch(/^scrypt\$16384\$8\$5\$[0-9a-f]{128}$/);
    expect(users[0]!.password_hash).not.toContain('Longta2021');
    const sessions = await t.app.db.selectFrom('sessions').selectAll().execute();
    expect(sessions.map((s) => s.token_hash)).not.toContain(session);
  });

  it('refuses weak passwords at setup with a Chinese explanation', async () => {
    await fresh();
    const weak = await as(null, 'auth:setup', { username: 'admin', displayName: '王主任', password: '12345678' });
    expect(weak).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!weak.ok) expect(weak.error.message).toContain('字母和数字');
  });

  it('needs a session for everything but the public channels', async () => {
    await fresh();
    await setupAdmin();
    expect(await as(null, 'users:list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await as('not-a-session', 'settings:update', { city: '漯河市' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(await as(null, 'settings:get', {})).toMatchObject({ ok: true });
  });

  it('locks an account for 5 minutes after 5 wrong passwords, even against the right one', async () => {
    await fresh();
    await setupAdmin();
    for (let i = 1; i <= 4; i++) {
      const r = await as(null, 'auth:login', { username: 'admin', password: `wrong${i}` });
      expect(r).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      if (!r.ok) expect(r.error.message).not.toContain('还可尝试');
    }
    expect(await as(null, 'auth:login', { username: 'admin', password: 'wrong5' })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    const locked = await as(null, 'auth:login', { username: 'ADMIN', password: 'Longta2021' });
    expect(locked).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    if (!locked.ok) expect(locked.error.message).toMatch(/5 分钟后再试/);
    advance(4);
    expect(await as(null, 'auth:login', { username: 'admin', password: 'Longta2021' })).toMatchObject({
      ok: false,
      error: { code: 'LOCKED' },
    });
    advance(1.5);
    const ok = await as(null, 'auth:login', { username: 'admin', password: 'Longta2021' });
    expect(ok).toMatchObject({ ok: true, value: { user: { username: 'admin', lockedUntil: null } } });
    const audit = await t.app.db.selectFrom('audit_log').select(['action']).execute();
    expect(audit.map((a) => a.action)).toContain('user.locked');
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    await fresh();
    await setupAdmin();
    const unknown = await as(null, 'auth:login', { username: 'nobody', password: 'Longta2021' });
    const wrong = await as(null, 'auth:login', { username: 'admin', password: 'nope' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    if (!unknown.ok && !wrong.ok) expect(wrong.error.message.startsWith(unknown.error.message.slice(0, 10))).toBe(true);
  });

  it('ends a session at logout and after 12 hours', async () => {
    await fresh();
    const session = await setupAdmin();
    expect(await as(session, 'auth:logout', {})).toMatchObject({ ok: true, value: { loggedOut: true } });
    expect(await as(session, 'auth:me', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const login = await as(null, 'auth:login', { username: 'admin', password: 'Longta2021' });
    const token = (login as { ok: true; value: { sessionToken: string } }).value.sessionToken;
    advance(11 * 60);
    expect(await actorForSession(t.app, token)).not.toBeNull();
    advance(61);
    expect(await actorForSession(t.app, token)).toBeNull();
  });
});

describe('user management', () => {
  it('lets the administrator create users who must change their first password', async () => {
    await fresh();
    const admin = await setupAdmin();
    const created = await as(admin, 'users:create', { username: 'liping', displayName: '李萍', role: 'assessor', password: 'Chushi2021' });
    expect(created).toMatchObject({ ok: true, value: { username: 'liping', role: 'assessor', mustChangePassword: true } });
    expect(
      await as(admin, 'users:create', { username: 'LiPing', displayName: '重名', role: 'viewer', password: 'Chushi2021' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const login = await as(null, 'auth:login', { username: 'liping', password: 'Chushi2021' });
    const session = (login as { ok: true; value: { sessionToken: string } }).value.sessionToken;
    // Until the password is changed, only the password change (and me/logout) is allowed.
    expect(await as(session, 'settings:get', {})).toMatchObject({ ok: true });
    expect(await as(session, 'audit:list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await as(session, 'auth:changePassword', { currentPassword: 'wrong', newPassword: 'Liping2021x' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await as(session, 'auth:changePassword', { currentPassword: 'Chushi2021', newPassword: 'Liping2021x' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await as(session, 'auth:changePassword', { currentPassword: 'Chushi2021', newPassword: 'Zhiliang88' })).toMatchObject({
      ok: true,
      value: { mustChangePassword: false },
    });
    expect(await as(session, 'auth:me', {})).toMatchObject({ ok: true, value: { mustChangePassword: false } });
    expect(await as(null, 'auth:login', { username: 'liping', password: 'Zhiliang88' })).toMatchObject({ ok: true });
  });

  it('resets a password (unlocking and ending sessions), disables and re-enables, and protects the last administrator', async () => {
    await fresh();
    const admin = await setupAdmin();
    const adminId = (await t.app.db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id;
    const created = await as(admin, 'users:create', { username: 'zhao', displayName: '赵强', role: 'reviewer', password: 'Chushi2021' });
    const id = (created as { ok: true; value: { id: number } }).value.id;
    const session = (
      (await as(null, 'auth:login', { username: 'zhao', password: 'Chushi2021' })) as { ok: true; value: { sessionToken: string } }
    ).value.sessionToken;
    for (let i = 0; i < 5; i++) await as(null, 'auth:login', { username: 'zhao', password: 'bad' });
    expect(await as(null, 'auth:login', { username: 'zhao', password: 'Chushi2021' })).toMatchObject({
      ok: false,
      error: { code: 'LOCKED' },
    });
    expect(await as(admin, 'users:resetPassword', { id, newPassword: 'Chongzhi2021' })).toMatchObject({
      ok: true,
      value: { lockedUntil: null, mustChangePassword: true },
    });
    expect(await actorForSession(t.app, session)).toBeNull();
    const again = await as(null, 'auth:login', { username: 'zhao', password: 'Chongzhi2021' });
    const session2 = (again as { ok: true; value: { sessionToken: string } }).value.sessionToken;
    expect(await as(admin, 'users:disable', { id, disabled: true })).toMatchObject({ ok: true, value: { disabled: true } });
    expect(await actorForSession(t.app, session2)).toBeNull();
    expect(await as(null, 'auth:login', { username: 'zhao', password: 'Chongzhi2021' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await as(admin, 'users:disable', { id, disabled: false })).toMatchObject({ ok: true, value: { disabled: false } });
    expect(await as(null, 'auth:login', { username: 'zhao', password: 'Chongzhi2021' })).toMatchObject({ ok: true });
    // The only administrator can neither be disabled nor demoted.
    expect(await as(admin, 'users:disable', { id: adminId, disabled: true })).toMatchObject({
      ok: false,
      error: { code: 'ILLEGAL_STATE' },
    });
    expect(await as(admin, 'users:update', { id: adminId, role: 'viewer' })).toMatchObject({ ok: false, error: { code: 'ILLEGAL_STATE' } });
    expect(await as(admin, 'users:update', { id, role: 'admin', displayName: '赵强（副）' })).toMatchObject({
      ok: true,
      value: { role: 'admin', displayName: '赵强（副）' },
    });
    expect(await as(admin, 'users:update', { id: adminId, role: 'viewer' })).toMatchObject({ ok: true, value: { role: 'viewer' } });
    // A role change ends the user's sessions: the new role applies from the next login.
    expect(await actorForSession(t.app, admin)).toBeNull();
    const actions = (await t.app.db.selectFrom('audit_log').select('action').execute()).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['user.setup', 'user.create', 'user.resetPassword', 'user.disable', 'user.enable', 'user.update']),
    );
    expect((await t.call('audit:verify', {})).ok).toBe(true);
  });

  it('refuses user management to everyone but administrators', async () => {
    await fresh();
    const admin = await setupAdmin();
    await as(admin, 'users:create', { username: 'kp', displayName: '考评员甲', role: 'assessor', password: 'Chushi2021' });
    const s = ((await as(null, 'auth:login', { username: 'kp', password: 'Chushi2021' })) as { ok: true; value: { sessionToken: string } })
      .value.sessionToken;
    await as(s, 'auth:changePassword', { currentPassword: 'Chushi2021', newPassword: 'Kaoping99' });
    for (const [channel, input] of [
      ['users:list', {}],
      ['users:create', { username: 'x1', displayName: 'x', role: 'admin', password: 'Chushi2021' }],
      ['users:resetPassword', { id: 1, newPassword: 'Chushi2021' }],
    ] as const) {
      expect(await as(s, channel, input), channel).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });
});

describe('the Electron window keeps its session in the main process', () => {
  it('keeps the token a login answered with and drops it at logout', async () => {
    await fresh();
    await setupAdmin();
    const keeper = createSessionKeeper();
    const login = await as(null, 'auth:login', { username: 'admin', password: 'Longta2021' });
    keeper.observe('auth:login', login);
    expect(keeper.current()).toMatch(/^[0-9a-f]{64}$/);
    expect(await as(keeper.current(), 'auth:me', {})).toMatchObject({ ok: true, value: { username: 'admin' } });
    keeper.observe('auth:logout', await as(keeper.current(), 'auth:logout', {}));
    expect(keeper.current()).toBeNull();
    keeper.observe('auth:login', await as(null, 'auth:login', { username: 'admin', password: 'wrong' }));
    expect(keeper.current()).toBeNull();
  });

  it('still serves the local administrator actor of the command line', async () => {
    await fresh();
    expect((await t.call('settings:update', { city: '漯河市' })).city).toBe('漯河市');
    const me = await dispatch(t.ctx(), 'auth:me', {});
    expect(me).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
  });
});
