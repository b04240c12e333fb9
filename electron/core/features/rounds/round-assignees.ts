/**
 * Who may be assigned to score: existing, active accounts with the 考评员 role. Assignments store the
 * account's login name exactly as the account has it (names are compared case-insensitively at
 * login), so the same person is the same identity in assignments, blind sheets and the audit log.
 */
import { AppError } from '../../../../shared/ipc/errors';
import { ROLE_LABELS, type Role } from '../../../../shared/ipc/channel';
import type { DbOrTrx } from '../../platform/db/schema';
import { listAccounts } from './sources.repository';

/**
 * The assignments with each name replaced by its account's login name; refuses (VALIDATION_FAILED,
 * nothing saved) names without an account, disabled accounts and accounts of another role.
 */
export async function resolveAssessorAccounts<T extends { assessor: string }>(db: DbOrTrx, assignments: readonly T[]): Promise<T[]> {
  if (assignments.length === 0) return [];
  const users = await listAccounts(db);
  const byKey = new Map(users.map((u) => [u.username.toLowerCase(), u]));
  const unknown: string[] = [];
  const wrong: string[] = [];
  const out = assignments.map((a) => {
    const u = byKey.get(a.assessor.trim().toLowerCase());
    if (!u || u.disabled) unknown.push(a.assessor);
    else if (u.role !== 'assessor') wrong.push(`${u.display_name}（${u.username}，${ROLE_LABELS[u.role as Role] ?? u.role}）`);
    return u ? { ...a, assessor: u.username } : a;
  });
  if (unknown.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      `没有这些考评员账号（或已停用）：${[...new Set(unknown)].join('、')}。请从名单中选择考评员；如需新人员，请管理员先在“系统设置 → 用户管理”中新建角色为“考评员”的账号。`,
    );
  }
  if (wrong.length)
    throw new AppError(
      'VALIDATION_FAILED',
      `以下账号不是考评员，不能分配评分：${[...new Set(wrong)].join('、')}。请改选考评员，或在“用户管理”中调整其角色。`,
    );
  return out;
}
