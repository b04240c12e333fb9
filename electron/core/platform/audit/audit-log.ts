/**
 * The append-only audit log. Each entry's hash covers its content and the previous entry's hash,
 * so editing or deleting any entry breaks the chain from there on (see verifyAuditChain).
 */
import { createHash } from 'node:crypto';
import type { DbOrTrx } from '../db/schema';
import { triggerNames } from '../db/dialect';
import type { Selectable } from 'kysely';
import type { AuditLogTable } from '../db/schema/core.schema';
import { canonicalJson } from '../../../../shared/domain/canonical-json';
import { allEntries, insertEntry, lastEntryHash, readMeta, writeMeta } from './audit-log.repository';

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

type HashedFields = Omit<Selectable<AuditLogTable>, 'seq' | 'hash'>;

export function entryHash(fields: HashedFields): string {
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
  const lastHash = await lastEntryHash(trx);
  const fields: HashedFields = {
    at: now.toISOString(),
    actor: input.actor,
    action: input.action,
    entity: input.entity,
    entity_id: input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
    before_json: input.before === undefined ? null : canonicalJson(input.before),
    after_json: input.after === undefined ? null : canonicalJson(input.after),
    reason: input.reason ?? null,
    prev_hash: lastHash ?? GENESIS,
  };
  const hash = entryHash(fields);
  const seq = await insertEntry(trx, { ...fields, hash });
  // The anchor moves with the chain, in the same transaction.
  await writeMeta(trx, ANCHOR_KEY, JSON.stringify({ seq, hash }));
  return seq;
}

/** app_meta key of the chain's newest entry ({seq, hash}), kept outside the audit table. */
export const ANCHOR_KEY = 'audit.head';

/** The triggers that make the table append-only; a missing one means the log could have been edited. */
const GUARD_TRIGGERS = ['audit_log_no_update', 'audit_log_no_delete'];

async function anchorProblem(
  db: DbOrTrx,
  rows: readonly { seq: number; hash: string }[],
): Promise<{ seq: number | null; message: string } | null> {
  const present = await triggerNames(db);
  const missing = GUARD_TRIGGERS.filter((name) => !present.has(name));
  if (missing.length) return { seq: null, message: `操作日志的防改保护（触发器 ${missing.join('、')}）已被删除，日志可能被改动过。` };
  const stored = await readMeta(db, ANCHOR_KEY);
  const last = rows[rows.length - 1];
  if (!stored) return last ? { seq: last.seq, message: '操作日志的锚点缺失：无法确认最新的记录没有被删除或改写。' } : null;
  let anchor: { seq?: unknown; hash?: unknown };
  try {
    anchor = JSON.parse(stored) as { seq?: unknown; hash?: unknown };
  } catch {
    return { seq: null, message: '操作日志的锚点已损坏。' };
  }
  if (!last || typeof anchor.seq !== 'number' || last.seq < anchor.seq) {
    return {
      seq: typeof anchor.seq === 'number' ? anchor.seq : null,
      message: `操作日志最新的记录已被删除：锚点记录到第 ${String(anchor.seq)} 条，现存只到第 ${last?.seq ?? 0} 条。`,
    };
  }
  if (last.seq !== anchor.seq || last.hash !== anchor.hash) {
    return { seq: anchor.seq, message: `操作日志与锚点不符（第 ${anchor.seq} 条的校验值不同或其后多出记录）：日志被改写过。` };
  }
  return null;
}

export interface AuditChainResult {
  ok: boolean;
  entries: number;
  firstBadSeq: number | null;
  message: string;
}

/** Walk the whole chain; report the first entry whose hash or link does not match. */
export async function verifyAuditChain(db: DbOrTrx): Promise<AuditChainResult> {
  const rows = await allEntries(db);
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
  const anchor = await anchorProblem(db, rows);
  if (anchor) return { ok: false, entries: rows.length, firstBadSeq: anchor.seq, message: anchor.message };
  return { ok: true, entries: rows.length, firstBadSeq: null, message: `操作日志完整，共 ${rows.length} 条，校验通过。` };
}
