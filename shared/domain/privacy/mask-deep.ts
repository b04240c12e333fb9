/**
 * Masking inside free-form structures (the audit log's before/after, its reasons): fields named
 * like a 身份证号 or a phone are masked by name, and any other text is masked wherever it holds
 * something shaped like a 身份证号 or a mobile number.
 */
import { maskIdCard, maskPhone } from './mask';

const ID_KEY = /^(id_?number|id_?card|身份证号?(码)?)$/i;
const PHONE_KEY = /(phone|mobile|电话|手机)/i;
const ID_IN_TEXT = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
const MOBILE_IN_TEXT = /(?<!\d)(1[3-9]\d{9})(?!\d)/g;

/** Mask 身份证号 and mobile numbers found anywhere in a text. */
export function maskPersonalText(text: string): string {
  return text.replace(ID_IN_TEXT, (m) => maskIdCard(m)).replace(MOBILE_IN_TEXT, (m) => maskPhone(m));
}

function maskField(key: string, value: string): string {
  if (ID_KEY.test(key)) return maskIdCard(value);
  if (PHONE_KEY.test(key)) return value.split('、').map(maskPhone).join('、');
  return maskPersonalText(value);
}

/** A deep copy of `value` with personal data masked; numbers, booleans and null are kept. */
export function maskPersonalDataDeep(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return maskField(key, value);
  if (typeof value === 'number' && (ID_KEY.test(key) || PHONE_KEY.test(key))) return maskField(key, String(value));
  if (Array.isArray(value)) return value.map((v) => maskPersonalDataDeep(v, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskPersonalDataDeep(v, k)]));
  }
  return value;
}
