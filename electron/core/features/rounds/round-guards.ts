/**
 * The rules every write on a round passes, in the main process whatever door it came from: a
 * finalized round refuses every change with LOCKED; a form is written only while the round's state
 * and the form's status allow it; reviewer-only actions check the role here, not in the renderer.
 */
import { AppError } from '../../../../shared/ipc/errors';
import { FORM_STATUS_LABELS, ROUND_STATE_LABELS, scoresEditable, type FormStatus } from '../../../../shared/domain/round/round-workflow';
import type { PreparedStandard } from '../../../../shared/domain/scoring/prepared-standard';
import type { Actor } from '../../app-context';
import type { DbOrTrx } from '../../platform/db/schema';
import { getRound, getRoundCommunity, snapshotOf, titleOf, type RoundRow } from './rounds.repository';

/** Who is acting, as the services need it. */
export interface RoundActor {
  name: string;
  role: Actor['role'];
}

export function roundActor(actor: Actor | null): RoundActor {
  return actor ? { name: actor.username, role: actor.role } : { name: 'system', role: 'admin' };
}

const REVIEW_ROLES: ReadonlySet<string> = new Set(['admin', 'reviewer']);

/** 审核人 and administrators settle, decide, unlock and change carried annual items. */
export function isReviewer(role: string): boolean {
  return REVIEW_ROLES.has(role);
}

export function assertReviewer(actor: RoundActor, what: string): void {
  if (!isReviewer(actor.role)) throw new AppError('FORBIDDEN', `只有审核人或管理员可以${what}。`);
}

export function lockedError(round: RoundRow): AppError {
  return new AppError('LOCKED', `${titleOf(round)}考评已定稿锁定，不能修改。如确需修改，请由审核人填写理由后解锁。`);
}

/** Refuses any change to a finalized round. */
export function assertNotFinalized(round: RoundRow): void {
  if (round.state === 'finalized') throw lockedError(round);
}

/** Why a community's form cannot be changed now, or null. */
export function formReadOnlyReason(round: RoundRow, status: FormStatus): string | null {
  if (round.state === 'finalized') return lockedError(round).message;
  if (!scoresEditable(round.state)) return `本轮考评当前为“${ROUND_STATE_LABELS[round.state]}”状态，评分不能修改。如需修改，请审核人退回。`;
  if (status === 'submitted' || status === 'reviewed')
    return `该社区的评分表已${FORM_STATUS_LABELS[status]}，不能修改。如需修改，请审核人退回该社区。`;
  return null;
}

/** Refuses a write to a form that cannot be changed now; returns the community's name and frozen metrics. */
export async function assertFormWritable(
  db: DbOrTrx,
  round: RoundRow,
  communityId: number,
): Promise<{ name: string; metrics: Record<string, number | null> }> {
  assertNotFinalized(round);
  const rc = await getRoundCommunity(db, round.id, communityId);
  const reason = formReadOnlyReason(round, rc.status);
  if (reason) throw new AppError('ILLEGAL_STATE', reason);
  return { name: rc.name, metrics: snapshotOf(rc).metrics };
}

/**
 * The same check again inside the write transaction: the round may have moved since the first
 * check (transactions run one at a time).
 */
export async function recheckFormWritable(trx: DbOrTrx, roundId: string, communityId: number): Promise<void> {
  await assertFormWritable(trx, await getRound(trx, roundId), communityId);
}

/** The standard's item, or VALIDATION_FAILED naming the version. */
export function itemOf(ps: PreparedStandard, code: string) {
  const p = ps.itemByCode.get(code);
  if (!p) throw new AppError('VALIDATION_FAILED', `考核标准第${ps.standard.version}版中没有指标“${code}”。`);
  return p;
}
