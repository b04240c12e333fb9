/**
 * The forecast: the communities meeting all norms quarter by quarter as planned actions land
 * ("23 → 35 by 2022Q4"), and which actions matter most (how many communities would not meet all
 * norms at the end without each one).
 */
import { applyAction, type PlanAction } from './actions';
import { computeGaps, summarizeGaps, type PlanCommunity } from './gaps';
import type { PlannerNorms } from './norms';
import { quarterIndex, quarterOfIndex } from './quarter';

export interface ForecastPoint {
  readonly quarter: string;
  readonly communities: number;
  readonly meetingAll: number;
  readonly areaGapM2: number;
  readonly workersGap: number;
  readonly gridsOutOfRange: number;
  /** Ids of the actions that land in this quarter. */
  readonly actions: readonly number[];
}

export interface ActionImpact {
  readonly actionId: number;
  /** Communities meeting all norms at the end of the plan that would not without this action. */
  readonly gain: number;
  /** What the action alone closes against the base rosters: m² of area gap, 社区工作者, grids brought into range. */
  readonly areaM2: number;
  readonly workers: number;
  readonly gridsFixed: number;
  /** Why the action could not apply (e.g. the community was merged before it), or null. */
  readonly problem: string | null;
  /** The target quarter is not after the base quarter: it should already show in the rosters. */
  readonly overdue: boolean;
}

export interface Forecast {
  readonly from: string;
  readonly to: string;
  readonly points: readonly ForecastPoint[];
  readonly impacts: readonly ActionImpact[];
  /** "23 → 35 by 2022Q4". */
  readonly headline: string;
}

function byLanding(a: PlanAction, b: PlanAction): number {
  return quarterIndex(a.targetQuarter) - quarterIndex(b.targetQuarter) || a.id - b.id;
}

/** The communities after the given actions (in landing order); problems by action id. */
export function applyActions(
  base: readonly PlanCommunity[],
  actions: readonly PlanAction[],
  norms: PlannerNorms,
): { communities: PlanCommunity[]; problems: Map<number, string> } {
  const state = new Map(base.map((c) => [c.key, c]));
  const problems = new Map<number, string>();
  for (const a of [...actions].sort(byLanding)) {
    const problem = applyAction(state, a, norms);
    if (problem) problems.set(a.id, problem);
  }
  return { communities: [...state.values()], problems };
}

/**
 * Forecast from `baseQuarter` (the rosters as they are: no action applied) to the last target quarter
 * (or `until`, if later). An action whose target is not after the base quarter lands in the next one.
 */
export function forecastPlan(
  base: readonly PlanCommunity[],
  actions: readonly PlanAction[],
  norms: PlannerNorms,
  baseQuarter: string,
  until?: string,
): Forecast {
  const baseIdx = quarterIndex(baseQuarter);
  const landing = (a: PlanAction) => Math.max(baseIdx + 1, quarterIndex(a.targetQuarter));
  const lastIdx = Math.max(baseIdx, until ? quarterIndex(until) : baseIdx, ...actions.map(landing));
  const points: ForecastPoint[] = [];
  for (let i = baseIdx; i <= lastIdx; i += 1) {
    const due = actions.filter((a) => landing(a) <= i);
    const s = summarizeGaps(applyActions(base, due, norms).communities.map((c) => computeGaps(c, norms)));
    points.push({
      quarter: quarterOfIndex(i),
      communities: s.communities,
      meetingAll: s.meetingAll,
      areaGapM2: s.areaGapM2,
      workersGap: s.workersGap,
      gridsOutOfRange: s.gridsOutOfRange,
      actions: actions.filter((a) => landing(a) === i && i > baseIdx).map((a) => a.id),
    });
  }
  const all = applyActions(base, actions, norms);
  const finalMeeting = points[points.length - 1]?.meetingAll ?? 0;
  const baseGaps = summarizeGaps(base.map((c) => computeGaps(c, norms)));
  const impacts: ActionImpact[] = actions.map((a) => {
    const without = applyActions(
      base,
      actions.filter((x) => x.id !== a.id),
      norms,
    ).communities.map((c) => computeGaps(c, norms));
    const withoutSummary = summarizeGaps(without);
    const own = summarizeGaps(applyActions(base, [a], norms).communities.map((c) => computeGaps(c, norms)));
    return {
      actionId: a.id,
      gain: finalMeeting - withoutSummary.meetingAll,
      areaM2: Math.round((baseGaps.areaGapM2 - own.areaGapM2) * 100) / 100,
      workers: baseGaps.workersGap - own.workersGap,
      gridsFixed: baseGaps.gridsOutOfRange - own.gridsOutOfRange,
      problem: all.problems.get(a.id) ?? null,
      overdue: quarterIndex(a.targetQuarter) <= baseIdx,
    };
  });
  impacts.sort((x, y) => y.gain - x.gain || y.areaM2 - x.areaM2 || y.workers - x.workers || x.actionId - y.actionId);
  const first = points[0];
  const last = points[points.length - 1];
  const headline =
    first && last
      ? first === last
        ? `目前 ${first.meetingAll} 个社区全部达标`
        : `${first.meetingAll} → ${last.meetingAll}（${last.quarter}）`
      : '';
  return { from: quarterOfIndex(baseIdx), to: quarterOfIndex(lastIdx), points, impacts, headline };
}
