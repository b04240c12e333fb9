/**
 * Phone numbers: mainland mobile `1[3-9]` + 9 digits, landline `0` + 2–3 digit area code + 7–8 digits
 * (漯河 0395). One cell may hold several numbers ("13812345678、0395-1234567").
 */
import { compactText } from './text-normalize';

export type PhoneKind = 'mobile' | 'landline';

export interface ParsedPhone {
  readonly kind: PhoneKind;
  /** Canonical form: 13812345678 or 0395-1234567 (optionally -ext). */
  readonly value: string;
}

export type PhoneResult =
  | { readonly ok: true; readonly phones: readonly ParsedPhone[]; readonly text: string }
  | { readonly ok: false; readonly message: string; readonly bad: string };

const MOBILE = /^1[3-9]\d{9}$/;
const SEPARATORS = /[、;,/|]+|\s{2,}|\n/;

/** Parses a single phone number (already split). Returns null when it is neither mobile nor landline. */
export function parseOnePhone(raw: string): ParsedPhone | null {
  let s = compactText(raw).replace(/^(手机|电话|固话|座机|办公|tel|mobile)[:：]?/i, '');
  s = s.replace(/^\+?86(?=1[3-9]\d{9}$)/, '').replace(/^\(?\+?86\)?-?(?=1)/, '');
  const mobileDigits = s.replace(/[-.\s]/g, '');
  if (/^1[3-9]\d{9}$/.test(mobileDigits)) return { kind: 'mobile', value: mobileDigits };
  // (0395)1234567, 0395 1234567, 0395-1234567, 03951234567, with optional extension "转123" / "-123".
  const landline = /^\(?(0\d{2,3})\)?-?(\d{7,8})(?:(?:-|转|ext\.?)(\d{1,6}))?$/i.exec(s.replace(/\s/g, ''));
  if (landline) {
    const [, area, local, ext] = landline;
    return { kind: 'landline', value: `${area}-${local}${ext ? `-${ext}` : ''}` };
  }
  return null;
}

/**
 * Parses a phone cell that may hold several numbers separated by 、 / ; , or line breaks.
 * `allowed` restricts the kinds (a 联系电话* column for workers requires a mobile).
 */
export function parsePhones(raw: string | number, allowed: readonly PhoneKind[] = ['mobile', 'landline']): PhoneResult {
  const text = typeof raw === 'number' ? String(raw) : raw;
  // Fast path: one plain mobile number.
  if (MOBILE.test(text)) {
    if (!allowed.includes('mobile')) return { ok: false, bad: text, message: `“${text}”是手机号，这一列需要填写固定电话` };
    return { ok: true, phones: [{ kind: 'mobile', value: text }], text };
  }
  const parts = text
    .normalize('NFKC')
    .split(SEPARATORS)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const phones: ParsedPhone[] = [];
  for (const part of parts) {
    const phone = parseOnePhone(part);
    if (!phone) {
      if (/^\d{7,8}$/.test(compactText(part))) {
        return { ok: false, bad: part, message: `电话“${part}”缺少区号，请写成 0395-1234567 这样的格式` };
      }
      return {
        ok: false,
        bad: part,
        message: `电话“${part}”不是有效的手机号（11 位，1 开头）或固话（区号-号码，如 0395-1234567），请核对`,
      };
    }
    if (!allowed.includes(phone.kind)) {
      return { ok: false, bad: part, message: `“${part}”是固定电话，这一列需要填写 11 位手机号` };
    }
    if (!phones.some((p) => p.value === phone.value)) phones.push(phone);
  }
  if (phones.length === 0) return { ok: false, bad: text, message: '电话为空，请填写手机号或固话' };
  return { ok: true, phones, text: phones.map((p) => p.value).join('、') };
}
