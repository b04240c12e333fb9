/**
 * Reads any file the user picked into plain sheets, or refuses it with a clear Chinese message
 * (AppError 'INVALID_FILE'). The format is decided by content, never by extension: .xlsx (zip),
 * CSV/TSV text in UTF-8/UTF-16/GB18030; legacy .xls (OLE2/BIFF), encrypted files, .ods, .xlsb,
 * HTML/XML "xls", PDFs, images, empty, truncated and zip-bomb files are refused before any
 * expensive work. Time and memory are bounded by a deadline and a cell limit.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PlainWorkbook, RowSink } from '../../../../../shared/domain/roster/sheet-cell';
import { readCsvBytes } from './csv-reader';
import { invalidFile, readFailure, type FileProblem } from './spreadsheet-errors';
import { cancelled, readXlsx, verifyInflatedSize } from './xlsx-reader';
import { classifyZip, DEFAULT_ZIP_LIMITS, inMemoryParts, readZipLayout, type ZipLimits } from './zip-inspect';

export type SniffedFormat =
  { readonly kind: 'xlsx' } | { readonly kind: 'csv' } | { readonly kind: 'refused'; readonly problem: FileProblem };

export interface ReadSpreadsheetOptions {
  /** Cap on non-empty cells kept in memory (default 6,000,000). */
  readonly maxCells?: number;
  /** Milliseconds allowed for reading (default: 60 s + 20 s per MB, at most 15 min). */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Progress of reading as a fraction 0..1 of the file's bytes. */
  readonly onProgress?: (fraction: number) => void;
  readonly zipLimits?: ZipLimits;
  /** Largest CSV accepted, in bytes (default 100 MB). */
  readonly maxCsvBytes?: number;
  /** The file's name as the user knows it (staged copies have generated names); names a CSV's sheet. */
  readonly displayName?: string;
  /** Stream rows to this sink instead of keeping them (the returned sheets then have no rows). */
  readonly sink?: RowSink;
}

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const HEAD_BYTES = 4096;

function startsWith(head: Buffer, bytes: readonly number[]): boolean {
  return bytes.every((b, i) => head[i] === b);
}

function utf16(text: string): Buffer {
  return Buffer.from(text, 'utf16le');
}

/** Scans an OLE2 compound file for directory entry names (UTF-16LE) to tell .xls from Word, encrypted OOXML, etc. */
function classifyOle2(fd: number, size: number): FileProblem {
  const limit = Math.min(size, 32 * 1024 * 1024);
  const chunk = Buffer.alloc(Math.min(limit, 4 * 1024 * 1024));
  const names = {
    encrypted: utf16('EncryptedPackage'),
    workbook: utf16('Workbook'),
    book: utf16('Book'),
    word: utf16('WordDocument'),
    ppt: utf16('PowerPoint Document'),
  };
  const found = new Set<keyof typeof names>();
  for (let pos = 0; pos < limit; pos += chunk.length - 64) {
    const n = fs.readSync(fd, chunk, 0, chunk.length, pos);
    if (n <= 0) break;
    const view = chunk.subarray(0, n);
    for (const key of Object.keys(names) as (keyof typeof names)[]) if (view.includes(names[key])) found.add(key);
    if (n < chunk.length) break;
  }
  if (found.has('encrypted')) return 'encrypted';
  if (found.has('workbook') || found.has('book')) return 'legacyXls';
  if (found.has('word')) return 'word';
  if (found.has('ppt')) return 'powerpoint';
  return 'otherOle';
}

/** Decides what a file is from its first bytes (and, for OLE2, its directory names). */
export function sniffSpreadsheet(fd: number, size: number): SniffedFormat {
  if (size === 0) return { kind: 'refused', problem: 'empty' };
  const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
  fs.readSync(fd, head, 0, head.length, 0);
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return { kind: 'xlsx' };
  if (head.subarray(0, 8).equals(OLE2)) return { kind: 'refused', problem: classifyOle2(fd, size) };
  // BIFF2–BIFF4 worksheets are bare records, no OLE2 container.
  if (head[0] === 0x09 && [0x00, 0x02, 0x04].includes(head[1] ?? -1) && head[3] === 0x00) return { kind: 'refused', problem: 'legacyXls' };
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return { kind: 'refused', problem: 'pdf' };
  if (
    startsWith(head, [0x89, 0x50, 0x4e, 0x47]) ||
    startsWith(head, [0xff, 0xd8, 0xff]) ||
    startsWith(head, [0x47, 0x49, 0x46, 0x38]) ||
    startsWith(head, [0x42, 0x4d])
  ) {
    return { kind: 'refused', problem: 'image' };
  }
  if (startsWith(head, [0x52, 0x61, 0x72, 0x21]) || startsWith(head, [0x37, 0x7a, 0xbc, 0xaf]) || startsWith(head, [0x1f, 0x8b])) {
    return { kind: 'refused', problem: 'archive' };
  }
  const text = head
    .toString('latin1')
    .replace(/^\xef\xbb\xbf/, '')
    .replace(/\0/g, '')
    .trimStart()
    .slice(0, 1024)
    .toLowerCase();
  if (text.startsWith('<?xml') || text.startsWith('<workbook')) {
    if (text.includes('urn:schemas-microsoft-com:office:spreadsheet') || text.includes('<workbook'))
      return { kind: 'refused', problem: 'xml2003' };
    if (text.includes('<html')) return { kind: 'refused', problem: 'html' };
    return { kind: 'refused', problem: 'notSpreadsheet' };
  }
  if (/^(<!doctype html|<html|<table|<meta|<head|<body|<style)/.test(text) || /<html[\s>]/.test(text.slice(0, 512))) {
    return { kind: 'refused', problem: 'html' };
  }
  // Other binary content: zero bytes outside UTF-16 text, or many control bytes.
  return { kind: 'csv' };
}

function defaultTimeout(size: number): number {
  return Math.min(15 * 60_000, 60_000 + Math.ceil(size / (1024 * 1024)) * 20_000);
}

/**
 * Reads a spreadsheet file into plain sheets. Throws AppError INVALID_FILE with a Chinese message
 * for anything that cannot be imported, CANCELLED when the signal aborts.
 */
export async function readSpreadsheet(file: string, options: ReadSpreadsheetOptions = {}): Promise<PlainWorkbook> {
  if (options.signal?.aborted) throw cancelled();
  let fd: number;
  let size: number;
  try {
    fd = fs.openSync(file, 'r');
    size = fs.fstatSync(fd).size;
  } catch {
    throw invalidFile('unreadable');
  }
  const maxCells = options.maxCells ?? 6_000_000;
  const deadline = Date.now() + (options.timeoutMs ?? defaultTimeout(size));
  try {
    const sniffed = sniffSpreadsheet(fd, size);
    if (sniffed.kind === 'refused') throw invalidFile(sniffed.problem);
    if (sniffed.kind === 'csv') {
      if (size > (options.maxCsvBytes ?? 100 * 1024 * 1024)) throw invalidFile('tooLarge');
      const bytes = Buffer.alloc(size);
      let done = 0;
      while (done < size) {
        const n = fs.readSync(fd, bytes, done, size - done, done);
        if (n === 0) break;
        done += n;
      }
      const workbook = readCsvBytes(bytes.subarray(0, done), sheetNameFromFile(options.displayName ?? file), { maxCells });
      options.onProgress?.(1);
      const sink = options.sink;
      if (!sink) return workbook;
      for (const sheet of workbook.sheets) {
        sink.startSheet({ name: sheet.name, index: sheet.index, hidden: sheet.hidden });
        for (const row of sheet.rows) sink.row(row);
        sink.endSheet();
      }
      return { ...workbook, sheets: workbook.sheets.map((sh) => ({ ...sh, rows: [] })) };
    }
    const limits = options.zipLimits ?? DEFAULT_ZIP_LIMITS;
    const layout = readZipLayout(fd, size, limits);
    const entries = layout.entries;
    const kind = classifyZip(entries);
    if (kind === 'xlsb') throw invalidFile('xlsb');
    if (kind === 'ods') throw invalidFile('ods');
    if (kind === 'docx') throw invalidFile('word');
    if (kind === 'pptx') throw invalidFile('powerpoint');
    if (kind === 'other') {
      const officeLike = entries.some((e) => e.name === '[Content_Types].xml' || e.name.startsWith('xl/'));
      throw invalidFile(officeLike ? 'nonStandard' : 'zipNotExcel');
    }
    if (!entries.some((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name))) throw invalidFile('nonStandard');
    for (const e of entries) {
      if (e.method !== 0 && e.method !== 8) throw invalidFile('nonStandard', `压缩方式 ${e.method}`);
    }
    for (const part of inMemoryParts(entries)) {
      if (part.uncompressedSize > limits.maxInMemoryPartBytes) throw invalidFile('tooLarge');
      await verifyInflatedSize(file, part, limits.maxInMemoryPartBytes, fd);
    }
    return await readXlsx(file, layout, {
      maxCells,
      deadline,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onFraction: options.onProgress } : {}),
      ...(options.sink ? { sink: options.sink } : {}),
    });
  } catch (error) {
    throw readFailure(error);
  } finally {
    fs.closeSync(fd);
  }
}

function sheetNameFromFile(file: string): string {
  const base = path.basename(file).replace(/\.[^.]*$/, '');
  return base.slice(0, 31) || 'Sheet1';
}
