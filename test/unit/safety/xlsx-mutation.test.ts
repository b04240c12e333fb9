import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from '../../../electron/core/platform/io/excel/exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSpreadsheet } from '../../../electron/core/platform/io/excel/spreadsheet-reader';
import { AppError } from '../../../shared/ipc/errors';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';

/**
 * Hostile files at the importer's reader: truncated, bit-flipped, lying about their sizes, and a
 * zip bomb. Each must give a clear INVALID_FILE error or a valid result, and never hang: a hard
 * guard fails the test if a read does not settle (this is a hang detector, not a speed test).
 */
const dir = makeTempDir();
let base: Buffer;
let n = 0;
afterAll(() => removeDir(dir));

beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('社区工作者');
  ws.addRow(['序号', '姓名', '身份证号', '性别', '出生年月', '所在社区', '联系电话']);
  for (let i = 1; i <= 200; i++)
    ws.addRow([
      i,
      `张${i}`,
      `41110219900101${String(1000 + i).slice(-4)}`,
      i % 2 ? '男' : '女',
      '1990-01',
      '人民路社区',
      `1380000${String(1000 + i).slice(-4)}`,
    ]);
  base = Buffer.from(await wb.xlsx.writeBuffer());
});

const HANG_GUARD_MS = 60_000;
/**
 * The reader's own deadline. Some bit-flipped files make ExcelJS's streaming reader stall without an
 * error (found by this test); the reader's watchdog now fails them after 4 s without progress, and
 * this short deadline is a second bound.
 */
const READER_DEADLINE_MS = 8_000;

async function readMutated(bytes: Buffer): Promise<'ok' | 'refused'> {
  const file = path.join(dir, `变异 ${n++}.xlsx`);
  fs.writeFileSync(file, bytes);
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`reader did not settle within ${HANG_GUARD_MS} ms`)), HANG_GUARD_MS);
  });
  try {
    const workbook = await Promise.race([readSpreadsheet(file, { timeoutMs: READER_DEADLINE_MS, maxCells: 200_000 }), guard]);
    expect(Array.isArray(workbook.sheets)).toBe(true);
    return 'ok';
  } catch (err) {
    expect(err, String(err)).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('INVALID_FILE');
    expect((err as AppError).message).toMatch(/[\u4e00-\u9fff]/);
    return 'refused';
  } finally {
    clearTimeout(timer);
    fs.rmSync(file, { force: true });
  }
}

/** Offsets of every central-directory record (signature PK\1\2). */
function centralRecords(zip: Buffer): number[] {
  const out: number[] = [];
  for (let i = zip.length - 22; i >= 0; i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      let p = zip.readUInt32LE(i + 16);
      const count = zip.readUInt16LE(i + 10);
      for (let k = 0; k < count && p + 46 <= zip.length; k++) {
        out.push(p);
        p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
      }
      break;
    }
  }
  return out;
}

describe('mutated .xlsx files at the importer', { timeout: 600_000 }, () => {
  it('the unmutated file reads', async () => {
    expect(await readMutated(base)).toBe('ok');
  });

  it('truncated anywhere: refused with a clear error, never a hang (4+ bytes keep the zip signature; shorter text is a valid tiny CSV)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 4, max: base.length - 1 }), async (cut) => {
        expect(await readMutated(base.subarray(0, cut))).toBe('refused');
      }),
      { numRuns: 30, seed: 1 },
    );
  });

  it('bit-flipped: a clear error or a valid result', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: base.length - 1 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }),
        async (flips) => {
          const bytes = Buffer.from(base);
          for (const [at, mask] of flips) bytes[at] = bytes[at]! ^ mask;
          await readMutated(bytes);
        },
      ),
      { numRuns: 20, seed: 2 },
    );
  });

  it('entries that lie about their size (oversized declarations) are refused', async () => {
    const records = centralRecords(base);
    expect(records.length).toBeGreaterThan(3);
    for (const value of [0xffffffff, 0x7fffffff, 3 * 1024 * 1024 * 1024, 1]) {
      const bytes = Buffer.from(base);
      for (const at of records) {
        bytes.writeUInt32LE(value >>> 0, at + 24);
        const local = bytes.readUInt32LE(at + 42);
        if (local + 30 <= bytes.length && bytes.readUInt32LE(local) === 0x04034b50) bytes.writeUInt32LE(value >>> 0, local + 22);
      }
      await readMutated(bytes);
    }
  });

  it('a zip bomb (a tiny entry inflating to 128 MB) ends in an error or a valid (empty) result, streamed, never exhausting memory', async () => {
    const records = centralRecords(base);
    const sheet = records.find((at) =>
      base.toString('utf8', at + 46, at + 46 + base.readUInt16LE(at + 28)).startsWith('xl/worksheets/sheet'),
    );
    expect(sheet).toBeDefined();
    const bomb = zlib.deflateRawSync(Buffer.alloc(128 * 1024 * 1024, 0x20), { level: 9 });
    // Rebuild the zip with the sheet's data replaced by the bomb, declared honestly as tiny.
    const name = base.toString('utf8', sheet! + 46, sheet! + 46 + base.readUInt16LE(sheet! + 28));
    const zip = replaceEntry(base, name, bomb, 4096);
    const rssBefore = process.memoryUsage().rss;
    const outcome = await readMutated(zip);
    expect(['ok', 'refused']).toContain(outcome);
    // The sheet is streamed: memory does not grow by anything like the inflated size.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(512 * 1024 * 1024);
  });
});

/** A new zip where entry `name` holds `deflated` with a (false) declared size; others copied as is. */
function replaceEntry(zip: Buffer, name: string, deflated: Buffer, declaredSize: number): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const at of centralRecords(zip)) {
    const nameLen = zip.readUInt16LE(at + 28);
    const cenLen = 46 + nameLen + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const entryName = zip.toString('utf8', at + 46, at + 46 + nameLen);
    const local = zip.readUInt32LE(at + 42);
    const localHeaderLen = 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const compressedSize = zip.readUInt32LE(at + 20);
    const header = Buffer.from(zip.subarray(local, local + localHeaderLen));
    let data = zip.subarray(local + localHeaderLen, local + localHeaderLen + compressedSize);
    const central = Buffer.from(zip.subarray(at, at + cenLen));
    header.writeUInt16LE(header.readUInt16LE(6) & ~0x8, 6); // no data descriptor
    central.writeUInt16LE(central.readUInt16LE(8) & ~0x8, 8);
    if (entryName === name) {
      data = deflated;
      for (const [buf, c, u] of [
        [header, 18, 22],
        [central, 20, 24],
      ] as const) {
        buf.writeUInt32LE(deflated.length, c);
        buf.writeUInt32LE(declaredSize, u);
      }
      header.writeUInt16LE(8, 8);
      central.writeUInt16LE(8, 10);
    } else {
      header.writeUInt32LE(compressedSize, 18);
      header.writeUInt32LE(zip.readUInt32LE(at + 24), 22);
      header.writeUInt32LE(zip.readUInt32LE(at + 16), 14);
    }
    central.writeUInt32LE(offset, 42);
    locals.push(header, data);
    centrals.push(central);
    offset += header.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length, 8);
  end.writeUInt16LE(centrals.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
