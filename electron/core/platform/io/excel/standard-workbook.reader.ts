/**
 * Reads an edited standard workbook. The file first goes through the shared spreadsheet reader,
 * which refuses anything that is not a usable .xlsx/CSV (legacy .xls, encrypted, zip bombs …) with
 * its Chinese message. An .xlsx is then read whole: ExcelJS's streaming reader decodes UTF-8 chunk
 * by chunk and garbles a Chinese character that straddles two chunks (seen here: 省级 → ���级), and
 * a standard must come back exactly as exported. Standard files are small, so this is cheap.
 */
import fs from 'node:fs';
import ExcelJS from './exceljs';
import type { PlainSheet, PlainWorkbook, SheetCell } from '../../../../../shared/domain/roster/sheet-cell';
import { AppError } from '../../../../../shared/ipc/errors';
import { readFailure } from './spreadsheet-errors';
import { readSpreadsheet } from './spreadsheet-reader';
import { normalizeCellValue } from './xlsx-reader';

/** A standard has ~50 rows; anything near this is not a standard. */
const MAX_STANDARD_FILE_BYTES = 10 * 1024 * 1024;

export async function readStandardWorkbook(file: string, displayName: string): Promise<PlainWorkbook> {
  const size = fs.statSync(file).size;
  if (size > MAX_STANDARD_FILE_BYTES) {
    throw new AppError('INVALID_FILE', '文件超过 10 MB，不像是考核标准文件。请选择本系统导出的考核标准 Excel 文件。');
  }
  const checked = await readSpreadsheet(file, { displayName, maxCells: 500_000 });
  if (checked.format !== 'xlsx') return checked;
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (error) {
    // The file has just been read by the streaming reader: a failure here is damage only when the
    // error says so (inflate, XML); otherwise it is ours, and the message must not blame the file.
    throw readFailure(error);
  }
  const date1904 = checked.date1904;
  const sheets: PlainSheet[] = wb.worksheets.map((ws, index) => {
    const rows: { rowNumber: number; cells: SheetCell[] }[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: SheetCell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        // Merged cells repeat the master's value; only the master carries it.
        if (cell.isMerged && cell.master !== cell) return;
        cells[col - 1] = normalizeCellValue(cell.value, cell.numFmt, date1904);
      });
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      rows.push({ rowNumber, cells });
    });
    return { name: ws.name, index, hidden: ws.state !== 'visible', rows };
  });
  return { format: 'xlsx', date1904, sheets };
}
