/**
 * Points a community actually lost on its deduction items this quarter: the ledger after per-reason
 * caps and the item floor (扣完为止), i.e. max − score of each deduction item. The sum of the
 * recorded amounts overstates it whenever a cap or the floor applies.
 */
import type { CommunityScore } from './community-score';

export function pointsLostToDeductions(score: Pick<CommunityScore, 'items'>): number {
  let lost = 0;
  for (const i of score.items) {
    if (i.deductedTenths === undefined) continue;
    // A 核查/扣分 item that was later adjusted (e.g. by an appeal) lost what its final score lacks.
    if (i.status === 'scored' || i.status === 'overridden') lost += Math.max(0, i.maxTenths - i.tenths);
  }
  return lost;
}
