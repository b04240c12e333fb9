import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../../../electron/core/platform/io/excel/exceljs';
import { writeScoringWorkbook } from '../../../electron/core/platform/io/excel/scoring-sheet.writer';
import { readSpreadsheet } from '../../../electron/core/platform/io/excel/spreadsheet-reader';
import { FILE_MESSAGES } from '../../../electron/core/platform/io/excel/spreadsheet-errors';
import type { RowSink } from '../../../shared/domain/roster/sheet-cell';
import { AppError } from '../../../shared/ipc/errors';
import { craftZip } from '../../fixtures/zip-writer';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';

/**
 * ExcelJS's streaming reader needs the workbook, its relationships and the shared strings before
 * any worksheet. ExcelJS's own writer puts xl/workbook.xml last, LibreOffice puts the shared strings
 * after the sheets: our reader must read them whatever the order of the zip's entries.
 */
const dir = makeTempDir();
const spool = makeTempDir('spool');
let savedTmp: string | undefined;
beforeAll(() => {
  // ExcelJS spools early worksheets to os.tmpdir(): point it at a folder we can watch.
  savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = spool;
});
afterAll(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  removeDir(dir);
  removeDir(spool);
});

function communityNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `第${i + 1}社区`);
}

async function writeFieldSheets(file: string, names: readonly string[]): Promise<void> {
  await writeScoringWorkbook(
    file,
    names.map((name) => ({
      sheetName: name,
      title: `${name} 2021年第三季度社区规范化创建考评评分表（轮次 2021Q3，标准第1版）`,
      rows: Array.from({ length: 40 }, (_, i) => ({
        code: `A${i + 1}`,
        title: `指标${i + 1}`,
        max: 2,
        guide: `评分细则${name}${i}`,
        score: null,
        note: '',
      })),
    })),
  );
}

function zipOrder(file: string): string[] {
  const out = spawnSync('unzip', ['-Z1', file], { encoding: 'utf8' });
  return out.stdout.split('\n').filter(Boolean);
}

function libreOfficeCopy(file: string, outDir: string): string {
  fs.mkdirSync(outDir, { recursive: true });
  const profile = pathToFileURL(path.join(dir, 'lo-profile')).href;
  const env = { ...process.env, TMPDIR: savedTmp ?? os.tmpdir() };
  const r = spawnSync('soffice', ['--headless', `-env:UserInstallation=${profile}`, '--convert-to', 'xlsx', '--outdir', outDir, file], {
    encoding: 'utf8',
    timeout: 240_000,
    env,
  });
  const out = path.join(outDir, path.basename(file));
  if (!fs.existsSync(out)) throw new Error(`soffice failed: ${r.stderr}`);
  return out;
}

describe('reading an .xlsx whatever the order of its zip entries', { timeout: 300_000 }, () => {
  it.each([5, 6, 120])("ExcelJS's own %i-sheet field workbook (xl/workbook.xml last) reads every sheet in order", async (n) => {
    const file = path.join(dir, `现场评分表 ${n}.xlsx`);
    const names = communityNames(n);
    await writeFieldSheets(file, names);
    const order = zipOrder(file);
    expect(order.indexOf('xl/workbook.xml')).toBeGreaterThan(order.indexOf('xl/worksheets/sheet1.xml'));
    const wb = await readSpreadsheet(file);
    expect(wb.sheets.map((s) => s.name)).toEqual(names);
    for (const s of wb.sheets) {
      expect(s.rows).toHaveLength(42);
      expect(s.rows[2]?.cells[3]).toBe(`评分细则${s.name}0`);
    }
  });

  it('a 120-sheet workbook saved by LibreOffice (sheets reversed, shared strings after them) reads, with no spooled temp files', async () => {
    const src = path.join(dir, '现场评分表 LO.xlsx');
    const names = communityNames(120);
    await writeFieldSheets(src, names);
    const file = libreOfficeCopy(src, path.join(dir, 'lo'));
    const order = zipOrder(file);
    expect(order.indexOf('xl/sharedStrings.xml')).toBeGreaterThan(order.indexOf('xl/worksheets/sheet1.xml'));
    const before = fs.readdirSync(spool);
    let peak = 0;
    const watcher = setInterval(() => (peak = Math.max(peak, fs.readdirSync(spool).length - before.length)), 5);
    try {
      const wb = await readSpreadsheet(file);
      expect(wb.sheets.map((s) => s.name)).toEqual(names);
      expect(wb.sheets.every((s) => s.rows[2]?.cells[3] === `评分细则${s.name}0`)).toBe(true);
    } finally {
      clearInterval(watcher);
    }
    expect(peak).toBe(0);
    expect(os.tmpdir()).toBe(spool);
  });

  it('entries in any order, a workbook without shared strings, and stray parts (images) are read', async () => {
    const sheet = (text: string) =>
      Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${text}</t></is></c><c r="B1"><v>7</v></c></row></sheetData></worksheet>`,
      );
    const parts = [
      {
        name: '[Content_Types].xml',
        data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
      },
      { name: 'xl/worksheets/sheet2.xml', data: sheet('乙社区') },
      { name: 'xl/media/image1.png', data: Buffer.alloc(4096, 7) },
      { name: 'xl/worksheets/sheet1.xml', data: sheet('甲社区') },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: Buffer.from(
          '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>',
        ),
      },
      {
        name: 'xl/workbook.xml',
        data: Buffer.from(
          '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="甲" sheetId="1" r:id="rId1"/><sheet name="乙" sheetId="2" r:id="rId2"/></sheets></workbook>',
        ),
      },
    ];
    const file = path.join(dir, '乱序.xlsx');
    fs.writeFileSync(file, craftZip(parts));
    const wb = await readSpreadsheet(file);
    expect(wb.sheets.map((s) => [s.name, s.rows[0]?.cells])).toEqual([
      ['甲', ['甲社区', 7]],
      ['乙', ['乙社区', 7]],
    ]);
  });
});

describe('sheet names whoever wrote the relationships', () => {
  it.each(['/xl/worksheets/sheet1.xml', './worksheets/sheet1.xml', 'worksheets/sheet1.xml'])(
    'a relationship target written as %s keeps the sheet name',
    async (targetPath) => {
      const parts = [
        {
          name: 'xl/_rels/workbook.xml.rels',
          data: Buffer.from(
            `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${targetPath}"/></Relationships>`,
          ),
        },
        {
          name: 'xl/workbook.xml',
          data: Buffer.from(
            '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="龙塔社区" sheetId="3" r:id="rId7"/></sheets></workbook>',
          ),
        },
        {
          name: 'xl/worksheets/sheet1.xml',
          data: Buffer.from(
            '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>编码</t></is></c></row></sheetData></worksheet>',
          ),
        },
      ];
      const file = path.join(dir, `绝对路径-${targetPath.length}.xlsx`);
      fs.writeFileSync(file, craftZip(parts));
      const wb = await readSpreadsheet(file);
      expect(wb.sheets.map((s) => [s.name, s.rows[0]?.cells])).toEqual([['龙塔社区', ['编码']]]);
    },
  );
});

describe('a failure while reading: the file or our code', { timeout: 120_000 }, () => {
  let good: string;
  beforeAll(async () => {
    good = path.join(dir, '名册.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('社区工作者');
    ws.addRow(['姓名', '身份证号']);
    for (let i = 0; i < 3000; i++) ws.addRow([`张${i}`, `41110219900101${String(1000 + (i % 9000)).slice(-4)}`]);
    await wb.xlsx.writeFile(good);
  });

  it('an exception in our own code is an internal error that does not blame the file', async () => {
    let rows = 0;
    const sink: RowSink = {
      startSheet: () => undefined,
      endSheet: () => undefined,
      row: () => {
        rows += 1;
        if (rows === 100) (undefined as unknown as { x: number }).x += 1; // a TypeError, as a bug would throw
      },
    };
    const err = await readSpreadsheet(good, { sink }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('INTERNAL');
    expect((err as AppError).message).toContain('请联系技术支持并附上此文件');
    expect((err as AppError).message).toContain('不是文件损坏');
    expect((err as AppError).message).not.toBe(FILE_MESSAGES.corrupt);
  });

  it('a worksheet whose bytes were damaged is still 文件已损坏', async () => {
    const bytes = fs.readFileSync(good);
    // Overwrite the middle of the worksheet's compressed data (its CRC no longer matches).
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    const at = bytes.indexOf(name);
    const dataStart = at + name.length + bytes.readUInt16LE(at - 2);
    const compressed = bytes.readUInt32LE(at - 12);
    for (let i = 0; i < 64; i++) bytes[dataStart + Math.floor(compressed / 2) + i] = (i * 37) & 0xff;
    const file = path.join(dir, '损坏.xlsx');
    fs.writeFileSync(file, bytes);
    const err = await readSpreadsheet(file, { timeoutMs: 20_000 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('INVALID_FILE');
    expect((err as AppError).message).toBe(FILE_MESSAGES.corrupt);
  });
});
