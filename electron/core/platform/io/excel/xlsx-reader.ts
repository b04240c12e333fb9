/**
 * .xlsx through ExcelJS's streaming WorkbookReader (sharedStrings 'cache', styles 'cache' so date
 * formats are known), turned into plain rows. Every cell is normalised here: rich text joined,
 * formula -> cached result (no result or an error -> invalid cell), dates kept as Date (read with
 * UTC getters downstream).
 */
import fs from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import ExcelJS from './exceljs';
import type { PlainSheet, PlainWorkbook, RowSink, SheetCell, SheetRow } from '../../../../../shared/domain/roster/sheet-cell';
import { AppError } from '../../../../../shared/ipc/errors';
import { invalidFile, isDamagedFileError, readFailure } from './spreadsheet-errors';
import { entriesIntact, type ZipEntryInfo, type ZipLayout } from './zip-inspect';
import { orderedZipStream, spanBytes, xlsxReadingOrder, type ZipSpan } from './zip-reorder';

export interface XlsxReadOptions {
  readonly maxCells: number;
  /** Absolute time (ms since epoch) after which reading is abandoned. */
  readonly deadline: number;
  readonly signal?: AbortSignal;
  /** Called with the fraction (0..1) of the bytes to read consumed so far. */
  readonly onFraction?: (fraction: number) => void;
  /** Sheets to keep rows of (by workbook order index is unknown while streaming, so by name); default all. */
  readonly keepSheet?: (name: string) => boolean;
  /** When given, rows go to the sink as they are read and are not kept (the sheets come back empty). */
  readonly sink?: RowSink;
}

// The parts of ExcelJS's streaming objects we use (its typings do not describe them).
interface StreamCell {
  readonly value: unknown;
  readonly numFmt?: string;
}
interface StreamRow {
  readonly number: number;
  eachCell(opts: { includeEmpty: boolean }, fn: (cell: StreamCell, col: number) => void): void;
}
interface StreamWorksheet extends AsyncIterable<StreamRow> {
  readonly id: number | string;
  readonly name: string;
  readonly state?: string;
}
interface StreamWorkbook extends AsyncIterable<StreamWorksheet> {
  readonly model?: { sheets?: { id: number | string; name: string; rId?: string; state?: string }[] };
  readonly workbookRels?: { Id: string; Target: string }[];
  readonly properties?: { model?: { date1904?: boolean } };
  readonly stream?: fs.ReadStream;
}

/** Inflates an in-memory part once to check its real size (local headers may lie about it). */
export async function verifyInflatedSize(file: string, entry: ZipEntryInfo, limit: number, fd: number): Promise<void> {
  if (entry.method === 0) {
    if (entry.compressedSize > limit) throw invalidFile('tooLarge');
    return;
  }
  if (entry.method !== 8) throw invalidFile('nonStandard', `压缩方式 ${entry.method}`);
  const header = Buffer.alloc(30);
  fs.readSync(fd, header, 0, 30, entry.localHeaderOffset);
  const dataStart = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (entry.compressedSize === 0) return;
  let total = 0;
  const counter = new Writable({
    write(chunk: Buffer, _enc, cb) {
      total += chunk.length;
      cb(total > limit ? invalidFile('tooLarge') : null);
    },
  });
  try {
    await pipeline(fs.createReadStream(file, { start: dataStart, end: dataStart + entry.compressedSize - 1 }), createInflateRaw(), counter);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalidFile('corrupt');
  }
}

/** The error for a read stopped by the user. */
export function cancelled(): AppError {
  return new AppError('CANCELLED', '已取消导入，没有写入任何数据');
}

function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const stripped = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymd]/i.test(stripped) && !/^[#0.,%\s]+$/.test(stripped);
}

function serialToDate(serial: number, date1904: boolean): Date {
  const whole = Math.floor(serial);
  const days = date1904 ? whole + 1462 - 25569 : whole - 25569 + (whole < 61 ? 1 : 0);
  return new Date(days * 86_400_000);
}

/** Turns an ExcelJS cell value into a plain cell. */
export function normalizeCellValue(value: unknown, numFmt: string | undefined, date1904: boolean): SheetCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : { kind: 'invalid', text: '#ERROR' };
  if (typeof value === 'boolean') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { kind: 'invalid', text: '#ERROR' } : value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) {
      return (v.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
    }
    if ('formula' in v || 'sharedFormula' in v) {
      const result = v.result;
      if (result === undefined || result === null) return { kind: 'invalid', text: `=${String(v.formula ?? v.sharedFormula ?? '')}` };
      if (typeof result === 'number') {
        if (!Number.isFinite(result)) return { kind: 'invalid', text: '#ERROR' };
        return isDateFormat(numFmt) ? serialToDate(result, date1904) : result;
      }
      if (typeof result === 'object' && result !== null && 'error' in result) {
        return { kind: 'invalid', text: String((result as { error: unknown }).error) };
      }
      return normalizeCellValue(result, undefined, date1904);
    }
    if (typeof v.error === 'string') return { kind: 'invalid', text: v.error };
    if (typeof v.text === 'string') return v.text; // hyperlink
    if (typeof v.text === 'object' && v.text !== null) return normalizeCellValue(v.text, numFmt, date1904);
    if ('sharedString' in v) return { kind: 'invalid', text: '#ERROR' };
  }
  return null;
}

/**
 * Streams an .xlsx into plain sheets. Throws INVALID_FILE for unreadable content, CANCELLED when
 * the signal aborts, and INVALID_FILE(timeout) after the deadline.
 */
export async function readXlsx(file: string, layout: ZipLayout, options: XlsxReadOptions): Promise<PlainWorkbook> {
  if (options.signal?.aborted) throw cancelled();
  const spans = xlsxReadingOrder(layout);
  const total = spanBytes(spans);
  const input = orderedZipStream(file, spans);
  let bytes = 0;
  // A corrupt zip can leave ExcelJS waiting forever without an error. Watch for progress (bytes
  // read, rows parsed): none for a while means the file is damaged, not merely large.
  let lastProgress = Date.now();
  let inputEnded = false;
  const touch = () => {
    lastProgress = Date.now();
  };
  input.on('data', (chunk) => {
    bytes += chunk.length;
    touch();
    options.onFraction?.(total > 0 ? Math.min(1, bytes / total) : 1);
  });
  input.on('end', () => {
    inputEnded = true;
    touch();
  });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  }) as unknown as StreamWorkbook;
  // Without a shared-strings part the reader would spool every sheet to a temp file while it waits
  // for one; there is none coming, so tell it the (empty) table is complete.
  if (!layout.entries.some((e) => e.name === 'xl/sharedStrings.xml'))
    (reader as unknown as { sharedStrings: unknown[] }).sharedStrings = [];

  let timer: NodeJS.Timeout | undefined;
  let watchdog: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    const remaining = Math.max(0, options.deadline - Date.now());
    timer = setTimeout(() => reject(invalidFile('timeout')), remaining);
    watchdog = setInterval(() => {
      const idle = Date.now() - lastProgress;
      if (idle > (inputEnded ? STALL_AFTER_END_MS : STALL_MS)) reject(invalidFile('corrupt'));
    }, 500);
    onAbort = () => reject(cancelled());
    options.signal?.addEventListener('abort', onAbort, { once: true });
  });
  // Never leave the race's loser unhandled.
  stop.catch(() => undefined);
  try {
    return await Promise.race([consume(reader, options, touch), stop]);
  } catch (error) {
    throw await xlsxReadFailure(file, layout, spans, error);
  } finally {
    if (timer) clearTimeout(timer);
    if (watchdog) clearInterval(watchdog);
    if (onAbort) options.signal?.removeEventListener('abort', onAbort);
    input.destroy();
  }
}

/**
 * What to report for an exception met while streaming: a damaged file when the error says so or
 * when a part we read does not match its CRC-32; otherwise the fault is ours, and the message
 * must not send the user hunting for a problem in a good file.
 */
async function xlsxReadFailure(file: string, layout: ZipLayout, spans: readonly ZipSpan[], error: unknown): Promise<AppError> {
  if (error instanceof AppError || isDamagedFileError(error)) return readFailure(error);
  const read = new Set(spans.map((s) => s.name));
  const intact = await entriesIntact(
    file,
    layout.entries.filter((e) => read.has(e.name)),
  ).catch(() => false);
  return intact ? readFailure(error) : invalidFile('corrupt');
}

/** No progress for this long means a stalled parser (a damaged file), not a large one. */
const STALL_MS = 15_000;
const STALL_AFTER_END_MS = 4_000;

async function consume(reader: StreamWorkbook, options: XlsxReadOptions, touch: () => void): Promise<PlainWorkbook> {
  const collected: { sheet: SheetIdentity; rows: SheetRow[]; position: number }[] = [];
  let cells = 0;
  let position = 0;
  const sink = options.sink;
  for await (const streamed of reader) {
    const worksheet = identify(reader, streamed);
    const date1904 = reader.properties?.model?.date1904 === true;
    const keep = options.keepSheet ? options.keepSheet(worksheet.name) : true;
    const rows: SheetRow[] = [];
    sink?.startSheet({ name: sheetName(worksheet, position), index: position, hidden: isHidden(worksheet) });
    let count = 0;
    touch();
    for await (const row of streamed) {
      count += 1;
      touch();
      if ((count & 255) === 0) {
        if (options.signal?.aborted) throw cancelled();
        if (Date.now() > options.deadline) throw invalidFile('timeout');
      }
      if (!keep) continue;
      const out: SheetCell[] = [];
      let any = false;
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        const value = normalizeCellValue(cell.value, cell.numFmt, date1904);
        if (value === null || col < 1 || col > 16384) return;
        out[col - 1] = value;
        any = true;
        cells += 1;
      });
      if (cells > options.maxCells) throw invalidFile('tooManyCells');
      // Styled empty rows carry no values: drop them here rather than carry them downstream.
      if (!any) continue;
      for (let i = 0; i < out.length; i += 1) if (out[i] === undefined) out[i] = null;
      if (sink) sink.row({ rowNumber: row.number, cells: out });
      else rows.push({ rowNumber: row.number, cells: out });
    }
    sink?.endSheet();
    collected.push({ sheet: worksheet, rows, position: position++ });
  }
  const date1904 = reader.properties?.model?.date1904 === true;
  // Zip order is not workbook order: sort by the workbook's sheet list where known.
  const order = new Map<string, number>();
  (reader.model?.sheets ?? []).forEach((s, i) => order.set(String(s.id), i));
  collected.sort((a, b) => (order.get(String(a.sheet.id)) ?? 1000 + a.position) - (order.get(String(b.sheet.id)) ?? 1000 + b.position));
  const sheets: PlainSheet[] = collected.map((c, index) => ({
    name: sheetName(c.sheet, index),
    index,
    hidden: isHidden(c.sheet),
    rows: c.rows,
  }));
  return { format: 'xlsx', date1904, sheets };
}

/** A worksheet's workbook id, name and visibility. */
interface SheetIdentity {
  readonly id: number | string;
  readonly name: string;
  readonly state?: string;
}

/**
 * ExcelJS names a sheet only when the workbook relationship's target is written exactly as
 * "worksheets/sheetN.xml"; writers may also write "/xl/worksheets/sheetN.xml" or
 * "./worksheets/sheetN.xml", and the sheet would come back as "SheetN" (a field sheet named after
 * its community then matches nothing). Resolve those targets here.
 */
function identify(reader: StreamWorkbook, ws: StreamWorksheet): SheetIdentity {
  const sheets = reader.model?.sheets ?? [];
  const named = sheets.find((s) => String(s.id) === String(ws.id) && s.name === ws.name);
  if (named) return ws;
  const target = (t: string) => t.replace(/^\//, '').replace(/^xl\//, '').replace(/^\.\//, '');
  const rel = (reader.workbookRels ?? []).find((r) => target(r.Target) === `worksheets/sheet${String(ws.id)}.xml`);
  const sheet = rel ? sheets.find((s) => s.rId === rel.Id) : undefined;
  return sheet ? { id: sheet.id, name: sheet.name, ...(sheet.state ? { state: sheet.state } : {}) } : ws;
}

function sheetName(sheet: SheetIdentity, index: number): string {
  return typeof sheet.name === 'string' && sheet.name !== '' ? sheet.name : `Sheet${index + 1}`;
}

function isHidden(sheet: SheetIdentity): boolean {
  return sheet.state === 'hidden' || sheet.state === 'veryHidden';
}
