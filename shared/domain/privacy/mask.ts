/**
 * Masking of personal data (身份证号, 电话) for everything that leaves the app as paper or files:
 * reports, exports, printouts. Masking is idempotent (a masked value masks to itself), so a value
 * may safely pass through it more than once on its way to a report.
 */

const MASK = '*';

function maskMiddle(value: string, keepStart: number, keepEnd: number): string {
  const chars = Array.from(value);
  if (chars.length <= keepStart + keepEnd) {
    // Too short to keep both ends and still hide something: keep only the last character.
    return chars.length <= 1 ? MASK : MASK.repeat(chars.length - 1) + chars[chars.length - 1];
  }
  return (
    chars.slice(0, keepStart).join('') + MASK.repeat(chars.length - keepStart - keepEnd) + chars.slice(chars.length - keepEnd).join('')
  );
}

/**
 * Masks a 身份证号 keeping the first 4 and the last 4 characters:
 * `41110219900101123X` -> `4111**********123X`. Works for 15-digit legacy numbers too
 * (`411102900101123` -> `4111*******1123`). Whitespace is dropped first.
 */
export function maskIdCard(idCard: string): string {
  const compact = idCard.replace(/\s+/g, '').toUpperCase();
  if (compact === '') return '';
  return maskMiddle(compact, 4, 4);
}

/**
 * Masks a phone number. Mobile numbers keep the first 3 and last 4 digits (`13812345678` ->
 * `138****5678`); landlines keep the area code and the last 4 digits (`0395-1234567` ->
 * `0395-***4567`). Anything else keeps its last 4 characters.
 */
export function maskPhone(phone: string): string {
  const compact = phone.replace(/\s+/g, '');
  if (compact === '') return '';
  const mobile = /^(\+?86)?(1\d{2})([\d*]{4})([\d*]{4})$/.exec(compact);
  if (mobile) return `${mobile[1] ?? ''}${mobile[2] ?? ''}****${mobile[4] ?? ''}`;
  const landline = /^(0\d{2,3})(-?)([\d*]+)$/.exec(compact);
  if (landline) {
    const [, area = '', dash = '', local = ''] = landline;
    return area + dash + maskMiddle(local, 0, 4);
  }
  return maskMiddle(compact, 0, 4);
}

/** A person as a report may show them: name as is, ID number and phone masked. */
export interface MaskedPerson {
  name: string;
  idCard?: string;
  phone?: string;
}

/** Masks the personal fields of a person record; the name is kept. */
export function maskPerson(person: { name: string; idCard?: string | null; phone?: string | null }): MaskedPerson {
  const masked: MaskedPerson = { name: person.name };
  if (person.idCard) masked.idCard = maskIdCard(person.idCard);
  if (person.phone) masked.phone = maskPhone(person.phone);
  return masked;
}
