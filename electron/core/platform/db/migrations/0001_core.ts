import type { Migration } from '../migration';
import { STRICT, runDdl } from '../dialect';

/** Bookkeeping, unit settings and the hash-chained audit log. */
export const migration: Migration = {
  version: 1,
  name: 'core',
  async up(db) {
    await runDdl(db, `create table app_meta (key text primary key, value text not null)${STRICT}`);
    await runDdl(db, `create table settings (key text primary key, value text not null, updated_at text not null)${STRICT}`);
    await runDdl(
      db,
      `create table audit_log (
          seq integer primary key,
          at text not null,
          actor text not null,
          action text not null,
          entity text not null,
          entity_id text,
          before_json text,
          after_json text,
          reason text,
          prev_hash text not null,
          hash text not null
        )${STRICT}`,
    );
    await runDdl(db, `create index audit_log_entity on audit_log(entity, entity_id)`);
    // Append-only, enforced by the database itself, not only by the code that writes it.
    await runDdl(
      db,
      `create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit log is append-only'); end`,
    );
    await runDdl(
      db,
      `create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit log is append-only'); end`,
    );
  },
};
