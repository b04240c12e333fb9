/**
 * Record-level rules that a channel's role list cannot express. The rounds service calls these
 * inside its scoring operations (the dispatcher only knows the channel, not the community).
 */
import { AppError } from '../../../shared/ipc/errors';
import type { Actor } from '../app-context';

/**
 * 考评员 score only the communities assigned to them. Administrators and 审核人 may score any
 * community; 查看 never scores. `isAssigned` answers for the assessor (by login name and user id),
 * e.g. from the round's assessor assignments.
 */
export async function assertAssessorAssigned(
  actor: Actor | null,
  isAssigned: (assessor: { username: string; userId: number | null }) => boolean | Promise<boolean>,
  communityLabel = '该社区',
): Promise<void> {
  if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录后再操作。');
  if (actor.role === 'admin' || actor.role === 'reviewer') return;
  if (actor.role === 'viewer') throw new AppError('FORBIDDEN', '查看角色只能查看，不能打分。如需打分，请联系管理员分配考评员角色。');
  if (!(await isAssigned({ username: actor.username, userId: actor.userId }))) {
    throw new AppError('FORBIDDEN', `您未被分配考评${communityLabel}。请联系管理员在“分配考评员”中分配后再打分。`);
  }
}
