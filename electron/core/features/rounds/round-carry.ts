/**
 * Annual (年度) items are scored once in the year and carried into the following quarters: when a
 * round is created, what the year's latest earlier round recorded for each annual item — value,
 * 不适用, adjustment and the deductions that count — is copied into the new round marked with the
 * round it came from (`carried_from`). The form shows it as carried; an assessor does not re-enter
 * it (and may not change it); a reviewer may, and then it belongs to this quarter.
 */
import { AppError } from '../../../../shared/ipc/errors';
import type { PreparedStandard } from '../../../../shared/domain/scoring/prepared-standard';
import { roundTitle } from '../../../../shared/domain/round/round-workflow';
import type { UnitKind } from '../../../../shared/domain/levels/levels';
import type { DbOrTrx } from '../../platform/db/schema';
import { loadStandardVersion } from './round-sources';
import { prepareStandard } from '../../../../shared/domain/scoring/prepared-standard';
import { latestEarlierRound } from './rounds.repository';
import { isReviewer } from './round-guards';
import { carriedMarks, clearCarriedMarks, formItemsOf, insertScoreItemRow } from './scoring.repository';
import { formDeductionsOf, insertDeduction } from './deductions.repository';

/** Annual items of `ps` whose scoring method is the same in the earlier round's standard. */
function carriableCodes(ps: PreparedStandard, earlier: PreparedStandard): string[] {
  return ps.items
    .filter(
      (p) =>
        p.item.frequency === 'A' &&
        p.item.method.kind !== 'computed' &&
        earlier.itemByCode.get(p.item.code)?.item.method.kind === p.item.method.kind,
    )
    .map((p) => p.item.code);
}

/** Copies the annual items of the year's latest earlier round into a new round (inside its creating transaction). */
export async function carryAnnualItems(
  trx: DbOrTrx,
  round: { id: string; year: number; quarter: number; kind: UnitKind },
  ps: PreparedStandard,
  communityIds: readonly number[],
  at: { iso: string; actor: string },
): Promise<number> {
  const earlier = await latestEarlierRound(trx, round.year, round.quarter, round.kind);
  if (!earlier || communityIds.length === 0) return 0;
  const codes = carriableCodes(ps, prepareStandard(await loadStandardVersion(trx, earlier.standard_version)));
  if (codes.length === 0) return 0;
  const ids = [...communityIds];
  const items = await formItemsOf(trx, earlier.id, codes, ids);
  let carried = 0;
  for (const r of items) {
    await insertScoreItemRow(trx, {
      ...r,
      round_id: round.id,
      updated_at: at.iso,
      updated_by: at.actor,
      carried_from: r.carried_from ?? earlier.id,
    });
    carried++;
  }
  // Only deductions that count: one withdrawn by an adopted appeal stays withdrawn.
  const deds = await formDeductionsOf(trx, earlier.id, codes, ids);
  for (const d of deds) {
    await insertDeduction(trx, {
      round_id: round.id,
      community_id: d.community_id,
      assessor: '',
      item_code: d.item_code,
      reason_code: d.reason_code,
      text: d.text,
      amount_tenths: d.amount_tenths,
      evidence: d.evidence,
      created_at: d.created_at,
      created_by: d.created_by,
      carried_from: d.carried_from ?? earlier.id,
    });
    carried++;
  }
  return carried;
}

/** Items of a form carried from an earlier round: item code → that round's id. */
export async function carriedItems(db: DbOrTrx, roundId: string, communityId: number): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const r of await carriedMarks(db, roundId, communityId)) if (r.carried_from) out[r.item_code] = r.carried_from;
  return out;
}

/** A carried item is changed by a reviewer (or administrator), not re-entered by an assessor. */
export async function assertCarriedEditable(
  db: DbOrTrx,
  roundId: string,
  communityId: number,
  itemCode: string,
  role: string,
): Promise<void> {
  if (isReviewer(role)) return;
  const from = (await carriedItems(db, roundId, communityId))[itemCode];
  if (!from) return;
  const m = /^(\d{4})Q([1-4])$/.exec(from);
  const label = m ? roundTitle(Number(m[1]), Number(m[2])) : from;
  throw new AppError('FORBIDDEN', `${itemCode}为年度指标，沿用${label}的评分结果，不需重新录入。如确需修改，请由审核人修改。`);
}

/** Once changed this quarter, the item is this quarter's own (no longer marked as carried). */
export async function releaseCarried(trx: DbOrTrx, roundId: string, communityId: number, itemCode: string): Promise<void> {
  await clearCarriedMarks(trx, roundId, communityId, itemCode);
}
