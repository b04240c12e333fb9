import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileExpression, evaluateExpression, formatExpression, Rat, type NameResolver } from '../../../shared/domain/expression/index';

const resolve: NameResolver = (n) => (n === 'x' || n === 'y' ? { key: n, label: n } : undefined);

const PIECES = [
  '1',
  '0',
  '2.5',
  '95%',
  'x',
  'y',
  '户数',
  '[35岁]',
  '(',
  ')',
  '（',
  '）',
  ',',
  '，',
  '+',
  '-',
  '*',
  '/',
  '×',
  '÷',
  '<',
  '<=',
  '>=',
  '=',
  '!=',
  '≥',
  'and',
  'or',
  'not',
  '!',
  'min',
  'max',
  'if',
  'case',
  'clamp',
  'round',
  'between',
  'true',
  ' ',
  '.',
  '%',
  '[',
  ']',
  '1e5',
  '99999999999999',
];

describe('fuzzing: any text is either an expression or a positioned error', () => {
  it('token soup never throws and errors point inside the text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }),
        fc.integer({ min: -5, max: 5 }),
        fc.integer({ min: -5, max: 5 }),
        (parts, x, y) => {
          const src = parts.join('');
          const c = compileExpression(src, resolve);
          if (!c.ok) {
            expect(c.error.position).toBeGreaterThanOrEqual(0);
            expect(c.error.position).toBeLessThanOrEqual(src.length);
            expect(c.error.message).toMatch(/^第\d+个字符处：/);
            return;
          }
          const v = evaluateExpression(c.value, { x, y });
          if (!v.ok) expect(['DIV_ZERO', 'OUT_OF_RANGE', 'DOMAIN']).toContain(v.error.code);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('arbitrary unicode never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (src) => {
        const c = compileExpression(src, resolve);
        if (c.ok) evaluateExpression(c.value, { x: 1, y: 2 });
      }),
      { numRuns: 2000 },
    );
  });
});

type Tree =
  | { k: 'n'; v: number }
  | { k: 'v'; name: 'x' | 'y' }
  | { k: 'b'; op: '+' | '-' | '*' | '/'; l: Tree; r: Tree }
  | { k: 'f'; fn: 'min' | 'max'; a: Tree[] };

const tree: fc.Arbitrary<Tree> = fc.letrec<{ t: Tree }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ k: fc.constant('n' as const), v: fc.integer({ min: 0, max: 50 }) }),
    fc.record({ k: fc.constant('v' as const), name: fc.constantFrom('x' as const, 'y' as const) }),
    fc.record({
      k: fc.constant('b' as const),
      op: fc.constantFrom('+' as const, '-' as const, '*' as const, '/' as const),
      l: tie('t'),
      r: tie('t'),
    }),
    fc.record({
      k: fc.constant('f' as const),
      fn: fc.constantFrom('min' as const, 'max' as const),
      a: fc.array(tie('t'), { minLength: 1, maxLength: 3 }),
    }),
  ),
})).t;

function print(t: Tree): string {
  switch (t.k) {
    case 'n':
      return String(t.v);
    case 'v':
      return t.name;
    case 'b':
      return `(${print(t.l)} ${t.op} ${print(t.r)})`;
    case 'f':
      return `${t.fn}(${t.a.map(print).join(', ')})`;
  }
}
/** Independent float reference; undefined on division by zero. */
function ref(t: Tree, env: { x: number; y: number }): number | undefined {
  switch (t.k) {
    case 'n':
      return t.v;
    case 'v':
      return env[t.name];
    case 'b': {
      const l = ref(t.l, env);
      const r = ref(t.r, env);
      if (l === undefined || r === undefined) return undefined;
      if (t.op === '/' && r === 0) return undefined;
      return t.op === '+' ? l + r : t.op === '-' ? l - r : t.op === '*' ? l * r : l / r;
    }
    case 'f': {
      const vals = t.a.map((a) => ref(a, env));
      if (vals.some((v) => v === undefined)) return undefined;
      return t.fn === 'min' ? Math.min(...(vals as number[])) : Math.max(...(vals as number[]));
    }
  }
}

describe('fuzzing: evaluation agrees with a float reference', () => {
  it('random arithmetic trees', () => {
    fc.assert(
      fc.property(tree, fc.integer({ min: -20, max: 20 }), fc.integer({ min: -20, max: 20 }), (t, x, y) => {
        const src = print(t);
        const c = compileExpression(src, resolve);
        if (!c.ok) {
          // Only the size limits may refuse a well-formed tree.
          expect(['TOO_LONG', 'TOO_DEEP']).toContain(c.error.code);
          return;
        }
        const expected = ref(t, { x, y });
        const v = evaluateExpression(c.value, { x, y });
        if (expected === undefined) {
          // The reference evaluates eagerly like us, so a zero divisor shows up on both sides.
          expect(v.ok).toBe(false);
          return;
        }
        if (!v.ok) {
          expect(v.error.code).toBe('OUT_OF_RANGE');
          expect(Math.abs(expected)).toBeGreaterThan(1e11);
          return;
        }
        expect(typeof v.value).not.toBe('boolean');
        if (typeof v.value === 'boolean') return;
        const got = Rat.toNumber(v.value);
        expect(Math.abs(got - expected)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected)));
        // Printing the tree canonically and parsing it again gives the same value.
        const again = compileExpression(formatExpression(c.value.ast), resolve);
        expect(again.ok).toBe(true);
        if (again.ok) {
          const v2 = evaluateExpression(again.value, { x, y });
          expect(v2.ok && typeof v2.value !== 'boolean' && Rat.cmp(v2.value, v.value) === 0).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
  });
});

describe('rationals', () => {
  const rat = fc
    .tuple(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 1, max: 1e4 }))
    .map(([n, d]) => Rat.rational(BigInt(n), BigInt(d)));
  it('(a + b) − b = a and (a × b) ÷ b = a', () => {
    fc.assert(
      fc.property(rat, rat, (a, b) => {
        expect(Rat.cmp(Rat.sub(Rat.add(a, b), b), a)).toBe(0);
        if (!Rat.isZero(b)) expect(Rat.cmp(Rat.div(Rat.mul(a, b), b), a)).toBe(0);
      }),
    );
  });
  it('tenths round half away from zero', () => {
    expect(Rat.toTenthsHalfUp(Rat.fromDecimalString('2.45') as Rat.Rational)).toBe(25);
    expect(Rat.toTenthsHalfUp(Rat.fromDecimalString('2.449999') as Rat.Rational)).toBe(24);
    expect(Rat.toTenthsHalfUp(Rat.fromDecimalString('-0.05') as Rat.Rational)).toBe(-1);
    expect(Rat.toTenthsHalfUp(Rat.rational(1n, 3n))).toBe(3);
    expect(Rat.toTenthsHalfUp(Rat.rational(19n, 6n))).toBe(32);
    fc.assert(
      fc.property(fc.integer({ min: -100000, max: 100000 }), (hundredths) => {
        const r = Rat.rational(BigInt(hundredths), 100n);
        const t = Rat.toTenthsHalfUp(r);
        // |value − t/10| ≤ 0.05, with exact .x5 going away from zero.
        const diff = Math.abs(hundredths - t * 10);
        expect(diff).toBeLessThanOrEqual(5);
        if (diff === 5) expect(Math.abs(t * 10)).toBeGreaterThan(Math.abs(hundredths));
      }),
    );
  });
  it('numbers convert through their shortest decimal text', () => {
    expect(Rat.toDecimalString(Rat.fromNumber(0.1) as Rat.Rational, 20)).toBe('0.1');
    expect(Rat.toDecimalString(Rat.fromNumber(1e-7) as Rat.Rational, 10)).toBe('0.0000001');
    expect(Rat.fromNumber(Number.NaN)).toBeUndefined();
    expect(Rat.exceedsRange(Rat.fromNumber(1e21) as Rat.Rational)).toBe(true);
  });
});

describe('rationals: the number fast path agrees with exact BigInt arithmetic', () => {
  /** Exact reference on BigInt fractions. */
  type Frac = { n: bigint; d: bigint };
  const big = (r: Rat.Rational): Frac => ({ n: BigInt(r.n), d: BigInt(r.d) });
  const sameValue = (r: Rat.Rational, f: Frac) => BigInt(r.n) * f.d === f.n * BigInt(r.d);
  const close = (r: Rat.Rational, f: Frac) =>
    Math.abs(r.n / r.d - Number(f.n) / Number(f.d)) <= 1e-6 * Math.max(1, Math.abs(Number(f.n) / Number(f.d)));
  const arb = fc
    .tuple(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.integer({ min: 1, max: 2 ** 30 }))
    .map(([n, d]) => Rat.rational(n, d));
  it('add, sub, mul, div and cmp are exact when the result fits, and within 1e-6 otherwise', () => {
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        const A = big(a);
        const B = big(b);
        const sum: Frac = { n: A.n * B.d + B.n * A.d, d: A.d * B.d };
        const prod: Frac = { n: A.n * B.n, d: A.d * B.d };
        // Values beyond ±1e15 are outside what the evaluator accepts (it refuses > 1e12).
        const inRange = (f: Frac) => (f.n < 0n ? -f.n : f.n) <= 10n ** 15n * f.d;
        for (const [got, want] of [
          [Rat.add(a, b), sum],
          [Rat.mul(a, b), prod],
        ] as const) {
          if (!inRange(want)) continue;
          expect(Number.isSafeInteger(got.n) && Number.isSafeInteger(got.d)).toBe(true);
          expect(sameValue(got, want) || close(got, want)).toBe(true);
        }
        const c = A.n * B.d - B.n * A.d;
        expect(Rat.cmp(a, b)).toBe(c < 0n ? -1 : c > 0n ? 1 : 0);
        if (!Rat.isZero(b)) {
          const q = Rat.div(a, b);
          const want: Frac = { n: A.n * B.d * (B.n < 0n ? -1n : 1n), d: A.d * (B.n < 0n ? -B.n : B.n) };
          if (inRange(want)) expect(sameValue(q, want) || close(q, want)).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });
  it('tenths and decimal text agree with BigInt half-up rounding', () => {
    fc.assert(
      fc.property(arb, (a) => {
        const A = big(a);
        const abs = A.n < 0n ? -A.n : A.n;
        const t = (2n * abs * 10n + A.d) / (2n * A.d);
        expect(Rat.toTenthsHalfUp(a)).toBe(t === 0n ? 0 : Number(A.n < 0n ? -t : t));
        expect(Rat.toDecimalString(a, 1)).toBe(Rat.toDecimalString(Rat.rational(Rat.toTenthsHalfUp(a), 10), 1));
        const f = Rat.floorR(a);
        expect(BigInt(f.n) * A.d <= A.n && (BigInt(f.n) + 1n) * A.d > A.n).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
