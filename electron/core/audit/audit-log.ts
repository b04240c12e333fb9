/**
 * The append-only audit log. Each entry's hash covers its content and the previous entry's hash,
 * so editing or deleting any entry breaks the chain from there on (see verifyAuditChain).
 */
import { createHash } from 'node:crypto';
import type { DbOrTrx } from '../db/schema';
import type { Selectable } from 'kysely';
import type { AuditLogTable } from '../db/schema/core.schema';

export interface AuditInput {
  actor: string;
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

const GENESIS = '0'.repeat(64);

/** Stable JSON: object keys sorted, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

type HashedFields = Omit<Selectable<AuditLogTable>, 'seq' | 'hash'>;

function entryHash(fields: HashedFields): string {
  const payload = canonicalJson([
    fields.at,
    fields.actor,
    fields.action,
    fields.entity,
    fields.entity_id,
    fields.before_json,
    fields.after_json,
    fields.reason,
    fields.prev_hash,
  ]);
  return createHash('sha256').update(payload).digest('hex');
}

/** Append one entry. Call it inside the transaction that makes the change it records. */
export async function appendAudit(trx: DbOrTrx, input: AuditInput, now: Date): Promise<number> {
  const last = await trx.selectFrom('audit_log').select(['hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const fields: HashedFields = {
    at: now.toISOString(),
    actor: input.actor,
    action: input.action,
    entity: input.entity,
    entity_id: input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
    before_json: input.before === undefined ? null : canonicalJson(input.before),
    after_json: input.after === undefined ? null : canonicalJson(input.after),
    reason: input.reason ?? null,
    prev_hash: last?.hash ?? GENESIS,
  };
  const result = await trx
    .insertInto('audit_log')
    .values({ ...fields, hash: entryHash(fields) })
    .returning('seq')
    .executeTakeFirstOrThrow();
  return result.seq;
}

export interface AuditChainResult {
  ok: boolean;
  entries: number;
  firstBadSeq: number | null;
  message: string;
}

/** Walk the whole chain; report the first entry whose hash or link does not match. */
export async function verifyAuditChain(db: DbOrTrx): Promise<AuditChainResult> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq', 'asc').execute();
  let prev = GENESIS;
  let expectedSeq = rows[0]?.seq ?? 1;
  for (const row of rows) {
    if (row.seq !== expectedSeq) {
      return { ok: false, entries: rows.length, firstBadSeq: expectedSeq, message: `操作日志第 ${expectedSeq} 条缺失（已被删除）。` };
    }
    if (row.prev_hash !== prev || entryHash(row) !== row.hash) {
      return { ok: false, entries: rows.length, firstBadSeq: row.seq, message: `操作日志第 ${row.seq} 条被篡改：内容与校验值不符。` };
    }
    prev = row.hash;
    expectedSeq += 1;
  }
  return { ok: true, entries: rows.length, firstBadSeq: null, message: `操作日志完整，共 ${rows.length} 条，校验通过。` };
}
