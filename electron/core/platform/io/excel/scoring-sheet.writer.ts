/**
 * Writes field scoring sheets (.xlsx): one sheet per community, a title row, one frozen header row
 * (编码, 二级指标, 分值, 评分细则, 得分, 扣分原因), widths and wrapped 评分细则 for printing.
 */
import ExcelJS from './exceljs';
import { SHEET_COLUMNS, type ScoringSheetRow } from '../../../../../shared/domain/round/scoring-sheet';

export interface ScoringSheet {
  sheetName: string;
  title: string;
  rows: ScoringSheetRow[];
}

const WIDTHS = [8, 40, 7, 60, 8, 30];

export async function writeScoringWorkbook(file: string, sheets: readonly ScoringSheet[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '社区规范化创建考评系统';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.sheetName, {
      views: [{ state: 'frozen', ySplit: 2 }],
      pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    ws.columns = WIDTHS.map((width) => ({ width }));
    ws.mergeCells(1, 1, 1, SHEET_COLUMNS.length);
    const title = ws.getCell(1, 1);
    title.value = s.title;
    title.font = { bold: true, size: 14 };
    const header = ws.getRow(2);
    header.values = [...SHEET_COLUMNS];
    header.font = { bold: true };
    header.eachCell((c) => {
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
      c.border = { bottom: { style: 'thin' } };
    });
    for (const r of s.rows) {
      const row = ws.addRow([r.code, r.title, r.max, r.guide, r.score, r.note]);
      row.getCell(4).alignment = { wrapText: true, vertical: 'top' };
      row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
      row.getCell(3).numFmt = '0.0';
      row.getCell(5).numFmt = '0.0';
    }
    ws.pageSetup.printTitlesRow = '2:2';
  }
  await wb.xlsx.writeFile(file);
}
