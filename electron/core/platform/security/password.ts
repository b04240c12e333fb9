/**
 * Password hashing with scrypt (node:crypto) and a random per-user salt. The parameters are stored
 * with each hash, so they can be raised later without invalidating existing passwords.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_LENGTH = 64;
/**
 * OWASP Password Storage Cheat Sheet (2024): N=2^17, r=8, p=1 or an equivalent row of its table.
 * We use its N=2^14, r=8, p=5 row: the same work, but 16 MB per check instead of 128 MB, so a burst
 * of logins cannot exhaust a desk PC's memory.
 */
export const PARAMS = { N: 16384, r: 8, p: 5 } as const;

function scryptAsync(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keylen, { ...options, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export interface PasswordHash {
  hash: string;
  salt: string;
}

export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, KEY_LENGTH, PARAMS);
  return { hash: `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${key.toString('hex')}`, salt: salt.toString('hex') };
}

/** Constant-time comparison; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const parts = stored.hash.split('$');
  if (parts.length !== 5 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const expected = Buffer.from(parts[4] ?? '', 'hex');
  if (![N, r, p].every((x) => Number.isInteger(x) && x > 0) || expected.length !== KEY_LENGTH) return false;
  const key = await scryptAsync(password, Buffer.from(stored.salt, 'hex'), KEY_LENGTH, { N, r, p });
  return timingSafeEqual(key, expected);
}

/** A hash made with weaker parameters than today's: re-hash it at the next successful login. */
export function needsRehash(stored: PasswordHash): boolean {
  return stored.hash.split('$').slice(0, 4).join('$') !== `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}`;
}

/** Spend the same time as a real check, so unknown user names cannot be told apart by timing. */
let dummy: PasswordHash | null = null;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= await hashPassword('not-a-real-password-0');
  await verifyPassword(password, dummy);
}
