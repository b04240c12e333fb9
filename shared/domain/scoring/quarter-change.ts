/**
 * Change of a community's result against the previous quarter, with the items that moved it most.
 * Items are matched by code, so a change of standard version between quarters still compares
 * (items present on one side only count as 0 on the other and are marked).
 */
import type { CommunityScore } from './community-score';

export interface ItemMove {
  code: string;
  previousTenths: number;
  currentTenths: number;
  deltaTenths: number;
  /** 'added' = only this quarter has the item; 'removed' = only the previous one. */
  presence: 'both' | 'added' | 'removed';
}

export interface QuarterChange {
  /** Undefined when there is no previous quarter for this community. */
  previousTotalTenths?: number;
  currentTotalTenths: number;
  deltaTotalTenths?: number;
  deltaBaseTenths?: number;
  deltaBonusTenths?: number;
  previousRank?: number;
  currentRank?: number;
  /** Positive = moved up (e.g. from 5th to 3rd is +2). */
  rankMove?: number;
  /** The items with the largest absolute change, largest first (ties by code). */
  movers: ItemMove[];
}

type Side = Pick<CommunityScore, 'items' | 'totalTenths' | 'baseTenths' | 'bonusTenths'> & { rank?: number };

/**
 * Compares this quarter with the previous one.
 * @param top how many moving items to return (default 5)
 */
export function compareWithPrevious(current: Side, previous: Side | undefined, top = 5): QuarterChange {
  if (!previous)
    return { currentTotalTenths: current.totalTenths, ...(current.rank !== undefined ? { currentRank: current.rank } : {}), movers: [] };
  const prev = new Map(previous.items.map((i) => [i.code, i.tenths]));
  const cur = new Map(current.items.map((i) => [i.code, i.tenths]));
  const moves: ItemMove[] = [];
  for (const [code, c] of cur) {
    const p = prev.get(code);
    moves.push({ code, previousTenths: p ?? 0, currentTenths: c, deltaTenths: c - (p ?? 0), presence: p === undefined ? 'added' : 'both' });
  }
  for (const [code, p] of prev) {
    if (!cur.has(code)) moves.push({ code, previousTenths: p, currentTenths: 0, deltaTenths: -p, presence: 'removed' });
  }
  const movers = moves
    .filter((m) => m.deltaTenths !== 0)
    .sort((a, b) => Math.abs(b.deltaTenths) - Math.abs(a.deltaTenths) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .slice(0, Math.max(0, top));
  const ranks =
    current.rank !== undefined && previous.rank !== undefined
      ? { previousRank: previous.rank, currentRank: current.rank, rankMove: previous.rank - current.rank }
      : {};
  return {
    previousTotalTenths: previous.totalTenths,
    currentTotalTenths: current.totalTenths,
    deltaTotalTenths: current.totalTenths - previous.totalTenths,
    deltaBaseTenths: current.baseTenths - previous.baseTenths,
    deltaBonusTenths: current.bonusTenths - previous.bonusTenths,
    ...ranks,
    movers,
  };
}
