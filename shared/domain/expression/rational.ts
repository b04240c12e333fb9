/**
 * Rational numbers for the expression language and score arithmetic.
 *
 * Why not binary floats: a formula such as `2 * min(1, rate / 0.95)` must give the same item score
 * on every machine and never land on 1.9999999 when rounding half-up to 0.1. Numerator and
 * denominator are kept as safe JS integers, so + − × ÷ and comparisons are exact as long as the
 * intermediate products fit in 2^53 (they do for every realistic formula: counts, areas, decimals,
 * percentages). When a result would not fit, it is computed exactly with BigInt and then rounded to
 * the finest decimal grid that fits (at least 1e-6 for |x| ≤ 1e9), far below the 0.1 score
 * resolution. Plain JS numbers keep 120 communities × 40 items well inside the 50 ms budget.
 *
 * Magnitudes above {@link MAX_MAGNITUDE} are refused by the caller (see `exceedsRange`).
 */

export interface Rational {
  /** Numerator (safe integer); sign of the number. */
  readonly n: number;
  /** Denominator (safe integer), always > 0 and coprime with `n`. */
  readonly d: number;
}

/** Largest absolute value any intermediate result may have (10^12). */
export const MAX_MAGNITUDE = 1e12;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const BIG_MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function gcdNum(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

function absBig(x: bigint): bigint {
  return x < 0n ? -x : x;
}

function gcdBig(a: bigint, b: bigint): bigint {
  let x = absBig(a);
  let y = absBig(b);
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

/** Divides a by b (b > 0) rounding half away from zero, on BigInt. */
function divRoundHalfUpBig(a: bigint, b: bigint): bigint {
  const sign = a < 0n ? -1n : 1n;
  return sign * ((2n * absBig(a) + b) / (2n * b));
}

/**
 * Exact BigInt fraction → Rational. Reduced first; if it still does not fit in safe integers it is
 * rounded to n / 10^k with the largest k that fits (values are bounded, so k is large).
 */
function fromBig(n: bigint, d: bigint): Rational {
  if (d === 0n) throw new RangeError('denominator is zero');
  let nn = n;
  let dd = d;
  if (dd < 0n) {
    nn = -nn;
    dd = -dd;
  }
  const g = gcdBig(nn, dd);
  if (g > 1n) {
    nn /= g;
    dd /= g;
  }
  if (absBig(nn) <= BIG_MAX_SAFE && dd <= BIG_MAX_SAFE) return { n: Number(nn), d: Number(dd) };
  // Too big to keep exactly: round onto the finest decimal grid that fits.
  for (let k = 18; k >= 0; k--) {
    const scale = 10n ** BigInt(k);
    const scaled = divRoundHalfUpBig(nn * scale, dd);
    if (absBig(scaled) <= BIG_MAX_SAFE && scale <= BIG_MAX_SAFE) return normalize(Number(scaled), Number(scale));
  }
  // |value| > 2^53: cannot be represented; saturate (callers refuse anything above MAX_MAGNITUDE).
  return { n: nn < 0n ? -MAX_SAFE : MAX_SAFE, d: 1 };
}

function normalize(n: number, d: number): Rational {
  if (d < 0) {
    n = -n;
    d = -d;
  }
  if (n === 0) return { n: 0, d: 1 };
  const g = gcdNum(n, d);
  return g === 1 ? { n, d } : { n: n / g, d: d / g };
}

/**
 * Builds a normalized rational from integers (numbers or BigInts); throws RangeError on a zero
 * denominator (callers check first).
 */
export function rational(n: number | bigint, d: number | bigint = 1): Rational {
  if (typeof n === 'number' && typeof d === 'number' && Number.isSafeInteger(n) && Number.isSafeInteger(d)) {
    if (d === 0) throw new RangeError('denominator is zero');
    return normalize(n, d);
  }
  return fromBig(BigInt(n), BigInt(d));
}

export const ZERO: Rational = { n: 0, d: 1 };
export const ONE: Rational = { n: 1, d: 1 };

export function fromInt(i: number | bigint): Rational {
  return rational(i, 1);
}

/** Tenths of a point (integer) as a rational number of points. */
export function fromTenths(tenths: number): Rational {
  return rational(tenths, 10);
}

const DECIMAL_RE = /^([+-])?(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Parses a decimal literal such as `0.95`, `300`, `1e-7` exactly.
 * Returns undefined when the text is not a decimal or its exponent is absurd (> 400).
 */
export function fromDecimalString(text: string): Rational | undefined {
  const m = DECIMAL_RE.exec(text);
  if (!m) return undefined;
  const intPart = m[2] ?? '0';
  const frac = m[3] ?? '';
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  if (!Number.isFinite(exp) || Math.abs(exp) > 400 || intPart.length + frac.length > 400) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  // Fast path: short plain decimals (counts, areas, 0.95) stay in numbers.
  if (exp === 0 && intPart.length + frac.length <= 15) {
    return normalize(sign * Number(intPart + frac), 10 ** frac.length);
  }
  let n = BigInt(intPart + frac) * BigInt(sign);
  let d = 10n ** BigInt(frac.length);
  if (exp > 0) n *= 10n ** BigInt(exp);
  else if (exp < 0) d *= 10n ** BigInt(-exp);
  return fromBig(n, d);
}

/**
 * Converts a JS number (e.g. a roster metric) exactly as its shortest decimal representation,
 * so 0.1 becomes 1/10 rather than the binary approximation. Undefined for NaN/Infinity.
 */
export function fromNumber(x: number): Rational | undefined {
  if (!Number.isFinite(x)) return undefined;
  if (Number.isSafeInteger(x)) return { n: x, d: 1 };
  return fromDecimalString(String(x));
}

function big(a: Rational): { n: bigint; d: bigint } {
  return { n: BigInt(a.n), d: BigInt(a.d) };
}

export function add(a: Rational, b: Rational): Rational {
  if (a.d === b.d) {
    const s = a.n + b.n;
    if (Number.isSafeInteger(s)) return normalize(s, a.d);
  } else {
    const x = a.n * b.d;
    const y = b.n * a.d;
    const s = x + y;
    const d = a.d * b.d;
    if (Number.isSafeInteger(x) && Number.isSafeInteger(y) && Number.isSafeInteger(s) && Number.isSafeInteger(d)) return normalize(s, d);
  }
  const A = big(a);
  const B = big(b);
  return fromBig(A.n * B.d + B.n * A.d, A.d * B.d);
}
export function sub(a: Rational, b: Rational): Rational {
  return add(a, neg(b));
}
export function mul(a: Rational, b: Rational): Rational {
  // Cross-reduce first so products stay small.
  const g1 = gcdNum(a.n, b.d) || 1;
  const g2 = gcdNum(b.n, a.d) || 1;
  const n = (a.n / g1) * (b.n / g2);
  const d = (a.d / g2) * (b.d / g1);
  if (Number.isSafeInteger(n) && Number.isSafeInteger(d)) return normalize(n, d);
  const A = big(a);
  const B = big(b);
  return fromBig(A.n * B.n, A.d * B.d);
}
/** a ÷ b; callers must check `isZero(b)` first. */
export function div(a: Rational, b: Rational): Rational {
  if (b.n === 0) throw new RangeError('division by zero');
  return mul(a, b.n < 0 ? { n: -b.d, d: -b.n } : { n: b.d, d: b.n });
}
export function neg(a: Rational): Rational {
  return a.n === 0 ? a : { n: -a.n, d: a.d };
}
export function absR(a: Rational): Rational {
  return a.n < 0 ? neg(a) : a;
}
export function isZero(a: Rational): boolean {
  return a.n === 0;
}
/** -1, 0 or 1. */
export function cmp(a: Rational, b: Rational): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  if (Number.isSafeInteger(l) && Number.isSafeInteger(r)) return l < r ? -1 : l > r ? 1 : 0;
  const L = BigInt(a.n) * BigInt(b.d);
  const R = BigInt(b.n) * BigInt(a.d);
  return L < R ? -1 : L > R ? 1 : 0;
}
export function minR(a: Rational, b: Rational): Rational {
  return cmp(a, b) <= 0 ? a : b;
}
export function maxR(a: Rational, b: Rational): Rational {
  return cmp(a, b) >= 0 ? a : b;
}

/** Floor toward −∞. */
export function floorR(a: Rational): Rational {
  if (a.d === 1) return a;
  // Float division can land on the wrong side of an integer for huge numerators: fix on integers.
  let f = Math.floor(a.n / a.d);
  if (f * a.d > a.n) f -= 1;
  else if ((f + 1) * a.d <= a.n) f += 1;
  return { n: f, d: 1 };
}
export function ceilR(a: Rational): Rational {
  return neg(floorR(neg(a)));
}

/** Rounds half away from zero to `digits` decimal places (0–6). */
export function roundR(a: Rational, digits = 0): Rational {
  const scale = 10 ** digits;
  const A = big(a);
  return rational(divRoundHalfUpBig(A.n * BigInt(scale), A.d), scale);
}

/** True when |a| exceeds {@link MAX_MAGNITUDE}. */
export function exceedsRange(a: Rational): boolean {
  return Math.abs(a.n) > MAX_MAGNITUDE * a.d;
}

/** Rounds to integer tenths of a point, half away from zero (so 2.45 → 25, −0.05 → −1). */
export function toTenthsHalfUp(a: Rational): number {
  const twice = 20 * Math.abs(a.n);
  if (Number.isSafeInteger(twice + a.d) && Number.isSafeInteger(2 * a.d)) {
    const q = Math.floor((twice + a.d) / (2 * a.d));
    // Verify on integers: q is floor((20|n| + d) / 2d).
    const lo = q * 2 * a.d;
    const fixed = lo > twice + a.d ? q - 1 : lo + 2 * a.d <= twice + a.d ? q + 1 : q;
    return a.n < 0 && fixed !== 0 ? -fixed : fixed;
  }
  const A = big(a);
  return Number(divRoundHalfUpBig(A.n * 10n, A.d));
}

/** Approximate JS number, for display only (never for sums). */
export function toNumber(a: Rational): number {
  return a.n / a.d;
}

/** Decimal text with at most `maxDigits` places (rounded half-up), trailing zeros removed. */
export function toDecimalString(a: Rational, maxDigits = 6): string {
  const scale = 10 ** maxDigits;
  let scaled: bigint | number;
  const twice = 2 * Math.abs(a.n) * scale;
  if (maxDigits <= 15 && Number.isSafeInteger(twice + a.d) && Number.isSafeInteger(2 * a.d)) {
    // Same half-up rounding as below, on plain integers (the common case: display of a formula value).
    let q = Math.floor((twice + a.d) / (2 * a.d));
    if (q * 2 * a.d > twice + a.d) q -= 1;
    else if ((q + 1) * 2 * a.d <= twice + a.d) q += 1;
    scaled = a.n < 0 && q !== 0 ? -q : q;
  } else {
    const A = big(a);
    scaled = divRoundHalfUpBig(A.n * 10n ** BigInt(maxDigits), A.d);
  }
  const negative = scaled < 0;
  const digits = (negative ? -scaled : scaled).toString().padStart(maxDigits + 1, '0');
  const intPart = digits.slice(0, digits.length - maxDigits);
  const frac = digits.slice(digits.length - maxDigits).replace(/0+$/, '');
  return `${negative ? '-' : ''}${intPart}${frac ? `.${frac}` : ''}`;
}
