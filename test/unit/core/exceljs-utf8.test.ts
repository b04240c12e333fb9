import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from '../../../electron/core/platform/io/excel/exceljs';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';

const dir = makeTempDir();
afterAll(() => removeDir(dir));

/**
 * ExcelJS's streaming reader decoded every chunk on its own, so a Chinese character split across a
 * chunk boundary came back as "���". A large sheet of Chinese names crosses many boundaries.
 */
describe('ExcelJS streaming reader', () => {
  it('reads every Chinese character of a large sheet intact', async () => {
    const file = path.join(dir, '大名册.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('社区工作者');
    const names: string[] = [];
    for (let i = 0; i < 6000; i++) {
      // Inline (not shared) strings put the Chinese text inside the sheet XML itself.
      const name = `龙塔街道第${i}号社区工作者张𠮷䶮${'汉字'.repeat(i % 7)}`;
      names.push(name);
      ws.addRow([name, `省级${i}`]);
    }
    await wb.xlsx.writeFile(file);
    expect(fs.statSync(file).size).toBeGreaterThan(64 * 1024);

    const seen: string[] = [];
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', worksheets: 'emit' });
    for await (const sheet of reader as unknown as AsyncIterable<AsyncIterable<{ getCell(c: number): { value: unknown } }>>) {
      for await (const row of sheet) seen.push(String(row.getCell(1).value));
    }
    expect(seen).toHaveLength(names.length);
    expect(seen.filter((s) => s.includes('\uFFFD'))).toEqual([]);
    expect(seen).toEqual(names);
  });
});
