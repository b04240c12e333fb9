/**
 * 达标规划 and statistics: reads a roster snapshot (a round's frozen one, or the live rosters in the
 * same shape), computes gaps, forecast, split proposals and statistics with the pure domain in
 * shared/domain/planner, and stores norms, planned actions and lineage.
 */
import type { PlanAction, PlanActionInput } from '../../../../shared/domain/planner/actions';
import { forecastPlan } from '../../../../shared/domain/planner/forecast';
import { computeGaps, planCommunityFromMetrics, summarizeGaps, type PlanCommunity } from '../../../../shared/domain/planner/gaps';
import { lineageCycle, type LineageKind } from '../../../../shared/domain/planner/lineage';
import type { PlannerNorms } from '../../../../shared/domain/planner/norms';
import { quarterOfDate } from '../../../../shared/domain/planner/quarter';
import { proposeCommunitySplits, proposeGridSplit } from '../../../../shared/domain/planner/split';
import {
  computeStats,
  snapshotGrids,
  statFigures,
  type RosterStats,
  type SnapshotCommunity,
} from '../../../../shared/domain/planner/stats';
import { previousRoundId, quarterEndDate, roundTitle } from '../../../../shared/domain/round/round-workflow';
import type { PlanActionDto, PlanOverviewDto, StatsResultDto } from '../../../../shared/ipc/channels/planner.channels';
import { AppError } from '../../../../shared/ipc/errors';
import type { AppContext } from '../../app-context';
import { appendAudit } from '../../platform/audit/audit-log';
import type { DbOrTrx } from '../../platform/db/schema';
import * as repo from './planner.repository';
import { findRound, getRound, roundCommunities, snapshotOf } from '../rounds/index';
import { gridCodeKey } from '../roster/index';
import { snapshotCommunities } from '../rounds/index';
import { listCommunities, validationToday } from '../roster/index';

export interface PlannerSnapshot {
  readonly source: 'round' | 'current';
  readonly roundId: string | null;
  readonly quarter: string;
  readonly asOf: string;
  readonly communities: readonly (SnapshotCommunity & { readonly id: number })[];
}

/** A round's frozen roster snapshot. */
async function roundSnapshot(db: DbOrTrx, roundId: string): Promise<PlannerSnapshot> {
  const round = await getRound(db, roundId);
  const rows = await roundCommunities(db, roundId);
  return {
    source: 'round',
    roundId: round.id,
    quarter: round.id,
    asOf: quarterEndDate(round.year, round.quarter),
    communities: rows.map((r) => ({ id: r.community_id, name: r.name, ...snapshotOf(r) })),
  };
}

/** The live rosters, in the shape a round freezes (same metrics, same rows). */
async function currentSnapshot(app: AppContext): Promise<PlannerSnapshot> {
  const asOf = validationToday(app.now());
  const list = await listCommunities(app.db);
  const snaps = await snapshotCommunities(
    app.db,
    list.map((c) => c.id),
    asOf,
  );
  return {
    source: 'current',
    roundId: null,
    quarter: quarterOfDate(asOf),
    asOf,
    communities: list.map((c) => ({ id: c.id, name: c.name, metrics: snaps.get(c.id)?.metrics ?? {}, rows: snaps.get(c.id)?.rows ?? {} })),
  };
}

export async function loadSnapshot(app: AppContext, roundId?: string): Promise<PlannerSnapshot> {
  return roundId ? roundSnapshot(app.db, roundId) : currentSnapshot(app);
}

function planCommunities(snapshot: PlannerSnapshot): PlanCommunity[] {
  return snapshot.communities.map((c) => planCommunityFromMetrics(String(c.id), c.name, c.metrics, snapshotGrids(c)));
}

function actionDto(a: PlanAction, names: ReadonlyMap<number, string>): PlanActionDto {
  return {
    ...a,
    communityName: names.get(a.communityId) ?? `#${a.communityId}`,
    otherCommunityName: a.otherCommunityId === null ? null : (names.get(a.otherCommunityId) ?? `#${a.otherCommunityId}`),
  };
}

export async function planOverview(app: AppContext, roundId?: string): Promise<PlanOverviewDto> {
  const db = app.db;
  const [snapshot, norms, actions, lineage, names] = await Promise.all([
    loadSnapshot(app, roundId),
    repo.readNorms(db),
    repo.listActions(db),
    repo.listLineage(db),
    repo.communityNames(db),
  ]);
  const base = planCommunities(snapshot);
  const gaps = base.map((c) => computeGaps(c, norms));
  const gridSplits: PlanOverviewDto['gridSplits'] = [];
  for (const c of base) {
    const over = c.grids.filter((g) => g.households !== null && g.households > norms.gridMaxHouseholds);
    if (over.length === 0) continue;
    const units = await repo.groupUnits(db, Number(c.key));
    for (const g of over) {
      const p = proposeGridSplit(
        g,
        units.filter((u) => u.gridCode.toUpperCase() === g.code.toUpperCase()),
        norms,
      );
      gridSplits.push({
        communityId: Number(c.key),
        communityName: c.name,
        ...p,
        parts: p.parts.map((x) => ({ households: x.households, units: [...x.units] })),
      });
    }
  }
  const communitySplits = base
    .filter((c) => c.households !== null && c.households > norms.maxHouseholds)
    .map((c) => ({
      communityId: Number(c.key),
      communityName: c.name,
      households: c.households ?? 0,
      candidates: proposeCommunitySplits(c.households, c.grids, norms).map((x) => ({
        spread: x.spread,
        parts: x.parts.map((p) => ({ households: p.households, grids: [...p.grids] })),
      })),
    }));
  const forecast = forecastPlan(base, actions, norms, snapshot.quarter);
  return {
    norms,
    source: snapshot.source,
    roundId: snapshot.roundId,
    quarter: snapshot.quarter,
    asOf: snapshot.asOf,
    communities: gaps.map((g) => {
      const { key, ...rest } = g;
      return { communityId: Number(key), ...rest, meets: { ...g.meets } };
    }),
    summary: { ...summarizeGaps(gaps) },
    actions: actions.map((a) => actionDto(a, names)),
    forecast: { ...forecast, points: forecast.points.map((p) => ({ ...p, actions: [...p.actions] })), impacts: [...forecast.impacts] },
    gridSplits,
    communitySplits,
    lineage: lineage.map((l) => ({
      ...l,
      successorName: names.get(l.successorId) ?? `#${l.successorId}`,
      predecessorName: names.get(l.predecessorId) ?? `#${l.predecessorId}`,
    })),
  };
}

export async function setNorms(app: AppContext, actor: string, norms: PlannerNorms): Promise<PlannerNorms> {
  const now = app.now();
  await app.db.transaction().execute(async (trx) => {
    const before = await repo.readNorms(trx);
    await repo.writeNorms(trx, norms, now);
    await appendAudit(trx, { actor, action: 'planner.setNorms', entity: 'settings', entityId: 'planner.norms', before, after: norms }, now);
  });
  return repo.readNorms(app.db);
}

async function assertCommunity(db: DbOrTrx, id: number, what: string): Promise<void> {
  if (!(await repo.communityExists(db, id))) throw new AppError('NOT_FOUND', `找不到${what}（编号 ${id}），可能已被删除。请刷新后重试。`);
}

export async function addAction(app: AppContext, actor: string, input: PlanActionInput): Promise<PlanActionDto> {
  const db = app.db;
  await assertCommunity(db, input.communityId, '该社区');
  if (input.otherCommunityId !== null) await assertCommunity(db, input.otherCommunityId, '要并入的社区');
  let action = input;
  if (input.kind === 'splitGrid') {
    const gridCode = await repo.gridCodeByKey(db, input.communityId, gridCodeKey(input.gridCode ?? ''));
    if (gridCode === undefined)
      throw new AppError('VALIDATION_FAILED', `网格「${input.gridCode ?? ''}」不属于该社区。请按网格名册中的网格编号填写。`);
    // Stored as the roster spells it, so the plan finds it in the snapshot's grid rows.
    action = { ...input, gridCode };
  }
  const now = app.now();
  const id = await db.transaction().execute(async (trx) => {
    const newId = await repo.insertAction(trx, action, actor, now);
    await appendAudit(trx, { actor, action: 'planner.addAction', entity: 'planner_action', entityId: newId, after: action }, now);
    return newId;
  });
  return actionDto({ ...action, id }, await repo.communityNames(db));
}

export async function deleteAction(app: AppContext, actor: string, id: number): Promise<{ deleted: boolean }> {
  const now = app.now();
  return app.db.transaction().execute(async (trx) => {
    const before = (await repo.listActions(trx)).find((a) => a.id === id);
    if (!before) throw new AppError('NOT_FOUND', '找不到该规划措施，可能已被删除。请刷新后重试。');
    await repo.deleteAction(trx, id);
    await appendAudit(trx, { actor, action: 'planner.deleteAction', entity: 'planner_action', entityId: id, before }, now);
    return { deleted: true };
  });
}

export async function addLineage(
  app: AppContext,
  actor: string,
  input: { successorId: number; predecessorIds: number[]; quarter: string; kind: LineageKind; note: string },
): Promise<PlanOverviewDto['lineage']> {
  const db = app.db;
  await assertCommunity(db, input.successorId, '新社区');
  for (const p of input.predecessorIds) await assertCommunity(db, p, '原社区');
  if (input.kind === 'split' && input.predecessorIds.length !== 1)
    throw new AppError('VALIDATION_FAILED', '分设的社区只有一个原社区。合并请选择“合并”。');
  const now = app.now();
  await db.transaction().execute(async (trx) => {
    const links = await repo.listLineage(trx);
    for (const p of input.predecessorIds) {
      const link = { successorId: input.successorId, predecessorId: p, quarter: input.quarter, kind: input.kind, note: input.note };
      if (links.some((l) => l.successorId === link.successorId && l.predecessorId === p))
        throw new AppError('CONFLICT', '该沿革记录已存在。');
      if (lineageCycle(links, link)) throw new AppError('VALIDATION_FAILED', '社区不能成为自己的前身。请检查新社区和原社区是否选反了。');
      await repo.insertLineage(trx, link, actor, now);
      links.push(link);
    }
    await appendAudit(
      trx,
      { actor, action: 'planner.addLineage', entity: 'community_lineage', entityId: input.successorId, after: input },
      now,
    );
  });
  return (await planLineage(app)).filter((l) => l.successorId === input.successorId);
}

async function planLineage(app: AppContext): Promise<PlanOverviewDto['lineage']> {
  const [links, names] = await Promise.all([repo.listLineage(app.db), repo.communityNames(app.db)]);
  return links.map((l) => ({
    ...l,
    successorName: names.get(l.successorId) ?? `#${l.successorId}`,
    predecessorName: names.get(l.predecessorId) ?? `#${l.predecessorId}`,
  }));
}

export async function removeLineage(
  app: AppContext,
  actor: string,
  successorId: number,
  predecessorId: number,
): Promise<{ deleted: boolean }> {
  const now = app.now();
  return app.db.transaction().execute(async (trx) => {
    const before = (await repo.listLineage(trx)).find((l) => l.successorId === successorId && l.predecessorId === predecessorId);
    if (!before) throw new AppError('NOT_FOUND', '找不到该沿革记录。请刷新后重试。');
    await repo.deleteLineage(trx, successorId, predecessorId);
    await appendAudit(trx, { actor, action: 'planner.removeLineage', entity: 'community_lineage', entityId: successorId, before }, now);
    return { deleted: true };
  });
}

/**
 * Statistics of a round's snapshot, of a year (its last round), or of the live rosters, with the
 * change against the previous quarter's round when there is one.
 */
export async function rosterStatistics(app: AppContext, input: { roundId?: string; year?: number }): Promise<StatsResultDto> {
  const db = app.db;
  let roundId = input.roundId;
  if (roundId === undefined && input.year !== undefined) {
    const last = await repo.latestRoundId(db, input.year);
    if (last === undefined)
      throw new AppError('NOT_FOUND', `${input.year}年还没有季度考评，没有可统计的名册快照。请指定季度或先创建考评。`);
    roundId = last;
  }
  const norms = await repo.readNorms(db);
  const snapshot = await loadSnapshot(app, roundId);
  const stats = computeStats(snapshot, norms);
  let previous: string | null = null;
  let previousStats: RosterStats | null = null;
  const round = roundId ? await getRound(db, roundId) : null;
  const prevId = round ? previousRoundId(round.year, round.quarter) : ((await repo.latestRoundId(db)) ?? null);
  if (prevId && (await findRound(db, prevId))) {
    previous = prevId;
    previousStats = computeStats(await roundSnapshot(db, prevId), norms);
  }
  const title = round ? `${roundTitle(round.year, round.quarter)}（名册快照）` : `当前名册（${snapshot.asOf}）`;
  return {
    source: roundId ?? 'current',
    title,
    previous,
    stats: toDto(stats),
    previousStats: previousStats ? toDto(previousStats) : null,
    figures: statFigures(stats, norms, previousStats ?? undefined).map((f) => ({ ...f })),
  };
}

function toDto(s: RosterStats): StatsResultDto['stats'] {
  return {
    ...s,
    workersByPost: s.workersByPost.map((x) => ({ ...x })),
    workersByGrade: s.workersByGrade.map((x) => ({ ...x })),
    meetingEach: { ...s.meetingEach },
  };
}
