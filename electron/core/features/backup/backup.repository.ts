/**
 * What backups read of the database through Kysely. (Checking a backup FILE before a restore reads
 * it through a raw read-only handle: see checkDatabaseFile.)
 */
import type { DbOrTrx } from '../../platform/db/schema';

/**
 * Does the database hold an account yet? Asked here, not of the auth feature: app-context imports
 * this feature, and auth's handlers import app-context.
 */
export async function hasAnyAccount(db: DbOrTrx): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).execute()).length > 0;
}
