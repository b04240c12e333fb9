/**
 * The names the 操作日志 page needs to read entries in plain Chinese: communities by id, items and
 * categories by code (newest standard version wins), and every account's 姓名 (disabled ones too,
 * since old entries still name them).
 */
import type { DbOrTrx } from '../../platform/db/schema';
import type { Role } from '../../../../shared/ipc/channel';

export async function auditNames(db: DbOrTrx) {
  const [communities, items, categories, bonus, vetoes, people] = await Promise.all([
    db.selectFrom('communities').select(['id', 'name']).orderBy('id').execute(),
    db.selectFrom('standard_items').select(['code', 'title', 'version']).orderBy('version', 'asc').execute(),
    db.selectFrom('standard_categories').select(['code', 'title', 'version']).orderBy('version', 'asc').execute(),
    db.selectFrom('standard_bonus_items').select(['code', 'title', 'version']).orderBy('version', 'asc').execute(),
    db.selectFrom('standard_veto_items').select(['code', 'title', 'version']).orderBy('version', 'asc').execute(),
    db.selectFrom('users').select(['username', 'display_name', 'role']).orderBy('username').execute(),
  ]);
  const titles = new Map<string, string>();
  for (const r of [...categories, ...bonus, ...vetoes, ...items]) titles.set(r.code, r.title);
  return {
    communities: communities.map((c) => ({ id: c.id, name: c.name })),
    items: [...titles].map(([code, title]) => ({ code, title })),
    people: people.map((p) => ({ username: p.username, displayName: p.display_name, role: p.role as Role })),
  };
}
