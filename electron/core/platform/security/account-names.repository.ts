/**
 * Who is who: every account's login name, 姓名 and role, for the features that print or show people
 * by name (reports, 操作日志). In platform, not the auth feature, so that reading names does not load
 * auth's handlers (and through them the app context) into every feature that prints a name.
 */
import type { Role } from '../../../../shared/ipc/channel';
import type { DbOrTrx } from '../db/schema';

/** Disabled accounts too: old records still name them. Ordered by login name. */
export async function listAccountNames(db: DbOrTrx): Promise<{ username: string; displayName: string; role: Role }[]> {
  const rows = await db.selectFrom('users').select(['username', 'display_name', 'role']).orderBy('username').execute();
  return rows.map((r) => ({ username: r.username, displayName: r.display_name, role: r.role }));
}
