/**
 * Appeals against one deduction: the appeal names the deduction; adopting it withdraws the
 * deduction (never deletes it — the ledger keeps what was recorded and why it no longer counts).
 * A withdrawn deduction is left out wherever deductions are read (rounds.repository), so the item
 * score, the ledger in results, the 整改清单, report totals and next quarter's carried items all
 * follow from one place.
 */
import { AppError } from '../../../../shared/ipc/errors';
import { scoreCommunity } from '../../../../shared/domain/scoring/index';
import type { PreparedStandard } from '../../../../shared/domain/scoring/prepared-standard';
import { EMPTY_ENTRIES } from '../../../../shared/domain/scoring/score-entry.schema';
import type { DbOrTrx } from '../../platform/db/schema';
import { getRoundCommunity, loadEntries, snapshotOf } from './rounds.repository';

/** The deduction an appeal contests, checked to belong to the form of that community. */
export async function contestedDeduction(
  db: DbOrTrx,
  input: { roundId: string; communityId: number; deductionId?: number | null | undefined },
) {
  if (input.deductionId === undefined || input.deductionId === null) return null;
  const row = await db
    .selectFrom('deductions')
    .selectAll()
    .where('id', '=', input.deductionId)
    .where('round_id', '=', input.roundId)
    .where('community_id', '=', input.communityId)
    .where('assessor', '=', '')
    .executeTakeFirst();
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
  const row = await trx
    .selectFrom('score_items')
    .select('value_json')
    .where('round_id', '=', roundId)
    .where('community_id', '=', communityId)
    .where('assessor', '=', '')
    .where('item_code', '=', itemCode)
    .executeTakeFirst();
  const confirmed = JSON.stringify({ kind: 'deduct', deductions: [] });
  if (!row) {
    await trx
      .insertInto('score_items')
      .values({
        ...key,
        value_json: confirmed,
        na_reason: null,
        override_tenths: null,
        override_reason: null,
        updated_at: at.iso,
        updated_by: at.actor,
      })
      .execute();
  } else if (row.value_json === null) {
    await trx
      .updateTable('score_items')
      .set({ value_json: confirmed, updated_at: at.iso, updated_by: at.actor })
      .where('round_id', '=', roundId)
      .where('community_id', '=', communityId)
      .where('assessor', '=', '')
      .where('item_code', '=', itemCode)
      .execute();
  }
}

/** Withdraws the appeal's deduction; returns the change of the item's score (points regained, in tenths). */
export async function withdrawContested(
  trx: DbOrTrx,
  ps: PreparedStandard,
  appeal: { id: number; round_id: string; community_id: number; deduction_id: number | null; item_code: string | null },
  at: { iso: string; actor: string },
): Promise<number> {
  if (appeal.deduction_id === null || appeal.item_code === null) return 0;
  const before = await itemTenths(trx, ps, appeal.round_id, appeal.community_id, appeal.item_code);
  await trx
    .updateTable('deductions')
    .set({ withdrawn_by_appeal: appeal.id })
    .where('id', '=', appeal.deduction_id)
    .where('withdrawn_by_appeal', 'is', null)
    .execute();
  await confirmChecked(trx, appeal.round_id, appeal.community_id, appeal.item_code, at);
  return (await itemTenths(trx, ps, appeal.round_id, appeal.community_id, appeal.item_code)) - before;
}
