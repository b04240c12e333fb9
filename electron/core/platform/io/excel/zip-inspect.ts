/**
 * Decides from a zip's central directory (platform/io/zip, nothing inflated) what a spreadsheet
 * file is and whether it is safe to hand to the streaming reader; checks the bytes after a failed
 * read to tell a damaged file from a fault in our own code.
 */
import fs from 'node:fs';
import { crc32, createInflateRaw } from 'node:zlib';
import { invalidFile } from './spreadsheet-errors';
import {
  entryDataStart,
  fileReader,
  readZipDirectory,
  ZipDirectoryError,
  type ZipEntryInfo,
  type ZipLayout,
  type ZipLimits as DirectoryLimits,
} from '../zip/zip-directory';

export type { ZipEntryInfo, ZipLayout } from '../zip/zip-directory';

export interface ZipLimits extends DirectoryLimits {
  /** Parts held fully in memory by the reader (shared strings, styles, workbook). */
  readonly maxInMemoryPartBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 1024 * 1024 * 1024,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  maxInMemoryPartBytes: 128 * 1024 * 1024,
};

/** Lists the entries of a spreadsheet zip from its central directory, with the directory's offset; throws INVALID_FILE when unusable. */
export function readZipLayout(fd: number, fileSize: number, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipLayout {
  try {
    return readZipDirectory(fileReader(fd), fileSize, limits);
  } catch (err) {
    if (err instanceof ZipDirectoryError) throw invalidFile(err.fault, err.detail);
    throw err;
  }
}

export type ZipKind = 'xlsx' | 'xlsb' | 'ods' | 'docx' | 'pptx' | 'other';

/** Classifies a zip by its entry names. */
export function classifyZip(entries: readonly ZipEntryInfo[]): ZipKind {
  const names = new Set(entries.map((e) => e.name));
  if (names.has('xl/workbook.xml')) return 'xlsx';
  if (names.has('xl/workbook.bin')) return 'xlsb';
  if (names.has('mimetype') && (names.has('content.xml') || [...names].some((n) => n.startsWith('META-INF/')))) return 'ods';
  if (names.has('word/document.xml')) return 'docx';
  if (names.has('ppt/presentation.xml')) return 'pptx';
  return 'other';
}

/** Entries the streaming reader keeps fully in memory. */
export function inMemoryParts(entries: readonly ZipEntryInfo[]): ZipEntryInfo[] {
  return entries.filter((e) => e.name === 'xl/sharedStrings.xml' || e.name === 'xl/styles.xml' || e.name === 'xl/workbook.xml');
}

/**
 * True when every listed entry inflates to the size and CRC-32 its directory record states: the
 * bytes are as their writer left them. Used after a read failed, to tell a damaged file from a
 * fault in the reading code.
 */
export async function entriesIntact(file: string, entries: readonly ZipEntryInfo[]): Promise<boolean> {
  const fd = fs.openSync(file, 'r');
  try {
    for (const e of entries) {
      if (e.method !== 0 && e.method !== 8) return false;
      const dataStart = entryDataStart(fileReader(fd), e);
      if (dataStart === null) return false;
      let crc = 0;
      let size = 0;
      if (e.compressedSize > 0) {
        const raw = fs.createReadStream(file, { start: dataStart, end: dataStart + e.compressedSize - 1 });
        const data = e.method === 8 ? raw.pipe(createInflateRaw()) : raw;
        try {
          for await (const chunk of data as AsyncIterable<Buffer>) {
            crc = crc32(chunk, crc);
            size += chunk.length;
            if (size > e.uncompressedSize) return false;
          }
        } catch {
          return false;
        } finally {
          raw.destroy();
        }
      }
      if (size !== e.uncompressedSize || crc !== e.crc32) return false;
    }
    return true;
  } finally {
    fs.closeSync(fd);
  }
}
