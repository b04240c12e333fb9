/**
 * A zip's central directory, read without inflating anything, and checked the same way for every
 * zip the program accepts (spreadsheets, exchange packages): entry count, declared sizes, encryption,
 * ZIP64, local headers that disagree with the directory, and entries that share bytes (the
 * "overlapped" zip bomb). Callers turn a ZipDirectoryError into their own message.
 */
import fs from 'node:fs';

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
}

/** The entries and where the central directory starts (the end of the last entry's bytes). */
export interface ZipLayout {
  readonly entries: ZipEntryInfo[];
  readonly centralDirectoryOffset: number;
}

/** What is wrong with the zip: `fault` is the kind of problem, `reason` the rule it broke. */
export type ZipFault = 'truncated' | 'corrupt' | 'tooLarge' | 'encrypted';
export type ZipReason = 'noEnd' | 'zip64' | 'entries' | 'entrySize' | 'totalSize' | 'overlap' | 'directory' | 'localHeader' | 'encrypted';

export class ZipDirectoryError extends Error {
  constructor(
    readonly fault: ZipFault,
    readonly reason: ZipReason,
    readonly detail?: string,
  ) {
    super(`zip ${fault}: ${reason}${detail ? ` (${detail})` : ''}`);
    this.name = 'ZipDirectoryError';
  }
}

/** Reads `length` bytes at `position`; fewer at the end of the data. */
export type ReadAt = (position: number, length: number) => Buffer;

export function fileReader(fd: number): ReadAt {
  return (position, length) => {
    const buf = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const n = fs.readSync(fd, buf, done, length - done, position + done);
      if (n === 0) break;
      done += n;
    }
    return done === length ? buf : buf.subarray(0, done);
  };
}

export function bufferReader(bytes: Buffer): ReadAt {
  return (position, length) => bytes.subarray(Math.max(0, position), Math.max(0, position) + length);
}

export const EOCD_SIG = 0x06054b50;
export const CEN_SIG = 0x02014b50;
export const LOC_SIG = 0x04034b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;

/** Lists the entries of a zip of `size` bytes from its central directory; throws ZipDirectoryError when unusable. */
export function readZipDirectory(readAt: ReadAt, size: number, limits: ZipLimits): ZipLayout {
  // End of central directory: 22 bytes + up to 65535 bytes of comment at the end of the file.
  const tailLength = Math.min(size, 22 + 65535);
  const tail = readAt(size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i -= 1) {
    if (tail.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipDirectoryError('truncated', 'noEnd');
  if (eocd >= 20 && tail.readUInt32LE(eocd - 20) === ZIP64_LOCATOR_SIG) throw new ZipDirectoryError('tooLarge', 'zip64', 'ZIP64');
  const totalEntries = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (totalEntries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff)
    throw new ZipDirectoryError('tooLarge', 'zip64', 'ZIP64');
  if (totalEntries > limits.maxEntries) throw new ZipDirectoryError('tooLarge', 'entries', `包含 ${totalEntries} 个部件`);
  const eocdPosition = size - tailLength + eocd;
  if (cdOffset + cdSize > eocdPosition) throw new ZipDirectoryError('truncated', 'directory');
  const cd = readAt(cdOffset, cdSize);
  if (cd.length !== cdSize) throw new ZipDirectoryError('truncated', 'directory');

  const entries: ZipEntryInfo[] = [];
  let p = 0;
  let total = 0;
  for (let i = 0; i < totalEntries; i += 1) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CEN_SIG) throw new ZipDirectoryError('corrupt', 'directory');
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const crc = cd.readUInt32LE(p + 16);
    const compressedSize = cd.readUInt32LE(p + 20);
    const uncompressedSize = cd.readUInt32LE(p + 24);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const localHeaderOffset = cd.readUInt32LE(p + 42);
    if (p + 46 + nameLength > cd.length) throw new ZipDirectoryError('corrupt', 'directory');
    // Bit 11: UTF-8 names; otherwise CP437, but every name we care about is ASCII anyway.
    const name = cd.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLength);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      throw new ZipDirectoryError('tooLarge', 'zip64', 'ZIP64');
    }
    if (flags & 0x1) throw new ZipDirectoryError('encrypted', 'encrypted');
    if (uncompressedSize > limits.maxEntryBytes) throw new ZipDirectoryError('tooLarge', 'entrySize');
    total += uncompressedSize;
    if (total > limits.maxTotalBytes) throw new ZipDirectoryError('tooLarge', 'totalSize');
    if (localHeaderOffset + 30 + compressedSize > cdOffset) throw new ZipDirectoryError('corrupt', 'localHeader');
    entries.push({ name, method, flags, crc32: crc, compressedSize, uncompressedSize, localHeaderOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  checkLocalHeaders(readAt, entries, cdOffset);
  return { entries, centralDirectoryOffset: cdOffset };
}

/** Where an entry's data starts (after its local header's name and extra field). */
export function entryDataStart(readAt: ReadAt, entry: ZipEntryInfo): number | null {
  const header = readAt(entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOC_SIG) return null;
  return entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}

/**
 * Streaming readers trust local headers, not the directory: check each local header exists,
 * agrees with the directory, and that no two entries share bytes (overlapping-entry zip bombs).
 */
function checkLocalHeaders(readAt: ReadAt, entries: readonly ZipEntryInfo[], cdOffset: number): void {
  const ranges: { start: number; end: number }[] = [];
  for (const e of entries) {
    const header = readAt(e.localHeaderOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOC_SIG) throw new ZipDirectoryError('corrupt', 'localHeader');
    const flags = header.readUInt16LE(6);
    const method = header.readUInt16LE(8);
    const nameLength = header.readUInt16LE(26);
    const extraLength = header.readUInt16LE(28);
    if (method !== e.method) throw new ZipDirectoryError('corrupt', 'localHeader');
    if (!(flags & 0x8)) {
      const csize = header.readUInt32LE(18);
      const usize = header.readUInt32LE(22);
      if (csize !== e.compressedSize || usize !== e.uncompressedSize) throw new ZipDirectoryError('corrupt', 'localHeader');
    }
    const start = e.localHeaderOffset;
    const end = e.localHeaderOffset + 30 + nameLength + extraLength + e.compressedSize;
    if (end > cdOffset) throw new ZipDirectoryError('truncated', 'localHeader');
    ranges.push({ start, end });
  }
  ranges.sort((a, b) => a.start - b.start);
  for (let i = 1; i < ranges.length; i += 1) {
    const prev = ranges[i - 1];
    const cur = ranges[i];
    if (prev && cur && cur.start < prev.end) throw new ZipDirectoryError('tooLarge', 'overlap', '部件相互重叠');
  }
}
