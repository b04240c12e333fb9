/**
 * Ranks and grades. Ranking: total (vetoed communities last when the standard says so), then the
 * standard's tie-break keys in order; communities still equal share a rank (1, 2, 2, 4) and are listed
 * by their sort key so the order is deterministic. Grades: bands best first, veto effects, quotas.
 */
import type { GradeBand, Grading, Ranking, TieBreakKey } from '../standard/standard.schema';

/** What ranking needs to know about a community. */
export interface RankInput {
  id: string;
  /** Display order among full ties (e.g. the community's order in the 街道, or its name). */
  sortKey: string;
  totalTenths: number;
  vetoed: boolean;
  baseTenths?: number;
  bonusTenths?: number;
  categoryTenths?: ReadonlyMap<string, number>;
  itemTenths?: ReadonlyMap<string, number>;
  deductionCount?: number;
}

export interface Ranked {
  id: string;
  /** Competition rank: tied communities share it and the next rank skips (1, 2, 2, 4). */
  rank: number;
  /** 1-based listing position (unique). */
  position: number;
  /** Whether this community shares its rank with another. */
  tied: boolean;
  /** Tie-break key that separated it from the community listed just above with the same total, if any. */
  decidedBy?: string;
}

function keyValue(r: RankInput, k: TieBreakKey): number {
  switch (k.kind) {
    case 'baseScore':
      return r.baseTenths ?? 0;
    case 'bonus':
      return r.bonusTenths ?? 0;
    case 'category':
      return r.categoryTenths?.get(k.code) ?? 0;
    case 'item':
      return r.itemTenths?.get(k.code) ?? 0;
    case 'fewerDeductions':
      return -(r.deductionCount ?? 0);
  }
}

/** Chinese name of a tie-break key, for explanations. */
export function tieBreakLabel(k: TieBreakKey): string {
  switch (k.kind) {
    case 'baseScore':
      return '基础分';
    case 'bonus':
      return '加分';
    case 'category':
      return `一级指标${k.code}得分`;
    case 'item':
      return `二级指标${k.code}得分`;
    case 'fewerDeductions':
      return '扣分次数少者优先';
  }
}

/** Compares for ranking only (no sort key): negative when a ranks before b, 0 when fully tied. */
function compareRank(a: RankInput, b: RankInput, ranking: Ranking): { order: number; decidedBy?: string } {
  if (ranking.vetoedLast && a.vetoed !== b.vetoed) return { order: a.vetoed ? 1 : -1, decidedBy: '否决项' };
  if (a.totalTenths !== b.totalTenths) return { order: b.totalTenths - a.totalTenths };
  for (const k of ranking.tieBreak) {
    const d = keyValue(b, k) - keyValue(a, k);
    if (d !== 0) return { order: d, decidedBy: tieBreakLabel(k) };
  }
  return { order: 0 };
}

function compareSortKey(a: RankInput, b: RankInput): number {
  if (a.sortKey !== b.sortKey) return a.sortKey < b.sortKey ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Ranks communities; returns them in listing order. */
export function rankCommunities(inputs: readonly RankInput[], ranking: Ranking): Ranked[] {
  const sorted = [...inputs].sort((a, b) => compareRank(a, b, ranking).order || compareSortKey(a, b));
  const out: Ranked[] = [];
  sorted.forEach((r, i) => {
    const prev = sorted[i - 1];
    const cmpPrev = prev ? compareRank(prev, r, ranking) : undefined;
    const tiedWithPrev = cmpPrev !== undefined && cmpPrev.order === 0;
    const rank = tiedWithPrev ? (out[i - 1] as Ranked).rank : i + 1;
    const next = sorted[i + 1];
    const tiedWithNext = next !== undefined && compareRank(r, next, ranking).order === 0;
    const decidedBy = prev && prev.totalTenths === r.totalTenths && cmpPrev?.decidedBy ? cmpPrev.decidedBy : undefined;
    out.push({ id: r.id, rank, position: i + 1, tied: tiedWithPrev || tiedWithNext, ...(decidedBy ? { decidedBy } : {}) });
  });
  return out;
}

/** Band index (0 = best) of a total. The last band (min 0) catches everything. */
export function bandIndexFor(bands: readonly GradeBand[], totalTenths: number): number {
  const i = bands.findIndex((b) => totalTenths >= b.minTenths);
  return i < 0 ? bands.length - 1 : i;
}

export interface GradeInput {
  id: string;
  totalTenths: number;
  /** Listing position and rank from {@link rankCommunities}. */
  position: number;
  rank: number;
  /** Best band index allowed by vetoes or caps (0 = no limit); e.g. 1 = cannot be 优秀. */
  bestAllowedBand: number;
}

export interface Graded {
  id: string;
  /** Band label, e.g. 优秀. */
  grade: string;
  bandIndex: number;
  /** Band the score alone would give. */
  scoreBandIndex: number;
  /** Set when a quota moved it down: the band it qualified for. */
  quotaDemotedFrom?: string;
  /** Set when a veto or cap limited it. */
  cappedFrom?: string;
}

/** Maximum number of communities a band's quota allows out of `n` graded ones. */
export function quotaLimit(band: GradeBand, n: number): number | undefined {
  if (!band.quota) return undefined;
  const limits: number[] = [];
  if (band.quota.percent !== undefined) limits.push(Math.floor((n * band.quota.percent) / 100));
  if (band.quota.count !== undefined) limits.push(band.quota.count);
  return limits.length ? Math.min(...limits) : undefined;
}

/**
 * Grades by the bands, then applies caps (vetoes) and quotas from the best band down: communities
 * beyond a band's quota (in listing order) move to the next band and compete for its quota. A tied
 * group straddling the quota boundary moves down together ('demoteAll') or stays together ('admitAll').
 */
export function gradeCommunities(inputs: readonly GradeInput[], grading: Grading): Graded[] {
  const bands = grading.bands;
  const last = bands.length - 1;
  const state = inputs.map((g) => {
    const scoreBand = bandIndexFor(bands, g.totalTenths);
    const band = Math.min(last, Math.max(scoreBand, g.bestAllowedBand));
    return { g, scoreBand, band, cappedFrom: band !== scoreBand ? scoreBand : undefined, qualifiedBand: band, demoted: false };
  });
  const n = inputs.length;
  for (let b = 0; b < last; b++) {
    const limit = quotaLimit(bands[b] as GradeBand, n);
    if (limit === undefined) continue;
    const holders = state.filter((s) => s.band === b).sort((x, y) => x.g.position - y.g.position);
    if (holders.length <= limit) continue;
    let keep = limit;
    const boundary = holders[limit];
    const lastKept = holders[limit - 1];
    if (boundary && lastKept && boundary.g.rank === lastKept.g.rank) {
      const tiedRank = boundary.g.rank;
      if (grading.quotaTies === 'admitAll') {
        while (keep < holders.length && (holders[keep] as (typeof holders)[number]).g.rank === tiedRank) keep++;
      } else {
        while (keep > 0 && (holders[keep - 1] as (typeof holders)[number]).g.rank === tiedRank) keep--;
      }
    }
    for (const s of holders.slice(keep)) {
      s.band = b + 1;
      s.demoted = true;
    }
  }
  return state.map((s) => ({
    id: s.g.id,
    grade: (bands[s.band] as GradeBand).label,
    bandIndex: s.band,
    scoreBandIndex: s.scoreBand,
    ...(s.demoted ? { quotaDemotedFrom: (bands[s.qualifiedBand] as GradeBand).label } : {}),
    ...(s.cappedFrom !== undefined ? { cappedFrom: (bands[s.cappedFrom] as GradeBand).label } : {}),
  }));
}
