import type { DbOrTrx } from '../../platform/db/schema';

/** Key/value rows of the settings table. */
export async function readSettings(db: DbOrTrx, prefix: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'like', `${prefix}%`).execute();
  return new Map(rows.map((r) => [r.key.slice(prefix.length), r.value]));
}

export async function writeSetting(db: DbOrTrx, key: string, value: string, now: Date): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value, updated_at: now.toISOString() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now.toISOString() }))
    .execute();
}
