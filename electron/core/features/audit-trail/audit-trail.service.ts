/**
 * The 操作日志 page: filtered search over the append-only audit log and an Excel export of it.
 */
import { sql } from 'kysely';
import ExcelJS from '../../platform/io/excel/exceljs';
import type { AuditEntryDto } from '../../../../shared/ipc/channels/audit.channels';
import { AUDIT_ACTION_LABELS, type AuditFilter } from '../../../../shared/ipc/channels/audit-trail.channels';
import type { AppContext } from '../../app-context';
import type { DbOrTrx } from '../../platform/db/schema';
import { canonicalJson } from '../../../../shared/domain/canonical-json';
import { maskPersonalDataDeep, maskPersonalText } from '../../../../shared/domain/privacy/mask-deep';
import { containsText } from '../../platform/db/dialect';

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

function parseJson(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}

function toDto(r: {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  reason: string | null;
  hash: string;
}): AuditEntryDto {
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: parseJson(r.before_json),
    after: parseJson(r.after_json),
    reason: r.reason,
    hash: r.hash,
  };
}

/** What a role that sees personal data masked may read of an entry. */
function maskEntry(e: AuditEntryDto): AuditEntryDto {
  return {
    ...e,
    entityId: e.entityId === null ? null : maskPersonalText(e.entityId),
    before: maskPersonalDataDeep(e.before),
    after: maskPersonalDataDeep(e.after),
    reason: e.reason === null ? null : maskPersonalText(e.reason),
  };
}

/** The text search on what the reader sees (masked), so hidden digits cannot be probed by searching. */
function matchesText(e: AuditEntryDto, text: string): boolean {
  const needle = text.toLowerCase();
  return [e.entityId, e.reason, JSON.stringify(e.before), JSON.stringify(e.after)].some(
    (s) => s !== null && s.toLowerCase().includes(needle),
  );
}

/**
 * The filtered entries as `mask` readers see them. Without masking (or without a text filter) SQL
 * does all the filtering and paging; a masked text search filters the masked entries here.
 */
async function readEntries(db: DbOrTrx, f: AuditFilter, mask: boolean, order: 'asc' | 'desc', page?: { limit: number; offset: number }) {
  if (!mask || !f.text) {
    let q = filtered(db, f).selectAll().orderBy('seq', order);
    if (page) q = q.limit(page.limit).offset(page.offset);
    const rows = await q.execute();
    const count = page
      ? Number(
          (
            await filtered(db, f)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirst()
          )?.n ?? 0,
        )
      : rows.length;
    return { total: count, entries: rows.map(toDto).map((e) => (mask ? maskEntry(e) : e)) };
  }
  const text = f.text;
  const rows = await filtered(db, { ...f, text: undefined })
    .selectAll()
    .orderBy('seq', order)
    .execute();
  const all = rows
    .map(toDto)
    .map(maskEntry)
    .filter((e) => matchesText(e, text));
  return { total: all.length, entries: page ? all.slice(page.offset, page.offset + page.limit) : all };
}

export async function searchAudit(app: AppContext, input: AuditFilter & { limit: number; offset: number }, mask: boolean) {
  const { limit, offset, ...f } = input;
  const db = app.db;
  const [found, actors, actions, entities] = await Promise.all([
    readEntries(db, f, mask, 'desc', { limit, offset }),
    db.selectFrom('audit_log').select('actor').distinct().orderBy('actor').execute(),
    db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute(),
    db.selectFrom('audit_log').select('entity').distinct().orderBy('entity').execute(),
  ]);
  return {
    total: found.total,
    entries: found.entries,
    actors: actors.map((a) => a.actor),
    actions: actions.map((a) => a.action),
    entities: entities.map((e) => e.entity),
  };
}

/** The 操作日志 list of `audit:list` (newest first), masked like everywhere else for `mask` readers. */
export async function listAudit(app: AppContext, input: { entity?: string | undefined; limit: number; offset: number }, mask: boolean) {
  const found = await readEntries(app.db, { entity: input.entity }, mask, 'desc', { limit: input.limit, offset: input.offset });
  return { total: found.total, entries: found.entries };
}

const json = (v: unknown) => (v === null || v === undefined ? '' : canonicalJson(v));

/** Writes the filtered log, oldest first, to an .xlsx file; returns the number of entries. */
export async function exportAudit(app: AppContext, f: AuditFilter, file: string, mask: boolean): Promise<number> {
  const { entries } = await readEntries(app.db, f, mask, 'asc');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('操作日志', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '序号', width: 8 },
    { header: '时间', width: 22 },
    { header: '操作人', width: 14 },
    { header: '操作', width: 18 },
    { header: '操作代码', width: 20 },
    { header: '对象', width: 12 },
    { header: '对象编号', width: 22 },
    { header: '修改前', width: 50 },
    { header: '修改后', width: 50 },
    { header: '理由', width: 30 },
    { header: '校验值', width: 66 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for (const r of entries) {
    ws.addRow([
      r.seq,
      new Date(r.at),
      r.actor,
      AUDIT_ACTION_LABELS[r.action] ?? r.action,
      r.action,
      r.entity,
      r.entityId ?? '',
      json(r.before),
      json(r.after),
      r.reason ?? '',
      r.hash,
    ]).commit();
  }
  ws.getColumn(2).numFmt = 'yyyy-mm-dd hh:mm:ss';
  await wb.commit();
  return entries.length;
}
