import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { z } from 'zod';
import { contract, CHANNEL_NAMES, type ChannelName } from '../../../shared/ipc/contract';
import { ERROR_CODES, type Envelope } from '../../../shared/ipc/errors';
import { dispatch } from '../../../electron/core/dispatch';
import type { Actor } from '../../../electron/core/app-context';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';

/**
 * Hostile input: random and malformed payloads at every channel of the contract, as the
 * administrator (who passes every role check, so the payload reaches input parsing and the
 * handlers). Every answer must be an envelope with a known code; a refused request changes nothing.
 */
let t: TestApp;
let admin: Actor;

beforeAll(async () => {
  t = await createTestApp();
  await t.call('auth:setup', { username: 'admin', displayName: '管理员', password: 'Admin2021' }, null);
  const row = await t.app.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
  admin = { userId: row.id, username: row.username, displayName: row.display_name, role: 'admin' };
  await t.call('settings:update', { city: '漯河市', street: '龙塔街道' }, admin);
  await t.call('users:create', { username: 'viewer', displayName: '查看员', role: 'viewer', password: 'Viewer2021' }, admin);
});
afterAll(async () => t.dispose());

/** A fingerprint of every table but the session bookkeeping: any write changes it. */
async function fingerprint(): Promise<string> {
  const tables = await sql<{
    name: string;
  }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name != 'sessions' order by name`.execute(
    t.app.db,
  );
  const hash = createHash('sha256');
  for (const { name } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(t.app.db);
    hash.update(name);
    hash.update(
      rows.rows
        .map((r) => JSON.stringify(r))
        .sort()
        .join('\n'),
    );
  }
  return hash.digest('hex');
}

/** Field names the channel's schema knows, so payloads also hit real fields with wrong values. */
function knownFields(channel: ChannelName): string[] {
  const input: unknown = contract[channel].input;
  if (input instanceof z.ZodObject) return Object.keys(input.shape);
  if (input instanceof z.ZodUnion) {
    return input.options.flatMap((o: unknown) => (o instanceof z.ZodObject ? Object.keys(o.shape) : []));
  }
  return [];
}

const nasty = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '../../etc/passwd',
    '..\\..\\Windows\\win.ini',
    '__proto__',
    'constructor',
    '<script>alert(1)</script>',
    "'; drop table users; --",
    '𠮷'.repeat(50),
    'x'.repeat(5000),
  ),
  fc.constantFrom(-1, 0, 1, 2 ** 31, -(2 ** 53), Number.MAX_SAFE_INTEGER, 1.5, NaN, Infinity),
  fc.constantFrom(null, true, false, [], {}, [null], { __proto__: { polluted: true } }),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
);

function payloads(channel: ChannelName): fc.Arbitrary<unknown> {
  const fields = knownFields(channel);
  const shaped =
    fields.length > 0
      ? fc.dictionary(fc.constantFrom(...fields), fc.oneof(nasty, fc.anything({ maxDepth: 2 })), { maxKeys: fields.length + 1 })
      : fc.constant({});
  return fc.oneof(
    fc.anything({ maxDepth: 3 }),
    fc.jsonValue({ maxDepth: 3 }),
    shaped,
    fc.dictionary(fc.string({ maxLength: 8 }), nasty, { maxKeys: 4 }),
    nasty,
  );
}

function expectEnvelope(channel: string, payload: unknown, envelope: Envelope<unknown>): void {
  const label = `${channel} ${JSON.stringify(payload)?.slice(0, 200)}`;
  expect(typeof envelope.ok, label).toBe('boolean');
  if (envelope.ok) return;
  expect(ERROR_CODES, label).toContain(envelope.error.code);
  // An unexpected exception in a handler is a bug, even though the dispatcher contains it.
  expect(envelope.error.code, `${label}: ${envelope.error.message}`).not.toBe('INTERNAL');
  expect(envelope.error.message, label).toMatch(/[\u4e00-\u9fff]/);
  expect(envelope.error.message, label).not.toMatch(/\n\s+at |\.ts:\d+/);
}

describe('hostile payloads at every channel', () => {
  it('covers the whole contract', () => {
    expect(CHANNEL_NAMES.length).toBeGreaterThan(20);
  });

  for (const channel of CHANNEL_NAMES) {
    it(`${channel}: an envelope with a known code, and no write when refused`, async () => {
      let before = await fingerprint();
      await fc.assert(
        fc.asyncProperty(payloads(channel), async (payload) => {
          const envelope = await dispatch(t.ctx(admin), channel, payload);
          expectEnvelope(channel, payload, envelope);
          const after = await fingerprint();
          if (envelope.ok) before = after;
          else expect(after, `${channel} refused ${JSON.stringify(payload)?.slice(0, 200)} but wrote`).toBe(before);
        }),
        { numRuns: 25, seed: 20211001 },
      );
    });
  }

  it('unknown and odd channel names', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'users:list ', 'USERS:LIST')),
        fc.anything(),
        async (channel, payload) => {
          fc.pre(!(CHANNEL_NAMES as string[]).includes(channel));
          const envelope = await dispatch(t.ctx(admin), channel, payload);
          expect(envelope).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });

  it('a 查看 user never writes, whatever the payload', async () => {
    const row = await t.app.db.selectFrom('users').selectAll().where('username', '=', 'viewer').executeTakeFirstOrThrow();
    const viewer: Actor = { userId: row.id, username: 'viewer', displayName: '查看员', role: 'viewer' };
    const writes = CHANNEL_NAMES.filter((n) => contract[n].writes);
    const before = await fingerprint();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writes), fc.anything({ maxDepth: 2 }), async (channel, payload) => {
        const envelope = await dispatch(t.ctx(viewer), channel, payload);
        expect(envelope).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }),
      { numRuns: 300, seed: 11 },
    );
    expect(await fingerprint()).toBe(before);
  });
});
