/**
 * What each community lacks against the hard norms: every gap is the exact quantity that closes it
 * (m² to build, people to hire or elect, grids to split), never a score. Pure; the inputs are the
 * roster metrics a round freezes (shared/domain/roster/roster-metrics.ts), not re-derived here.
 */
import type { RosterMetrics } from '../roster/roster-metrics';
import { NORM_KEYS, type NormKey, type PlannerNorms } from './norms';

export interface PlanGrid {
  readonly code: string;
  readonly households: number | null;
}

/** One community as the planner sees it (from a roster snapshot, possibly changed by planned actions). */
export interface PlanCommunity {
  /** Stable key: the community id as text, or a made-up key for a community a planned split creates. */
  readonly key: string;
  readonly name: string;
  readonly households: number | null;
  readonly residents: number | null;
  readonly facilityArea: number | null;
  /** 居委会成员数 (roster metric residentsCommitteeCount). */
  readonly committeeSize: number;
  /** 社区工作者人数 (roster metric workerCount). */
  readonly workers: number;
  readonly grids: readonly PlanGrid[];
}

export interface CommunityGaps {
  readonly key: string;
  readonly name: string;
  readonly households: number | null;
  readonly residents: number | null;
  readonly serviceAreaM2: number | null;
  readonly requiredAreaM2: number | null;
  /** m² still to build (0 when met); null without 户数. */
  readonly areaGapM2: number | null;
  readonly gridCount: number;
  /** Grids outside the 300–500 户 band (grids without 户数 are not counted). */
  readonly gridsOutOfRange: number;
  readonly gridsOver: number;
  readonly gridsUnder: number;
  /** New grids the splits of the too-large grids create (each split into parts within the upper bound). */
  readonly gridsToAdd: number;
  readonly committeeSize: number;
  /** Members to elect (positive) or above the upper bound (negative); 0 when within 5–9. */
  readonly committeeGap: number;
  readonly workers: number;
  readonly requiredWorkers: number | null;
  /** 社区工作者 still to hire (0 when met); null without 常住人口. */
  readonly workersGap: number | null;
  readonly overHouseholdLimit: boolean;
  /** 户数 above the upper bound (0 when within). */
  readonly householdsOverLimit: number;
  /** Each norm: met, not met, or null when the roster lacks the figures. */
  readonly meets: Readonly<Record<NormKey, boolean | null>>;
  readonly meetsAll: boolean;
}

/** The planner's view of a roster snapshot's metrics and grid rows. */
export function planCommunityFromMetrics(
  key: string,
  name: string,
  metrics: Partial<RosterMetrics>,
  grids: readonly PlanGrid[],
): PlanCommunity {
  return {
    key,
    name,
    households: metrics.households ?? null,
    residents: metrics.residents ?? null,
    facilityArea: metrics.facilityArea ?? null,
    committeeSize: metrics.residentsCommitteeCount ?? 0,
    workers: metrics.workerCount ?? 0,
    grids,
  };
}

/** Required service area: the larger of the per-100-户 rule and the floor, whole m² rounded up. */
export function requiredArea(households: number, norms: PlannerNorms): number {
  return Math.max(norms.minAreaM2, Math.ceil((households * norms.areaPer100Households) / 100));
}

/** Required 社区工作者: per 10 000 常住人口, whole people rounded up (integer arithmetic). */
export function requiredWorkers(residents: number, norms: PlannerNorms): number {
  return Math.ceil((Math.round(residents) * norms.workersPer10000) / 10_000);
}

/** Number of grids a grid of `households` must become so each is within the upper bound. */
export function gridPartsNeeded(households: number, norms: PlannerNorms): number {
  return Math.max(1, Math.ceil(households / norms.gridMaxHouseholds));
}

export function computeGaps(c: PlanCommunity, norms: PlannerNorms): CommunityGaps {
  const reqArea = c.households === null ? null : requiredArea(c.households, norms);
  const areaGap = reqArea === null ? null : Math.max(0, roundM2(reqArea - (c.facilityArea ?? 0)));
  let over = 0;
  let under = 0;
  let toAdd = 0;
  for (const g of c.grids) {
    if (g.households === null) continue;
    if (g.households > norms.gridMaxHouseholds) {
      over += 1;
      toAdd += gridPartsNeeded(g.households, norms) - 1;
    } else if (g.households < norms.gridMinHouseholds) under += 1;
  }
  const committeeGap =
    c.committeeSize < norms.committeeMin
      ? norms.committeeMin - c.committeeSize
      : c.committeeSize > norms.committeeMax
        ? norms.committeeMax - c.committeeSize
        : 0;
  const reqWorkers = c.residents === null ? null : requiredWorkers(c.residents, norms);
  const workersGap = reqWorkers === null ? null : Math.max(0, reqWorkers - c.workers);
  const householdsOver = c.households === null ? 0 : Math.max(0, c.households - norms.maxHouseholds);
  const meets: Record<NormKey, boolean | null> = {
    area: areaGap === null ? null : areaGap === 0,
    size: c.households === null ? null : householdsOver === 0,
    // A community without a grid roster has not shown its grids; it cannot meet the grid norm.
    grids: c.grids.length === 0 ? null : over + under === 0,
    committee: committeeGap === 0,
    workers: workersGap === null ? null : workersGap === 0,
  };
  return {
    key: c.key,
    name: c.name,
    households: c.households,
    residents: c.residents,
    serviceAreaM2: c.facilityArea,
    requiredAreaM2: reqArea,
    areaGapM2: areaGap,
    gridCount: c.grids.length,
    gridsOutOfRange: over + under,
    gridsOver: over,
    gridsUnder: under,
    gridsToAdd: toAdd,
    committeeSize: c.committeeSize,
    committeeGap,
    workers: c.workers,
    requiredWorkers: reqWorkers,
    workersGap,
    overHouseholdLimit: householdsOver > 0,
    householdsOverLimit: householdsOver,
    meets,
    meetsAll: NORM_KEYS.every((k) => meets[k] === true),
  };
}

export interface GapSummary {
  readonly communities: number;
  readonly meetingAll: number;
  readonly meetingEach: Readonly<Record<NormKey, number>>;
  readonly areaGapM2: number;
  readonly workersGap: number;
  readonly gridsOutOfRange: number;
  readonly committeeGap: number;
  readonly overHouseholdLimit: number;
}

export function summarizeGaps(gaps: readonly CommunityGaps[]): GapSummary {
  const meetingEach = Object.fromEntries(NORM_KEYS.map((k) => [k, gaps.filter((g) => g.meets[k] === true).length])) as Record<
    NormKey,
    number
  >;
  return {
    communities: gaps.length,
    meetingAll: gaps.filter((g) => g.meetsAll).length,
    meetingEach,
    areaGapM2: roundM2(gaps.reduce((s, g) => s + (g.areaGapM2 ?? 0), 0)),
    workersGap: gaps.reduce((s, g) => s + (g.workersGap ?? 0), 0),
    gridsOutOfRange: gaps.reduce((s, g) => s + g.gridsOutOfRange, 0),
    committeeGap: gaps.reduce((s, g) => s + Math.max(0, g.committeeGap), 0),
    overHouseholdLimit: gaps.filter((g) => g.overHouseholdLimit).length,
  };
}

/** Areas are entered to 0.01 m²; keep sums free of binary noise. */
function roundM2(n: number): number {
  return Math.round(n * 100) / 100;
}
