import path from 'node:path';
import ExcelJS from '../../../electron/core/platform/io/excel/exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultsWorkbookDataSchema } from '../../../shared/report/report-data';
import { RESULTS_SHEETS, buildResultsWorkbookLayout } from '../../../shared/report/results-workbook.layout';
import { writeResultsWorkbook } from '../../../electron/core/platform/io/excel/results-workbook.writer';
import { ITEMS, makeResultsWorkbookData, scoreCommunities } from '../../fixtures/report/report-fixtures';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';

const N = 12;
const data = resultsWorkbookDataSchema.parse(makeResultsWorkbookData({ communities: N }));
let dir = '';
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  dir = makeTempDir();
  const file = path.join(dir, '2021年第三季度 考评结果（汇总）.xlsx');
  await writeResultsWorkbook(buildResultsWorkbookLayout(data), file);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
});
afterAll(() => removeDir(dir));

function sheet(name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

describe('results workbook layout', () => {
  it('has the four sheets in order with one header row each', () => {
    const layout = buildResultsWorkbookLayout(data);
    expect(layout.sheets.map((s) => s.name)).toEqual(['汇总', '明细', '扣分明细', '整改清单']);
    for (const s of layout.sheets) for (const row of s.rows) expect(row).toHaveLength(s.columns.length);
  });
});

describe('results workbook read back with ExcelJS', () => {
  it('汇总: ranked rows, scores as numbers formatted 0.0, frozen styled header, print titles', () => {
    const ws = sheet(RESULTS_SHEETS.summary);
    const header = ws.getRow(1).values as unknown[];
    expect(header.slice(1, 3)).toEqual(['排名', '社区']);
    expect(header).toContain('A 组织建设与党建引领（15分）');
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, xSplit: 2 });
    expect(ws.pageSetup.printTitlesRow).toBe('1:1');
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.getColumn(2).width).toBe(16);

    const expected = scoreCommunities(N);
    const totalCol = header.indexOf('总分');
    const gradeCol = header.indexOf('等级');
    expected.forEach((c, i) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(1).value).toBe(c.rank);
      expect(row.getCell(2).value).toBe(c.name);
      const total = row.getCell(totalCol);
      expect(typeof total.value).toBe('number');
      expect(total.value).toBe(c.totalTenths / 10);
      expect(total.numFmt).toBe('0.0');
      expect(row.getCell(gradeCol).value).toBe(c.grade);
    });
    expect(ws.rowCount).toBe(N + 1);
  });

  it('明细: one column per item, community × item scores as numbers', () => {
    const ws = sheet(RESULTS_SHEETS.detail);
    const header = ws.getRow(1).values as unknown[];
    expect(header.length - 1).toBe(2 + ITEMS.length + 2);
    const first = scoreCommunities(N)[0];
    if (!first) throw new Error('fixture');
    const g1 = header.indexOf('G1 居民满意度测评（6分）');
    expect(ws.getRow(2).getCell(g1).value).toBe((first.itemTenths.G1 ?? 0) / 10);
    // Item scores of a row add up to its total minus bonus, exactly in tenths.
    const row = ws.getRow(2);
    let sum = 0;
    for (let c = 3; c < 3 + ITEMS.length; c++) sum += Math.round(Number(row.getCell(c).value) * 10);
    expect(sum + first.bonusTenths).toBe(first.totalTenths);
  });

  it('扣分明细: every deduction with its points as a number and its date as a date', () => {
    const ws = sheet(RESULTS_SHEETS.deductions);
    expect(ws.rowCount).toBe(data.deductions.length + 1);
    const row = ws.getRow(2);
    expect(typeof row.getCell(5).value).toBe('number');
    const date = row.getCell(9).value;
    expect(date).toBeInstanceOf(Date);
    expect((date as Date).toISOString().slice(0, 10)).toBe('2021-09-20');
    expect(row.getCell(9).numFmt).toBe('yyyy-mm-dd');
  });

  it('整改清单: rectifications with masked contacts only', () => {
    const ws = sheet(RESULTS_SHEETS.rectifications);
    expect(ws.rowCount).toBe(data.rectifications.length + 1);
    const all: string[] = [];
    ws.eachRow((r) => r.eachCell((c) => all.push(String(c.value))));
    const text = all.join('|');
    expect(text).toContain('李䶮（4111**********123X，138****5678）');
    expect(text).not.toContain('41110219900101123X');
    expect(text).not.toContain('13812345678');
  });
});
