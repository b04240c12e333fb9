/**
 * Exact rational numbers on BigInt for the expression language and score arithmetic.
 *
 * Why not binary floats: a formula such as `2 * min(1, rate / 0.95)` must give the same item score
 * on every machine and never land on 1.9999999 when rounding half-up to 0.1. Rationals are exact for
 * + − × ÷ and comparisons, so rounding is decided on the true value.
 *
 * Sizes are bounded so hostile input cannot make numbers grow without limit: magnitudes above
 * {@link MAX_MAGNITUDE} are refused by the caller (see `checkRange`), and denominators above
 * {@link MAX_DENOMINATOR} are rounded to 18 decimal places (far below the 0.1 score resolution).
 */

export interface Rational {
  /** Numerator; sign of the number. */
  readonly n: bigint;
  /** Denominator, always > 0 and coprime with `n`. */
  readonly d: bigint;
}

/** Largest absolute value any intermediate result may have (10^12). */
export const MAX_MAGNITUDE = 10n ** 12n;
const MAX_DENOMINATOR = 10n ** 24n;
const APPROX_DENOMINATOR = 10n ** 18n;

function abs(x: bigint): bigint {
  return x < 0n ? -x : x;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = abs(a);
  let y = abs(b);
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

/** Divides a by b (b > 0) rounding half away from zero. */
function divRoundHalfUp(a: bigint, b: bigint): bigint {
  const sign = a < 0n ? -1n : 1n;
  const q = (2n * abs(a) + b) / (2n * b);
  return sign * q;
}

/** Builds a normalized rational; throws RangeError on a zero denominator (callers check first). */
export function rational(n: bigint, d: bigint = 1n): Rational {
  if (d === 0n) throw new RangeError('denominator is zero');
  let nn = n;
  let dd = d;
  if (dd < 0n) {
    nn = -nn;
    dd = -dd;
  }
  const g = gcd(nn, dd);
  if (g > 1n) {
    nn /= g;
    dd /= g;
  }
  if (dd > MAX_DENOMINATOR) {
    // Keep sizes bounded: 18 decimal places is plenty for scores in tenths.
    nn = divRoundHalfUp(nn * APPROX_DENOMINATOR, dd);
    dd = APPROX_DENOMINATOR;
    const g2 = gcd(nn, dd);
    if (g2 > 1n) {
      nn /= g2;
      dd /= g2;
    }
  }
  return { n: nn, d: dd };
}

export const ZERO: Rational = { n: 0n, d: 1n };
export const ONE: Rational = { n: 1n, d: 1n };

export function fromInt(i: number | bigint): Rational {
  return { n: BigInt(i), d: 1n };
}

/** Tenths of a point (integer) as a rational number of points. */
export function fromTenths(tenths: number): Rational {
  return rational(BigInt(tenths), 10n);
}

const DECIMAL_RE = /^([+-])?(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Parses a decimal literal such as `0.95`, `300`, `1e-7` exactly.
 * Returns undefined when the text is not a decimal or its exponent is absurd (> 400).
 */
export function fromDecimalString(text: string): Rational | undefined {
  const m = DECIMAL_RE.exec(text);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1n : 1n;
  const intPart = m[2] ?? '0';
  const frac = m[3] ?? '';
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  if (!Number.isFinite(exp) || Math.abs(exp) > 400 || intPart.length + frac.length > 400) return undefined;
  let n = BigInt(intPart + frac) * sign;
  let d = 10n ** BigInt(frac.length);
  if (exp > 0) n *= 10n ** BigInt(exp);
  else if (exp < 0) d *= 10n ** BigInt(-exp);
  return rational(n, d);
}

/**
 * Converts a JS number (e.g. a roster metric) exactly as its shortest decimal representation,
 * so 0.1 becomes 1/10 rather than the binary approximation. Undefined for NaN/Infinity.
 */
export function fromNumber(x: number): Rational | undefined {
  if (!Number.isFinite(x)) return undefined;
  return fromDecimalString(String(x));
}

export function add(a: Rational, b: Rational): Rational {
  return rational(a.n * b.d + b.n * a.d, a.d * b.d);
}
export function sub(a: Rational, b: Rational): Rational {
  return rational(a.n * b.d - b.n * a.d, a.d * b.d);
}
export function mul(a: Rational, b: Rational): Rational {
  return rational(a.n * b.n, a.d * b.d);
}
/** a ÷ b; callers must check `isZero(b)` first. */
export function div(a: Rational, b: Rational): Rational {
  return rational(a.n * b.d, a.d * b.n);
}
export function neg(a: Rational): Rational {
  return { n: -a.n, d: a.d };
}
export function absR(a: Rational): Rational {
  return a.n < 0n ? neg(a) : a;
}
export function isZero(a: Rational): boolean {
  return a.n === 0n;
}
/** -1, 0 or 1. */
export function cmp(a: Rational, b: Rational): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}
export function minR(a: Rational, b: Rational): Rational {
  return cmp(a, b) <= 0 ? a : b;
}
export function maxR(a: Rational, b: Rational): Rational {
  return cmp(a, b) >= 0 ? a : b;
}

/** Floor division toward −∞. */
export function floorR(a: Rational): Rational {
  const q = a.n / a.d;
  const r = a.n % a.d;
  return fromInt(r !== 0n && a.n < 0n ? q - 1n : q);
}
export function ceilR(a: Rational): Rational {
  return neg(floorR(neg(a)));
}

/** Rounds half away from zero to `digits` decimal places (0–6). */
export function roundR(a: Rational, digits = 0): Rational {
  const scale = 10n ** BigInt(digits);
  return rational(divRoundHalfUp(a.n * scale, a.d), scale);
}

/** True when |a| exceeds {@link MAX_MAGNITUDE}. */
export function exceedsRange(a: Rational): boolean {
  return abs(a.n) > MAX_MAGNITUDE * a.d;
}

/** Rounds to integer tenths of a point, half away from zero (so 2.45 → 25, −0.05 → −1). */
export function toTenthsHalfUp(a: Rational): number {
  return Number(divRoundHalfUp(a.n * 10n, a.d));
}

/** Approximate JS number, for display only (never for sums). */
export function toNumber(a: Rational): number {
  return Number(toDecimalString(a, 12));
}

/** Decimal text with at most `maxDigits` places (rounded half-up), trailing zeros removed. */
export function toDecimalString(a: Rational, maxDigits = 6): string {
  const scale = 10n ** BigInt(maxDigits);
  const scaled = divRoundHalfUp(a.n * scale, a.d);
  const neg0 = scaled < 0n;
  const digits = abs(scaled)
    .toString()
    .padStart(maxDigits + 1, '0');
  const intPart = digits.slice(0, digits.length - maxDigits);
  const frac = digits.slice(digits.length - maxDigits).replace(/0+$/, '');
  return `${neg0 ? '-' : ''}${intPart}${frac ? `.${frac}` : ''}`;
}
