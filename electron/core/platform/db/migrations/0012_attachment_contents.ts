import type { Migration } from '../migration';
import { STRICT, runDdl } from '../dialect';

/**
 * Attachments live in the database (issue #14): on a shared PostgreSQL database every PC sees the
 * photos another recorded, and a backup holds them on both engines. One row per distinct content,
 * keyed by its sha256 (the same photo on two deductions is stored once); `deduction_attachments`
 * keeps naming the file and pointing at its content by that hash. Files a data folder's
 * attachments/ already holds are taken in when the database is opened (rounds/attachments.service).
 */
export const migration: Migration = {
  version: 12,
  name: 'attachment_contents',
  async up(db) {
    await runDdl(
      db,
      `create table attachment_contents (
      sha256 text primary key,
      size integer not null,
      content blob not null,
      created_at text not null
    )${STRICT}`,
    );
  },
};
