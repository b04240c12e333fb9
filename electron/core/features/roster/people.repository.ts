/**
 * People as others read them: accounts by login name with their 姓名. Assignments, sheets and the
 * audit log store the login name (one identity); everything people read shows the 姓名.
 */
import type { PersonDto } from '../../../../shared/ipc/channels/desk.channels';
import type { Role } from '../../../../shared/ipc/channel';
import type { DbOrTrx } from '../../platform/db/schema';

/** Active accounts with their 姓名, optionally of one role, ordered by login name. */
export async function peopleDirectory(db: DbOrTrx, role?: Role): Promise<PersonDto[]> {
  let q = db.selectFrom('users').select(['username', 'display_name', 'role']).where('disabled', '=', 0);
  if (role) q = q.where('role', '=', role);
  const rows = await q.orderBy('username').execute();
  return rows.map((r) => ({ username: r.username, displayName: r.display_name, role: r.role as Role }));
}

/** Login name → 姓名 for every account (disabled ones too: old records still name them). */
export async function displayNames(db: DbOrTrx): Promise<Map<string, string>> {
  const rows = await db.selectFrom('users').select(['username', 'display_name']).execute();
  return new Map(rows.map((r) => [r.username, r.display_name || r.username]));
}
