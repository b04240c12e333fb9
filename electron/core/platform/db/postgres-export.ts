/**
 * The in-app backup of a PostgreSQL database: a logical export into a new SQLite file of the very
 * same schema (our own migrations build it), so a backup made on the server is a backup like any
 * other — checked the same way before a restore, openable on any PC. The rows are read in one
 * repeatable-read transaction: a consistent snapshot, as SQLite's VACUUM INTO gives.
 * IT backs up the server itself with pg_dump as well (see README).
 */
import { sql, type Kysely } from 'kysely';
import { bulkInsert } from './bulk-insert';
import { openDatabase } from './connection';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- copies every table, whatever its type
type AnyDb = Kysely<any>;

export async function exportPostgresToSqlite(source: AnyDb, targetFile: string): Promise<void> {
  const { db: target } = await openDatabase(targetFile, { backupsDir: '', now: () => new Date() });
  try {
    const objects = (
      await sql<{
        type: string;
        name: string;
        sql: string;
      }>`select type, name, sql from sqlite_master where type in ('table', 'trigger') and name not like 'sqlite\\_%' escape '\\' order by rowid`.execute(
        target,
      )
    ).rows;
    const tables = objects.filter((o) => o.type === 'table').map((o) => o.name);
    const triggers = objects.filter((o) => o.type === 'trigger');
    // Rows are loaded parents before children only by chance: checked once all are in.
    await sql`pragma foreign_keys = off`.execute(target);
    await target.transaction().execute(async (out) => {
      // What the migrations seeded in the new file gives way to the exported rows (the append-only
      // guards are put back, with their exact SQL, once the rows are in).
      for (const t of triggers) await sql`drop trigger ${sql.id(t.name)}`.execute(out);
      for (const table of tables) await sql`delete from ${sql.table(table)}`.execute(out);
      await source
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (snapshot) => {
          for (const table of tables) {
            const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(snapshot)).rows;
            await bulkInsert(out, table, rows);
          }
        });
      for (const t of triggers) await sql.raw(t.sql).execute(out);
    });
    await sql`pragma foreign_keys = on`.execute(target);
    const broken = (await sql`pragma foreign_key_check`.execute(target)).rows;
    if (broken.length > 0) throw new Error(`foreign keys broken in the export (${broken.length})`);
  } finally {
    await target.destroy();
  }
}
