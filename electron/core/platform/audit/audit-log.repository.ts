/**
 * Storage of the hash-chained audit log and its anchor (app_meta `audit.head`). The chain's rules
 * (hashing, linking, verifying) are in audit-log.ts; readers of the log for people are in the
 * audit-trail feature.
 */
import type { Insertable, Selectable } from 'kysely';
import type { DbOrTrx } from '../db/schema';
import type { AuditLogTable } from '../db/schema/core.schema';

export type AuditLogRow = Selectable<AuditLogTable>;

/** The hash of the newest entry, or undefined for an empty log. */
export async function lastEntryHash(db: DbOrTrx): Promise<string | undefined> {
  const last = await db.selectFrom('audit_log').select(['hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return last?.hash;
}

export async function insertEntry(db: DbOrTrx, values: Insertable<AuditLogTable>): Promise<number> {
  const result = await db.insertInto('audit_log').values(values).returning('seq').executeTakeFirstOrThrow();
  return result.seq;
}

/** The whole chain, oldest first. */
export async function allEntries(db: DbOrTrx): Promise<AuditLogRow[]> {
  return db.selectFrom('audit_log').selectAll().orderBy('seq', 'asc').execute();
}

export async function readMeta(db: DbOrTrx, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('app_meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function writeMeta(db: DbOrTrx, key: string, value: string): Promise<void> {
  await db
    .insertInto('app_meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
