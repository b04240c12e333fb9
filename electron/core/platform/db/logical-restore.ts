/**
 * Restoring a logical backup (logical-backup.ts). The rows first go into a new SQLite file built
 * by our own migrations at the backup's schema version — every foreign key checked there — and
 * that file is then migrated to this program's version like any older database. From it:
 * - onto SQLite, the file is a backup like any other (the usual restore swaps it in);
 * - onto PostgreSQL, replaceAllRows copies its rows over the live ones in ONE transaction.
 * So an older backup is brought up to date by the same migrations that upgrade a database.
 */
import { sql, type Kysely } from 'kysely';
import { bulkInsert } from './bulk-insert';
import { openDatabase } from './connection';
import { afterExplicitIds } from './dialect';
import type { LogicalBackup } from './logical-backup';
import { MIGRATIONS } from './migrations/index';
import { foreignKeys, identityColumns, postgresTables, userTriggers } from './postgres-catalog';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- copies every table, whatever its type
type AnyDb = Kysely<any>;

/** SQLite's tables and triggers of ours, in creation order. */
async function sqliteObjects(db: AnyDb) {
  const objects = (
    await sql<{
      type: string;
      name: string;
      sql: string;
    }>`select type, name, sql from sqlite_master where type in ('table', 'trigger') and name not like 'sqlite\\_%' escape '\\' order by rowid`.execute(
      db,
    )
  ).rows;
  return { tables: objects.filter((o) => o.type === 'table').map((o) => o.name), triggers: objects.filter((o) => o.type === 'trigger') };
}

/**
 * A new SQLite file `file` (must not exist) holding the backup's rows, at the backup's schema
 * version. Throws when the rows do not hold together (a foreign key without its parent).
 */
export async function materialiseLogicalBackup(backup: LogicalBackup, file: string): Promise<void> {
  const migrations = MIGRATIONS.filter((m) => m.version <= backup.manifest.schemaVersion);
  const { db: target } = await openDatabase(file, { backupsDir: '', now: () => new Date(), migrations });
  try {
    const { tables, triggers } = await sqliteObjects(target);
    // Rows are loaded parents before children only by chance: checked once all are in.
    await sql`pragma foreign_keys = off`.execute(target);
    await target.transaction().execute(async (out) => {
      // What the migrations seeded gives way to the backup's rows (the append-only guards are put
      // back, with their exact SQL, once the rows are in).
      for (const t of triggers) await sql`drop trigger ${sql.id(t.name)}`.execute(out);
      for (const table of tables) {
        await sql`delete from ${sql.table(table)}`.execute(out);
        const data = backup.tables.get(table);
        if (!data) continue;
        const rows = data.rows.map((row) => Object.fromEntries(data.columns.map((c, i) => [c, row[i]])));
        await bulkInsert(out, table, rows, undefined, { keepNullColumns: true });
      }
      for (const t of triggers) await sql.raw(t.sql).execute(out);
    });
    await sql`pragma foreign_keys = on`.execute(target);
    const broken = (await sql`pragma foreign_key_check`.execute(target)).rows;
    if (broken.length > 0) throw new Error(`${broken.length} 行数据引用了不存在的记录（外键）`);
  } finally {
    await target.destroy();
  }
}

/**
 * Replace every row of the PostgreSQL database `target` with the rows of `source` (a database of
 * the same schema version), in ONE transaction: the foreign keys are dropped and re-created (which
 * checks every row), the append-only triggers disabled and re-enabled, identity sequences moved
 * past the restored ids. DDL is transactional on PostgreSQL: on any failure all of it rolls back,
 * the rows, the keys and the triggers as they were.
 */
export async function replaceAllRows(target: AnyDb, source: AnyDb): Promise<void> {
  const { tables: sourceTables } = await sqliteObjects(source);
  await target.transaction().execute(async (trx) => {
    const tables = await postgresTables(trx);
    const missing = tables.filter((t) => !sourceTables.includes(t)).concat(sourceTables.filter((t) => !tables.includes(t)));
    if (missing.length > 0) throw new Error(`表不一致：${missing.join('、')}`);
    const keys = await foreignKeys(trx);
    const triggers = await userTriggers(trx);
    for (const k of keys) await sql`alter table ${sql.table(k.table)} drop constraint ${sql.id(k.name)}`.execute(trx);
    for (const t of triggers) await sql`alter table ${sql.table(t.table)} disable trigger ${sql.id(t.name)}`.execute(trx);
    await sql`truncate ${sql.join(tables.map((t) => sql.table(t)))}`.execute(trx);
    for (const table of tables) {
      const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(source)).rows;
      await bulkInsert(trx, table, rows, undefined, { keepNullColumns: true });
    }
    for (const k of keys)
      await sql`alter table ${sql.table(k.table)} add constraint ${sql.id(k.name)} ${sql.raw(k.definition)}`.execute(trx);
    for (const t of triggers) await sql`alter table ${sql.table(t.table)} enable trigger ${sql.id(t.name)}`.execute(trx);
    for (const { table, column } of await identityColumns(trx)) await afterExplicitIds(trx, table, column);
  });
}
