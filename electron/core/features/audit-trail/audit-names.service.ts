/**
 * The names the 操作日志 page needs to read entries in plain Chinese: communities by id, items and
 * categories by code (newest standard version wins), and every account's 姓名 (disabled ones too,
 * since old entries still name them).
 */
import type { DbOrTrx } from '../../platform/db/schema';
import { listAccountNames } from '../../platform/security/account-names.repository';
import { nameRows } from './audit-trail.repository';

export async function auditNames(db: DbOrTrx) {
  const [{ communities, titledCodes }, people] = await Promise.all([nameRows(db), listAccountNames(db)]);
  const titles = new Map<string, string>();
  for (const r of titledCodes) titles.set(r.code, r.title);
  return {
    communities: communities.map((c) => ({ id: c.id, name: c.name })),
    items: [...titles].map(([code, title]) => ({ code, title })),
    people,
  };
}
