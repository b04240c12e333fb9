/**
 * `check` on PostgreSQL: is the live schema the one our migrations build? Our migrations run in a
 * scratch schema of the same database, inside one transaction that is rolled back at the end (so
 * nothing is left behind, even on a crash), and the two are compared object by object from
 * pg_catalog: tables, columns (type, nullability, default, identity, collation), constraints,
 * indexes, triggers, functions and views. A planted trigger or a changed column shows up by name.
 */
import { sql, type Kysely } from 'kysely';
import { applyMigration } from './connection';
import { POSTGRES_PRELUDE } from './dialect';
import { MIGRATIONS } from './migrations/index';
import { compareSchema, type SchemaObject } from './schema-check';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- reads any schema
type AnyDb = Kysely<any>;

class RollBack extends Error {}

/** Differences in Chinese (see compareSchema); empty when the live schema is ours at `version`. */
export async function postgresSchemaProblems(db: AnyDb, version: number): Promise<string[]> {
  const scratch = `appraisal_check_${Math.random().toString(36).slice(2, 10)}`;
  let problems: string[] = [];
  try {
    await db.transaction().execute(async (trx) => {
      const live = (await sql<{ name: string }>`select current_schema() as name`.execute(trx)).rows[0]!.name;
      const actual = await describeSchema(trx, live);
      await sql`create schema ${sql.id(scratch)}`.execute(trx);
      await sql`set local search_path to ${sql.id(scratch)}`.execute(trx);
      for (const statement of POSTGRES_PRELUDE) await sql.raw(statement).execute(trx);
      for (const m of MIGRATIONS.filter((x) => x.version <= version)) await applyMigration(trx as never, m, () => new Date(0));
      problems = compareSchema(actual, await describeSchema(trx, scratch));
      throw new RollBack();
    });
  } catch (err) {
    if (err instanceof RollBack) return problems;
    if ((err as { code?: string }).code === '42501') {
      return [
        '当前数据库用户没有建立临时结构（CREATE SCHEMA）的权限，未能比对数据库结构。请由数据库管理员授予该权限，或以数据库所有者身份运行检查',
      ];
    }
    throw err;
  }
  return problems;
}

/** The schema's objects as comparable text, its own name taken out of every definition. */
async function describeSchema(db: AnyDb, schema: string): Promise<SchemaObject[]> {
  const rows = (
    await sql<SchemaObject>`
      select 'table'::text as type, c.relname::text as name, ''::text as sql from pg_class c
        where c.relnamespace = ${schema}::regnamespace and c.relkind = 'r'
      union all
      select 'column', c.relname || '.' || a.attname,
          format_type(a.atttypid, a.atttypmod) || case when a.attnotnull then ' not null' else '' end
          || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
          || case when a.attidentity <> '' then ' identity ' || a.attidentity::text else '' end
          || coalesce(' collate ' || nullif(co.collname, 'default'), '')
          || ' #' || a.attnum::text
        from pg_attribute a join pg_class c on c.oid = a.attrelid
        left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
        left join pg_collation co on co.oid = a.attcollation
        where c.relnamespace = ${schema}::regnamespace and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
      union all
      select 'constraint', c.relname || '.' || k.conname, pg_get_constraintdef(k.oid) from pg_constraint k
        join pg_class c on c.oid = k.conrelid where c.relnamespace = ${schema}::regnamespace
      union all
      select 'index', i.indexname, i.indexdef from pg_indexes i where i.schemaname = ${schema}
      union all
      select 'trigger', c.relname || '.' || t.tgname, pg_get_triggerdef(t.oid) from pg_trigger t
        join pg_class c on c.oid = t.tgrelid where not t.tgisinternal and c.relnamespace = ${schema}::regnamespace
      union all
      select 'function', p.proname, p.prosrc from pg_proc p where p.pronamespace = ${schema}::regnamespace
      union all
      select 'view', c.relname, pg_get_viewdef(c.oid) from pg_class c
        where c.relnamespace = ${schema}::regnamespace and c.relkind in ('v', 'm')
      order by 1, 2`.execute(db)
  ).rows;
  const qualified = new RegExp(`(?:"${schema}"|\\b${schema})\\.`, 'g');
  return rows.map((r) => ({ type: r.type, name: r.name, sql: r.sql.replace(qualified, '').replace(/\s+/g, ' ').trim() }));
}
