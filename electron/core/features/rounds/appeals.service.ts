/**
 * Appeals (申诉) during 公示: registering one (against an item, or against one deduction) and a
 * reviewer's decision. An adopted appeal against a deduction withdraws it — never deletes it: the
 * ledger keeps what was recorded and why it no longer counts. A withdrawn deduction is left out
 * wherever deductions are read (scoring and deductions repositories), so the item score, the ledger
 * in results, the 整改清单, report totals and next quarter's carried items all follow from one place.
 * An adopted appeal with a new item score overrides that item (reason: the decision).
 */
import { AppError } from '../../../../shared/ipc/errors';
import { ROUND_STATE_LABELS } from '../../../../shared/domain/round/round-workflow';
import { scoreCommunity } from '../../../../shared/domain/scoring/index';
import type { PreparedStandard } from '../../../../shared/domain/scoring/prepared-standard';
import { EMPTY_ENTRIES } from '../../../../shared/domain/scoring/score-entry.schema';
import { formatTenths, tenthsToPoints } from '../../../../shared/domain/standard/standard.schema';
import type { AppealDto } from '../../../../shared/ipc/channels/rounds.channels';
import type { AppContext } from '../../app-context';
import { appendAudit } from '../../platform/audit/audit-log';
import type { DbOrTrx } from '../../platform/db/schema';
import { getRound, getRoundCommunity, snapshotOf } from './rounds.repository';
import { CHECKED_NO_DEDUCTION, findScoreItem, loadEntries, upsertScoreItem } from './scoring.repository';
import { findFormDeduction, withdrawDeduction } from './deductions.repository';
import { appealByRequest, findAppeal, insertAppeal, updateAppeal } from './appeals.repository';
import { assertNotFinalized, assertReviewer, itemOf, type RoundActor } from './round-guards';
import { listAppeals, preparedFor } from './round-queries.service';

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
    throw new AppError('ILLEGAL_STATE', `只有在公示期间才能登记申诉，本轮考评当前为“${ROUND_STATE_LABELS[round.state]}”状态。`);
  const rc = await getRoundCommunity(db, input.roundId, input.communityId);
  const contested = await contestedDeduction(db, input);
  const itemCode = contested?.item_code ?? input.itemCode;
  if (itemCode !== null) itemOf(await preparedFor(db, round), itemCode);
  const now = app.now();
  const at = now.toISOString();
  const id = await db.transaction().execute(async (trx) => {
    const prior = await appealByRequest(trx, input.roundId, input.requestId);
    if (prior !== null) return prior;
    const id = await insertAppeal(trx, {
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
    });
    await appendAudit(
      trx,
      {
        actor: actor.name,
        action: 'appeal.add',
        entity: 'appeal',
        entityId: id,
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
    return id;
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
  const appeal = await findAppeal(db, input.roundId, input.appealId);
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
    const current = await itemTenths(db, ps, input.roundId, appeal.community_id, appeal.item_code);
    adjustment = { before: current, after: input.newItemTenths };
  }
  const now = app.now();
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await updateAppeal(trx, input.appealId, {
      status: input.accepted ? 'accepted' : 'rejected',
      decision: input.decision,
      adjustment_tenths: adjustment ? adjustment.after - adjustment.before : null,
      decided_at: at,
      decided_by: actor.name,
    });
    if (input.accepted && appeal.deduction_id !== null) {
      const change = await withdrawContested(trx, ps, appeal, { iso: at, actor: actor.name });
      await updateAppeal(trx, input.appealId, { adjustment_tenths: change });
    }
    if (adjustment && appeal.item_code !== null) {
      const reason = `申诉调整：${input.decision}`;
      const override = { override_tenths: adjustment.after, override_reason: reason };
      const key = { round_id: input.roundId, community_id: appeal.community_id, assessor: '', item_code: appeal.item_code };
      await upsertScoreItem(trx, key, override, override, { at, by: actor.name });
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

// ---------------------------------------------------------------- the contested deduction

/** The deduction an appeal contests, checked to belong to the form of that community. */
async function contestedDeduction(db: DbOrTrx, input: { roundId: string; communityId: number; deductionId?: number | null | undefined }) {
  if (input.deductionId === undefined || input.deductionId === null) return null;
  const row = await findFormDeduction(db, input.roundId, input.communityId, input.deductionId);
  if (!row) throw new AppError('NOT_FOUND', '找不到该社区本季度的这条扣分记录，请刷新后重新选择。');
  if (row.withdrawn_by_appeal !== null) throw new AppError('ILLEGAL_STATE', '这条扣分已因申诉撤销，不能再次申诉。');
  return row;
}

async function itemTenths(trx: DbOrTrx, ps: PreparedStandard, roundId: string, communityId: number, itemCode: string): Promise<number> {
  const rc = await getRoundCommunity(trx, roundId, communityId);
  const entries = (await loadEntries(trx, roundId, '', [communityId])).get(communityId) ?? EMPTY_ENTRIES;
  return scoreCommunity(ps, entries, snapshotOf(rc).metrics).items.find((i) => i.code === itemCode)?.tenths ?? 0;
}

/**
 * The item was examined (the appeal was decided on it): with its last deduction withdrawn it stands
 * as 核查无扣分, not as unchecked.
 */
async function confirmChecked(
  trx: DbOrTrx,
  roundId: string,
  communityId: number,
  itemCode: string,
  at: { iso: string; actor: string },
): Promise<void> {
  const key = { round_id: roundId, community_id: communityId, assessor: '', item_code: itemCode };
  const row = await findScoreItem(trx, key);
  if (row && row.value_json !== null) return;
  const checked = { value_json: CHECKED_NO_DEDUCTION };
  await upsertScoreItem(trx, key, checked, checked, { at: at.iso, by: at.actor });
}

/** Withdraws the appeal's deduction; returns the change of the item's score (points regained, in tenths). */
async function withdrawContested(
  trx: DbOrTrx,
  ps: PreparedStandard,
  appeal: { id: number; round_id: string; community_id: number; deduction_id: number | null; item_code: string | null },
  at: { iso: string; actor: string },
): Promise<number> {
  if (appeal.deduction_id === null || appeal.item_code === null) return 0;
  const before = await itemTenths(trx, ps, appeal.round_id, appeal.community_id, appeal.item_code);
  await withdrawDeduction(trx, appeal.deduction_id, appeal.id);
  await confirmChecked(trx, appeal.round_id, appeal.community_id, appeal.item_code, at);
  return (await itemTenths(trx, ps, appeal.round_id, appeal.community_id, appeal.item_code)) - before;
}
