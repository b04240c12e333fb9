/**
 * 季度考评: rounds, scoring forms and the workflow. Every write checks the round's state here, in
 * the main process: a finalized round refuses every change with LOCKED, whatever door it came from.
 * Every change appends an audit entry in the same transaction.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../../shared/ipc/errors';
import {
  FORM_STATUS_LABELS,
  ROUND_STATE_LABELS,
  nextStates,
  previousRoundId,
  quarterEndDate,
  roundId as makeRoundId,
  scoresEditable,
  transitionProblem,
  type FormStatus,
  type RoundState,
} from '../../../../shared/domain/round/round-workflow';
import { communityStatusLabel } from '../../../../shared/domain/round/community-status';
import { checkDeduction, checkManualValue, scoreCommunity, type CommunityScore } from '../../../../shared/domain/scoring/index';
import { prepareStandard, type PreparedStandard } from '../../../../shared/domain/scoring/prepared-standard';
import { rectificationsFrom } from '../../../../shared/domain/scoring/rectification';
import { settleItem, spreadReport, type SettleMethod } from '../../../../shared/domain/scoring/reconciliation';
import { EMPTY_ENTRIES, type CommunityEntries, type ItemValue } from '../../../../shared/domain/scoring/score-entry.schema';
import { METRIC_CATALOGUE } from '../../../../shared/domain/standard/metric-catalogue';
import { formatTenths, tenthsToPoints, type Standard } from '../../../../shared/domain/standard/standard.schema';
import type {
  AppealDto,
  FormDto,
  FormScore,
  RectificationDto,
  RoundDetail,
  RoundSummary,
  SaveResult,
} from '../../../../shared/ipc/channels/rounds.channels';
import type { Actor, AppContext } from '../../app-context';
import { appendAudit } from '../../platform/audit/audit-log';
import type { DbOrTrx } from '../../platform/db/schema';
import {
  getRound,
  getRoundCommunity,
  loadEntries,
  loadLedger,
  roundCommunities,
  sheetAssessors,
  snapshotOf,
  titleOf,
  type RoundRow,
} from './rounds.repository';
import {
  drillDownByMetric,
  isPublishedVersion,
  latestPublishedVersion,
  listRoundCommunities,
  loadStandardVersion,
  markStandardUsed,
  snapshotCommunities,
} from './round-sources';
import { assertAssigned, assertAssignedAll, assertOwnSheet } from '../../platform/security/record-access';
import { appealByRequest, deductionByRequest } from './round-requests';
import { readNorms } from '../planner/index';
import { assertCarriedEditable, carriedItems, carryAnnualItems, releaseCarried } from './round-carry';
import { contestedDeduction, withdrawContested } from './round-appeals';
import { resolveAssessorAccounts } from './round-assignees';
import { proposeDocNumber, recordReportIssue, supersedeReportIssue } from '../reports/index';

/** Who is acting, as the services need it. */
export interface RoundActor {
  name: string;
  role: Actor['role'];
}

export function roundActor(actor: Actor | null): RoundActor {
  return actor ? { name: actor.username, role: actor.role } : { name: 'system', role: 'admin' };
}

const REVIEW_ROLES: ReadonlySet<string> = new Set(['admin', 'reviewer']);

// ---------------------------------------------------------------- reading

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

/** Scores of every community's form (assessor ''), keyed by community id. */
export async function scoreForms(db: DbOrTrx, round: RoundRow): Promise<Map<number, CommunityScore>> {
  const ps = await preparedFor(db, round);
  const [communities, entries] = await Promise.all([roundCommunities(db, round.id), loadEntries(db, round.id)]);
  return new Map(
    communities.map((c) => [c.community_id, scoreCommunity(ps, entries.get(c.community_id) ?? EMPTY_ENTRIES, snapshotOf(c).metrics)]),
  );
}

function countScored(s: Pick<CommunityScore, 'items'>): number {
  return s.items.filter((i) => i.status !== 'missing' && i.status !== 'invalid').length;
}

function summaryOf(round: RoundRow, communityCount: number, completeCount: number): RoundSummary {
  const state = round.state as RoundState;
  return {
    id: round.id,
    year: round.year,
    quarter: round.quarter,
    title: titleOf(round),
    standardVersion: round.standard_version,
    state,
    stateLabel: ROUND_STATE_LABELS[state],
    communityCount,
    completeCount,
    createdAt: round.created_at,
    finalizedAt: round.finalized_at,
  };
}

export async function listRounds(app: AppContext): Promise<RoundSummary[]> {
  const rounds = await app.db.selectFrom('rounds').selectAll().orderBy('year', 'desc').orderBy('quarter', 'desc').execute();
  const out: RoundSummary[] = [];
  for (const r of rounds) {
    const scores = await scoreForms(app.db, r);
    out.push(summaryOf(r, scores.size, [...scores.values()].filter((s) => s.complete).length));
  }
  return out;
}

function appealDto(
  r: {
    id: number;
    community_id: number;
    item_code: string | null;
    claim: string;
    status: string;
    decision: string | null;
    adjustment_tenths: number | null;
    created_at: string;
    created_by: string;
    decided_at: string | null;
    decided_by: string | null;
    deduction_id: number | null;
  },
  names: Map<number, string>,
): AppealDto {
  return {
    id: r.id,
    communityId: r.community_id,
    communityName: names.get(r.community_id) ?? String(r.community_id),
    itemCode: r.item_code,
    claim: r.claim,
    status: r.status as AppealDto['status'],
    decision: r.decision,
    adjustment: r.adjustment_tenths === null ? null : tenthsToPoints(r.adjustment_tenths),
    createdAt: r.created_at,
    createdBy: r.created_by,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
    deductionId: r.deduction_id,
  };
}

export async function listAppeals(db: DbOrTrx, roundId: string): Promise<AppealDto[]> {
  const [rows, communities] = await Promise.all([
    db.selectFrom('appeals').selectAll().where('round_id', '=', roundId).orderBy('id').execute(),
    roundCommunities(db, roundId),
  ]);
  const names = new Map(communities.map((c) => [c.community_id, c.name]));
  return rows.map((r) => appealDto(r, names));
}

export async function getRoundDetail(app: AppContext, roundId: string): Promise<RoundDetail> {
  const db = app.db;
  const round = await getRound(db, roundId);
  const [communities, scores, assessments, comments, appeals] = await Promise.all([
    roundCommunities(db, roundId),
    scoreForms(db, round),
    db.selectFrom('round_assessors').selectAll().where('round_id', '=', roundId).orderBy('id').execute(),
    db.selectFrom('round_comments').selectAll().where('round_id', '=', roundId).orderBy('id').execute(),
    listAppeals(db, roundId),
  ]);
  const state = round.state as RoundState;
  const list = await Promise.all(
    communities.map(async (c) => {
      const s = scores.get(c.community_id) as CommunityScore;
      const assigned = assessments.filter((a) => a.community_id === c.community_id || a.community_id === null).map((a) => a.assessor);
      const blind = await sheetAssessors(db, roundId, c.community_id);
      const status = c.status as FormStatus;
      return {
        id: c.community_id,
        name: c.name,
        status,
        statusLabel: communityStatusLabel(state, status),
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
    assessments: assessments.map((a) => ({ id: a.id, assessor: a.assessor, communityId: a.community_id, categoryCode: a.category_code })),
    comments: comments.map((c) => ({ id: c.id, communityId: c.community_id, kind: c.kind, text: c.text, actor: c.actor, at: c.at })),
    appeals,
    nextStates: [...nextStates(state)],
    canRefreeze: round.first_submitted_at === null && state === 'draft',
    snapshotAt: round.snapshot_at,
    spreadThreshold: tenthsToPoints(round.spread_threshold_tenths),
  };
}

// ---------------------------------------------------------------- guards

function lockedError(round: RoundRow): AppError {
  return new AppError('LOCKED', `${titleOf(round)}考评已定稿锁定，不能修改。如确需修改，请由审核人填写理由后解锁。`);
}

/** Refuses any change to a finalized round. */
export function assertNotFinalized(round: RoundRow): void {
  if (round.state === 'finalized') throw lockedError(round);
}

/** Why a community's form cannot be changed now, or null. */
function formReadOnlyReason(round: RoundRow, status: FormStatus): string | null {
  if (round.state === 'finalized') return lockedError(round).message;
  const state = round.state as RoundState;
  if (!scoresEditable(state)) return `本轮考评当前为“${ROUND_STATE_LABELS[state]}”状态，评分不能修改。如需修改，请审核人退回。`;
  if (status === 'submitted' || status === 'reviewed')
    return `该社区的评分表已${FORM_STATUS_LABELS[status]}，不能修改。如需修改，请审核人退回该社区。`;
  return null;
}

async function assertFormWritable(
  db: DbOrTrx,
  round: RoundRow,
  communityId: number,
): Promise<{ name: string; metrics: Record<string, number | null> }> {
  assertNotFinalized(round);
  const rc = await getRoundCommunity(db, round.id, communityId);
  const reason = formReadOnlyReason(round, rc.status as FormStatus);
  if (reason) throw new AppError('ILLEGAL_STATE', reason);
  return { name: rc.name, metrics: snapshotOf(rc).metrics };
}

export { assertOwnSheet };

function assertReviewer(actor: RoundActor, what: string): void {
  if (!REVIEW_ROLES.has(actor.role)) throw new AppError('FORBIDDEN', `只有审核人或管理员可以${what}。`);
}

// ---------------------------------------------------------------- rounds

export interface CreateRoundInput {
  year: number;
  quarter: number;
  standardVersion?: number | undefined;
  communityIds?: readonly number[] | undefined;
  communityNames?: readonly string[] | undefined;
}

export async function createRound(app: AppContext, actor: RoundActor, input: CreateRoundInput): Promise<RoundDetail> {
  const db = app.db;
  const id = makeRoundId(input.year, input.quarter);
  if (await db.selectFrom('rounds').select('id').where('id', '=', id).executeTakeFirst()) {
    throw new AppError('CONFLICT', `${input.year}年第${input.quarter}季度的考评（${id}）已经存在。请在列表中打开它。`);
  }
  const version = input.standardVersion ?? (await latestPublishedVersion(db));
  if (version === null) throw new AppError('VALIDATION_FAILED', '还没有已发布的考核标准。请先在“考核标准”中发布一个版本，再创建考评。');
  if (!(await isPublishedVersion(db, version))) {
    throw new AppError('VALIDATION_FAILED', `考核标准第${version}版尚未发布（或不存在），不能用于考评。请先发布该版本，或选择其他版本。`);
  }
  const standard = await loadStandardVersion(db, version);
  let communities = await listRoundCommunities(db, input.communityIds, version);
  if (input.communityNames) {
    const wanted = new Set(input.communityNames);
    const unknown = input.communityNames.filter((n) => !communities.some((c) => c.name === n));
    if (unknown.length)
      throw new AppError('VALIDATION_FAILED', `找不到社区：${unknown.join('、')}。请检查名称，或先在“组织与名册”中导入社区。`);
    communities = communities.filter((c) => wanted.has(c.name));
  }
  if (input.communityIds) {
    const found = new Set(communities.map((c) => c.id));
    const missing = input.communityIds.filter((c) => !found.has(c));
    if (missing.length)
      throw new AppError('VALIDATION_FAILED', `找不到编号为 ${missing.join('、')} 的社区。请先在“组织与名册”中导入社区。`);
  }
  if (communities.length === 0) throw new AppError('VALIDATION_FAILED', '没有可考评的社区。请先在“组织与名册”中导入社区名单。');
  const snapshot = await snapshotCommunities(
    db,
    communities.map((c) => c.id),
    quarterEndDate(input.year, input.quarter),
    version,
  );
  const now = app.now();
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('rounds')
      .values({
        id,
        year: input.year,
        quarter: input.quarter,
        standard_version: version,
        state: 'draft',
        snapshot_at: at,
        first_submitted_at: null,
        finalized_at: null,
        created_at: at,
        created_by: actor.name,
        updated_at: at,
      })
      .execute();
    // Rows carry JSON snapshots; 7 columns per row keeps each batch far below the bound-value limit.
    for (let i = 0; i < communities.length; i += 500) {
      await trx
        .insertInto('round_communities')
        .values(
          communities.slice(i, i + 500).map((c) => {
            const snap = snapshot.get(c.id) ?? { metrics: {}, rows: {} };
            return {
              round_id: id,
              community_id: c.id,
              name: c.name,
              sort_key: c.sortKey,
              status: 'draft',
              metrics_json: JSON.stringify(snap.metrics),
              rows_json: JSON.stringify(snap.rows),
            };
          }),
        )
        .execute();
    }
    await markStandardUsed(trx, version, id, actor.name, now);
    const carried = await carryAnnualItems(
      trx,
      { id, year: input.year, quarter: input.quarter },
      prepareStandard(standard),
      communities.map((c) => c.id),
      { iso: at, actor: actor.name },
    );
    await appendAudit(
      trx,
      {
        actor: actor.name,
        action: 'round.create',
        entity: 'round',
        entityId: id,
        after: {
          standardVersion: version,
          standardName: standard.name,
          communities: communities.map((c) => c.name),
          carriedAnnualEntries: carried,
        },
      },
      now,
    );
  });
  return getRoundDetail(app, id);
}

/** Re-freeze the roster snapshot (until the first submission). */
export async function refreezeRound(app: AppContext, actor: RoundActor, roundId: string): Promise<RoundDetail> {
  const db = app.db;
  const round = await getRound(db, roundId);
  assertNotFinalized(round);
  if (round.first_submitted_at !== null || round.state !== 'draft') {
    throw new AppError('ILLEGAL_STATE', '已有评分表提交，名册快照不能再重新冻结。如名册数据有误，请对相关计算项“调整得分”并填写理由。');
  }
  const communities = await roundCommunities(db, roundId);
  const snapshot = await snapshotCommunities(
    db,
    communities.map((c) => c.community_id),
    quarterEndDate(round.year, round.quarter),
    round.standard_version,
  );
  const now = app.now();
  await db.transaction().execute(async (trx) => {
    for (const c of communities) {
      const snap = snapshot.get(c.community_id) ?? { metrics: {}, rows: {} };
      await trx
        .updateTable('round_communities')
        .set({ metrics_json: JSON.stringify(snap.metrics), rows_json: JSON.stringify(snap.rows) })
        .where('round_id', '=', roundId)
        .where('community_id', '=', c.community_id)
        .execute();
    }
    await trx
      .updateTable('rounds')
      .set({ snapshot_at: now.toISOString(), updated_at: now.toISOString() })
      .where('id', '=', roundId)
      .execute();
    await appendAudit(
      trx,
      {
        actor: actor.name,
        action: 'round.refreeze',
        entity: 'round',
        entityId: roundId,
        before: { snapshotAt: round.snapshot_at },
        after: { snapshotAt: now.toISOString() },
      },
      now,
    );
  });
  return getRoundDetail(app, roundId);
}

export async function assignAssessors(
  app: AppContext,
  actor: RoundActor,
  roundId: string,
  requested: readonly { assessor: string; communityId: number | null; categoryCode: string | null }[],
): Promise<RoundDetail> {
  const db = app.db;
  const round = await getRound(db, roundId);
  assertNotFinalized(round);
  const assignments = await resolveAssessorAccounts(db, requested);
  const ps = await preparedFor(db, round);
  const ids = new Set((await roundCommunities(db, roundId)).map((c) => c.community_id));
  for (const a of assignments) {
    if (a.communityId !== null && !ids.has(a.communityId))
      throw new AppError('VALIDATION_FAILED', `本轮考评不包含编号为 ${a.communityId} 的社区。`);
    if (a.categoryCode !== null && !ps.standard.categories.some((c) => c.code === a.categoryCode)) {
      throw new AppError('VALIDATION_FAILED', `考核标准中没有一级指标“${a.categoryCode}”。`);
    }
  }
  const now = app.now();
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('round_assessors')
      .select(['assessor', 'community_id', 'category_code'])
      .where('round_id', '=', roundId)
      .execute();
    await trx.deleteFrom('round_assessors').where('round_id', '=', roundId).execute();
    if (assignments.length) {
      await trx
        .insertInto('round_assessors')
        .values(
          assignments.map((a) => ({ round_id: roundId, assessor: a.assessor, community_id: a.communityId, category_code: a.categoryCode })),
        )
        .execute();
    }
    await appendAudit(
      trx,
      { actor: actor.name, action: 'round.assign', entity: 'round', entityId: roundId, before, after: assignments },
      now,
    );
  });
  return getRoundDetail(app, roundId);
}

/** Backup hook of the safety feature, if the app context has one. */
async function backupBeforeFinalize(app: AppContext): Promise<void> {
  const hook = (app as AppContext & { backup?: (reason: string) => Promise<unknown> }).backup;
  if (typeof hook === 'function') await hook.call(app, 'before-finalize');
}

export async function advanceRound(
  app: AppContext,
  actor: RoundActor,
  roundId: string,
  to: RoundState,
  options: { comment?: string | undefined; communityIds?: readonly number[] | undefined; docNumber?: number | undefined } = {},
): Promise<RoundDetail> {
  const db = app.db;
  const round = await getRound(db, roundId);
  const from = round.state as RoundState;
  if (from === 'finalized') throw lockedError(round);
  const problem = transitionProblem(from, to);
  if (problem) throw new AppError('ILLEGAL_STATE', problem);
  if (to !== 'submitted') assertReviewer(actor, `将考评改为“${ROUND_STATE_LABELS[to]}”`);
  const comment = options.comment?.trim() ?? '';
  const communities = await roundCommunities(db, roundId);
  const names = new Map(communities.map((c) => [c.community_id, c.name]));
  if (to === 'submitted') {
    await assertAssignedAll(
      db,
      roundId,
      actor,
      communities.map((c) => c.community_id),
    );
    const scores = await scoreForms(db, round);
    const incomplete = communities.filter((c) => !(scores.get(c.community_id) as CommunityScore).complete);
    if (incomplete.length) {
      const list = incomplete.slice(0, 5).map((c) => {
        const s = scores.get(c.community_id) as CommunityScore;
        return `${c.name}（${s.items.length - countScored(s)}项未评分、未核查或有误）`;
      });
      throw new AppError(
        'ILLEGAL_STATE',
        `还有${incomplete.length}个社区的评分表未完成，不能提交：${list.join('、')}${incomplete.length > 5 ? '等' : ''}。请补全后再提交。`,
      );
    }
  }
  if (to === 'returned' && !comment) throw new AppError('VALIDATION_FAILED', '退回时请填写退回意见，说明需要修改的内容。');
  if (options.communityIds) {
    const unknown = options.communityIds.filter((c) => !names.has(c));
    if (unknown.length) throw new AppError('VALIDATION_FAILED', `本轮考评不包含编号为 ${unknown.join('、')} 的社区。`);
  }
  if (to === 'finalized') {
    const open = await db.selectFrom('appeals').select('id').where('round_id', '=', roundId).where('status', '=', 'open').execute();
    if (open.length) throw new AppError('ILLEGAL_STATE', `还有${open.length}件申诉未处理，不能定稿。请先处理全部申诉。`);
    await proposeDocNumber(app, roundId, options.docNumber); // refuses a 文号 already issued this year
  }
  // Rectifications are generated from the final entries.
  let rectifications: { communityId: number; itemCode: string; kind: string; text: string; lostTenths: number }[] = [];
  if (to === 'finalized') {
    const ps = await preparedFor(db, round);
    const entries = await loadEntries(db, roundId);
    const norms = await readNorms(db);
    rectifications = communities.flatMap((c) =>
      rectificationsFrom(ps, entries.get(c.community_id) ?? EMPTY_ENTRIES, snapshotOf(c).metrics, norms).map((r) => ({
        communityId: c.community_id,
        itemCode: r.itemCode,
        kind: r.kind,
        text: r.text,
        lostTenths: r.lostTenths,
      })),
    );
    await backupBeforeFinalize(app);
  }
  const now = app.now();
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    // Re-read inside the transaction: another window may have moved the round meanwhile.
    const current = await getRound(trx, roundId);
    if (current.state !== from) throw new AppError('CONFLICT', '考评状态刚被他人修改，请刷新后重试。');
    const setForms = async (status: FormStatus, fromStatuses: FormStatus[], only?: readonly number[]) => {
      let q = trx.updateTable('round_communities').set({ status }).where('round_id', '=', roundId).where('status', 'in', fromStatuses);
      if (only) q = q.where('community_id', 'in', [...only]);
      await q.execute();
    };
    if (to === 'submitted') await setForms('submitted', ['draft', 'returned']);
    if (to === 'returned')
      await setForms('returned', ['submitted', 'reviewed'], options.communityIds?.length ? options.communityIds : undefined);
    if (to === 'reviewed') await setForms('reviewed', ['submitted']);
    await trx
      .updateTable('rounds')
      .set({
        state: to,
        updated_at: at,
        ...(to === 'submitted' && current.first_submitted_at === null ? { first_submitted_at: at } : {}),
        ...(to === 'finalized' ? { finalized_at: at } : {}),
      })
      .where('id', '=', roundId)
      .execute();
    if (comment) {
      const targets = to === 'returned' && options.communityIds?.length ? options.communityIds : [null];
      for (const communityId of targets) {
        await trx
          .insertInto('round_comments')
          .values({ round_id: roundId, community_id: communityId, kind: to, text: comment, actor: actor.name, at })
          .execute();
      }
    }
    if (to === 'finalized' && rectifications.length) {
      for (let i = 0; i < rectifications.length; i += 500) {
        await trx
          .insertInto('rectifications')
          .values(
            rectifications.slice(i, i + 500).map((r) => ({
              round_id: roundId,
              community_id: r.communityId,
              item_code: r.itemCode,
              kind: r.kind,
              text: r.text,
              lost_tenths: r.lostTenths,
              status: 'open',
              verified_round_id: null,
              verified_note: null,
              verified_at: null,
              verified_by: null,
            })),
          )
          .execute();
      }
    }
    await appendAudit(
      trx,
      {
        actor: actor.name,
        action: 'round.advance',
        entity: 'round',
        entityId: roundId,
        before: { state: from },
        after: { state: to, ...(options.communityIds?.length ? { communities: options.communityIds.map((c) => names.get(c)) } : {}) },
        reason: comment || null,
      },
      now,
    );
  });
  if (to === 'finalized') await recordReportIssue(app, actor.name, roundId, options.docNumber);
  return getRoundDetail(app, roundId);
}

/** Unlock a finalized round back to 公示, with a reason (audited). */
export async function unlockRound(app: AppContext, actor: RoundActor, roundId: string, reason: string): Promise<RoundDetail> {
  assertReviewer(actor, '解锁定稿');
  const db = app.db;
  const round = await getRound(db, roundId);
  if (round.state !== 'finalized')
    throw new AppError('ILLEGAL_STATE', `本轮考评当前为“${ROUND_STATE_LABELS[round.state as RoundState]}”状态，未定稿，无需解锁。`);
  if (!reason.trim()) throw new AppError('VALIDATION_FAILED', '解锁须填写理由。');
  const now = app.now();
  await db.transaction().execute(async (trx) => {
    // The list is regenerated when the round is finalized again; verified items stay.
    await trx
      .deleteFrom('rectifications')
      .where('round_id', '=', roundId)
      .where('status', '=', 'open')
      .where('verified_round_id', 'is', null)
      .execute();
    await trx
      .updateTable('rounds')
      .set({ state: 'published', finalized_at: null, updated_at: now.toISOString() })
      .where('id', '=', roundId)
      .execute();
    await supersedeReportIssue(trx, roundId, now.toISOString());
    await trx
      .insertInto('round_comments')
      .values({ round_id: roundId, community_id: null, kind: 'unlock', text: reason.trim(), actor: actor.name, at: now.toISOString() })
      .execute();
    await appendAudit(
      trx,
      {
        actor: actor.name,
        action: 'round.unlock',
        entity: 'round',
        entityId: roundId,
        before: { state: 'finalized' },
        after: { state: 'published' },
        reason: reason.trim(),
      },
      now,
    );
  });
  return getRoundDetail(app, roundId);
}

// ---------------------------------------------------------------- the form

async function rectificationsForForm(db: DbOrTrx, round: RoundRow, communityId: number): Promise<RectificationDto[]> {
  const rows = await db
    .selectFrom('rectifications')
    .innerJoin('round_communities', (j) =>
      j
        .onRef('round_communities.round_id', '=', 'rectifications.round_id')
        .onRef('round_communities.community_id', '=', 'rectifications.community_id'),
    )
    .selectAll('rectifications')
    .select('round_communities.name')
    .where('rectifications.community_id', '=', communityId)
    .where('rectifications.round_id', '<', round.id)
    .where((eb) => eb.or([eb('rectifications.status', '!=', 'verified'), eb('rectifications.verified_round_id', '=', round.id)]))
    .orderBy('rectifications.id')
    .execute();
  return rows.map(rectificationDto);
}

function rectificationDto(r: {
  id: number;
  round_id: string;
  community_id: number;
  name: string;
  item_code: string;
  kind: string;
  text: string;
  lost_tenths: number;
  status: string;
  verified_round_id: string | null;
  verified_note: string | null;
}): RectificationDto {
  return {
    id: r.id,
    roundId: r.round_id,
    communityId: r.community_id,
    communityName: r.name,
    itemCode: r.item_code,
    kind: r.kind,
    text: r.text,
    lost: tenthsToPoints(r.lost_tenths),
    status: r.status as RectificationDto['status'],
    verifiedRoundId: r.verified_round_id,
    verifiedNote: r.verified_note,
  };
}

export async function getForm(app: AppContext, roundId: string, communityId: number, assessor: string): Promise<FormDto> {
  const db = app.db;
  const round = await getRound(db, roundId);
  const rc = await getRoundCommunity(db, roundId, communityId);
  const ps = await preparedFor(db, round);
  const [entriesMap, ledger, rectifications, comments, assessors] = await Promise.all([
    loadEntries(db, roundId, assessor, [communityId]),
    loadLedger(db, roundId, { communityId, assessor }),
    rectificationsForForm(db, round, communityId),
    db
      .selectFrom('round_comments')
      .selectAll()
      .where('round_id', '=', roundId)
      .where((eb) => eb.or([eb('community_id', '=', communityId), eb('community_id', 'is', null)]))
      .orderBy('id')
      .execute(),
    sheetAssessors(db, roundId, communityId),
  ]);
  const entries = entriesMap.get(communityId) ?? { items: [], bonus: [], vetoes: [] };
  const snap = snapshotOf(rc);
  const status = rc.status as FormStatus;
  const state = round.state as RoundState;
  const readOnly = formReadOnlyReason(round, status);
  return {
    round: {
      id: round.id,
      title: titleOf(round),
      state,
      stateLabel: ROUND_STATE_LABELS[state],
      standardVersion: round.standard_version,
      editable: readOnly === null,
      readOnlyReason: readOnly,
    },
    community: { id: rc.community_id, name: rc.name, status, statusLabel: communityStatusLabel(state, status) },
    assessor,
    assessors,
    standard: ps.standard,
    entries,
    ledger: ledger.map(({ communityId: _c, ...l }) => l),
    score: toFormScore(scoreCommunity(ps, entries, snap.metrics)),
    metrics: snap.metrics,
    metricLabels: Object.fromEntries(METRIC_CATALOGUE.metrics.map((m) => [m.key, m.label])),
    drillDown: drillDownByMetric(snap.rows),
    rectifications,
    comments: comments.map((c) => ({ id: c.id, communityId: c.community_id, kind: c.kind, text: c.text, actor: c.actor, at: c.at })),
    carried: assessor === '' ? await carriedItems(db, roundId, communityId) : {},
  };
}

async function formScore(
  trx: DbOrTrx,
  ps: PreparedStandard,
  roundId: string,
  communityId: number,
  assessor: string,
  metrics: Record<string, number | null>,
): Promise<FormScore> {
  const entries = (await loadEntries(trx, roundId, assessor, [communityId])).get(communityId) ?? EMPTY_ENTRIES;
  return toFormScore(scoreCommunity(ps, entries, metrics));
}

function itemOf(ps: PreparedStandard, code: string) {
  const p = ps.itemByCode.get(code);
  if (!p) throw new AppError('VALIDATION_FAILED', `考核标准第${ps.standard.version}版中没有指标“${code}”。`);
  return p;
}

/** Refuses a value that does not fit the item's method, with the reason (the form shows it on the spot). */
function checkValue(ps: PreparedStandard, code: string, value: ItemValue): void {
  const { item } = itemOf(ps, code);
  const m = item.method;
  if (m.kind === 'computed')
    throw new AppError('VALIDATION_FAILED', `${code}由名册数据自动计算，不能直接打分。如数据有误，请“调整得分”并填写理由。`);
  // 核查无扣分 is an empty ledger; deductions themselves are recorded one by one.
  if (m.kind === 'deduct' && !(value.kind === 'deduct' && value.deductions.length === 0))
    throw new AppError('VALIDATION_FAILED', `${code}为扣分制，请逐条记录扣分。`);
  if (value.kind !== m.kind) throw new AppError('VALIDATION_FAILED', `${code}的录入方式与评分方法不符。`);
  if (value.kind === 'manual') {
    const problem = checkManualValue(item, value.tenths);
    if (problem) throw new AppError('VALIDATION_FAILED', `${code}：${problem}。`);
  }
  if (value.kind === 'tiers' && m.kind === 'tiers') {
    if (new Set(value.met).size !== value.met.length || value.met.some((i) => i >= m.criteria.length))
      throw new AppError('VALIDATION_FAILED', `${code}：勾选的分档条件不正确。`);
  }
}

export interface SetItemInput {
  roundId: string;
  communityId: number;
  assessor: string;
  itemCode: string;
  value?: ItemValue | null | undefined;
  na?: { reason: string } | null | undefined;
  override?: { tenths: number; reason: string } | null | undefined;
}

/** Saves one item of a form (autosave): only the given parts change. */
export async function setItem(app: AppContext, actor: RoundActor, input: SetItemInput): Promise<SaveResult> {
  const db = app.db;
  const round = await getRound(db, input.roundId);
  const { metrics } = await assertFormWritable(db, round, input.communityId);
  const ps = await preparedFor(db, round);
  const prepared = itemOf(ps, input.itemCode);
  await assertAssigned(db, round.id, actor, input.communityId, prepared.category.code);
  if (input.assessor === '') await assertCarriedEditable(db, input.roundId, input.communityId, input.itemCode, actor.role);
  if (input.value) checkValue(ps, input.itemCode, input.value);
  if (input.override && input.override.tenths > prepared.item.maxTenths) {
    throw new AppError('VALIDATION_FAILED', `${input.itemCode}调整后的得分不能超过${formatTenths(prepared.item.maxTenths)}分。`);
  }
  const now = app.now();
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    // Checked again inside the transaction: the round may have moved since (transactions run one at a time).
    await assertFormWritable(trx, await getRound(trx, round.id), input.communityId);
    const key = { round_id: input.roundId, community_id: input.communityId, assessor: input.assessor, item_code: input.itemCode };
    const before = await trx
      .selectFrom('score_items')
      .selectAll()
      .where('round_id', '=', key.round_id)
      .where('community_id', '=', key.community_id)
      .where('assessor', '=', key.assessor)
      .where('item_code', '=', key.item_code)
      .executeTakeFirst();
    const next = {
      value_json: input.value === undefined ? (before?.value_json ?? null) : input.value === null ? null : JSON.stringify(input.value),
      na_reason: input.na === undefined ? (before?.na_reason ?? null) : (input.na?.reason ?? null),
      override_tenths: input.override === undefined ? (before?.override_tenths ?? null) : (input.override?.tenths ?? null),
      override_reason: input.override === undefined ? (before?.override_reason ?? null) : (input.override?.reason ?? null),
    };
    const changed =
      !before ||
      before.value_json !== next.value_json ||
      before.na_reason !== next.na_reason ||
      before.override_tenths !== next.override_tenths ||
      before.override_reason !== next.override_reason;
    if (changed) {
      if (input.assessor === '') await releaseCarried(trx, input.roundId, input.communityId, input.itemCode);
      await trx
        .insertInto('score_items')
        .values({ ...key, ...next, updated_at: at, updated_by: actor.name })
        .onConflict((oc) =>
          oc
            .columns(['round_id', 'community_id', 'assessor', 'item_code'])
            .doUpdateSet({ ...next, updated_at: at, updated_by: actor.name }),
        )
        .execute();
      const view = (r: typeof next | undefined) =>
        r
          ? {
              value: r.value_json === null ? null : (JSON.parse(r.value_json) as unknown),
              na: r.na_reason,
              override: r.override_tenths === null ? null : { tenths: r.override_tenths, reason: r.override_reason },
            }
          : null;
      const action = input.override !== undefined ? 'score.override' : input.na !== undefined ? 'score.na' : 'score.set';
      await appendAudit(
        trx,
        {
          actor: actor.name,
          action,
          entity: 'score',
          entityId: `${input.roundId}/${input.communityId}/${input.itemCode}${input.assessor ? `/${input.assessor}` : ''}`,
          before: view(before),
          after: view(next),
          reason: input.override?.reason ?? input.na?.reason ?? null,
        },
        now,
      );
    }
    return { score: await formScore(trx, ps, input.roundId, input.communityId, input.assessor, metrics), savedAt: at };
  });
}

function sha256File(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export interface AddDeductionInput {
  roundId: string;
  communityId: number;
  assessor: string;
  itemCode: string;
  reasonCode: string | null;
  text: string;
  amountTenths: number;
  evidence: string;
  attachmentFileIds: readonly string[];
  requestId?: string | undefined;
}

/** Records one 扣分; attachments are copied into the data folder's attachments/ under their hash. */
export async function addDeduction(
  app: AppContext,
  actor: RoundActor,
  input: AddDeductionInput,
): Promise<SaveResult & { deductionId: number }> {
  const db = app.db;
  const round = await getRound(db, input.roundId);
  const { metrics } = await assertFormWritable(db, round, input.communityId);
  const ps = await preparedFor(db, round);
  const prepared = itemOf(ps, input.itemCode);
  await assertAssigned(db, round.id, actor, input.communityId, prepared.category.code);
  const m = prepared.item.method;
  if (m.kind !== 'deduct') throw new AppError('VALIDATION_FAILED', `${input.itemCode}不是扣分制指标，不能记录扣分。`);
  if (input.assessor === '') await assertCarriedEditable(db, input.roundId, input.communityId, input.itemCode, actor.role);
  let text = input.text.trim();
  if (input.reasonCode !== null) {
    const std = m.reasons.find((r) => r.code === input.reasonCode);
    if (std && !text) text = std.text;
  }
  const problem = checkDeduction(m, { reasonCode: input.reasonCode, text, amountTenths: input.amountTenths });
  if (problem) throw new AppError('VALIDATION_FAILED', `${input.itemCode}：${problem}。`);
  if (input.amountTenths > prepared.item.maxTenths)
    throw new AppError('VALIDATION_FAILED', `${input.itemCode}单条扣分不能超过该项分值${formatTenths(prepared.item.maxTenths)}分。`);
  // Copy attachments before the transaction; the database only records what is already on disk.
  const files = input.attachmentFileIds.map((fileId) => {
    const staged = app.files.resolve(fileId);
    const hash = sha256File(staged.path);
    const stored = `${hash}${path.extname(staged.name).toLowerCase()}`;
    fs.mkdirSync(app.paths.attachmentsDir, { recursive: true });
    const target = path.join(app.paths.attachmentsDir, stored);
    if (!fs.existsSync(target)) fs.copyFileSync(staged.path, target);
    return { fileName: staged.name, stored, hash, size: fs.statSync(target).size };
  });
  const now = app.now();
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    // Checked again inside the transaction: the round may have moved since (transactions run one at a time).
    await assertFormWritable(trx, await getRound(trx, round.id), input.communityId);
    const prior = await deductionByRequest(trx, input.roundId, input.requestId);
    if (prior !== null)
      return {
        deductionId: prior,
        score: await formScore(trx, ps, input.roundId, input.communityId, input.assessor, metrics),
        savedAt: at,
      };
    if (input.assessor === '') await releaseCarried(trx, input.roundId, input.communityId, input.itemCode);
    const row = await trx
      .insertInto('deductions')
      .values({
        round_id: input.roundId,
        community_id: input.communityId,
        assessor: input.assessor,
        item_code: input.itemCode,
        reason_code: input.reasonCode,
        text,
        amount_tenths: input.amountTenths,
        evidence: input.evidence,
        created_at: at,
        created_by: actor.name,
        request_id: input.requestId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const f of files) {
      await trx
        .insertInto('deduction_attachments')
        .values({ deduction_id: row.id, file_name: f.fileName, stored_name: f.stored, sha256: f.hash, size: f.size, created_at: at })
        .execute();
    }
    await appendAudit(
      trx,
      {
        actor: actor.name,
        action: 'deduction.add',
        entity: 'deduction',
        entityId: row.id,
        after: {
          round: input.roundId,
          communityId: input.communityId,
          item: input.itemCode,
          reasonCode: input.reasonCode,
          text,
          points: tenthsToPoints(input.amountTenths),
          evidence: input.evidence,
          attachments: files.map((f) => ({ name: f.fileName, sha256: f.hash })),
        },
      },
      now,
    );
    return { deductionId: row.id, score: await formScore(trx, ps, input.roundId, input.communityId, input.assessor, metrics), savedAt: at };
  });
}

export async function removeDeduction(
  app: AppContext,
  actor: RoundActor,
  roundId: string,
  deductionId: number,
  reason?: string,
): Promise<SaveResult> {
  const db = app.db;
  const round = await getRound(db, roundId);
  const ded = await db
    .selectFrom('deductions')
    .selectAll()
    .where('id', '=', deductionId)
    .where('round_id', '=', roundId)
    .executeTakeFirst();
  if (!ded) throw new AppError('NOT_FOUND', '找不到该扣分记录，可能已被删除。请刷新评分表。');
  assertOwnSheet(actor, ded.assessor);
  const { metrics } = await assertFormWritable(db, round, ded.community_id);
  const ps = await preparedFor(db, round);
  await assertAssigned(db, round.id, actor, ded.community_id, itemOf(ps, ded.item_code).category.code);
  if (ded.assessor === '') await assertCarriedEditable(db, roundId, ded.community_id, ded.item_code, actor.role);
  const now = app.now();
  return db.transaction().execute(async (trx) => {
    // Checked again inside the transaction: the round may have moved since (transactions run one at a time).
    await assertFormWritable(trx, await getRound(trx, round.id), ded.community_id);
    if (ded.assessor === '') await releaseCarried(trx, roundId, ded.community_id, ded.item_code);
    await trx.deleteFrom('deductions').where('id', '=', deductionId).execute();
    await appendAudit(
      trx,
      {
        actor: actor.name,
        action: 'deduction.remove',
        entity: 'deduction',
        entityId: deductionId,
        before: { item: ded.item_code, text: ded.text, points: tenthsToPoints(ded.amount_tenths) },
        reason: reason ?? null,
      },
      now,
    );
    return { score: await formScore(trx, ps, roundId, ded.community_id, ded.assessor, metrics), savedAt: now.toISOString() };
  });
}

export async function setBonus(
  app: AppContext,
  actor: RoundActor,
  input: {
    roundId: string;
    communityId: number;
    assessor: string;
    code: string;
    awards: { level: string; note: string }[] | null;
    tenths: number | null;
  },
): Promise<SaveResult> {
  const db = app.db;
  const round = await getRound(db, input.roundId);
  const { metrics } = await assertFormWritable(db, round, input.communityId);
  const ps = await preparedFor(db, round);
  await assertAssigned(db, round.id, actor, input.communityId, null);
  const def = ps.bonusByCode.get(input.code);
  if (!def) throw new AppError('VALIDATION_FAILED', `考核标准中没有加分项“${input.code}”。`);
  const clear = (input.awards === null || input.awards.length === 0) && (input.tenths === null || input.tenths === 0);
  if (!clear) {
    if (def.method.kind === 'levels') {
      const levels = def.method.levels;
      if (input.tenths !== null) throw new AppError('VALIDATION_FAILED', `${input.code}按级别加分，请选择级别。`);
      const bad = (input.awards ?? []).find((a) => !levels.some((l) => l.label === a.level));
      if (bad)
        throw new AppError(
          'VALIDATION_FAILED',
          `${input.code}没有“${bad.level}”这一级别，可选：${levels.map((l) => l.label).join('、')}。`,
        );
    } else {
      const t = input.tenths ?? 0;
      if (input.awards !== null && input.awards.length) throw new AppError('VALIDATION_FAILED', `${input.code}直接填写加分。`);
      if (t > def.capTenths || t % def.method.stepTenths !== 0) {
        throw new AppError(
          'VALIDATION_FAILED',
          `${input.code}加分应在0至${formatTenths(def.capTenths)}分之间，按${formatTenths(def.method.stepTenths)}分递增。`,
        );
      }
    }
  }
  const now = app.now();
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    // Checked again inside the transaction: the round may have moved since (transactions run one at a time).
    await assertFormWritable(trx, await getRound(trx, round.id), input.communityId);
    const where = { round_id: input.roundId, community_id: input.communityId, assessor: input.assessor, code: input.code };
    const before = await trx
      .selectFrom('bonus_entries')
      .selectAll()
      .where('round_id', '=', where.round_id)
      .where('community_id', '=', where.community_id)
      .where('assessor', '=', where.assessor)
      .where('code', '=', where.code)
      .executeTakeFirst();
    await trx
      .deleteFrom('bonus_entries')
      .where('round_id', '=', where.round_id)
      .where('community_id', '=', where.community_id)
      .where('assessor', '=', where.assessor)
      .where('code', '=', where.code)
      .execute();
    if (!clear) {
      await trx
        .insertInto('bonus_entries')
        .values({
          ...where,
          awards_json: input.awards && input.awards.length ? JSON.stringify(input.awards) : null,
          tenths: input.tenths,
          updated_at: at,
        })
        .execute();
    }
    await appendAudit(
      trx,
      {
        actor: actor.name,
        action: 'bonus.set',
        entity: 'score',
        entityId: `${input.roundId}/${input.communityId}/${input.code}`,
        before: before ? { awards: before.awards_json ? (JSON.parse(before.awards_json) as unknown) : null, tenths: before.tenths } : null,
        after: clear ? null : { awards: input.awards, tenths: input.tenths },
      },
      now,
    );
    return { score: await formScore(trx, ps, input.roundId, input.communityId, input.assessor, metrics), savedAt: at };
  });
}

export async function setVeto(
  app: AppContext,
  actor: RoundActor,
  input: { roundId: string; communityId: number; assessor: string; code: string; fact: string | null },
): Promise<SaveResult> {
  const db = app.db;
  const round = await getRound(db, input.roundId);
  const { metrics } = await assertFormWritable(db, round, input.communityId);
  const ps = await preparedFor(db, round);
  await assertAssigned(db, round.id, actor, input.communityId, null);
  if (!ps.vetoByCode.has(input.code)) throw new AppError('VALIDATION_FAILED', `考核标准中没有否决项“${input.code}”。`);
  const now = app.now();
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    // Checked again inside the transaction: the round may have moved since (transactions run one at a time).
    await assertFormWritable(trx, await getRound(trx, round.id), input.communityId);
    const before = await trx
      .selectFrom('veto_entries')
      .select('fact')
      .where('round_id', '=', input.roundId)
      .where('community_id', '=', input.communityId)
      .where('assessor', '=', input.assessor)
      .where('code', '=', input.code)
      .executeTakeFirst();
    await trx
      .deleteFrom('veto_entries')
      .where('round_id', '=', input.roundId)
      .where('community_id', '=', input.communityId)
      .where('assessor', '=', input.assessor)
      .where('code', '=', input.code)
      .execute();
    if (input.fact) {
      await trx
        .insertInto('veto_entries')
        .values({
          round_id: input.roundId,
          community_id: input.communityId,
          assessor: input.assessor,
          code: input.code,
          fact: input.fact,
          updated_at: at,
        })
        .execute();
    }
    await appendAudit(
      trx,
      {
        actor: actor.name,
        action: 'veto.set',
        entity: 'score',
        entityId: `${input.roundId}/${input.communityId}/${input.code}`,
        before: before ?? null,
        after: input.fact ? { fact: input.fact } : null,
      },
      now,
    );
    return { score: await formScore(trx, ps, input.roundId, input.communityId, input.assessor, metrics), savedAt: at };
  });
}

/** Submit one community's form (all items scored). */
export async function submitForm(app: AppContext, actor: RoundActor, roundId: string, communityId: number): Promise<RoundDetail> {
  const db = app.db;
  const round = await getRound(db, roundId);
  await assertAssigned(db, roundId, actor, communityId, null);
  const { name, metrics } = await assertFormWritable(db, round, communityId);
  const ps = await preparedFor(db, round);
  const entries = (await loadEntries(db, roundId, '', [communityId])).get(communityId) ?? EMPTY_ENTRIES;
  const score = scoreCommunity(ps, entries, metrics);
  if (!score.complete) {
    const missing = score.items.filter((i) => i.status === 'missing' || i.status === 'invalid').map((i) => i.code);
    throw new AppError(
      'ILLEGAL_STATE',
      `「${name}」还有${missing.length}项未评分、未核查或有误（${missing.slice(0, 8).join('、')}${missing.length > 8 ? '等' : ''}），不能提交。请补全后再提交。`,
    );
  }
  const now = app.now();
  await db.transaction().execute(async (trx) => {
    // Checked again inside the transaction: the round may have moved since (transactions run one at a time).
    await assertFormWritable(trx, await getRound(trx, round.id), communityId);
    await trx
      .updateTable('round_communities')
      .set({ status: 'submitted' })
      .where('round_id', '=', roundId)
      .where('community_id', '=', communityId)
      .execute();
    if (round.first_submitted_at === null)
      await trx.updateTable('rounds').set({ first_submitted_at: now.toISOString() }).where('id', '=', roundId).execute();
    await appendAudit(
      trx,
      {
        actor: actor.name,
        action: 'form.submit',
        entity: 'round',
        entityId: `${roundId}/${communityId}`,
        after: { community: name, total: tenthsToPoints(score.totalTenths) },
      },
      now,
    );
  });
  return getRoundDetail(app, roundId);
}

/** 销号: mark an earlier quarter's rectification verified (or still unresolved) on this quarter's form. */
export async function verifyRectification(
  app: AppContext,
  actor: RoundActor,
  input: { roundId: string; rectificationId: number; status: 'verified' | 'unresolved'; note: string },
): Promise<RectificationDto> {
  const db = app.db;
  const round = await getRound(db, input.roundId);
  const rect = await db.selectFrom('rectifications').selectAll().where('id', '=', input.rectificationId).executeTakeFirst();
  if (!rect || rect.round_id >= input.roundId) throw new AppError('NOT_FOUND', '找不到该整改事项，请刷新评分表。');
  await assertAssigned(db, input.roundId, actor, rect.community_id, null);
  await assertFormWritable(db, round, rect.community_id);
  const now = app.now();
  await db.transaction().execute(async (trx) => {
    // Checked again inside the transaction: the round may have moved since (transactions run one at a time).
    await assertFormWritable(trx, await getRound(trx, round.id), rect.community_id);
    await trx
      .updateTable('rectifications')
      .set({
        status: input.status,
        verified_round_id: input.roundId,
        verified_note: input.note,
        verified_at: now.toISOString(),
        verified_by: actor.name,
      })
      .where('id', '=', input.rectificationId)
      .execute();
    await appendAudit(
      trx,
      {
        actor: actor.name,
        action: 'rectification.verify',
        entity: 'rectification',
        entityId: input.rectificationId,
        before: { status: rect.status },
        after: { status: input.status, round: input.roundId },
        reason: input.note || null,
      },
      now,
    );
  });
  const rows = await rectificationsForForm(db, round, rect.community_id);
  const found = rows.find((r) => r.id === input.rectificationId);
  if (!found) throw new AppError('NOT_FOUND', '找不到该整改事项。');
  return found;
}

// ---------------------------------------------------------------- blind scoring

function scoresByAssessor(ps: PreparedStandard, sheets: Map<string, CommunityEntries>, metrics: Record<string, number | null>) {
  return [...sheets].map(([assessorId, entries]) => {
    const s = scoreCommunity(ps, entries, metrics);
    const recorded = new Set(entries.items.map((e) => e.itemCode));
    // Only items this assessor actually scored (computed items are the same for everyone).
    return {
      assessorId,
      items: new Map(
        s.items.filter((i) => recorded.has(i.code) && i.status !== 'invalid' && i.status !== 'missing').map((i) => [i.code, i.tenths]),
      ),
    };
  });
}

async function blindSheets(db: DbOrTrx, roundId: string, communityId: number): Promise<Map<string, CommunityEntries>> {
  const names = await sheetAssessors(db, roundId, communityId);
  const sheets = new Map<string, CommunityEntries>();
  for (const n of names) sheets.set(n, (await loadEntries(db, roundId, n, [communityId])).get(communityId) ?? EMPTY_ENTRIES);
  return sheets;
}

export async function spreadFor(app: AppContext, roundId: string, communityId: number) {
  const db = app.db;
  const round = await getRound(db, roundId);
  const rc = await getRoundCommunity(db, roundId, communityId);
  const ps = await preparedFor(db, round);
  const sheets = await blindSheets(db, roundId, communityId);
  const report = spreadReport(
    scoresByAssessor(ps, sheets, snapshotOf(rc).metrics),
    round.spread_threshold_tenths,
    ps.items.map((p) => p.item.code),
  );
  const settled = await db
    .selectFrom('settlements')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('community_id', '=', communityId)
    .execute();
  const settledBy = new Map(settled.map((s) => [s.item_code, s]));
  return {
    assessors: [...sheets.keys()],
    threshold: tenthsToPoints(round.spread_threshold_tenths),
    rows: report.map((r) => {
      const s = settledBy.get(r.itemCode);
      return {
        itemCode: r.itemCode,
        count: r.count,
        spread: tenthsToPoints(r.spreadTenths),
        mean: tenthsToPoints(r.meanTenths),
        median: tenthsToPoints(r.medianTenths),
        flagged: r.flagged,
        values: r.values.map((v) => ({ assessor: v.assessorId, score: tenthsToPoints(v.tenths) })),
        settled: s ? { method: s.method, score: tenthsToPoints(s.tenths), note: s.note } : null,
      };
    }),
  };
}

/** Settles one item from the blind sheets into the form: manual items get the value, others an override. */
export async function settle(
  app: AppContext,
  actor: RoundActor,
  input: { roundId: string; communityId: number; itemCode: string; method: SettleMethod; chosenTenths?: number | undefined; note: string },
): Promise<SaveResult> {
  assertReviewer(actor, '合议定分');
  const db = app.db;
  const round = await getRound(db, input.roundId);
  assertNotFinalized(round);
  if (!['draft', 'returned', 'submitted'].includes(round.state)) {
    throw new AppError('ILLEGAL_STATE', `本轮考评当前为“${ROUND_STATE_LABELS[round.state as RoundState]}”状态，不能再合议定分。`);
  }
  const rc = await getRoundCommunity(db, input.roundId, input.communityId);
  const metrics = snapshotOf(rc).metrics;
  const ps = await preparedFor(db, round);
  const prepared = itemOf(ps, input.itemCode);
  const sheets = await blindSheets(db, input.roundId, input.communityId);
  const values = scoresByAssessor(ps, sheets, metrics)
    .map((s) => s.items.get(input.itemCode))
    .filter((v): v is number => v !== undefined);
  if (values.length === 0 && input.method !== 'chosen')
    throw new AppError('VALIDATION_FAILED', `还没有考评员为${input.itemCode}打分，无法合议。`);
  if (input.method === 'chosen' && input.chosenTenths === undefined)
    throw new AppError('VALIDATION_FAILED', '选择“指定分值”时请填写分值。');
  if (input.method === 'chosen' && !input.note.trim()) throw new AppError('VALIDATION_FAILED', '指定分值时请填写说明。');
  if (input.chosenTenths !== undefined && input.chosenTenths > prepared.item.maxTenths)
    throw new AppError('VALIDATION_FAILED', `分值不能超过${formatTenths(prepared.item.maxTenths)}分。`);
  const tenths = settleItem(values, input.method, {
    ...(input.chosenTenths !== undefined ? { chosenTenths: input.chosenTenths } : {}),
    item: prepared.item,
  });
  const now = app.now();
  const at = now.toISOString();
  const manual = prepared.item.method.kind === 'manual' && checkManualValue(prepared.item, tenths) === undefined;
  const methodLabel = { mean: '平均值', median: '中位数', trimmedMean: '去掉最高最低后平均', chosen: '指定分值' }[input.method];
  return db.transaction().execute(async (trx) => {
    const next = manual
      ? { value_json: JSON.stringify({ kind: 'manual', tenths }), na_reason: null, override_tenths: null, override_reason: null }
      : {
          value_json: null,
          na_reason: null,
          override_tenths: tenths,
          override_reason: `多人评分合议（${methodLabel}）${input.note ? `：${input.note}` : ''}`,
        };
    await trx
      .insertInto('score_items')
      .values({
        round_id: input.roundId,
        community_id: input.communityId,
        assessor: '',
        item_code: input.itemCode,
        ...next,
        updated_at: at,
        updated_by: actor.name,
      })
      .onConflict((oc) =>
        oc.columns(['round_id', 'community_id', 'assessor', 'item_code']).doUpdateSet({ ...next, updated_at: at, updated_by: actor.name }),
      )
      .execute();
    await trx
      .insertInto('settlements')
      .values({
        round_id: input.roundId,
        community_id: input.communityId,
        item_code: input.itemCode,
        method: input.method,
        tenths,
        note: input.note,
        settled_by: actor.name,
        settled_at: at,
      })
      .onConflict((oc) =>
        oc
          .columns(['round_id', 'community_id', 'item_code'])
          .doUpdateSet({ method: input.method, tenths, note: input.note, settled_by: actor.name, settled_at: at }),
      )
      .execute();
    await appendAudit(
      trx,
      {
        actor: actor.name,
        action: 'score.settle',
        entity: 'score',
        entityId: `${input.roundId}/${input.communityId}/${input.itemCode}`,
        after: { method: input.method, values, score: tenthsToPoints(tenths) },
        reason: input.note || null,
      },
      now,
    );
    return { score: await formScore(trx, ps, input.roundId, input.communityId, '', metrics), savedAt: at };
  });
}

// ---------------------------------------------------------------- appeals

export async function addAppeal(
  app: AppContext,
  actor: RoundActor,
  input: {
    roundId: string;
    communityId: number;
    itemCode: string | null;
    claim: string;
    deductionId?: number | null | undefined;
    requestId?: string | undefined;
  },
): Promise<AppealDto> {
  const db = app.db;
  const round = await getRound(db, input.roundId);
  assertNotFinalized(round);
  if (round.state !== 'published')
    throw new AppError(
      'ILLEGAL_STATE',
      `只有在公示期间才能登记申诉，本轮考评当前为“${ROUND_STATE_LABELS[round.state as RoundState]}”状态。`,
    );
  const rc = await getRoundCommunity(db, input.roundId, input.communityId);
  const contested = await contestedDeduction(db, input);
  const itemCode = contested?.item_code ?? input.itemCode;
  if (itemCode !== null) itemOf(await preparedFor(db, round), itemCode);
  const now = app.now();
  const at = now.toISOString();
  const id = await db.transaction().execute(async (trx) => {
    const prior = await appealByRequest(trx, input.roundId, input.requestId);
    if (prior !== null) return prior;
    const row = await trx
      .insertInto('appeals')
      .values({
        round_id: input.roundId,
        community_id: input.communityId,
        item_code: itemCode,
        claim: input.claim,
        status: 'open',
        decision: null,
        adjustment_tenths: null,
        created_at: at,
        created_by: actor.name,
        decided_at: null,
        decided_by: null,
        deduction_id: contested?.id ?? null,
        request_id: input.requestId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(
      trx,
      {
        actor: actor.name,
        action: 'appeal.add',
        entity: 'appeal',
        entityId: row.id,
        after: {
          round: input.roundId,
          community: rc.name,
          item: itemCode,
          claim: input.claim,
          ...(contested ? { deduction: contested.text } : {}),
        },
      },
      now,
    );
    return row.id;
  });
  const found = (await listAppeals(db, input.roundId)).find((a) => a.id === id);
  if (!found) throw new AppError('INTERNAL', '申诉保存失败。');
  return found;
}

/** Decides an appeal; an accepted one with a new item score overrides that item (reason: the decision). */
export async function decideAppeal(
  app: AppContext,
  actor: RoundActor,
  input: { roundId: string; appealId: number; accepted: boolean; decision: string; newItemTenths?: number | undefined },
): Promise<AppealDto> {
  assertReviewer(actor, '处理申诉');
  const db = app.db;
  const round = await getRound(db, input.roundId);
  assertNotFinalized(round);
  if (round.state !== 'published') throw new AppError('ILLEGAL_STATE', '只有在公示期间才能处理申诉。');
  const appeal = await db
    .selectFrom('appeals')
    .selectAll()
    .where('id', '=', input.appealId)
    .where('round_id', '=', input.roundId)
    .executeTakeFirst();
  if (!appeal) throw new AppError('NOT_FOUND', '找不到该申诉，请刷新后重试。');
  if (appeal.status !== 'open') throw new AppError('ILLEGAL_STATE', '该申诉已处理，不能重复处理。');
  const ps = await preparedFor(db, round);
  let adjustment: { before: number; after: number } | null = null;
  if (input.accepted && appeal.deduction_id !== null && input.newItemTenths !== undefined) {
    throw new AppError('VALIDATION_FAILED', '该申诉针对一条扣分记录：采纳即撤销该扣分，不需要另填得分。');
  }
  if (input.accepted && input.newItemTenths !== undefined) {
    if (appeal.item_code === null) throw new AppError('VALIDATION_FAILED', '该申诉未指明指标，不能调整得分。');
    const prepared = itemOf(ps, appeal.item_code);
    if (input.newItemTenths > prepared.item.maxTenths)
      throw new AppError('VALIDATION_FAILED', `${appeal.item_code}得分不能超过${formatTenths(prepared.item.maxTenths)}分。`);
    const rc = await getRoundCommunity(db, input.roundId, appeal.community_id);
    const entries = (await loadEntries(db, input.roundId, '', [appeal.community_id])).get(appeal.community_id) ?? EMPTY_ENTRIES;
    const current = scoreCommunity(ps, entries, snapshotOf(rc).metrics).items.find((i) => i.code === appeal.item_code);
    adjustment = { before: current?.tenths ?? 0, after: input.newItemTenths };
  }
  const now = app.now();
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('appeals')
      .set({
        status: input.accepted ? 'accepted' : 'rejected',
        decision: input.decision,
        adjustment_tenths: adjustment ? adjustment.after - adjustment.before : null,
        decided_at: at,
        decided_by: actor.name,
      })
      .where('id', '=', input.appealId)
      .execute();
    if (input.accepted && appeal.deduction_id !== null) {
      const change = await withdrawContested(trx, ps, appeal, { iso: at, actor: actor.name });
      await trx.updateTable('appeals').set({ adjustment_tenths: change }).where('id', '=', input.appealId).execute();
    }
    if (adjustment && appeal.item_code !== null) {
      const reason = `申诉调整：${input.decision}`;
      await trx
        .insertInto('score_items')
        .values({
          round_id: input.roundId,
          community_id: appeal.community_id,
          assessor: '',
          item_code: appeal.item_code,
          value_json: null,
          na_reason: null,
          override_tenths: adjustment.after,
          override_reason: reason,
          updated_at: at,
          updated_by: actor.name,
        })
        .onConflict((oc) =>
          oc
            .columns(['round_id', 'community_id', 'assessor', 'item_code'])
            .doUpdateSet({ override_tenths: adjustment.after, override_reason: reason, updated_at: at, updated_by: actor.name }),
        )
        .execute();
    }
    await appendAudit(
      trx,
      {
        actor: actor.name,
        action: 'appeal.decide',
        entity: 'appeal',
        entityId: input.appealId,
        before: { status: 'open', ...(adjustment ? { score: tenthsToPoints(adjustment.before) } : {}) },
        after: { status: input.accepted ? 'accepted' : 'rejected', ...(adjustment ? { score: tenthsToPoints(adjustment.after) } : {}) },
        reason: input.decision,
      },
      now,
    );
  });
  const found = (await listAppeals(db, input.roundId)).find((a) => a.id === input.appealId);
  if (!found) throw new AppError('INTERNAL', '申诉保存失败。');
  return found;
}

/** Previous quarter's id (for results). */
export function previousOf(round: Pick<RoundRow, 'year' | 'quarter'>): string {
  return previousRoundId(round.year, round.quarter);
}

export type { Standard };
