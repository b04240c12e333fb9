/**
 * Small builders for writing a standard as data (the default 社区 standard and the default
 * standards of the units above it): points are written as the 评分细则 states them and stored as
 * tenths.
 */
import type { DeductionReason, EvidenceMethod, Frequency, ScoringMethod, StandardCategory, StandardItem } from './standard.schema';

/** Points → tenths for literals (all are multiples of 0.1). */
export const p = (points: number): number => Math.round(points * 10);

export function item(
  code: string,
  title: string,
  max: number,
  method: ScoringMethod,
  evidence: EvidenceMethod[],
  frequency: Frequency,
  guide: string,
): StandardItem {
  return { code, title, maxTenths: p(max), method, evidence, frequency, guide };
}
export const computed = (expression: string): ScoringMethod => ({ kind: 'computed', expression });
export const manual = (min: number, step: number): ScoringMethod => ({ kind: 'manual', minTenths: p(min), stepTenths: p(step) });
/** A manual item whose 评分细则 gives bands: only the band values may be entered. */
export const banded = (...values: number[]): ScoringMethod => ({
  kind: 'manual',
  minTenths: 0,
  stepTenths: 1,
  allowedTenths: values.map(p),
});
export function reason(code: string, text: string, amount: number, cap?: number): DeductionReason {
  return cap === undefined ? { code, text, amountTenths: p(amount) } : { code, text, amountTenths: p(amount), capTenths: p(cap) };
}
export const deduct = (...reasons: DeductionReason[]): ScoringMethod => ({ kind: 'deduct', reasons, allowOtherReasons: true });
export function category(code: string, title: string, max: number, items: StandardItem[]): StandardCategory {
  return { code, title, maxTenths: p(max), items };
}
