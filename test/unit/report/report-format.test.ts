import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  chineseDate,
  formatDelta,
  formatScore,
  formatTenths,
  groupHash,
  meanTenths,
  roundLabel,
  toTenths,
} from '../../../shared/report/report-format';

describe('score formatting', () => {
  it('prints exactly one decimal', () => {
    expect(formatTenths(875)).toBe('87.5');
    expect(formatTenths(900)).toBe('90.0');
    expect(formatTenths(5)).toBe('0.5');
    expect(formatTenths(-5)).toBe('-0.5');
    expect(formatScore(87.5)).toBe('87.5');
    expect(formatScore(0.1 + 0.2)).toBe('0.3');
    expect(formatDelta(2.5)).toBe('+2.5');
    expect(formatDelta(-1)).toBe('-1.0');
    expect(formatDelta(0)).toBe('0.0');
    expect(formatDelta(null)).toBe('—');
  });
  it('round-trips every tenth', () => {
    fc.assert(
      fc.property(fc.integer({ min: -20000, max: 20000 }), (t) => {
        expect(toTenths(Number(formatTenths(t)))).toBe(t);
      }),
    );
  });
});

describe('meanTenths', () => {
  it('rounds half up exactly on integers', () => {
    expect(meanTenths([875, 880])).toBe(878); // 877.5 -> 878
    expect(meanTenths([1, 2])).toBe(2); // 1.5 -> 2
    expect(meanTenths([1, 1, 2])).toBe(1); // 1.33 -> 1
    expect(meanTenths([])).toBeNull();
  });
  it('matches the exact rational mean within half a tenth', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1100 }), { minLength: 1, maxLength: 200 }), (xs) => {
        const m = meanTenths(xs) ?? 0;
        const sum = xs.reduce((a, b) => a + b, 0);
        // |m - sum/n| <= 1/2, with ties going up: 2*m*n - 2*sum in (-n, n].
        const d = 2 * m * xs.length - 2 * sum;
        expect(d).toBeGreaterThan(-xs.length);
        expect(d).toBeLessThanOrEqual(xs.length);
      }),
    );
  });
});

describe('labels', () => {
  it('formats rounds, dates and hashes the way the documents print them', () => {
    expect(roundLabel(2021, 3)).toBe('2021年第三季度');
    expect(chineseDate('2021-10-05')).toBe('2021年10月5日');
    expect(chineseDate('2021-10-15T16:20:00')).toBe('2021年10月15日');
    expect(chineseDate(null)).toBe('');
    expect(groupHash('0123456789abcdef01')).toBe('01234567 89abcdef 01');
  });
});
