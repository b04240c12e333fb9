/**
 * Annual roll-up of quarterly results per the standard's rule:
 * annual = quarters% × mean(available quarters) + yearEnd% × year-end score, rounded once, half-up.
 * A missing quarter is marked and left out of the mean (never counted as 0). A quarter with a veto
 * counts its score but caps the annual grade (rollUp.vetoAnnualGradeCap; the default standard: 良好, i.e. 年度不得评为优秀).
 */
import type { Standard } from '../standard/standard.schema';
import { gradeCommunities, rankCommunities, type RankInput } from './ranking';

export interface QuarterResult {
  quarter: 1 | 2 | 3 | 4;
  totalTenths: number;
  vetoed: boolean;
  /** The quarter's ranking view (base, bonus, categories, items, deductions) for the tie-break keys. */
  ranking?: Omit<RankInput, 'id' | 'sortKey'>;
}

const QUARTER_NAMES = ['第一季度', '第二季度', '第三季度', '第四季度'];

/** Which quarters an annual result covers: 「全年」 when all four, else 「截至第三季度」 (and the gaps). */
export function annualCoverage(quarters: readonly number[]): string {
  const qs = [...new Set(quarters)].sort();
  if (qs.length === 4) return '全年';
  if (qs.length === 0) return '无已定稿季度';
  const lastQ = qs[qs.length - 1] as number;
  const gaps = [1, 2, 3, 4].filter((q) => q < lastQ && !qs.includes(q));
  return `截至${QUARTER_NAMES[lastQ - 1]}${gaps.length ? `（${gaps.map((q) => QUARTER_NAMES[q - 1]).join('、')}未定稿或未考评）` : ''}`;
}

/**
 * Ranking view of a year: the tie-break keys over the counted quarters summed, so communities with
 * equal annual scores are ordered by the same rule as in each quarter (one quarter: the same order).
 */
function annualRankView(quarters: readonly QuarterResult[]): Omit<RankInput, 'id' | 'sortKey' | 'totalTenths' | 'vetoed'> {
  const sumMap = (maps: (ReadonlyMap<string, number> | undefined)[]) => {
    const out = new Map<string, number>();
    for (const m of maps) for (const [k, v] of m ?? []) out.set(k, (out.get(k) ?? 0) + v);
    return out;
  };
  const views = quarters.map((q) => q.ranking).filter((v): v is NonNullable<QuarterResult['ranking']> => v !== undefined);
  return {
    baseTenths: views.reduce((s, v) => s + (v.baseTenths ?? 0), 0),
    bonusTenths: views.reduce((s, v) => s + (v.bonusTenths ?? 0), 0),
    categoryTenths: sumMap(views.map((v) => v.categoryTenths)),
    itemTenths: sumMap(views.map((v) => v.itemTenths)),
    deductionCount: views.reduce((s, v) => s + (v.deductionCount ?? 0), 0),
  };
}

export interface AnnualInput {
  id: string;
  sortKey: string;
  /** The quarters this community has results for (any order; duplicates are an error). */
  quarters: readonly QuarterResult[];
  /** Year-end score (年终评价) in tenths, if the rule uses one. */
  yearEndTenths?: number | null;
}

export interface AnnualScore {
  /** Null when no quarter has a result. */
  annualTenths: number | null;
  /** Mean of the available quarters, rounded half-up (for display). */
  quartersMeanTenths: number | null;
  /** Quarters 1–4 without a result. */
  missingQuarters: number[];
  /** True when the rule has a year-end part but no year-end score was given (weights renormalized to the quarters). */
  yearEndMissing: boolean;
  /** Some quarter had a veto. */
  vetoed: boolean;
  problems: string[];
}

export interface AnnualResult extends AnnualScore {
  id: string;
  rank: number;
  position: number;
  tied: boolean;
  /** Null when there is no annual score. */
  grade: string | null;
  cappedFrom?: string;
  quotaDemotedFrom?: string;
}

/** Rounds n/d half-up for non-negative bigints. */
function halfUp(n: bigint, d: bigint): number {
  return Number((2n * n + d) / (2n * d));
}

/** Annual score of one community (no ranking). */
export function rollUpAnnual(standard: Standard, input: Omit<AnnualInput, 'id' | 'sortKey'>): AnnualScore {
  const problems: string[] = [];
  const byQuarter = new Map<number, QuarterResult>();
  for (const q of input.quarters) {
    if (byQuarter.has(q.quarter)) problems.push(`第${q.quarter}季度有多个结果，只计第一个`);
    else byQuarter.set(q.quarter, q);
  }
  const missingQuarters = [1, 2, 3, 4].filter((q) => !byQuarter.has(q));
  const present = [...byQuarter.values()];
  const vetoed = present.some((q) => q.vetoed);
  const { quartersPercent, yearEndPercent } = standard.rollUp;
  const yearEnd = input.yearEndTenths ?? null;
  const yearEndMissing = yearEndPercent > 0 && yearEnd === null;
  if (present.length === 0) {
    return {
      annualTenths: null,
      quartersMeanTenths: null,
      missingQuarters,
      yearEndMissing,
      vetoed,
      problems: [...problems, '全年没有季度考评结果'],
    };
  }
  const sum = BigInt(present.reduce((s, q) => s + q.totalTenths, 0));
  const count = BigInt(present.length);
  const quartersMeanTenths = halfUp(sum, count);
  let annualTenths: number;
  if (yearEndPercent === 0 || yearEnd === null) {
    // Mean of quarters (or the year-end part is missing: its weight goes to the quarters).
    annualTenths = quartersMeanTenths;
  } else {
    // qp/100 × sum/count + yp/100 × yearEnd, exactly, rounded once.
    const num = BigInt(quartersPercent) * sum + BigInt(yearEndPercent) * BigInt(yearEnd) * count;
    annualTenths = halfUp(num, 100n * count);
  }
  if (missingQuarters.length) problems.push(`缺少第${missingQuarters.join('、')}季度结果，按已有季度平均`);
  if (yearEndMissing) problems.push(`缺少${standard.rollUp.yearEndLabel || '年终'}分数，暂按季度平均计算`);
  return { annualTenths, quartersMeanTenths, missingQuarters, yearEndMissing, vetoed, problems };
}

/**
 * Annual results for all communities: roll-up, rank (vetoed last if the standard says so; full ties
 * share a rank), grade by the bands with quotas and the veto cap.
 */
export function computeAnnualResults(standard: Standard, inputs: readonly AnnualInput[]): AnnualResult[] {
  const scores = new Map(inputs.map((i) => [i.id, rollUpAnnual(standard, i)]));
  const withScore = inputs.filter((i) => scores.get(i.id)?.annualTenths !== null);
  const ranked = rankCommunities(
    withScore.map((i) => {
      const s = scores.get(i.id) as AnnualScore;
      return { id: i.id, sortKey: i.sortKey, totalTenths: s.annualTenths ?? 0, vetoed: s.vetoed, ...annualRankView(i.quarters) };
    }),
    standard.ranking,
  );
  const bands = standard.grading.bands;
  const capLabel = standard.rollUp.vetoAnnualGradeCap;
  const capIndex = capLabel === null ? -1 : bands.findIndex((b) => b.label === capLabel);
  const graded = gradeCommunities(
    ranked.map((r) => {
      const s = scores.get(r.id) as AnnualScore;
      return {
        id: r.id,
        totalTenths: s.annualTenths ?? 0,
        position: r.position,
        rank: r.rank,
        bestAllowedBand: s.vetoed && capIndex > 0 ? capIndex : 0,
      };
    }),
    standard.grading,
  );
  const gradeById = new Map(graded.map((g) => [g.id, g]));
  const out: AnnualResult[] = ranked.map((r) => {
    const s = scores.get(r.id) as AnnualScore;
    const g = gradeById.get(r.id);
    return {
      id: r.id,
      ...s,
      rank: r.rank,
      position: r.position,
      tied: r.tied,
      grade: g?.grade ?? null,
      ...(g?.cappedFrom ? { cappedFrom: g.cappedFrom } : {}),
      ...(g?.quotaDemotedFrom ? { quotaDemotedFrom: g.quotaDemotedFrom } : {}),
    };
  });
  // Communities without any quarter come last, unranked.
  const noScore = inputs
    .filter((i) => scores.get(i.id)?.annualTenths === null)
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  for (const i of noScore)
    out.push({ id: i.id, ...(scores.get(i.id) as AnnualScore), rank: 0, position: out.length + 1, tied: false, grade: null });
  return out;
}
