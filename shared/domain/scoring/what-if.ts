/**
 * What-if: apply another standard version to the same recorded entries and roster metrics, and
 * compare total, rank and grade per community before anyone accepts the change.
 */
import type { Standard } from '../standard/standard.schema';
import type { PreparedStandard } from './prepared-standard';
import { computeRoundResults, type CommunityInput, type CommunityResult } from './round-results';

export interface WhatIfSide {
  totalTenths: number;
  rank: number;
  grade: string;
}

export interface WhatIfRow {
  id: string;
  old: WhatIfSide;
  new: WhatIfSide;
  deltaTenths: number;
  /** Positive = better rank under the new version. */
  rankMove: number;
  gradeChanged: boolean;
  /** Items of the new version with no usable entry (new items, or the method changed): they score as missing/invalid. */
  unmatchedItems: string[];
  /** Entries recorded for items the new version does not have. */
  droppedItems: string[];
}

export interface WhatIfResult {
  /** In the new version's ranking order. */
  rows: WhatIfRow[];
  oldResults: CommunityResult[];
  newResults: CommunityResult[];
}

function side(r: CommunityResult): WhatIfSide {
  return { totalTenths: r.score.totalTenths, rank: r.rank, grade: r.grade };
}

/** Scores the same communities under both versions. Pure; nothing is saved. */
export function whatIf(
  oldStandard: Standard | PreparedStandard,
  newStandard: Standard | PreparedStandard,
  communities: readonly CommunityInput[],
): WhatIfResult {
  const oldResults = computeRoundResults(oldStandard, communities);
  const newResults = computeRoundResults(newStandard, communities);
  const oldById = new Map(oldResults.map((r) => [r.id, r]));
  const inputById = new Map(communities.map((c) => [c.id, c]));
  const rows = newResults.map((n) => {
    const o = oldById.get(n.id) as CommunityResult;
    const input = inputById.get(n.id) as CommunityInput;
    const newCodes = new Set(n.score.items.map((i) => i.code));
    const oldStatus = new Map(o.score.items.map((i) => [i.code, i.status]));
    const unmatchedItems = n.score.items
      .filter((i) => (i.status === 'missing' || i.status === 'invalid') && !(oldStatus.get(i.code) === i.status))
      .map((i) => i.code);
    const droppedItems = input.entries.items.map((e) => e.itemCode).filter((c) => !newCodes.has(c));
    return {
      id: n.id,
      old: side(o),
      new: side(n),
      deltaTenths: n.score.totalTenths - o.score.totalTenths,
      rankMove: o.rank - n.rank,
      gradeChanged: o.grade !== n.grade,
      unmatchedItems,
      droppedItems,
    };
  });
  return { rows, oldResults, newResults };
}
