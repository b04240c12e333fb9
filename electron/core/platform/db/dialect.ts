/**
 * Everything SQLite-specific lives here, so a shared PostgreSQL database later needs a second
 * implementation of this module, not a rewrite of services and repositories.
 */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';

/** Pragmas for durability: a typed score must survive a power cut. */
export const CONNECTION_PRAGMAS = [
  'pragma journal_mode = wal',
  'pragma synchronous = full',
  'pragma foreign_keys = on',
  // Each try waits this long for another program's write to finish (the driver tries 3 times).
  'pragma busy_timeout = 2000',
] as const;

/** Suffix for new tables (type-checked columns). */
export const STRICT = ' strict';

/** Consistent online copy of the whole database into a new file. */
export async function copyDatabaseTo<DB>(db: Kysely<DB>, targetFile: string): Promise<void> {
  await sql`vacuum into ${targetFile}`.execute(db);
}

/** `ok` or a list of problems. */
export async function integrityCheck<DB>(db: Kysely<DB>): Promise<string[]> {
  const result = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
  const lines = result.rows.map((r) => r.integrity_check);
  return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
}

/** Rows that point at a missing parent (SQLite's foreign_key_check); empty when every link holds. */
export async function foreignKeyCheck<DB>(db: Kysely<DB>): Promise<Record<string, unknown>[]> {
  return (await sql<Record<string, unknown>>`pragma foreign_key_check`.execute(db)).rows;
}

/** Whether a table exists (used before migrations create the bookkeeping tables). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- works on any schema, before typed tables exist
export async function tableExists(db: Kysely<any>, table: string): Promise<boolean> {
  const result = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = ${table}`.execute(db);
  return (result.rows[0]?.n ?? 0) > 0;
}

/** Ensure the write-ahead log is folded back into the main file (before copying the file itself). */
export async function checkpoint<DB>(db: Kysely<DB>): Promise<void> {
  await sql`pragma wal_checkpoint(truncate)`.execute(db);
}

/**
 * `column` contains `text` literally: % and _ typed by the user are matched as themselves, not as
 * wildcards (SQLite's LIKE has no escape character unless one is named).
 */
export function containsText(column: string, text: string): RawBuilder<SqlBool> {
  const pattern = `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '\\'`;
}

/** Names of the triggers in the database. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- works on any schema
export async function triggerNames(db: Kysely<any>): Promise<Set<string>> {
  const result = await sql<{ name: string }>`select name from sqlite_master where type = 'trigger'`.execute(db);
  return new Set(result.rows.map((r) => r.name));
}
