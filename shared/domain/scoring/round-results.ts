/**
 * Results of a round: every community scored, ranked and graded against one standard version.
 */
import type { MetricValues } from '../expression/index';
import type { Standard } from '../standard/standard.schema';
import { scoreCommunity, type CommunityScore } from './community-score';
import { asPrepared, type PreparedStandard } from './prepared-standard';
import { gradeCommunities, rankCommunities, type RankInput } from './ranking';
import type { CommunityEntries } from './score-entry.schema';

export interface CommunityInput {
  /** Stable id of the community (database id as text). */
  id: string;
  /** Display order among full ties (e.g. zero-padded order number, or the name). */
  sortKey: string;
  entries: CommunityEntries;
  /** Roster metrics of the frozen snapshot. */
  metrics: MetricValues;
}

export interface CommunityResult {
  id: string;
  score: CommunityScore;
  rank: number;
  position: number;
  tied: boolean;
  decidedBy?: string;
  grade: string;
  bandIndex: number;
  quotaDemotedFrom?: string;
  cappedFrom?: string;
}

/** Best band index a community may hold given its vetoes (0 = unrestricted). */
export function bestAllowedBandForVetoes(score: Pick<CommunityScore, 'vetoes'>, bandCount: number): number {
  let best = 0;
  for (const v of score.vetoes) {
    if (v.effect === 'fail' || v.effect === 'zero') best = Math.max(best, bandCount - 1);
    else if (v.effect === 'noExcellent') best = Math.max(best, 1);
  }
  return best;
}

/** Ranking view of a scored community. */
export function rankInputOf(id: string, sortKey: string, s: CommunityScore): RankInput {
  return {
    id,
    sortKey,
    totalTenths: s.totalTenths,
    vetoed: s.vetoes.length > 0,
    baseTenths: s.baseTenths,
    bonusTenths: s.bonusTenths,
    categoryTenths: new Map(s.categories.map((c) => [c.code, c.tenths])),
    itemTenths: new Map(s.items.map((i) => [i.code, i.tenths])),
    deductionCount: s.deductionCount,
  };
}

/**
 * Scores, ranks and grades all communities of a round. Returns them in ranking order.
 * Pure and synchronous; 120 communities × 40 items is a few milliseconds.
 */
export function computeRoundResults(standard: Standard | PreparedStandard, communities: readonly CommunityInput[]): CommunityResult[] {
  const ps = asPrepared(standard);
  const std = ps.standard;
  const scored = communities.map((c) => ({ c, score: scoreCommunity(ps, c.entries, c.metrics) }));
  return rankAndGrade(
    std,
    scored.map(({ c, score }) => ({ id: c.id, sortKey: c.sortKey, score })),
  );
}

/** Ranks and grades already-scored communities (used by what-if and by callers caching scores). */
export function rankAndGrade(
  std: Standard,
  scored: ReadonlyArray<{ id: string; sortKey: string; score: CommunityScore }>,
): CommunityResult[] {
  const byId = new Map(scored.map((s) => [s.id, s]));
  const ranked = rankCommunities(
    scored.map((s) => rankInputOf(s.id, s.sortKey, s.score)),
    std.ranking,
  );
  const bandCount = std.grading.bands.length;
  const graded = gradeCommunities(
    ranked.map((r) => {
      const s = byId.get(r.id) as (typeof scored)[number];
      return {
        id: r.id,
        totalTenths: s.score.totalTenths,
        position: r.position,
        rank: r.rank,
        bestAllowedBand: bestAllowedBandForVetoes(s.score, bandCount),
      };
    }),
    std.grading,
  );
  const gradeById = new Map(graded.map((g) => [g.id, g]));
  return ranked.map((r) => {
    const s = byId.get(r.id) as (typeof scored)[number];
    const g = gradeById.get(r.id);
    if (!g) throw new Error('grade missing');
    return {
      id: r.id,
      score: s.score,
      rank: r.rank,
      position: r.position,
      tied: r.tied,
      ...(r.decidedBy ? { decidedBy: r.decidedBy } : {}),
      grade: g.grade,
      bandIndex: g.bandIndex,
      ...(g.quotaDemotedFrom ? { quotaDemotedFrom: g.quotaDemotedFrom } : {}),
      ...(g.cappedFrom ? { cappedFrom: g.cappedFrom } : {}),
    };
  });
}
