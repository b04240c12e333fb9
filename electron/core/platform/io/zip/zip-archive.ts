/**
 * The program's own zip files (exchange packages, PostgreSQL backups), written and read here
 * rather than through a general zip library: the callers know exactly which entries they expect,
 * so the reader refuses everything else outright — unexpected or path-like names (../, absolute,
 * backslashes), duplicates, encryption, methods other than stored/deflate, sizes beyond the
 * limits, output larger than declared (zip bombs) and CRC mismatches — before anything is parsed.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import {
  bufferReader,
  CEN_SIG,
  EOCD_SIG,
  entryDataStart,
  LOC_SIG,
  readZipDirectory,
  ZipDirectoryError,
  type ZipEntryInfo,
  type ZipLimits,
  type ZipReason,
} from './zip-directory';

export interface ZipEntry {
  name: string;
  data: Buffer;
}

const UTF8_FLAG = 0x0800;
// 1980-01-01 00:00: the same bytes for the same content, whenever it is written.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** A zip of the entries, deflated, names in UTF-8. */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const packed = deflateRawSync(e.data);
    const crc = crc32(e.data);
    const loc = Buffer.alloc(30);
    loc.writeUInt32LE(LOC_SIG, 0);
    loc.writeUInt16LE(20, 4);
    loc.writeUInt16LE(UTF8_FLAG, 6);
    loc.writeUInt16LE(8, 8);
    loc.writeUInt16LE(DOS_TIME, 10);
    loc.writeUInt16LE(DOS_DATE, 12);
    loc.writeUInt32LE(crc, 14);
    loc.writeUInt32LE(packed.length, 18);
    loc.writeUInt32LE(e.data.length, 22);
    loc.writeUInt16LE(name.length, 26);
    loc.writeUInt16LE(0, 28);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(CEN_SIG, 0);
    cen.writeUInt16LE(20, 4);
    cen.writeUInt16LE(20, 6);
    cen.writeUInt16LE(UTF8_FLAG, 8);
    cen.writeUInt16LE(8, 10);
    cen.writeUInt16LE(DOS_TIME, 12);
    cen.writeUInt16LE(DOS_DATE, 14);
    cen.writeUInt32LE(crc, 16);
    cen.writeUInt32LE(packed.length, 20);
    cen.writeUInt32LE(e.data.length, 24);
    cen.writeUInt16LE(name.length, 28);
    cen.writeUInt32LE(offset, 42);
    locals.push(loc, name, packed);
    centrals.push(cen, name);
    offset += loc.length + name.length + packed.length;
  }
  const central = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(EOCD_SIG, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(central.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, central, eocd]);
}

export interface ReadZipOptions extends ZipLimits {
  /** Whether an entry of this name may be in the zip (anything else is refused). */
  readonly allowed: (name: string) => boolean;
  /** The caller's error for a refused zip, given what is wrong in Chinese (e.g. `文件不完整`). */
  readonly refuse: (detail: string) => Error;
}

function safeName(name: string): boolean {
  return name.length > 0 && !name.includes('/') && !name.includes('\\') && !name.includes('..') && !/^[a-zA-Z]:/.test(name);
}

/** The entries of a zip, each checked; throws `options.refuse(...)` for anything unexpected. */
export function readZip(bytes: Buffer, options: ReadZipOptions): Map<string, Buffer> {
  const { refuse } = options;
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== LOC_SIG) throw refuse('文件格式不对或已损坏');
  const read = bufferReader(bytes);
  let entries: ZipEntryInfo[];
  try {
    entries = readZipDirectory(read, bytes.length, options).entries;
  } catch (err) {
    if (err instanceof ZipDirectoryError) throw refuse(DIRECTORY_PROBLEMS[err.reason]);
    throw err;
  }
  const out = new Map<string, Buffer>();
  for (const entry of entries) {
    const { name, method, uncompressedSize: size } = entry;
    if (!safeName(name)) throw refuse(`包含不允许的文件路径「${name.slice(0, 60)}」`);
    if (!options.allowed(name)) throw refuse(`包含未知文件「${name.slice(0, 60)}」`);
    if (out.has(name)) throw refuse(`文件「${name}」重复`);
    if (method !== 0 && method !== 8) throw refuse('使用了不支持的压缩方式');
    const start = entryDataStart(read, entry);
    if (start === null) throw refuse('文件已损坏');
    const packed = bytes.subarray(start, start + entry.compressedSize);
    let data: Buffer;
    try {
      // Never inflate past the declared size: a bomb stops here instead of filling memory.
      data = method === 0 ? Buffer.from(packed) : inflateRawSync(packed, { maxOutputLength: Math.max(1, size) });
    } catch {
      throw refuse('内容无法解压（已损坏或声明的大小不实）');
    }
    if (data.length !== size || crc32(data) !== entry.crc32) throw refuse(`文件「${name}」已损坏（校验不符）`);
    out.set(name, data);
  }
  return out;
}

/** The reader's words for what the shared zip directory check refused. */
const DIRECTORY_PROBLEMS: Readonly<Record<ZipReason, string>> = {
  noEnd: '文件不完整',
  zip64: '文件过大',
  entries: '包含多余的文件',
  entrySize: '内容过大',
  totalSize: '内容过大',
  overlap: '文件已损坏（内容相互重叠）',
  directory: '文件目录已损坏',
  localHeader: '文件已损坏',
  encrypted: '包含加密内容',
};
