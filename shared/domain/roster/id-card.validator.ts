/**
 * 公民身份号码 (GB 11643-1999): 6-digit address code + 8-digit birth date + 3-digit sequence
 * (17th digit odd = 男, even = 女) + check character computed with ISO 7064 MOD 11-2.
 */
import { compactText } from './text-normalize';

const PLAIN_ID = /^\d{17}[\dXx]$/;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Province-level codes of GB/T 2260 (first two digits), incl. 台湾 71, 香港 81, 澳门 82. */
const PROVINCE_CODES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

export type Sex = '男' | '女';

export type IdCardResult =
  | { readonly ok: true; readonly id: string; readonly birthDate: string; readonly sex: Sex }
  | { readonly ok: false; readonly reason: IdCardFailure; readonly message: string };

export type IdCardFailure =
  'empty' | 'numeric-cell' | 'scientific-notation' | 'length' | 'characters' | 'region' | 'birth-date' | 'future-birth' | 'check-digit';

const AS_TEXT_HINT = '请在 Excel/WPS 中把该列设为文本后重新录入完整的 18 位号码（已丢失的数字无法恢复，只改格式不够）';

/** The check character for the first 17 digits of an ID. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

/** Normalises typed ID text: full-width digits, spaces, hyphens removed, lower-case x upper-cased. */
export function normalizeIdCardText(raw: string): string {
  if (PLAIN_ID.test(raw)) return raw.charCodeAt(17) === 120 ? raw.toUpperCase() : raw;
  return compactText(raw).replace(/[-_]/g, '').toUpperCase();
}

/**
 * Validates a 身份证号 from a cell. A numeric cell (or text like "4.111E+17") is always rejected:
 * Excel keeps only 15 significant digits, so the last digits are already gone and must never be
 * "repaired". `today` (ISO date) bounds the birth date.
 */
export function validateIdCard(value: string | number, today: string): IdCardResult {
  if (typeof value === 'number') {
    return {
      ok: false,
      reason: 'numeric-cell',
      message: `身份证号被存成了数字（Excel 数字只保留 15 位有效数字，18 位号码的末尾已变成 0 或显示为 4.111E+17），${AS_TEXT_HINT}`,
    };
  }
  const id = normalizeIdCardText(value);
  if (id === '') return { ok: false, reason: 'empty', message: '身份证号为空，请填写 18 位身份证号' };
  if (/^\d+(\.\d+)?E\+?\d+$/.test(id)) {
    return {
      ok: false,
      reason: 'scientific-notation',
      message: `身份证号显示为科学计数法（如 4.111E+17），说明它曾被存成数字，末尾数字已丢失，${AS_TEXT_HINT}`,
    };
  }
  if (id.length !== 18) {
    const hint = /^\d{15}$/.test(id) ? '（这是旧的 15 位号码，请填写现行的 18 位号码）' : '';
    return { ok: false, reason: 'length', message: `身份证号应为 18 位，这里是 ${id.length} 位${hint}，请核对后重新填写` };
  }
  if (!/^\d{17}[\dX]$/.test(id)) {
    return { ok: false, reason: 'characters', message: '身份证号只能是 17 位数字加最后一位数字或 X，请核对后重新填写' };
  }
  if (!PROVINCE_CODES.has(id.slice(0, 2))) {
    return { ok: false, reason: 'region', message: `身份证号前两位“${id.slice(0, 2)}”不是有效的省级行政区划代码，请核对` };
  }
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isRealDate(birthDate) || birthDate < '1900-01-01') {
    return { ok: false, reason: 'birth-date', message: `身份证号中的出生日期 ${id.slice(6, 14)} 不是有效日期，请核对` };
  }
  if (birthDate > today) {
    return { ok: false, reason: 'future-birth', message: `身份证号中的出生日期 ${birthDate} 晚于今天，请核对` };
  }
  const expected = idCardCheckChar(id.slice(0, 17));
  if (id.charAt(17) !== expected) {
    const zeros = /000$/.test(id) ? '；末尾是 000，可能曾被存成数字而丢失了末几位，' + AS_TEXT_HINT : '，请逐位核对后重新填写';
    return { ok: false, reason: 'check-digit', message: `身份证号校验位不正确（最后一位应为 ${expected}）${zeros}` };
  }
  const sex: Sex = Number(id.charAt(16)) % 2 === 1 ? '男' : '女';
  return { ok: true, id, birthDate, sex };
}

/** True when an ISO YYYY-MM-DD string names a real calendar day. */
export function isRealDate(iso: string): boolean {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return false;
  const y = digits(iso, 0, 4);
  const mo = digits(iso, 5, 7);
  const d = digits(iso, 8, 10);
  if (y < 0 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/** The number written with ASCII digits in text[from, to), or -1. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i += 1) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Masks an ID for display where the role may not see it: 4111**********123X. */
export function maskIdCard(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}
