/**
 * Parsing one cell according to its column definition. Cross-field and cross-row rules live in
 * row-validate.ts; this file only turns a cell into a typed value or a message.
 */
import { parseDateValue } from './date.parser';
import { validateIdCard } from './id-card.validator';
import { parsePhones } from './phone.validator';
import { parseGradeText } from './post-grade';
import type { ColumnDef } from './roster-columns';
import { ENUMS, enumValues, matchEnum } from './roster-enums';
import { cellDisplay, formatNumberPlain, isEmptyCell, isInvalidCell, type SheetCell } from './sheet-cell';
import { compactText, normalizePersonName, normalizeText } from './text-normalize';

/** A parsed field value; string[] for multi-valued cells (several grid codes). */
export type FieldValue = string | number | boolean | readonly string[] | null;

export type FieldResult =
  { readonly ok: true; readonly value: FieldValue; readonly warning?: string } | { readonly ok: false; readonly message: string };

export interface FieldParseOptions {
  readonly today: string;
  readonly date1904: boolean;
}

const NUMBER_UNITS = /(户|人|个|名|栋|幢|次|小时|h|平方米|平米|m2|km2|平方公里|级|元)$/i;

function ok(value: FieldValue, warning?: string): FieldResult {
  return warning === undefined ? { ok: true, value } : { ok: true, value, warning };
}

function fail(message: string): FieldResult {
  return { ok: false, message };
}

/** Parses a typed number: "1,234", "300户", "１２" -> number; null when not a number. */
export function parseNumberText(raw: string): number | null {
  const s = compactText(raw).replace(/,/g, '').replace(NUMBER_UNITS, '');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/**
 * Parses one cell for a column. Empty cells give `{ ok: true, value: null }` (required-ness is
 * checked by the caller so the message can name the column).
 */
export function parseField(col: ColumnDef, cell: SheetCell | undefined, options: FieldParseOptions): FieldResult {
  if (cell === undefined || cell === null || isEmptyCell(cell)) return ok(null);
  if (isInvalidCell(cell)) {
    if (cell.text.startsWith('#')) return fail(`单元格是公式错误 ${cell.text}，请改为实际内容后重新导入`);
    return fail('单元格是公式但没有计算结果（文件可能由程序生成、未在 Excel/WPS 中保存过），请在 Excel/WPS 中打开并保存，或改为实际内容');
  }
  switch (col.type) {
    case 'text':
    case 'community':
      return parseTextField(col, cell);
    case 'personName':
      return parseNameField(col, cell);
    case 'code':
    case 'grid':
      return parseCodeField(col, cell);
    case 'grids': {
      if (typeof cell === 'number') return parseCodeField(col, cell);
      const parts = normalizeText(cellDisplay(cell))
        .split(/[、,;/|\s]+/)
        .map((p) => p.trim())
        .filter((p) => p !== '');
      return parts.length === 0 ? ok(null) : ok([...new Set(parts)]);
    }
    case 'idCard': {
      if (typeof cell === 'boolean' || cell instanceof Date) return fail('身份证号不是文本，请填写 18 位身份证号');
      const r = validateIdCard(cell, options.today);
      return r.ok ? ok(r.id) : fail(r.message);
    }
    case 'phone':
    case 'mobile': {
      if (typeof cell === 'boolean' || cell instanceof Date) return fail('电话格式不正确，请填写手机号或固话');
      const r = parsePhones(cell, col.type === 'mobile' ? ['mobile'] : ['mobile', 'landline']);
      if (r.ok) return ok(r.text);
      if (typeof cell === 'number' && !/^1/.test(formatNumberPlain(cell))) {
        return fail(`${r.message}；固话开头的 0 可能因单元格是数字格式而丢失，请把该列设为文本后重新录入`);
      }
      return fail(r.message);
    }
    case 'date': {
      if (typeof cell === 'boolean') return fail('日期格式不正确，请写成 1990-01-01 或 1990年1月');
      const r = parseDateValue(cell, { date1904: options.date1904 });
      if (!r.ok) return fail(r.message);
      // Only a typed day is a stated day: a date cell (or bare serial) on the 1st in a month column
      // states its month; 1975-11-01 typed as text or 19751101 typed as a number states the day.
      const dateCell = cell instanceof Date || (typeof cell === 'number' && cell <= 73050);
      if (col.monthOnly && dateCell && r.precision === 'day' && r.iso.endsWith('-01')) return ok(r.iso.slice(0, 7));
      return ok(r.iso);
    }
    case 'dateRange':
      return parseDateRange(cell, options);
    case 'int':
    case 'decimal':
      return parseNumberField(col, cell);
    case 'grade': {
      const n = typeof cell === 'number' ? cell : typeof cell === 'string' ? parseGradeText(cell) : null;
      if (n === null || !Number.isInteger(n)) return fail(`岗位等级“${cellDisplay(cell)}”不是整数，请填写 1–18 的数字`);
      if (n < 1 || n > 60) return fail(`岗位等级 ${n} 超出范围，请填写 1–18 的数字`);
      return ok(n);
    }
    case 'enum': {
      const def = col.enumId ? ENUMS[col.enumId] : undefined;
      if (!def) return fail(`内部错误：列“${col.label}”缺少取值表`);
      const text = cellDisplay(cell);
      const match = matchEnum(def, text);
      if (match === null) {
        return fail(`${col.label}“${text.trim()}”不是可选值，请填写：${enumValues(def).join('、')}`);
      }
      return ok(match);
    }
    case 'bool': {
      if (typeof cell === 'boolean') return ok(cell);
      const match = matchEnum(ENUMS.yesNo, cellDisplay(cell));
      if (match === null) return fail(`${col.label}“${cellDisplay(cell).trim()}”应填写“是”或“否”`);
      return ok(match === '是');
    }
  }
}

function parseTextField(col: ColumnDef, cell: SheetCell): FieldResult {
  const text = normalizeText(cellDisplay(cell));
  if (text === '') return ok(null);
  if (col.maxLength !== undefined && text.length > col.maxLength) {
    return fail(`${col.label}过长（${text.length} 个字，最多 ${col.maxLength} 个），请精简`);
  }
  return ok(text);
}

function parseNameField(col: ColumnDef, cell: SheetCell): FieldResult {
  if (typeof cell !== 'string') return fail(`${col.label}“${cellDisplay(cell)}”不是姓名，请核对该列是否对应正确`);
  const name = normalizePersonName(cell);
  if (name === '') return ok(null);
  const length = Array.from(name).length;
  if (length < 2 || length > (col.maxLength ?? 20)) {
    return fail(`${col.label}“${name}”长度应为 2–${col.maxLength ?? 20} 个字，请核对`);
  }
  if (/\d/.test(name)) return fail(`${col.label}“${name}”含有数字，请核对该列是否对应正确`);
  return ok(name);
}

function parseCodeField(col: ColumnDef, cell: SheetCell): FieldResult {
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || Math.abs(cell) >= 1e15) {
      return fail(`${col.label}被存成了数字，长编码的末尾数字已丢失，请把该列设为文本后重新录入`);
    }
    return ok(formatNumberPlain(cell));
  }
  const text = compactText(cellDisplay(cell));
  if (text === '') return ok(null);
  if (/^\d+(\.\d+)?E\+?\d+$/i.test(text)) {
    return fail(`${col.label}显示为科学计数法（如 4.1E+19），末尾数字已丢失，请把该列设为文本后重新录入`);
  }
  if (col.maxLength !== undefined && text.length > col.maxLength) {
    return fail(`${col.label}过长（${text.length} 位，最多 ${col.maxLength} 位），请核对`);
  }
  return ok(text);
}

function parseNumberField(col: ColumnDef, cell: SheetCell): FieldResult {
  let n: number | null;
  if (typeof cell === 'number') n = cell;
  else if (typeof cell === 'string') n = parseNumberText(cell);
  else n = null;
  if (n === null) return fail(`${col.label}“${cellDisplay(cell).trim()}”不是数字，请填写数字（不要写“约”“左右”等文字）`);
  if (col.type === 'int') {
    if (!Number.isInteger(n)) return fail(`${col.label}应为整数，这里是 ${formatNumberPlain(n)}，请核对`);
  } else {
    // Areas and hours: keep two decimals so sums stay exact enough for display.
    n = Math.round(n * 100) / 100;
  }
  if (col.min !== undefined && n < col.min) return fail(`${col.label}不能小于 ${col.min}，这里是 ${formatNumberPlain(n)}`);
  if (col.max !== undefined && n > col.max) return fail(`${col.label}不能大于 ${col.max}，这里是 ${formatNumberPlain(n)}`);
  return ok(n);
}

function parseDateRange(cell: SheetCell, options: FieldParseOptions): FieldResult {
  if (typeof cell !== 'string') return fail('合同起止日期应写成“2020-01-01至2023-12-31”，或分两列填写');
  const text = compactText(cell);
  let parts = text.split(/至|到|~|～|—|–|--/).filter((p) => p !== '');
  if (parts.length === 1) {
    // "2020.01-2023.01": a single hyphen between two dotted/Chinese dates.
    const m = /^(.+?[.年月日/].*?)-(\d{4}.*)$/.exec(text);
    if (m && m[1] && m[2]) parts = [m[1], m[2]];
  }
  if (parts.length !== 2) return fail(`合同起止日期“${cell.trim()}”无法识别，请写成“2020-01-01至2023-12-31”，或分两列填写`);
  const [a, b] = parts as [string, string];
  const start = parseDateValue(a, options);
  const end = parseDateValue(b, options);
  if (!start.ok) return fail(`合同起始日期：${start.message}`);
  if (!end.ok) return fail(`合同终止日期：${end.message}`);
  return ok([start.iso, end.iso]);
}
