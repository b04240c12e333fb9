/**
 * Text normalisation for values typed by hand in Excel/WPS.
 *
 * Hand-made rosters carry full-width digits (１２３), full-width brackets, non-breaking spaces pasted
 * from web pages and zero-width characters pasted from chat apps. Every comparison and every stored
 * value goes through these functions so "１１０１０５…" and "110105…" are the same ID.
 */

// Zero-width space/joiners, word joiner, BOM, soft hyphen, invisible separators. Never meaningful in a roster.
const INVISIBLE = /[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD\u180E\u202A-\u202E]/g;
// Control characters except tab/newline (which are whitespace and handled separately).
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const ANY_SPACE = /\s+/g;
const CLEAN = /^[\x21-\x7e\u4e00-\u9fff]+(?: [\x21-\x7e\u4e00-\u9fff]+)*$/;
const CJK = /[\u3400-\u9FFF\uF900-\uFAFF\u{20000}-\u{3134F}]/u;

/**
 * Normalises one text value: NFKC (全角 -> 半角, compatibility forms), NBSP and ideographic space to
 * ordinary spaces, zero-width and control characters removed, whitespace runs collapsed, trimmed.
 */
export function normalizeText(raw: string): string {
  // Fast path for the common case (already clean ASCII/CJK, single spaces): NFKC would not change it.
  if (CLEAN.test(raw)) return raw;
  return raw.normalize('NFKC').replace(INVISIBLE, '').replace(CONTROL, '').replace(ANY_SPACE, ' ').trim();
}

/** Removes every whitespace character (after normalisation). Used for codes, IDs, phones, enum values. */
export function compactText(raw: string): string {
  if (CLEAN.test(raw) && raw.indexOf(' ') < 0) return raw;
  return normalizeText(raw).replace(ANY_SPACE, '');
}

/** True when the text contains at least one CJK ideograph. */
export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

/**
 * Normalises a person's name. Rosters pad two-character names with spaces so they line up with
 * three-character ones ("张  三"); spaces between CJK characters are therefore dropped, while names
 * in Latin script keep single spaces and minority names keep their middle dot (·).
 */
export function normalizePersonName(raw: string): string {
  if (CLEAN.test(raw) && raw.indexOf(' ') < 0 && raw.indexOf('•') < 0) return raw;
  const text = normalizeText(raw).replace(/[•・．]/g, '·');
  if (!hasCjk(text)) return text;
  return text.replace(/\s+/g, (spaces: string, offset: number) => {
    const before = text.charAt(offset - 1);
    const after = text.charAt(offset + spaces.length);
    return isCjkOrSurrogate(before) || isCjkOrSurrogate(after) ? '' : ' ';
  });
}

function isCjkOrSurrogate(ch: string): boolean {
  // Characters beyond the BMP (e.g. 𠮷) arrive here as half of a surrogate pair.
  return CJK.test(ch) || /[\uD800-\uDFFF]/.test(ch);
}

/**
 * Normalises a column header for matching: NFKC, all whitespace and line breaks removed, required
 * markers (*, ※, ★) and trailing colons removed, Latin letters lower-cased, brackets unified to ().
 */
export function normalizeHeader(raw: string): string {
  return normalizeText(raw)
    .replace(ANY_SPACE, '')
    .replace(/[*※★☆"'“”‘’「」『』]/g, '')
    .replace(/[【〔［[]/g, '(')
    .replace(/[】〕］\]]/g, ')')
    .replace(/[:]+$/g, '')
    .toLowerCase();
}

/**
 * The header without parenthesised parts: "综合服务设施面积(m2)" -> "综合服务设施面积",
 * "出生年月(格式:1990-01)" -> "出生年月". Applied after {@link normalizeHeader}.
 */
export function stripHeaderQualifiers(normalizedHeader: string): string {
  let previous = '';
  let text = normalizedHeader;
  // Nested or repeated brackets: strip until stable.
  while (text !== previous) {
    previous = text;
    text = text.replace(/\([^()]*\)/g, '');
  }
  return text.replace(/[()]/g, '');
}

/** Normalises a value compared against enumeration values and synonyms: compact and lower-case. */
export function normalizeEnumText(raw: string): string {
  return compactText(raw).toLowerCase();
}
