/** Quarters as "2021Q3" text and as a sortable index (year × 4 + quarter − 1). */
import { parseRoundId, roundId } from '../round/round-workflow';

export function quarterIndex(quarter: string): number {
  const q = parseRoundId(quarter);
  if (!q) throw new Error(`not a quarter: ${quarter}`);
  return q.year * 4 + q.quarter - 1;
}

export function quarterOfIndex(index: number): string {
  return roundId(Math.floor(index / 4), (index % 4) + 1);
}

/** The quarter a date (YYYY-MM-DD) falls in. */
export function quarterOfDate(iso: string): string {
  return roundId(Number(iso.slice(0, 4)), Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1);
}
