/**
 * Writes a standard version's workbook (layout from shared/domain/standard/standard-workbook):
 * a title row, one frozen bold header row, text cells as text (so a code like 1.10 or an expression
 * starting with a digit is never reinterpreted), wrapped long text, widths for printing.
 */
import ExcelJS from './exceljs';
import type { SheetLayout } from '../../../../../shared/domain/standard/standard-workbook';

export async function writeStandardWorkbook(file: string, sheets: readonly SheetLayout[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '社区规范化创建考评系统';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, {
      views: [{ state: 'frozen', ySplit: 2 }],
      pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
    });
    ws.columns = s.widths.map((width) => ({ width }));
    ws.mergeCells(1, 1, 1, s.header.length);
    const title = ws.getCell(1, 1);
    title.value = s.title;
    title.font = { bold: true, size: 14 };
    const header = ws.getRow(2);
    header.values = [...s.header];
    header.font = { bold: true };
    header.eachCell((c) => {
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
      c.border = { bottom: { style: 'thin' } };
      c.alignment = { vertical: 'middle', horizontal: 'center' };
    });
    for (const values of s.rows) {
      const row = ws.addRow(values.map((v) => (v === null ? null : v)));
      values.forEach((v, i) => {
        const cell = row.getCell(i + 1);
        if (typeof v === 'string') cell.numFmt = '@';
        cell.alignment = { vertical: 'top', wrapText: s.wrap.includes(i) };
      });
    }
    ws.pageSetup.printTitlesRow = '2:2';
  }
  await wb.xlsx.writeFile(file);
}
