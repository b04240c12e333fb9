/**
 * Reading rounds: the list, one round's detail (progress of every form, assignments, comments,
 * appeals) and the scores of the forms as the engine computes them from the stored entries.
 */
import { ROUND_STATE_LABELS, nextStates } from '../../../../shared/domain/round/round-workflow';
import { communityStatusLabel } from '../../../../shared/domain/round/community-status';
import { scoreCommunity, type CommunityScore } from '../../../../shared/domain/scoring/index';
import { prepareStandard, type PreparedStandard } from '../../../../shared/domain/scoring/prepared-standard';
import { EMPTY_ENTRIES } from '../../../../shared/domain/scoring/score-entry.schema';
import { tenthsToPoints } from '../../../../shared/domain/standard/standard.schema';
import type { AppealDto, FormScore, RoundDetail, RoundSummary } from '../../../../shared/ipc/channels/rounds.channels';
import type { AppContext } from '../../app-context';
import type { DbOrTrx } from '../../platform/db/schema';
import {
  assignmentDto,
  commentDto,
  getRound,
  listAssignments,
  listComments,
  listRoundRows,
  roundCommunities,
  snapshotOf,
  titleOf,
  type RoundRow,
} from './rounds.repository';
import { loadEntries, sheetAssessors } from './scoring.repository';
import { appealDto, listAppealRows } from './appeals.repository';
import { loadStandardVersion } from './round-sources';

export async function preparedFor(db: DbOrTrx, round: Pick<RoundRow, 'standard_version'>): Promise<PreparedStandard> {
  return prepareStandard(await loadStandardVersion(db, round.standard_version));
}

export function toFormScore(s: CommunityScore): FormScore {
  return {
    items: s.items.map((i) => ({
      code: i.code,
      categoryCode: i.categoryCode,
      maxTenths: i.maxTenths,
      tenths: i.tenths,
      status: i.status,
      ...(i.message !== undefined ? { message: i.message } : {}),
      ...(i.derivedTenths !== undefined ? { derivedTenths: i.derivedTenths } : {}),
      ...(i.deductedTenths !== undefined ? { deductedTenths: i.deductedTenths } : {}),
      ...(i.rawValue !== undefined ? { rawValue: i.rawValue } : {}),
      ...(i.metricKeys !== undefined ? { metricKeys: i.metricKeys } : {}),
      ...(i.clamped !== undefined ? { clamped: i.clamped } : {}),
      ...(i.reason !== undefined ? { reason: i.reason } : {}),
    })),
    categories: s.categories.map((c) => ({ code: c.code, title: c.title, maxTenths: c.maxTenths, tenths: c.tenths })),
    baseTenths: s.baseTenths,
    bonusTenths: s.bonusTenths,
    totalTenths: s.totalTenths,
    vetoes: s.vetoes.map((v) => ({ code: v.code, title: v.title, effect: v.effect, fact: v.fact })),
    complete: s.complete,
    problems: s.problems,
  };
}

/** The score of one sheet (default: the form) of one community, as the form shows it. */
export async function formScore(
  db: DbOrTrx,
  ps: PreparedStandard,
  roundId: string,
  communityId: number,
  assessor: string,
  metrics: Record<string, number | null>,
): Promise<FormScore> {
  const entries = (await loadEntries(db, roundId, assessor, [communityId])).get(communityId) ?? EMPTY_ENTRIES;
  return toFormScore(scoreCommunity(ps, entries, metrics));
}

/** Scores of every community's form (assessor ''), keyed by community id. */
export async function scoreForms(db: DbOrTrx, round: RoundRow): Promise<Map<number, CommunityScore>> {
  const ps = await preparedFor(db, round);
  const [communities, entries] = await Promise.all([roundCommunities(db, round.id), loadEntries(db, round.id)]);
  return new Map(
    communities.map((c) => [c.community_id, scoreCommunity(ps, entries.get(c.community_id) ?? EMPTY_ENTRIES, snapshotOf(c).metrics)]),
  );
}

/** Items scored, checked or computed (neither missing nor invalid). */
export function countScored(s: Pick<CommunityScore, 'items'>): number {
  return s.items.filter((i) => i.status !== 'missing' && i.status !== 'invalid').length;
}

function summaryOf(round: RoundRow, communityCount: number, completeCount: number): RoundSummary {
  return {
    id: round.id,
    year: round.year,
    quarter: round.quarter,
    title: titleOf(round),
    standardVersion: round.standard_version,
    kind: round.kind,
    state: round.state,
    stateLabel: ROUND_STATE_LABELS[round.state],
    communityCount,
    completeCount,
    createdAt: round.created_at,
    finalizedAt: round.finalized_at,
  };
}

export async function listRounds(app: AppContext): Promise<RoundSummary[]> {
  const out: RoundSummary[] = [];
  for (const r of await listRoundRows(app.db)) {
    const scores = await scoreForms(app.db, r);
    out.push(summaryOf(r, scores.size, [...scores.values()].filter((s) => s.complete).length));
  }
  return out;
}

export async function listAppeals(db: DbOrTrx, roundId: string): Promise<AppealDto[]> {
  const [rows, communities] = await Promise.all([listAppealRows(db, roundId), roundCommunities(db, roundId)]);
  const names = new Map(communities.map((c) => [c.community_id, c.name]));
  return rows.map((r) => appealDto(r, names));
}

export async function getRoundDetail(app: AppContext, roundId: string): Promise<RoundDetail> {
  const db = app.db;
  const round = await getRound(db, roundId);
  const [communities, scores, assessments, comments, appeals] = await Promise.all([
    roundCommunities(db, roundId),
    scoreForms(db, round),
    listAssignments(db, roundId),
    listComments(db, roundId),
    listAppeals(db, roundId),
  ]);
  const state = round.state;
  const list = await Promise.all(
    communities.map(async (c) => {
      const s = scores.get(c.community_id) as CommunityScore;
      const assigned = assessments.filter((a) => a.community_id === c.community_id || a.community_id === null).map((a) => a.assessor);
      const blind = await sheetAssessors(db, roundId, c.community_id);
      return {
        id: c.community_id,
        name: c.name,
        status: c.status,
        statusLabel: communityStatusLabel(state, c.status),
        complete: s.complete,
        scoredItems: countScored(s),
        totalItems: s.items.length,
        total: tenthsToPoints(s.totalTenths),
        categories: s.categories.map((k) => {
          const items = s.items.filter((i) => i.categoryCode === k.code);
          return { code: k.code, scored: countScored({ ...s, items }), total: items.length };
        }),
        assessors: [...new Set([...assigned, ...blind])],
      };
    }),
  );
  return {
    ...summaryOf(round, communities.length, list.filter((c) => c.complete).length),
    communities: list,
    assessments: assessments.map(assignmentDto),
    comments: comments.map(commentDto),
    appeals,
    nextStates: [...nextStates(state)],
    canRefreeze: round.first_submitted_at === null && state === 'draft',
    snapshotAt: round.snapshot_at,
    spreadThreshold: tenthsToPoints(round.spread_threshold_tenths),
  };
}
