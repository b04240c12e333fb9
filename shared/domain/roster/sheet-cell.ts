/**
 * Plain spreadsheet data as handed from the file readers (electron/core/platform/io/excel) to the roster
 * domain. Readers normalise every format (xlsx, csv) into these shapes so validation never sees
 * ExcelJS objects.
 */

/** A cell that cannot be trusted: a formula error (#N/A, #REF!) or a formula with no cached result. */
export interface InvalidCell {
  readonly kind: 'invalid';
  /** What the file showed, e.g. "#REF!" or the formula text. */
  readonly text: string;
}

/**
 * One cell value. Strings are raw (not yet normalised) so messages can quote what the user typed;
 * numbers are what a numeric cell stored (an 18-digit ID here has already lost digits); Date is a
 * date-formatted cell whose calendar date must be read with UTC getters.
 */
export type SheetCell = null | string | number | boolean | Date | InvalidCell;

export interface SheetRow {
  /** 1-based row number as Excel shows it. */
  readonly rowNumber: number;
  /** 0-based by column (A = 0); missing entries are empty cells. */
  readonly cells: readonly SheetCell[];
}

export interface PlainSheet {
  readonly name: string;
  /** 0-based position in the workbook's sheet order. */
  readonly index: number;
  readonly hidden: boolean;
  readonly rows: readonly SheetRow[];
}

export interface PlainWorkbook {
  readonly format: 'xlsx' | 'csv';
  /** Workbooks saved with the 1904 date system store serial numbers 1462 days smaller. */
  readonly date1904: boolean;
  readonly sheets: readonly PlainSheet[];
}

/** True for InvalidCell values. */
export function isInvalidCell(cell: SheetCell | undefined): cell is InvalidCell {
  return typeof cell === 'object' && cell !== null && !(cell instanceof Date) && cell.kind === 'invalid';
}

/** True when a cell holds nothing (null, undefined or only whitespace/invisible characters). */
export function isEmptyCell(cell: SheetCell | undefined): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell === 'string') {
    // Fast answer for the usual cell that starts with a visible ASCII or CJK character.
    const first = cell.charCodeAt(0);
    if ((first > 0x20 && first < 0x7f) || (first >= 0x4e00 && first <= 0x9fff)) return false;
    return cell.replace(/[\s\u200B-\u200F\u2060\uFEFF\u00A0\u3000]/g, '') === '';
  }
  return false;
}

/** Column letters as Excel shows them: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A short text rendering of a cell for problem messages and previews. */
export function cellDisplay(cell: SheetCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return formatNumberPlain(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return '';
    return cell.toISOString().slice(0, 10);
  }
  return cell.text;
}

/** A number as digits without exponent where possible (String(4.111e17) would print "411100000000000000"). */
export function formatNumberPlain(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(n);
}

/** A sheet as a streaming reader announces it. */
export interface SheetInfo {
  readonly name: string;
  /** Position in the order the file delivers sheets. */
  readonly index: number;
  readonly hidden: boolean;
}

/**
 * Receives rows while a file is read, so a large roster is validated without holding every cell in
 * memory. Calls come in order: startSheet, row..., endSheet, per sheet.
 */
export interface RowSink {
  startSheet(info: SheetInfo): void;
  row(row: SheetRow): void;
  endSheet(): void;
}
