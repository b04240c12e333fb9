/**
 * The schema a database of a given version must have: built by running our own migrations on an
 * empty in-memory database, then compared object by object (tables, indexes, triggers, views)
 * with a file about to be restored. Anything extra, missing or different is refused: a planted
 * trigger or view in a backup would otherwise run with the app's authority after a restore.
 */
import { sql, type Kysely } from 'kysely';
import { MIGRATIONS } from './migrations/index';
import { openDatabase } from './connection';

export interface SchemaObject {
  type: string;
  name: string;
  sql: string;
}

/** sqlite_master without SQLite's own objects; run by any handle (Kysely or a raw read-only one). */
export const SCHEMA_QUERY = `select type, name, coalesce(sql, '') as sql from sqlite_master where name not like 'sqlite\\_%' escape '\\' order by type, name`;

/** Whitespace does not change meaning; everything else in an object's SQL does. */
export function normaliseSchema(rows: readonly SchemaObject[]): SchemaObject[] {
  return rows.map((r) => ({ type: r.type, name: r.name, sql: r.sql.replace(/\s+/g, ' ').trim() }));
}

const expected = new Map<number, Promise<SchemaObject[]>>();
const expectedColumns = new Map<number, Promise<Map<string, string[]>>>();

/** Run `read` on an empty in-memory database migrated to `version`, cached per version in `cache`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- reads any schema
function atVersion<T>(cache: Map<number, Promise<T>>, version: number, read: (db: Kysely<any>) => Promise<T>): Promise<T> {
  let cached = cache.get(version);
  if (!cached) {
    cached = (async () => {
      const migrations = MIGRATIONS.filter((m) => m.version <= version);
      const { db } = await openDatabase(':memory:', { backupsDir: '', now: () => new Date(0), migrations });
      try {
        return await read(db);
      } finally {
        await db.destroy();
      }
    })();
    cache.set(version, cached);
  }
  return cached;
}

/** Our schema at `version`, from the migrations themselves (cached per version). */
export function expectedSchema(version: number): Promise<SchemaObject[]> {
  return atVersion(expected, version, readSchema);
}

/** Our tables at `version` and their columns in order (SQLite's own tables left out). */
export function expectedTables(version: number): Promise<Map<string, string[]>> {
  return atVersion(expectedColumns, version, async (db) => {
    const tables = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name`.execute(db);
    const out = new Map<string, string[]>();
    for (const { name } of tables.rows) {
      const columns = await sql<{ name: string }>`select name from pragma_table_info(${name}) order by cid`.execute(db);
      out.set(
        name,
        columns.rows.map((c) => c.name),
      );
    }
    return out;
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- reads sqlite_master of any schema
export async function readSchema(db: Kysely<any>): Promise<SchemaObject[]> {
  const rows = (await sql.raw<SchemaObject>(SCHEMA_QUERY).execute(db)).rows;
  return normaliseSchema(rows);
}

/** Differences in Chinese, e.g. `多出的触发器「x」`; empty when the schemas match. */
export function compareSchema(actual: readonly SchemaObject[], wanted: readonly SchemaObject[]): string[] {
  const label: Record<string, string> = {
    table: '表',
    index: '索引',
    trigger: '触发器',
    view: '视图',
    column: '列',
    constraint: '约束',
    function: '函数',
  };
  const key = (o: SchemaObject) => `${o.type}\u0000${o.name}`;
  const want = new Map(wanted.map((o) => [key(o), o]));
  const have = new Map(actual.map((o) => [key(o), o]));
  const problems: string[] = [];
  for (const [k, o] of have) {
    const w = want.get(k);
    if (!w) problems.push(`多出的${label[o.type] ?? o.type}「${o.name}」`);
    else if (w.sql !== o.sql) problems.push(`${label[o.type] ?? o.type}「${o.name}」的定义被修改`);
  }
  for (const [k, o] of want) if (!have.has(k)) problems.push(`缺少${label[o.type] ?? o.type}「${o.name}」`);
  return problems;
}
