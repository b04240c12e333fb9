/**
 * What the logical backup, the restore and `check` need to know of a PostgreSQL schema, read from
 * pg_catalog. Only dialect.ts and the other platform/db modules use it: features never see
 * catalog SQL.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- works on any schema
type AnyDb = Kysely<any>;

/** The base tables of the current schema, by name. */
export async function postgresTables(db: AnyDb): Promise<string[]> {
  const rows = await sql<{ name: string }>`select c.relname as name from pg_class c
    where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r' order by c.relname`.execute(db);
  return rows.rows.map((r) => r.name);
}

/** A table's primary-key columns in key order (empty when it has none). */
export async function primaryKeyColumns(db: AnyDb, table: string): Promise<string[]> {
  const rows = await sql<{ name: string }>`select a.attname as name
    from pg_index i join lateral unnest(i.indkey) with ordinality as k(attnum, n) on true
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
    where i.indrelid = ${table}::text::regclass and i.indisprimary order by k.n`.execute(db);
  return rows.rows.map((r) => r.name);
}

export interface ForeignKey {
  table: string;
  name: string;
  definition: string;
}

/** Every foreign key of the current schema, with the definition that re-creates it. */
export async function foreignKeys(db: AnyDb): Promise<ForeignKey[]> {
  const rows =
    await sql<ForeignKey>`select c.conrelid::regclass::text as table, c.conname as name, pg_get_constraintdef(c.oid) as definition
    from pg_constraint c where c.contype = 'f' and c.connamespace = current_schema()::regnamespace order by 1, 2`.execute(db);
  return rows.rows;
}

/** The program's own triggers (the append-only guards), per table. */
export async function userTriggers(db: AnyDb): Promise<{ table: string; name: string }[]> {
  const rows = await sql<{ table: string; name: string }>`select c.relname as table, t.tgname as name
    from pg_trigger t join pg_class c on c.oid = t.tgrelid
    where not t.tgisinternal and c.relnamespace = current_schema()::regnamespace order by 1, 2`.execute(db);
  return rows.rows;
}

/** Columns numbered by the database (identity columns), whose sequences must follow explicit ids. */
export async function identityColumns(db: AnyDb): Promise<{ table: string; column: string }[]> {
  const rows = await sql<{ table: string; column: string }>`select c.relname as table, a.attname as column
    from pg_attribute a join pg_class c on c.oid = a.attrelid
    where a.attidentity <> '' and c.relnamespace = current_schema()::regnamespace and c.relkind = 'r' order by 1, 2`.execute(db);
  return rows.rows;
}

/**
 * Rows whose parent is missing, per foreign key (PostgreSQL enforces foreign keys, so this finds
 * only what was forced past them, e.g. while triggers were disabled by a superuser).
 */
export async function orphanRows(db: AnyDb): Promise<{ table: string; constraint: string; parent: string; rows: number }[]> {
  const keys = (
    await sql<{ table: string; name: string; parent: string; columns: string[]; parent_columns: string[] }>`select
        c.conrelid::regclass::text as table, c.conname as name, c.confrelid::regclass::text as parent,
        array(select attname from unnest(c.conkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i)::text[] as columns,
        array(select attname from unnest(c.confkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i)::text[] as parent_columns
      from pg_constraint c where c.contype = 'f' and c.connamespace = current_schema()::regnamespace order by 1, 2`.execute(db)
  ).rows;
  const out: { table: string; constraint: string; parent: string; rows: number }[] = [];
  for (const key of keys) {
    const notNull = sql.join(
      key.columns.map((c) => sql`child.${sql.ref(c)} is not null`),
      sql` and `,
    );
    const match = sql.join(
      key.columns.map((c, i) => sql`parent.${sql.ref(key.parent_columns[i]!)} = child.${sql.ref(c)}`),
      sql` and `,
    );
    const n = await sql<{ n: number }>`select count(*) as n from ${sql.table(key.table)} child
      where ${notNull} and not exists (select 1 from ${sql.table(key.parent)} parent where ${match})`.execute(db);
    const rows = Number(n.rows[0]?.n ?? 0);
    if (rows > 0) out.push({ table: key.table, constraint: key.name, parent: key.parent, rows });
  }
  return out;
}
