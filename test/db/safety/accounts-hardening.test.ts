import { randomBytes, scryptSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchWithSession } from '../../../electron/core/session-door';
import type { Envelope } from '../../../shared/ipc/errors';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';

let t: TestApp;
let clock = new Date('2021-09-30T08:00:00Z');
afterEach(async () => t?.dispose());

async function fresh(): Promise<TestApp> {
  clock = new Date('2021-09-30T08:00:00Z');
  t = await createTestApp({ now: () => clock });
  return t;
}

const as = (session: string | null, channel: string, input: unknown) => dispatchWithSession(t.app, session, channel, input);
const tokenOf = (r: Envelope<unknown>) => (r as { ok: true; value: { sessionToken: string } }).value.sessionToken;

async function setupAdmin(): Promise<string> {
  return tokenOf(await as(null, 'auth:setup', { username: 'admin', displayName: '王主任', password: 'Longta2021' }));
}

describe('login lockout under parallel guesses', () => {
  it('checks only five of 40 concurrent guesses and refuses the right password among the rest', async () => {
    await fresh();
    await setupAdmin();
    const guesses = Array.from({ length: 40 }, (_, i) => (i === 20 ? 'Longta2021' : `Wrong${i}guess`));
    const answers = await Promise.all(guesses.map((password) => as(null, 'auth:login', { username: 'admin', password })));
    const codes = answers.map((a) => (a.ok ? 'OK' : a.error.code));
    expect(codes.filter((c) => c === 'OK')).toEqual([]);
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(4);
    expect(codes.filter((c) => c === 'LOCKED')).toHaveLength(36);
    expect(codes[20]).toBe('LOCKED');
    // Only the session first-run setup opened; none from the guesses.
    expect(await t.app.db.selectFrom('sessions').selectAll().execute()).toHaveLength(1);
    const user = await t.app.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    expect(user.locked_until).not.toBeNull();
    const audit = await t.app.db.selectFrom('audit_log').select('action').where('action', '=', 'user.locked').execute();
    expect(audit).toHaveLength(1);
  });

  it('still lets the fifth attempt in when it is the right password', async () => {
    await fresh();
    await setupAdmin();
    for (let i = 1; i <= 4; i++) await as(null, 'auth:login', { username: 'admin', password: `wrong${i}` });
    expect(await as(null, 'auth:login', { username: 'admin', password: 'Longta2021' })).toMatchObject({
      ok: true,
      value: { user: { lockedUntil: null } },
    });
  });
});

describe('unknown and known user names', () => {
  it('answers both with the same words, and locks both after five wrong passwords', async () => {
    await fresh();
    await setupAdmin();
    const known: string[] = [];
    const unknown: string[] = [];
    for (let i = 1; i <= 6; i++) {
      const k = await as(null, 'auth:login', { username: 'admin', password: `Wrong${i}x` });
      const u = await as(null, 'auth:login', { username: 'zhaoliu', password: `Wrong${i}x` });
      known.push(k.ok ? 'OK' : `${k.error.code}:${k.error.message}`);
      unknown.push(u.ok ? 'OK' : `${u.error.code}:${u.error.message}`);
    }
    expect(unknown).toEqual(known);
    expect(known[0]).toMatch(/^UNAUTHENTICATED:/);
    expect(known[4]).toMatch(/^LOCKED:/);
    expect(known[5]).toMatch(/^LOCKED:/);
  });
});

describe('修改密码 counts wrong current passwords', () => {
  it('locks the account and ends its sessions after five wrong current passwords', async () => {
    await fresh();
    const session = await setupAdmin();
    const other = tokenOf(await as(null, 'auth:login', { username: 'admin', password: 'Longta2021' }));
    for (let i = 1; i <= 4; i++) {
      expect(await as(session, 'auth:changePassword', { currentPassword: `Guess${i}abc`, newPassword: 'Zhiliang88' })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED' },
      });
    }
    expect(await as(session, 'auth:changePassword', { currentPassword: 'Guess5abc', newPassword: 'Zhiliang88' })).toMatchObject({
      ok: false,
      error: { code: 'LOCKED' },
    });
    expect(await as(session, 'auth:me', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await as(other, 'auth:me', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await as(null, 'auth:login', { username: 'admin', password: 'Longta2021' })).toMatchObject({
      ok: false,
      error: { code: 'LOCKED' },
    });
    const user = await t.app.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^scrypt\$/);
  });

  it('resets the count after a successful change', async () => {
    await fresh();
    const session = await setupAdmin();
    await as(session, 'auth:changePassword', { currentPassword: 'Guess1abc', newPassword: 'Zhiliang88' });
    expect(await as(session, 'auth:changePassword', { currentPassword: 'Longta2021', newPassword: 'Zhiliang88' })).toMatchObject({
      ok: true,
    });
    const user = await t.app.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    expect(user.failed_attempts).toBe(0);
  });
});

describe('password strength and storage', () => {
  it('refuses common passwords wherever a password is chosen', async () => {
    await fresh();
    expect(await as(null, 'auth:setup', { username: 'admin', displayName: '王主任', password: 'password1' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    const admin = await setupAdmin();
    for (const password of ['password1', 'aaaaaaa1', 'Abcd1234', 'QWERTY123', '1qaz2wsx', 'woaini1314']) {
      const r = await as(admin, 'users:create', { username: 'liping', displayName: '李萍', role: 'assessor', password });
      expect(r, password).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      if (!r.ok) expect(r.error.message).toContain('过于常见');
    }
    expect(await as(admin, 'auth:changePassword', { currentPassword: 'Longta2021', newPassword: 'aaaaaaa1' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(
      await as(admin, 'users:create', { username: 'liping', displayName: '李萍', role: 'assessor', password: 'Chushi2021' }),
    ).toMatchObject({ ok: true });
  });

  it('re-hashes an old, cheaper scrypt hash with the current cost at the next login', async () => {
    await fresh();
    await setupAdmin();
    const salt = randomBytes(16);
    const old = scryptSync('Longta2021', salt, 64, { N: 16384, r: 8, p: 1 }).toString('hex');
    await t.app.db
      .updateTable('users')
      .set({ password_hash: `scrypt$16384$8$1$${old}`, password_salt: salt.toString('hex') })
      .execute();
    expect(await as(null, 'auth:login', { username: 'admin', password: 'Longta2021' })).toMatchObject({ ok: true });
    const user = await t.app.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^scrypt\$16384\$8\$5\$[0-9a-f]{128}$/);
    expect(await as(null, 'auth:login', { username: 'admin', password: 'Longta2021' })).toMatchObject({ ok: true });
  });
});
