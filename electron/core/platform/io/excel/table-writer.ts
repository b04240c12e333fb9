/**
 * Writes plain tables to .xlsx: exports through ExcelJS's streaming WorkbookWriter (shared strings,
 * bounded memory), templates (small, with data validation lists) through the in-memory workbook.
 * IDs and phones as text ('@'), dates as real dates, one styled header row, frozen, with widths.
 */
import ExcelJS from './exceljs';
import type { LayoutColumn, LayoutSheet, TemplateLayout } from '../../../../../shared/domain/roster/roster-workbook-layout';

export type TableValue = string | number | boolean | null;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, name: '宋体', size: 11 };
const BORDER: Partial<ExcelJS.Borders> = { bottom: { style: 'thin', color: { argb: 'FF8DB4E2' } } };

/** "1990-01-05" -> Date at UTC midnight; "1990-01" -> first of the month (shown as a month). */
function isoToDate(iso: string): { date: Date; monthOnly: boolean } | null {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso);
  if (!m) return null;
  return { date: new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1)), monthOnly: !m[3] };
}

function columnStyle(col: LayoutColumn): Partial<ExcelJS.Style> {
  if (col.asText) return { numFmt: '@' };
  if (col.kind === 'date') return { numFmt: 'yyyy-mm-dd' };
  return {};
}

function styleHeader(row: ExcelJS.Row, columns: readonly LayoutColumn[], markRequired: boolean): void {
  row.height = 22;
  columns.forEach((col, i) => {
    const cell = row.getCell(i + 1);
    cell.value = markRequired && col.required ? `${col.header}*` : col.header;
    cell.font = HEADER_FONT;
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
}

export interface ExportSheetData {
  readonly layout: LayoutSheet;
  readonly rows: Iterable<Record<string, TableValue>>;
}

/** Streams tables into an .xlsx file; returns the number of data rows written. */
export async function writeTables(file: string, sheets: readonly ExportSheetData[]): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  wb.creator = '社区规范化创建考评系统';
  let total = 0;
  for (const { layout, rows } of sheets) {
    const ws = wb.addWorksheet(layout.name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
    ws.columns = layout.columns.map((c) => ({ key: c.key, width: c.width, style: columnStyle(c) }));
    styleHeader(ws.getRow(1), layout.columns, false);
    ws.getRow(1).commit();
    let rowNumber = 1;
    for (const record of rows) {
      rowNumber += 1;
      const row = ws.getRow(rowNumber);
      layout.columns.forEach((col, i) => {
        const cell = row.getCell(i + 1);
        const v = record[col.key];
        if (v === null || v === undefined || v === '') return;
        if (col.kind === 'date' && typeof v === 'string') {
          const d = isoToDate(v);
          if (d) {
            cell.value = d.date;
            cell.numFmt = d.monthOnly ? 'yyyy-mm' : 'yyyy-mm-dd';
            return;
          }
        }
        if (col.kind === 'bool' && typeof v === 'boolean') {
          cell.value = v ? '是' : '否';
          return;
        }
        cell.value = col.asText ? String(v) : v;
        if (col.asText) cell.numFmt = '@';
      });
      row.commit();
      total += 1;
    }
    await ws.commit();
  }
  await wb.commit();
  return total;
}

function listRange(sheetName: string, column: number, count: number): string {
  let letters = '';
  let n = column;
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return `'${sheetName}'!$${letters}$2:$${letters}$${count + 1}`;
}

/** Writes an import template: 填表说明, the roster sheets with formats and dropdowns, a hidden list sheet. */
export async function writeTemplate(file: string, layout: TemplateLayout, rowsWithValidation = 2000): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '社区规范化创建考评系统';
  const info = wb.addWorksheet('填表说明');
  info.getColumn(1).width = 110;
  layout.instructions.forEach((line, i) => {
    const cell = info.getCell(i + 1, 1);
    cell.value = line;
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) cell.font = { bold: true, size: 14 };
  });
  const listsName = '选项';
  const sheets = layout.sheets.map((s) => ({ s, ws: wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] }) }));
  const lists = wb.addWorksheet(listsName, { state: 'hidden' });
  let listColumn = 0;
  for (const { s, ws } of sheets) {
    ws.columns = s.columns.map((c) => ({ key: c.key, width: c.width, style: columnStyle(c) }));
    styleHeader(ws.getRow(1), s.columns, true);
    s.columns.forEach((col, i) => {
      if (col.hint) ws.getCell(1, i + 1).note = col.hint;
      if (!col.list) return;
      listColumn += 1;
      lists.getCell(1, listColumn).value = col.header;
      col.list.forEach((value, k) => {
        lists.getCell(k + 2, listColumn).value = value;
      });
      const letter = ws.getColumn(i + 1).letter;
      // ExcelJS's typings omit Worksheet.dataValidations; a range keeps the XML to one entry per column.
      (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
        `${letter}2:${letter}${rowsWithValidation + 1}`,
        {
          type: 'list',
          allowBlank: true,
          formulae: [listRange(listsName, listColumn, col.list.length)],
          showErrorMessage: true,
          errorStyle: 'warning',
          errorTitle: col.header,
          error: `请从下拉列表中选择${col.header}`,
        },
      );
    });
  }
  await wb.xlsx.writeFile(file);
}
