/**
 * Moving a round through its workflow (提交 → 退回/审核 → 公示 → 定稿) and unlocking a finalized
 * one. Finalizing refuses open appeals and a 文号 already issued, generates the 整改清单 from the
 * final entries, takes a backup first and records the 通报 issue. Every change is audited.
 */
import { AppError } from '../../../../shared/ipc/errors';
import { ROUND_STATE_LABELS, transitionProblem, type RoundState } from '../../../../shared/domain/round/round-workflow';
import type { CommunityScore } from '../../../../shared/domain/scoring/index';
import { rectificationsFrom } from '../../../../shared/domain/scoring/rectification';
import { EMPTY_ENTRIES } from '../../../../shared/domain/scoring/score-entry.schema';
import type { RoundDetail } from '../../../../shared/ipc/channels/rounds.channels';
import type { AppContext } from '../../app-context';
import { appendAudit } from '../../platform/audit/audit-log';
import { assertAssignedAll } from '../../platform/security/record-access';
import { readNorms } from '../planner/index';
import { proposeDocNumber, recordReportIssue, supersedeReportIssue } from '../reports/index';
import { getRound, insertComment, roundCommunities, setFormStatus, snapshotOf, updateRound } from './rounds.repository';
import { loadEntries } from './scoring.repository';
import { countOpenAppeals, deleteOpenRectifications, insertRectifications } from './appeals.repository';
import { assertReviewer, lockedError, type RoundActor } from './round-guards';
import { countScored, getRoundDetail, preparedFor, scoreForms } from './round-queries.service';
import { roundKind } from './round-sources';
import { unitNoun } from '../../../../shared/domain/levels/kind-words';

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
  const from = round.state;
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
        `还有${incomplete.length}个${unitNoun(await roundKind(db, round.standard_version))}的评分表未完成，不能提交：${list.join('、')}${incomplete.length > 5 ? '等' : ''}。请补全后再提交。`,
      );
    }
  }
  if (to === 'returned' && !comment) throw new AppError('VALIDATION_FAILED', '退回时请填写退回意见，说明需要修改的内容。');
  if (options.communityIds) {
    const unknown = options.communityIds.filter((c) => !names.has(c));
    if (unknown.length) throw new AppError('VALIDATION_FAILED', `本轮考评不包含编号为 ${unknown.join('、')} 的社区。`);
  }
  if (to === 'finalized') {
    const open = await countOpenAppeals(db, roundId);
    if (open) throw new AppError('ILLEGAL_STATE', `还有${open}件申诉未处理，不能定稿。请先处理全部申诉。`);
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
    if (to === 'submitted') await setFormStatus(trx, roundId, 'submitted', { from: ['draft', 'returned'] });
    if (to === 'returned')
      await setFormStatus(trx, roundId, 'returned', {
        from: ['submitted', 'reviewed'],
        ...(options.communityIds?.length ? { only: options.communityIds } : {}),
      });
    if (to === 'reviewed') await setFormStatus(trx, roundId, 'reviewed', { from: ['submitted'] });
    await updateRound(trx, roundId, {
      state: to,
      updated_at: at,
      ...(to === 'submitted' && current.first_submitted_at === null ? { first_submitted_at: at } : {}),
      ...(to === 'finalized' ? { finalized_at: at } : {}),
    });
    if (comment) {
      const targets = to === 'returned' && options.communityIds?.length ? options.communityIds : [null];
      for (const communityId of targets) {
        await insertComment(trx, { roundId, communityId, kind: to, text: comment, actor: actor.name, at });
      }
    }
    if (to === 'finalized') {
      await insertRectifications(
        trx,
        rectifications.map((r) => ({
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
      );
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
    throw new AppError('ILLEGAL_STATE', `本轮考评当前为“${ROUND_STATE_LABELS[round.state]}”状态，未定稿，无需解锁。`);
  if (!reason.trim()) throw new AppError('VALIDATION_FAILED', '解锁须填写理由。');
  const now = app.now();
  await db.transaction().execute(async (trx) => {
    await deleteOpenRectifications(trx, roundId);
    await updateRound(trx, roundId, { state: 'published', finalized_at: null, updated_at: now.toISOString() });
    await supersedeReportIssue(trx, roundId, now.toISOString());
    await insertComment(trx, { roundId, communityId: null, kind: 'unlock', text: reason.trim(), actor: actor.name, at: now.toISOString() });
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
