/**
 * Dates as people type them in Chinese rosters, to ISO text: YYYY-MM-DD, or YYYY-MM when only a
 * month was given (出生年月 is usually a month).
 */
import { daysInMonth, isRealDate } from './id-card.validator';
import { compactText } from './text-normalize';

export type DatePrecision = 'day' | 'month';

export type DateResult =
  { readonly ok: true; readonly iso: string; readonly precision: DatePrecision } | { readonly ok: false; readonly message: string };

export interface DateParseOptions {
  /** Workbook uses the 1904 date system (Mac Excel): serials are 1462 days smaller. */
  readonly date1904?: boolean;
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
// Excel serial 1 = 1900-01-01; serial 73051 = 2100-01-01. Smaller numbers are not plausible roster dates.
const MIN_SERIAL = 1;
const MAX_SERIAL = 73050;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function ymd(y: number, m: number, d: number): DateResult {
  const iso = `${y}-${pad2(m)}-${pad2(d)}`;
  if (y < MIN_YEAR || y > MAX_YEAR || !isRealDate(iso)) {
    return { ok: false, message: `日期 ${y}年${m}月${d}日 不存在，请核对` };
  }
  return { ok: true, iso, precision: 'day' };
}

function ym(y: number, m: number): DateResult {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12) {
    return { ok: false, message: `日期 ${y}年${m}月 不存在，请核对` };
  }
  return { ok: true, iso: `${y}-${pad2(m)}`, precision: 'month' };
}

/** Converts an Excel serial day number to an ISO date (1900 or 1904 system, incl. Excel's 1900-02-29 bug). */
export function excelSerialToIso(serial: number, date1904 = false): string {
  const whole = Math.floor(serial);
  // 25569 = days from 1899-12-30 to 1970-01-01; Excel's fictitious 1900-02-29 (serial 60) is why the
  // epoch is 1899-12-30 for serials > 60.
  const days = date1904 ? whole + 1462 - 25569 : whole - 25569 + (whole < 61 ? 1 : 0);
  const d = new Date(days * 86_400_000);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/**
 * Parses a date cell: a Date (read with UTC getters, as ExcelJS builds them), an Excel serial
 * number, a number typed as 19900101 / 199001 / 1990.01, or text in the forms 1990-1-1, 1990/01/01,
 * 1990.01.01, 1990年1月1日, 1990年1月, 1990.01, 1990/01, 1990-01, 19900101, 199001 (a trailing time
 * is ignored).
 */
export function parseDateValue(value: string | number | Date, options: DateParseOptions = {}): DateResult {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, message: '日期无效，请重新填写' };
    return ymd(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value === 'number') return parseDateNumber(value, options);
  return parseDateText(value);
}

function parseDateNumber(n: number, options: DateParseOptions): DateResult {
  if (!Number.isFinite(n)) return { ok: false, message: '日期无效，请重新填写' };
  if (Number.isInteger(n)) {
    if (n >= 19000101 && n <= 21001231) return parseCompactDigits(String(n));
    if (n >= 190001 && n <= 210012) return parseCompactDigits(String(n));
    if (n >= MIN_SERIAL && n <= MAX_SERIAL) {
      const iso = excelSerialToIso(n, options.date1904 ?? false);
      return { ok: true, iso, precision: 'day' };
    }
    return { ok: false, message: `数字 ${n} 不是可识别的日期，请填写如 1990-01-01 或 1990年1月 的日期` };
  }
  // A numeric cell typed as 1990.01 / 1990.12: Excel stores 1990.1 for both "1990.1" and "1990.10".
  if (n >= MIN_YEAR && n < MAX_YEAR + 1) {
    const text = String(n);
    const m = /^(\d{4})\.(\d{1,2})$/.exec(text);
    if (m) {
      const y = Number(m[1]);
      const frac = m[2] ?? '';
      if (frac === '1') {
        return {
          ok: false,
          message: `数字 ${text} 无法区分 ${y}年1月 和 ${y}年10月（数字格式会去掉末尾的 0），请把该列设为文本后填写 ${y}.01 或 ${y}.10`,
        };
      }
      const month = frac.length === 1 ? Number(frac) : Number(frac);
      return ym(y, month);
    }
  }
  // Serial with a time part (date-time cell without a date format).
  if (n >= MIN_SERIAL && n <= MAX_SERIAL) {
    return { ok: true, iso: excelSerialToIso(n, options.date1904 ?? false), precision: 'day' };
  }
  return { ok: false, message: `数字 ${n} 不是可识别的日期，请填写如 1990-01-01 或 1990年1月 的日期` };
}

function parseCompactDigits(digits: string): DateResult {
  const y = Number(digits.slice(0, 4));
  const m = Number(digits.slice(4, 6));
  if (digits.length === 6) return ym(y, m);
  return ymd(y, m, Number(digits.slice(6, 8)));
}

const SIMPLE_DATE = /^(\d{4})([-/.])(\d{1,2})(?:\2(\d{1,2}))?$/;

function parseDateText(raw: string): DateResult {
  // Fast path: the common 1990-01-01 / 1990.01 / 1990/1/1 without spaces or full-width characters.
  const quick = SIMPLE_DATE.exec(raw);
  if (quick)
    return quick[4] === undefined ? ym(Number(quick[1]), Number(quick[3])) : ymd(Number(quick[1]), Number(quick[3]), Number(quick[4]));
  let s = compactText(raw);
  if (s === '') return { ok: false, message: '日期为空' };
  // Drop a trailing time ("1990-01-01 00:00:00", "1990-01-01T08:00").
  s = s.replace(/(?<=\d)(T|\s)?\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i, '');
  s = s.replace(/(?<=\d)(号)$/, '日');

  let m = /^(\d{4})年(\d{1,2})月(?:(\d{1,2})日?)?$/.exec(s);
  if (m) {
    return m[3] === undefined ? ym(Number(m[1]), Number(m[2])) : ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  m = /^(\d{4})([-/.])(\d{1,2})(?:\2(\d{1,2}))?[.]?$/.exec(s);
  if (m) {
    return m[4] === undefined ? ym(Number(m[1]), Number(m[3])) : ymd(Number(m[1]), Number(m[3]), Number(m[4]));
  }
  if (/^\d{8}$/.test(s) || /^\d{6}$/.test(s)) {
    const y = Number(s.slice(0, 4));
    if (y >= MIN_YEAR && y <= MAX_YEAR) return parseCompactDigits(s);
  }
  // Month-first US style from English Excel (1/31/1990) is ambiguous with day-first; refuse clearly.
  if (/^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/.test(s)) {
    return { ok: false, message: `日期“${raw.trim()}”的年月日顺序无法确定，请写成 1990-01-31 或 1990年1月31日` };
  }
  return { ok: false, message: `“${raw.trim()}”不是可识别的日期，请写成 1990-01-01、1990.01 或 1990年1月1日 这样的格式` };
}

/** Adds whole months to an ISO date (YYYY-MM-DD), clamping the day (03-31 - 1 month = 02-28/29). */
export function addMonths(iso: string, months: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10)) || 1;
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const nd = Math.min(d, daysInMonth(ny, nm));
  return `${ny}-${pad2(nm)}-${pad2(nd)}`;
}

/**
 * Whole years between a birth date (YYYY-MM-DD or YYYY-MM) and a date. A month-only birth date is
 * taken as the first of that month.
 */
export function ageAt(birth: string, at: string): number {
  const b = birth.length === 7 ? `${birth}-01` : birth;
  const by = Number(b.slice(0, 4));
  const ay = Number(at.slice(0, 4));
  const beforeBirthday = at.slice(5, 10) < b.slice(5, 10);
  return ay - by - (beforeBirthday ? 1 : 0);
}

/** Compares two ISO dates of possibly different precision on their common prefix: -1, 0 or 1. */
export function compareIsoLoose(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  const x = a.slice(0, n);
  const y = b.slice(0, n);
  return x < y ? -1 : x > y ? 1 : 0;
}
