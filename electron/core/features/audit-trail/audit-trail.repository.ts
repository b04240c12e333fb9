/**
 * Reading the append-only audit log for the 操作日志 page (writing and verifying the chain is
 * platform/audit), and the names the page shows instead of ids and codes.
 */
import { sql, type Selectable } from 'kysely';
import type { AuditFilter } from '../../../../shared/ipc/channels/audit-trail.channels';
import type { DbOrTrx } from '../../platform/db/schema';
import type { AuditLogTable } from '../../platform/db/schema/core.schema';
import { containsText } from '../../platform/db/dialect';

export type AuditRow = Selectable<AuditLogTable>;

/**
 * Entries about one community: score/form entity ids (`2021Q3/<id>/G1`, `2021Q3/<id>`), values that
 * carry its id (`"communityId":<id>`) or its name (round creation, appeals, roster records).
 */
function aboutCommunity(name: string) {
  const id = sql<string>`(select cast(id as text) from communities where name = ${name} limit 1)`;
  const quoted = `%"${name.replace(/[%_\\]/g, (c) => `\\${c}`)}"%`;
  return sql<boolean>`(entity_id like '%/' || ${id} || '/%' or entity_id like '%/' || ${id}
    or after_json like '%"communityId":' || ${id} || ',%' or after_json like '%"communityId":' || ${id} || '}%'
    or after_json like ${quoted} escape '\\' or before_json like ${quoted} escape '\\')`;
}

function filtered(db: DbOrTrx, f: AuditFilter) {
  let q = db.selectFrom('audit_log');
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.actor) q = q.where('actor', '=', f.actor);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.from) q = q.where('at', '>=', `${f.from}T00:00:00.000Z`);
  if (f.to) q = q.where('at', '<=', `${f.to}T23:59:59.999Z`);
  if (f.community) q = q.where(aboutCommunity(f.community));
  if (f.text) {
    const text = f.text;
    q = q.where((eb) =>
      eb.or([
        containsText('entity_id', text),
        containsText('reason', text),
        containsText('before_json', text),
        containsText('after_json', text),
      ]),
    );
  }
  return q;
}

/** The entries matching the filter (the text filter on the stored, unmasked text), in `seq` order. */
export async function auditRows(
  db: DbOrTrx,
  f: AuditFilter,
  order: 'asc' | 'desc',
  page?: { limit: number; offset: number },
): Promise<AuditRow[]> {
  let q = filtered(db, f).selectAll().orderBy('seq', order);
  if (page) q = q.limit(page.limit).offset(page.offset);
  return q.execute();
}

export async function countAuditRows(db: DbOrTrx, f: AuditFilter): Promise<number> {
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The values present in the log, for the page's filter lists. */
export async function auditFilterValues(db: DbOrTrx): Promise<{ actors: string[]; actions: string[]; entities: string[] }> {
  const [actors, actions, entities] = await Promise.all([
    db.selectFrom('audit_log').select('actor').distinct().orderBy('actor').execute(),
    db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute(),
    db.selectFrom('audit_log').select('entity').distinct().orderBy('entity').execute(),
  ]);
  return { actors: actors.map((a) => a.actor), actions: actions.map((a) => a.action), entities: entities.map((e) => e.entity) };
}

/** Communities by id, and the titles of standard codes of every version (oldest first, so the newest wins). */
export async function nameRows(db: DbOrTrx) {
  const [communities, items, categories, bonus, vetoes] = await Promise.all([
    db.selectFrom('communities').select(['id', 'name']).orderBy('id').execute(),
    db.selectFrom('standard_items').select(['code', 'title', 'version']).orderBy('version', 'asc').execute(),
    db.selectFrom('standard_categories').select(['code', 'title', 'version']).orderBy('version', 'asc').execute(),
    db.selectFrom('standard_bonus_items').select(['code', 'title', 'version']).orderBy('version', 'asc').execute(),
    db.selectFrom('standard_veto_items').select(['code', 'title', 'version']).orderBy('version', 'asc').execute(),
  ]);
  return { communities, titledCodes: [...categories, ...bonus, ...vetoes, ...items] };
}
