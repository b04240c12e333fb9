/**
 * The 操作日志 page: filtered search over the append-only audit log and an Excel export of it.
 */
import ExcelJS from '../../platform/io/excel/exceljs';
import type { AuditEntryDto } from '../../../../shared/ipc/channels/audit.channels';
import { AUDIT_ACTION_LABELS, type AuditFilter } from '../../../../shared/ipc/channels/audit-trail.channels';
import type { AppContext } from '../../app-context';
import type { DbOrTrx } from '../../platform/db/schema';
import { canonicalJson } from '../../../../shared/domain/canonical-json';
import { maskPersonalDataDeep, maskPersonalText } from '../../../../shared/domain/privacy/mask-deep';
import { auditFilterValues, auditRows, countAuditRows, type AuditRow } from './audit-trail.repository';

function parseJson(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}

function toDto(r: AuditRow): AuditEntryDto {
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
    const rows = await auditRows(db, f, order, page);
    const count = page ? await countAuditRows(db, f) : rows.length;
    return { total: count, entries: rows.map(toDto).map((e) => (mask ? maskEntry(e) : e)) };
  }
  const text = f.text;
  const rows = await auditRows(db, { ...f, text: undefined }, order);
  const all = rows
    .map(toDto)
    .map(maskEntry)
    .filter((e) => matchesText(e, text));
  return { total: all.length, entries: page ? all.slice(page.offset, page.offset + page.limit) : all };
}

export async function searchAudit(app: AppContext, input: AuditFilter & { limit: number; offset: number }, mask: boolean) {
  const { limit, offset, ...f } = input;
  const db = app.db;
  const [found, values] = await Promise.all([readEntries(db, f, mask, 'desc', { limit, offset }), auditFilterValues(db)]);
  return { total: found.total, entries: found.entries, ...values };
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
