/**
 * Record-level rules that a channel's role list cannot express: which communities (and 一级指标)
 * a 考评员 may score in a round, and whose blind sheet they may touch. The dispatcher only knows
 * the channel; the scoring services call these for every write on a round, inside the service.
 */
import { AppError } from '../../../../shared/ipc/errors';
import type { Role } from '../../../../shared/ipc/channel';
import type { DbOrTrx } from '../db/schema';
import { roundAssessorRows } from './record-access.repository';

/** The acting user as the round services know them (login name and role). */
export interface ScoringActor {
  name: string;
  role: Role;
}

/** Is (community, category) within the assessor's assignments? null category: any part of the community. */
export type AssignmentCheck = (communityId: number, categoryCode: string | null) => boolean;

const EVERYTHING: AssignmentCheck = () => true;

/**
 * What the actor may score in the round. Administrators and 审核人 may score anything; a round
 * without assignments is open to every 考评员 (small streets assign nobody).
 */
export async function assignmentCheck(db: DbOrTrx, roundId: string, actor: ScoringActor): Promise<AssignmentCheck> {
  if (actor.role !== 'assessor') return EVERYTHING;
  const rows = await roundAssessorRows(db, roundId);
  if (rows.length === 0) return EVERYTHING;
  const mine = rows.filter((r) => r.assessor === actor.name);
  return (communityId, categoryCode) =>
    mine.some(
      (r) =>
        (r.community_id === null || r.community_id === communityId) &&
        (r.category_code === null || categoryCode === null || r.category_code === categoryCode),
    );
}

/** An assessor may score only what is assigned to them (when the round has assignments). */
export async function assertAssigned(
  db: DbOrTrx,
  roundId: string,
  actor: ScoringActor,
  communityId: number,
  categoryCode: string | null,
): Promise<void> {
  if (!(await assignmentCheck(db, roundId, actor))(communityId, categoryCode)) {
    throw new AppError('FORBIDDEN', '该社区（或该一级指标）未分配给您评分。如需评分，请联系管理员分配。');
  }
}

/** Submitting a whole round needs every one of its communities to be the assessor's. */
export async function assertAssignedAll(db: DbOrTrx, roundId: string, actor: ScoringActor, communityIds: readonly number[]): Promise<void> {
  const check = await assignmentCheck(db, roundId, actor);
  if (communityIds.some((id) => !check(id, null))) {
    throw new AppError('FORBIDDEN', '本轮有未分配给您的社区，您不能提交整轮考评。请逐个提交分配给您的社区，或请审核人、管理员提交。');
  }
}

/** Blind scoring: an assessor sees and writes only their own sheet (or the shared form). */
export function assertOwnSheet(actor: ScoringActor, assessor: string): void {
  if (actor.role === 'assessor' && assessor !== '' && assessor !== actor.name) {
    throw new AppError('FORBIDDEN', '背靠背评分时只能查看和填写自己的评分表。');
  }
}
