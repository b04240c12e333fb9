import type { Migration } from '../migration';
import { runDdl } from '../dialect';

/**
 * The audit chain's anchor: the newest entry's seq and hash, kept in app_meta (outside the
 * audit table, and so in every backup). From now on every appended entry moves it in the same
 * transaction; deleting the newest entries or re-hashing the chain no longer goes unnoticed.
 */
export const migration: Migration = {
  version: 7,
  name: 'audit_anchor',
  async up(db) {
    // Entries appended by earlier steps of this same upgrade have already set it.
    await runDdl(db, `delete from app_meta where key = 'audit.head'`);
    await runDdl(
      db,
      `insert into app_meta (key, value)
         select 'audit.head', json_object('seq', seq, 'hash', hash) from audit_log order by seq desc limit 1`,
    );
  },
};
