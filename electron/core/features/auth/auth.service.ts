/**
 * Accounts and sessions: first-run setup, login with lockout, logout, password change, and the
 * administrator's user management. Every change to an account is in the audit log.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ROLES, type Role } from '../../../../shared/ipc/channel';
import type { SessionResult, UserDto } from '../../../../shared/ipc/channels/auth.channels';
import { AppError } from '../../../../shared/ipc/errors';
import type { Actor, AppContext } from '../../app-context';
import { appendAudit } from '../../platform/audit/audit-log';
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from '../../platform/security/password';
import type { DbOrTrx } from '../../platform/db/schema';
import * as repo from './auth.repository';
import type { UserRow } from './auth.repository';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES = 5;
/** A session lasts one working day; after that the user logs in again. */
export const SESSION_HOURS = 12;

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

function roleOf(row: UserRow): Role {
  // The table's CHECK constraint makes anything else impossible; refuse rather than guess.
  if (!isRole(row.role)) throw new AppError('DB_INVALID', '用户数据异常，请从备份恢复数据库。');
  return row.role;
}

function lockedUntil(row: UserRow, now: Date): string | null {
  return row.locked_until !== null && row.locked_until > now.toISOString() ? row.locked_until : null;
}

export function toUserDto(row: UserRow, now: Date): UserDto {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: roleOf(row),
    disabled: row.disabled === 1,
    lockedUntil: lockedUntil(row, now),
    mustChangePassword: row.must_change_password === 1,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
  };
}

function toActor(row: UserRow): Actor {
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    role: roleOf(row),
    mustChangePassword: row.must_change_password === 1,
  };
}

/** Only the SHA-256 of a session token is stored: a copy of the database cannot be used to log in. */
function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

async function findUser(db: DbOrTrx, id: number): Promise<UserRow> {
  const row = await repo.findUserById(db, id);
  if (!row) throw new AppError('NOT_FOUND', '找不到该用户，请刷新列表后重试。');
  return row;
}

async function findByUsername(db: DbOrTrx, username: string): Promise<UserRow | undefined> {
  return repo.findUserByUsername(db, username.trim());
}

function auditUser(row: UserRow): Record<string, unknown> {
  return { username: row.username, displayName: row.display_name, role: row.role, disabled: row.disabled === 1 };
}

async function openSession(db: DbOrTrx, userId: number, now: Date): Promise<string> {
  const token = randomBytes(32).toString('hex');
  const expires = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  // Expired sessions are swept whenever someone logs in.
  await repo.deleteExpiredSessions(db, now.toISOString());
  await repo.insertSession(db, {
    token_hash: tokenHash(token),
    user_id: userId,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: expires.toISOString(),
  });
  return token;
}

/** The user behind a session token, or null when the token is unknown, expired or the user disabled. */
export async function actorForSession(app: AppContext, token: string | null | undefined): Promise<Actor | null> {
  if (!token || token.length > 200) return null;
  const now = app.now().toISOString();
  const row = await repo.findSessionUser(app.db, tokenHash(token), now);
  return row ? toActor(row) : null;
}

export async function authStatus(app: AppContext, actor: Actor | null): Promise<{ needsSetup: boolean; user: UserDto | null }> {
  const needsSetup = (await repo.countUsers(app.db)) === 0;
  const user = actor?.userId ? await repo.findUserById(app.db, actor.userId) : undefined;
  return { needsSetup, user: user ? toUserDto(user, app.now()) : null };
}

/** First run: create the administrator. Refused as soon as any account exists. */
export async function setupAdministrator(
  app: AppContext,
  input: { username: string; displayName: string; password: string },
): Promise<SessionResult> {
  const password = await hashPassword(input.password);
  const now = app.now();
  return app.db.transaction().execute(async (trx) => {
    if ((await repo.countUsers(trx)) > 0) {
      throw new AppError('ILLEGAL_STATE', '管理员已经创建过了。请用已有账号登录；忘记密码请联系管理员重置。');
    }
    const row = await repo.insertUser(trx, {
      username: input.username,
      display_name: input.displayName,
      role: 'admin',
      password_hash: password.hash,
      password_salt: password.salt,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      last_login_at: now.toISOString(),
    });
    await appendAudit(trx, { actor: row.username, action: 'user.setup', entity: 'user', entityId: row.id, after: auditUser(row) }, now);
    const sessionToken = await openSession(trx, row.id, now);
    return { sessionToken, user: toUserDto(row, now) };
  });
}

const WRONG = '用户名或密码不正确。请重新输入；连续输错 5 次账号将锁定 5 分钟。';

function lockedError(until: string, now: Date): AppError {
  const minutes = Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 60_000));
  return new AppError('LOCKED', `密码错误次数过多，账号已锁定。请 ${minutes} 分钟后再试，或请管理员重置密码。`);
}

const JUST_LOCKED = `密码连续输错 ${MAX_FAILED_ATTEMPTS} 次，账号已锁定 ${LOCK_MINUTES} 分钟。请稍后再试，或请管理员重置密码。`;

/** One counted password attempt: the row as it was, and the lock this attempt set (the fifth). */
interface Attempt {
  row: UserRow;
  lockedHere: string | null;
}

/**
 * Count the attempt and check the lock in one write transaction, BEFORE the slow password check:
 * parallel guesses are serialised here, so no more than five are ever checked per lock period.
 */
async function reserveAttempt(app: AppContext, find: (db: DbOrTrx) => Promise<UserRow | undefined>): Promise<Attempt | null> {
  const now = app.now();
  return app.db.transaction().execute(async (trx) => {
    const row = await find(trx);
    if (!row) return null;
    const locked = lockedUntil(row, now);
    if (locked) throw lockedError(locked, now);
    const attempts = row.failed_attempts + 1;
    const lockedHere = attempts >= MAX_FAILED_ATTEMPTS ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : null;
    await repo.updateUserRow(trx, row.id, { failed_attempts: lockedHere ? 0 : attempts, locked_until: lockedHere });
    return { row, lockedHere };
  });
}

/** A wrong password: the attempt is already counted; record the lock if this attempt set it. */
async function attemptFailed(app: AppContext, attempt: Attempt, how: { endSessions: boolean; wrong: AppError }): Promise<never> {
  if (!attempt.lockedHere) throw how.wrong;
  const now = app.now();
  await app.db.transaction().execute(async (trx) => {
    // A stolen session must not keep guessing through 修改密码 either.
    if (how.endSessions) await repo.deleteUserSessions(trx, attempt.row.id);
    await appendAudit(
      trx,
      {
        actor: 'system',
        action: 'user.locked',
        entity: 'user',
        entityId: attempt.row.id,
        reason: `连续 ${MAX_FAILED_ATTEMPTS} 次密码错误`,
      },
      now,
    );
  });
  throw new AppError('LOCKED', JUST_LOCKED);
}

/**
 * The right password: still refused when another attempt locked the account meanwhile (only the
 * attempt that set the lock may lift it). Runs inside the transaction that completes the success.
 */
async function assertStillUnlocked(trx: DbOrTrx, attempt: Attempt, now: Date): Promise<UserRow> {
  const fresh = await findUser(trx, attempt.row.id);
  const locked = lockedUntil(fresh, now);
  if (locked && locked !== attempt.lockedHere) throw lockedError(locked, now);
  return fresh;
}

/**
 * Unknown user names are counted and locked like real ones (in memory, per database file), so the
 * answers cannot tell which names exist.
 */
const unknownNames = new Map<string, { failed: number; lockedUntil: number }>();

/** Counts an attempt on an unknown name; throws LOCKED at once while locked (as for a real account). */
function unknownNameAttempt(app: AppContext, username: string): { justLocked: boolean } {
  const now = app.now().getTime();
  if (unknownNames.size > 10_000) unknownNames.clear();
  const key = `${app.paths.dbFile}\n${username.trim().toLowerCase()}`;
  const entry = unknownNames.get(key) ?? { failed: 0, lockedUntil: 0 };
  if (entry.lockedUntil > now) throw lockedError(new Date(entry.lockedUntil).toISOString(), app.now());
  entry.failed += 1;
  const justLocked = entry.failed >= MAX_FAILED_ATTEMPTS;
  if (justLocked) {
    entry.failed = 0;
    entry.lockedUntil = now + LOCK_MINUTES * 60_000;
  }
  unknownNames.set(key, entry);
  return { justLocked };
}

/** Check the password; count failures and lock the account after the fifth. */
export async function login(app: AppContext, username: string, password: string): Promise<SessionResult> {
  const attempt = await reserveAttempt(app, (db) => findByUsername(db, username));
  if (!attempt) {
    // Same steps, same time, same answers as a known name: count, check the lock, then a full check.
    const { justLocked } = unknownNameAttempt(app, username);
    await burnPasswordCheck(password);
    throw justLocked ? new AppError('LOCKED', JUST_LOCKED) : new AppError('UNAUTHENTICATED', WRONG);
  }
  const stored = { hash: attempt.row.password_hash, salt: attempt.row.password_salt };
  if (!(await verifyPassword(password, stored)))
    return attemptFailed(app, attempt, { endSessions: false, wrong: new AppError('UNAUTHENTICATED', WRONG) });
  if (attempt.row.disabled === 1) throw new AppError('FORBIDDEN', '该账号已停用。如需使用，请联系管理员启用。');
  const upgraded = needsRehash(stored) ? await hashPassword(password) : null;
  const now = app.now();
  return app.db.transaction().execute(async (trx) => {
    await assertStillUnlocked(trx, attempt, now);
    await repo.updateUserRow(trx, attempt.row.id, {
      failed_attempts: 0,
      locked_until: null,
      last_login_at: now.toISOString(),
      ...(upgraded ? { password_hash: upgraded.hash, password_salt: upgraded.salt } : {}),
    });
    const sessionToken = await openSession(trx, attempt.row.id, now);
    const fresh = await findUser(trx, attempt.row.id);
    return { sessionToken, user: toUserDto(fresh, now) };
  });
}

export async function logout(app: AppContext, token: string | null | undefined): Promise<boolean> {
  if (!token) return false;
  return repo.deleteSession(app.db, tokenHash(token));
}

function requireAccount(actor: Actor | null): number {
  if (!actor?.userId) throw new AppError('UNSUPPORTED', '命令行本机管理员没有账号密码。请使用 --user 指定账号，或在应用中操作。');
  return actor.userId;
}

export async function currentUser(app: AppContext, actor: Actor | null): Promise<UserDto> {
  return toUserDto(await findUser(app.db, requireAccount(actor)), app.now());
}

/** Change one's own password; every other session of the user ends. */
export async function changeOwnPassword(
  app: AppContext,
  actor: Actor | null,
  sessionToken: string | null | undefined,
  input: { currentPassword: string; newPassword: string },
): Promise<UserDto> {
  const id = requireAccount(actor);
  if (input.newPassword === input.currentPassword) throw new AppError('VALIDATION_FAILED', '新密码不能与当前密码相同，请换一个。');
  if (actor && input.newPassword.toLowerCase().includes(actor.username.toLowerCase())) {
    throw new AppError('VALIDATION_FAILED', '新密码不能包含用户名，请换一个。');
  }
  // A wrong current password counts like a wrong login: a left-open session is not a guessing oracle.
  const attempt = await reserveAttempt(app, (db) => findUser(db, id));
  if (!attempt) throw new AppError('NOT_FOUND', '找不到该用户，请重新登录。');
  const row = attempt.row;
  if (!(await verifyPassword(input.currentPassword, { hash: row.password_hash, salt: row.password_salt }))) {
    await attemptFailed(app, attempt, {
      endSessions: true,
      wrong: new AppError('VALIDATION_FAILED', '当前密码不正确，请重新输入；连续输错 5 次账号将锁定 5 分钟。'),
    });
  }
  const password = await hashPassword(input.newPassword);
  const now = app.now();
  return app.db.transaction().execute(async (trx) => {
    await assertStillUnlocked(trx, attempt, now);
    await repo.updateUserRow(trx, id, {
      password_hash: password.hash,
      password_salt: password.salt,
      must_change_password: 0,
      failed_attempts: 0,
      locked_until: null,
      updated_at: now.toISOString(),
    });
    await repo.deleteUserSessions(trx, id, sessionToken ? tokenHash(sessionToken) : undefined);
    await appendAudit(trx, { actor: row.username, action: 'user.changePassword', entity: 'user', entityId: id }, now);
    return toUserDto(await findUser(trx, id), now);
  });
}

export async function listUsers(app: AppContext): Promise<UserDto[]> {
  const now = app.now();
  const rows = await repo.listUserRows(app.db);
  return rows.map((r) => toUserDto(r, now));
}

export async function createUser(
  app: AppContext,
  actor: string,
  input: { username: string; displayName: string; role: Role; password: string },
): Promise<UserDto> {
  const password = await hashPassword(input.password);
  const now = app.now();
  return app.db.transaction().execute(async (trx) => {
    if (await findByUsername(trx, input.username)) {
      throw new AppError('CONFLICT', `用户名「${input.username}」已被使用，请换一个。`);
    }
    const row = await repo.insertUser(trx, {
      username: input.username,
      display_name: input.displayName,
      role: input.role,
      password_hash: password.hash,
      password_salt: password.salt,
      must_change_password: 1,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    await appendAudit(trx, { actor, action: 'user.create', entity: 'user', entityId: row.id, after: auditUser(row) }, now);
    return toUserDto(row, now);
  });
}

/** There must always be an administrator who can log in. */
async function assertAnotherActiveAdmin(trx: DbOrTrx, exceptId: number): Promise<void> {
  if ((await repo.countOtherActiveAdmins(trx, exceptId)) === 0) {
    throw new AppError('ILLEGAL_STATE', '这是唯一可用的管理员账号，不能停用或改为其他角色。请先为另一人设置管理员角色。');
  }
}

export async function updateUser(
  app: AppContext,
  actor: string,
  input: { id: number; displayName?: string | undefined; role?: Role | undefined },
): Promise<UserDto> {
  const now = app.now();
  return app.db.transaction().execute(async (trx) => {
    const before = await findUser(trx, input.id);
    if (input.role !== undefined && input.role !== 'admin' && before.role === 'admin' && before.disabled === 0) {
      await assertAnotherActiveAdmin(trx, before.id);
    }
    const patch = {
      display_name: input.displayName ?? before.display_name,
      role: input.role ?? before.role,
    };
    if (patch.display_name === before.display_name && patch.role === before.role) return toUserDto(before, now);
    await repo.updateUserRow(trx, before.id, { ...patch, updated_at: now.toISOString() });
    // A new role takes effect at the next login, never half-way through a session.
    if (patch.role !== before.role) await repo.deleteUserSessions(trx, before.id);
    const after = await findUser(trx, before.id);
    await appendAudit(
      trx,
      { actor, action: 'user.update', entity: 'user', entityId: before.id, before: auditUser(before), after: auditUser(after) },
      now,
    );
    return toUserDto(after, now);
  });
}

export async function resetPassword(app: AppContext, actor: string, input: { id: number; newPassword: string }): Promise<UserDto> {
  const password = await hashPassword(input.newPassword);
  const now = app.now();
  return app.db.transaction().execute(async (trx) => {
    const before = await findUser(trx, input.id);
    await repo.updateUserRow(trx, before.id, {
      password_hash: password.hash,
      password_salt: password.salt,
      must_change_password: 1,
      failed_attempts: 0,
      locked_until: null,
      updated_at: now.toISOString(),
    });
    await repo.deleteUserSessions(trx, before.id);
    await appendAudit(
      trx,
      { actor, action: 'user.resetPassword', entity: 'user', entityId: before.id, reason: `为「${before.username}」重置密码` },
      now,
    );
    return toUserDto(await findUser(trx, before.id), now);
  });
}

export async function setUserDisabled(app: AppContext, actor: Actor | null, input: { id: number; disabled: boolean }): Promise<UserDto> {
  const now = app.now();
  return app.db.transaction().execute(async (trx) => {
    const before = await findUser(trx, input.id);
    if (input.disabled && actor?.userId === before.id) throw new AppError('ILLEGAL_STATE', '不能停用自己正在使用的账号。');
    if (input.disabled && before.role === 'admin' && before.disabled === 0) await assertAnotherActiveAdmin(trx, before.id);
    if ((before.disabled === 1) === input.disabled) return toUserDto(before, now);
    await repo.updateUserRow(trx, before.id, { disabled: input.disabled ? 1 : 0, updated_at: now.toISOString() });
    if (input.disabled) await repo.deleteUserSessions(trx, before.id);
    const after = await findUser(trx, before.id);
    await appendAudit(
      trx,
      {
        actor: actor?.username ?? 'system',
        action: input.disabled ? 'user.disable' : 'user.enable',
        entity: 'user',
        entityId: before.id,
        before: auditUser(before),
        after: auditUser(after),
      },
      now,
    );
    return toUserDto(after, now);
  });
}
