/**
 * CSV/TSV files: Excel on Chinese Windows saves CSV in GB18030/GBK (no BOM), "CSV UTF-8" with a
 * BOM, and "Unicode text" as UTF-16LE with tabs. Decoded with TextDecoder, parsed per RFC 4180.
 */
import type { PlainWorkbook, SheetCell, SheetRow } from '../../../../../shared/domain/roster/sheet-cell';
import { invalidFile } from './spreadsheet-errors';

export interface CsvDecoded {
  readonly text: string;
  readonly encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
}

/** Decodes CSV bytes: BOMs first, then strict UTF-8, then GB18030 (a superset of GBK/GB2312). */
export function decodeCsvBytes(bytes: Uint8Array): CsvDecoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const utf16 = guessBomlessUtf16(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
    } catch {
      throw invalidFile('csvEncoding');
    }
  }
}

/** UTF-16 without BOM shows up as every other byte being zero in ASCII-heavy text. */
function guessBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros += 1;
    if (bytes[i + 1] === 0) oddZeros += 1;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

/** True when decoded text looks like text rather than binary junk that happened to decode. */
export function looksLikeText(text: string): boolean {
  const sample = text.slice(0, 65536);
  if (sample.length === 0) return true;
  let bad = 0;
  for (let i = 0; i < sample.length; i += 1) {
    const c = sample.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0xfffd || (c >= 0x7f && c < 0xa0)) bad += 1;
  }
  return bad <= sample.length * 0.01;
}

/** Picks the delimiter (comma, tab or semicolon) that splits the first lines most consistently. */
export function detectDelimiter(text: string): string {
  const lines = text.split(/\r\n|\n|\r/, 20).filter((l) => l.trim() !== '');
  let best = ',';
  let bestScore = -1;
  for (const d of [',', '\t', ';']) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const nonZero = counts.filter((c) => c > 0);
    if (nonZero.length === 0) continue;
    const mode = mostCommon(nonZero);
    const score = counts.filter((c) => c === mode).length * 10 + mode;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let inQuotes = false;
  let n = 0;
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === d && !inQuotes) n += 1;
  }
  return n;
}

function mostCommon(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = values[0] ?? 0;
  let bestCount = 0;
  for (const [v, c] of counts) {
    if (c > bestCount || (c === bestCount && v > best)) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

export interface CsvParseLimits {
  readonly maxCells: number;
}

/**
 * Parses CSV text (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes). Excel's
 * `="0123"` text-protection form becomes the plain text. Row numbers count records, as Excel shows
 * them after opening the file.
 */
export function parseCsv(text: string, delimiter: string, limits: CsvParseLimits): SheetRow[] {
  const rows: SheetRow[] = [];
  let cells: SheetCell[] = [];
  let field = '';
  let quoted = false;
  let inQuotes = false;
  let cellCount = 0;
  let rowNumber = 1;
  const endField = () => {
    let value = field;
    if (!quoted) {
      const m = /^="(.*)"$/s.exec(value);
      if (m) value = m[1] ?? '';
    }
    cells.push(value === '' ? null : value);
    field = '';
    quoted = false;
    cellCount += 1;
  };
  const endRow = () => {
    endField();
    if (cellCount > limits.maxCells) throw invalidFile('tooManyCells');
    // Trailing empty cells are noise (Excel pads every row to the widest one).
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    rows.push({ rowNumber, cells });
    rowNumber += 1;
    cells = [];
  };
  const n = text.length;
  for (let i = 0; i < n; i += 1) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else {
          inQuotes = false;
        }
      } else {
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      inQuotes = true;
      quoted = true;
    } else if (ch === delimiter) {
      endField();
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      endRow();
    } else {
      field += ch;
    }
  }
  if (field !== '' || cells.length > 0 || quoted) endRow();
  return rows;
}

/** Reads CSV bytes into a one-sheet plain workbook named after the file. */
export function readCsvBytes(bytes: Uint8Array, sheetName: string, limits: CsvParseLimits): PlainWorkbook {
  const { text } = decodeCsvBytes(bytes);
  if (!looksLikeText(text)) throw invalidFile('notSpreadsheet');
  const rows = parseCsv(text, detectDelimiter(text), limits);
  return { format: 'csv', date1904: false, sheets: [{ name: sheetName, index: 0, hidden: false, rows }] };
}
