/**
 * Reads a zip's central directory (without inflating anything) to decide what the file is and
 * whether it is safe to hand to the streaming reader: entry count, declared uncompressed sizes,
 * encrypted entries, overlapping entries (the "overlapped" zip bomb) and local headers that
 * disagree with the directory.
 */
import fs from 'node:fs';
import { crc32, createInflateRaw } from 'node:zlib';
import { invalidFile } from './spreadsheet-errors';

export interface ZipEntryInfo {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
}

export interface ZipLimits {
  readonly maxEntries: number;
  /** Largest declared uncompressed size of one entry. */
  readonly maxEntryBytes: number;
  /** Sum of declared uncompressed sizes. */
  readonly maxTotalBytes: number;
  /** Parts held fully in memory by the reader (shared strings, styles, workbook). */
  readonly maxInMemoryPartBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 1024 * 1024 * 1024,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  maxInMemoryPartBytes: 128 * 1024 * 1024,
};

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = fs.readSync(fd, buf, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done === length ? buf : buf.subarray(0, done);
}

/** The entries and where the central directory starts (the end of the last entry's bytes). */
export interface ZipLayout {
  readonly entries: ZipEntryInfo[];
  readonly centralDirectoryOffset: number;
}

/** Lists the entries of a zip file from its central directory, with the directory's offset; throws INVALID_FILE when unusable. */
export function readZipLayout(fd: number, fileSize: number, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipLayout {
  // End of central directory: 22 bytes + up to 65535 bytes of comment at the end of the file.
  const tailLength = Math.min(fileSize, 22 + 65535);
  const tail = readAt(fd, fileSize - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i -= 1) {
    if (tail.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw invalidFile('truncated');
  if (eocd >= 20 && tail.readUInt32LE(eocd - 20) === ZIP64_LOCATOR_SIG) throw invalidFile('tooLarge', 'ZIP64');
  const totalEntries = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (totalEntries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw invalidFile('tooLarge', 'ZIP64');
  if (totalEntries > limits.maxEntries) throw invalidFile('tooLarge', `包含 ${totalEntries} 个部件`);
  const eocdPosition = fileSize - tailLength + eocd;
  if (cdOffset + cdSize > eocdPosition) throw invalidFile('truncated');
  const cd = readAt(fd, cdOffset, cdSize);
  if (cd.length !== cdSize) throw invalidFile('truncated');

  const entries: ZipEntryInfo[] = [];
  let p = 0;
  let total = 0;
  for (let i = 0; i < totalEntries; i += 1) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CEN_SIG) throw invalidFile('corrupt');
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const crc = cd.readUInt32LE(p + 16);
    const compressedSize = cd.readUInt32LE(p + 20);
    const uncompressedSize = cd.readUInt32LE(p + 24);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const localHeaderOffset = cd.readUInt32LE(p + 42);
    if (p + 46 + nameLength > cd.length) throw invalidFile('corrupt');
    // Bit 11: UTF-8 names; otherwise CP437, but every name we care about is ASCII anyway.
    const name = cd.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLength);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      throw invalidFile('tooLarge', 'ZIP64');
    }
    if (flags & 0x1) throw invalidFile('encrypted');
    if (uncompressedSize > limits.maxEntryBytes) throw invalidFile('tooLarge');
    total += uncompressedSize;
    if (total > limits.maxTotalBytes) throw invalidFile('tooLarge');
    if (localHeaderOffset + 30 + compressedSize > cdOffset) throw invalidFile('corrupt');
    entries.push({ name, method, flags, crc32: crc, compressedSize, uncompressedSize, localHeaderOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  checkLocalHeaders(fd, entries, cdOffset);
  return { entries, centralDirectoryOffset: cdOffset };
}

/**
 * The streaming reader trusts local headers, not the directory: check each local header exists,
 * agrees with the directory, and that no two entries share bytes (overlapping-entry zip bombs).
 */
function checkLocalHeaders(fd: number, entries: readonly ZipEntryInfo[], cdOffset: number): void {
  const ranges: { start: number; end: number }[] = [];
  for (const e of entries) {
    const header = readAt(fd, e.localHeaderOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOC_SIG) throw invalidFile('corrupt');
    const flags = header.readUInt16LE(6);
    const method = header.readUInt16LE(8);
    const nameLength = header.readUInt16LE(26);
    const extraLength = header.readUInt16LE(28);
    if (method !== e.method) throw invalidFile('corrupt');
    if (!(flags & 0x8)) {
      const csize = header.readUInt32LE(18);
      const usize = header.readUInt32LE(22);
      if (csize !== e.compressedSize || usize !== e.uncompressedSize) throw invalidFile('corrupt');
    }
    const start = e.localHeaderOffset;
    const end = e.localHeaderOffset + 30 + nameLength + extraLength + e.compressedSize;
    if (end > cdOffset) throw invalidFile('truncated');
    ranges.push({ start, end });
  }
  ranges.sort((a, b) => a.start - b.start);
  for (let i = 1; i < ranges.length; i += 1) {
    const prev = ranges[i - 1];
    const cur = ranges[i];
    if (prev && cur && cur.start < prev.end) throw invalidFile('tooLarge', '部件相互重叠');
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
      const header = readAt(fd, e.localHeaderOffset, 30);
      if (header.length < 30) return false;
      const dataStart = e.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
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
