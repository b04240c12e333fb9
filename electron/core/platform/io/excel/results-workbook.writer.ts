/**
 * Writes the results workbook (.xlsx) from its layout (shared/report/results-workbook.layout):
 * numbers as numbers with their formats, dates as real dates, one styled header row per sheet that
 * is frozen, filtered and repeated on every printed page, widths, landscape A4 fitted to the width.
 * The workbook is small (a few hundred rows), so the in-memory writer is used: the streaming writer
 * cannot set print titles and autofilters as reliably.
 */
import { randomUUID } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from './exceljs';
import {
  NUMBER_FORMATS,
  type WorkbookCell,
  type WorkbookCellKind,
  type WorkbookLayout,
} from '../../../../../shared/report/results-workbook.layout';

const HEADER_FILL = 'FFE6E6E6';
const THIN = { style: 'thin' as const, color: { argb: 'FF9A9A9A' } };

function isoToDate(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  // Excel dates carry no time zone: a UTC midnight reads back as the same calendar day everywhere.
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

function cellValue(value: WorkbookCell, kind: WorkbookCellKind): ExcelJS.CellValue {
  if (value === null) return null;
  if (kind === 'date' && typeof value === 'string') return isoToDate(value) ?? value;
  return value;
}

/** Builds the ExcelJS workbook for a layout. */
export function buildResultsWorkbook(layout: WorkbookLayout): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = layout.creator;
  wb.title = layout.title;
  wb.subject = layout.subject;

  for (const sheet of layout.sheets) {
    const ws = wb.addWorksheet(sheet.name, {
      views: [{ state: 'frozen', xSplit: sheet.frozenColumns, ySplit: 1 }],
      pageSetup: {
        paperSize: 9, // A4
        orientation: sheet.orientation,
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: '1:1',
        horizontalCentered: true,
        margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      },
      headerFooter: {
        oddHeader: `&C&"-,Bold"${sheet.printTitle.replace(/&/g, '&&')}`,
        oddFooter: '&C第 &P 页 共 &N 页',
      },
    });
    ws.columns = sheet.columns.map((c) => ({ width: c.width }));

    const header = ws.getRow(1);
    header.values = sheet.columns.map((c) => c.header);
    header.height = 30;
    header.eachCell((cell) => {
      cell.font = { bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = { top: THIN, left: THIN, bottom: { style: 'medium' }, right: THIN };
    });

    for (const values of sheet.rows) {
      const row = ws.addRow(values.map((v, i) => cellValue(v, sheet.columns[i]?.kind ?? 'text')));
      sheet.columns.forEach((col, i) => {
        const cell = row.getCell(i + 1);
        if (col.kind !== 'text') cell.numFmt = NUMBER_FORMATS[col.kind];
        cell.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
        cell.alignment =
          col.kind === 'text'
            ? { vertical: 'top', wrapText: col.width >= 20 }
            : { vertical: 'top', horizontal: col.kind === 'date' ? 'center' : 'right' };
      });
    }

    if (sheet.columns.length > 0) {
      ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, sheet.rows.length + 1), column: sheet.columns.length } };
    }
  }
  return wb;
}

/** Writes the workbook to `file` (via a temporary file and a rename, so no half-written file appears). */
export async function writeResultsWorkbook(layout: WorkbookLayout, file: string): Promise<void> {
  const wb = buildResultsWorkbook(layout);
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.tmp`);
  try {
    await wb.xlsx.writeFile(tmp);
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}
