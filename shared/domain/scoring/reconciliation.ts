/**
 * Blind multi-assessor reconciliation: several assessors score the same community; the reviewer sees
 * the spread per item, items above a threshold are flagged, and each item is settled by mean,
 * median, trimmed mean or a chosen value.
 */
import type { StandardItem } from '../standard/standard.schema';

export interface AssessorValue {
  assessorId: string;
  tenths: number;
}

export interface ItemSpread {
  itemCode: string;
  count: number;
  minTenths: number;
  maxTenths: number;
  /** max − min. */
  spreadTenths: number;
  meanTenths: number;
  medianTenths: number;
  /** spread > threshold. */
  flagged: boolean;
  values: AssessorValue[];
}

export type SettleMethod = 'mean' | 'median' | 'trimmedMean' | 'chosen';

export const SETTLE_METHOD_LABELS: Record<SettleMethod, string> = {
  mean: '平均值',
  median: '中位数',
  trimmedMean: '去掉最高最低后平均',
  chosen: '指定分值',
};

/** Rounds a/b half away from zero (b > 0) on integers. */
function divHalfUp(a: number, b: number): number {
  const sign = a < 0 ? -1 : 1;
  return sign * Math.floor((2 * Math.abs(a) + b) / (2 * b));
}

function sortedTenths(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Mean in tenths, half-up. */
export function meanTenths(values: readonly number[]): number {
  if (values.length === 0) return 0;
  return divHalfUp(
    values.reduce((s, v) => s + v, 0),
    values.length,
  );
}

/** Median in tenths; for an even count the mean of the middle two, half-up. */
export function medianTenths(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = sortedTenths(values);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : divHalfUp((s[mid - 1] as number) + (s[mid] as number), 2);
}

/** Mean after dropping one highest and one lowest value (with fewer than 3 values: plain mean). */
export function trimmedMeanTenths(values: readonly number[]): number {
  if (values.length < 3) return meanTenths(values);
  return meanTenths(sortedTenths(values).slice(1, -1));
}

/**
 * Spread of one item's scores across assessors.
 * @param thresholdTenths flag when max − min is greater than this (e.g. 10 = 1 分)
 */
export function itemSpread(itemCode: string, values: readonly AssessorValue[], thresholdTenths: number): ItemSpread {
  const t = values.map((v) => v.tenths);
  const min = t.length ? Math.min(...t) : 0;
  const max = t.length ? Math.max(...t) : 0;
  return {
    itemCode,
    count: t.length,
    minTenths: min,
    maxTenths: max,
    spreadTenths: max - min,
    meanTenths: meanTenths(t),
    medianTenths: medianTenths(t),
    flagged: max - min > thresholdTenths,
    values: [...values],
  };
}

/**
 * Spread report over many assessors' item scores.
 * @param scores per assessor, item code → tenths
 * @returns one row per item code seen, in the order of `itemOrder` (then any others by code)
 */
export function spreadReport(
  scores: ReadonlyArray<{ assessorId: string; items: ReadonlyMap<string, number> }>,
  thresholdTenths: number,
  itemOrder: readonly string[] = [],
): ItemSpread[] {
  const byItem = new Map<string, AssessorValue[]>();
  for (const s of scores) {
    for (const [code, tenths] of s.items) {
      const list = byItem.get(code) ?? [];
      list.push({ assessorId: s.assessorId, tenths });
      byItem.set(code, list);
    }
  }
  const order = [...itemOrder.filter((c) => byItem.has(c)), ...[...byItem.keys()].filter((c) => !itemOrder.includes(c)).sort()];
  return order.map((code) => itemSpread(code, byItem.get(code) ?? [], thresholdTenths));
}

/**
 * Settles one item. With `item` given and a manual method, the value is snapped to the item's step
 * (half-up) and clamped to its range, so the settled score is one an assessor could have typed.
 * @param chosenTenths required for 'chosen'
 */
export function settleItem(
  values: readonly number[],
  method: SettleMethod,
  options: { chosenTenths?: number; item?: StandardItem } = {},
): number {
  let v: number;
  switch (method) {
    case 'mean':
      v = meanTenths(values);
      break;
    case 'median':
      v = medianTenths(values);
      break;
    case 'trimmedMean':
      v = trimmedMeanTenths(values);
      break;
    case 'chosen':
      if (options.chosenTenths === undefined || !Number.isInteger(options.chosenTenths))
        throw new RangeError('chosenTenths is required for the chosen method');
      v = options.chosenTenths;
      break;
  }
  const item = options.item;
  if (!item) return v;
  v = Math.min(item.maxTenths, Math.max(0, v));
  if (item.method.kind === 'manual') {
    const { minTenths, stepTenths, allowedTenths } = item.method;
    if (allowedTenths) {
      // The nearest value a band allows (the higher one when halfway).
      const target = v;
      v = allowedTenths.reduce((best, a) =>
        Math.abs(a - target) < Math.abs(best - target) || (Math.abs(a - target) === Math.abs(best - target) && a > best) ? a : best,
      );
    } else {
      const steps = divHalfUp(Math.max(0, v - minTenths), stepTenths);
      v = Math.min(item.maxTenths, minTenths + steps * stepTenths);
    }
  }
  return v;
}
