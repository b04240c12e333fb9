/**
 * Presents an .xlsx to ExcelJS's streaming reader with its parts in the order that reader needs.
 *
 * Why: the streaming reader handles zip entries in file order. It needs xl/workbook.xml,
 * the workbook's relationships and the shared strings before the first worksheet; writers differ
 * (ExcelJS's own writer puts xl/workbook.xml last, LibreOffice puts the shared strings after the
 * sheets). Sheets that come early are either parsed without the workbook (ExcelJS 4.4 then throws
 * "Cannot read properties of undefined (reading 'sheets')") or spooled to temp files that hold the
 * file's contents (ID numbers) outside our control. We know every entry's place from the central
 * directory, so we read the bytes of each needed entry in our order instead and end the stream with
 * an empty end-of-directory record (the streaming parser never uses the directory's offsets).
 * Parts the reader ignores (themes, images, printer settings) are not read at all.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { ZipEntryInfo, ZipLayout } from './zip-inspect';

/** A byte range [start, end) of the file: one entry's local header, data and data descriptor. */
export interface ZipSpan {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

const LEADING_PARTS = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'];
const WORKSHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;
const WORKSHEET_RELS = /^xl\/worksheets\/_rels\/sheet(\d+)\.xml\.rels$/;

function sheetNumber(name: string, pattern: RegExp): number {
  return Number(pattern.exec(name)?.[1] ?? Number.MAX_SAFE_INTEGER);
}

/**
 * The spans to stream, in reading order: workbook relationships, workbook, shared strings, styles,
 * then worksheets (and their relationships) by sheet number. An entry's bytes run to the next
 * entry's local header (or the central directory), so data descriptors come along.
 */
export function xlsxReadingOrder(layout: ZipLayout): ZipSpan[] {
  const byOffset = [...layout.entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  const spanOf = new Map<ZipEntryInfo, ZipSpan>();
  byOffset.forEach((e, i) => {
    const next = byOffset[i + 1];
    spanOf.set(e, { name: e.name, start: e.localHeaderOffset, end: next ? next.localHeaderOffset : layout.centralDirectoryOffset });
  });
  const pick = (filter: (e: ZipEntryInfo) => boolean, order: (a: ZipEntryInfo, b: ZipEntryInfo) => number): ZipSpan[] =>
    layout.entries
      .filter(filter)
      .sort(order)
      .map((e) => spanOf.get(e))
      .filter((s): s is ZipSpan => s !== undefined);
  const leading = pick(
    (e) => LEADING_PARTS.includes(e.name),
    (a, b) => LEADING_PARTS.indexOf(a.name) - LEADING_PARTS.indexOf(b.name),
  );
  const sheets = pick(
    (e) => WORKSHEET.test(e.name) || WORKSHEET_RELS.test(e.name),
    (a, b) => {
      const na = WORKSHEET.test(a.name) ? sheetNumber(a.name, WORKSHEET) : sheetNumber(a.name, WORKSHEET_RELS);
      const nb = WORKSHEET.test(b.name) ? sheetNumber(b.name, WORKSHEET) : sheetNumber(b.name, WORKSHEET_RELS);
      // A sheet's relationships (hyperlinks) follow the sheet.
      return na - nb || (WORKSHEET.test(a.name) ? -1 : 1);
    },
  );
  // One part listed twice in the directory would be read twice: keep the first.
  const seen = new Set<string>();
  return [...leading, ...sheets].filter((s) => (seen.has(s.name) ? false : (seen.add(s.name), true)));
}

/** An empty end-of-central-directory record: ends the streaming parser cleanly. */
function emptyEndOfDirectory(): Buffer {
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  return eocd;
}

/** A stream of the file's bytes for `spans`, in that order, followed by an empty end record. */
export function orderedZipStream(file: string, spans: readonly ZipSpan[], highWaterMark = 256 * 1024): Readable {
  async function* bytes(): AsyncGenerator<Buffer> {
    for (const span of spans) {
      if (span.end <= span.start) continue;
      for await (const chunk of fs.createReadStream(file, { start: span.start, end: span.end - 1, highWaterMark })) yield chunk as Buffer;
    }
    yield emptyEndOfDirectory();
  }
  return Readable.from(bytes(), { objectMode: false });
}

/** Total bytes `orderedZipStream` reads from the file (for progress). */
export function spanBytes(spans: readonly ZipSpan[]): number {
  return spans.reduce((sum, s) => sum + Math.max(0, s.end - s.start), 0);
}
