import type { Migration } from '../migration';
import { STRICT, runDdl } from '../dialect';

/**
 * Accounts and login sessions. Passwords are stored only as scrypt hashes with a per-user salt;
 * sessions only as the SHA-256 of their token, so a copied database file cannot be used to log in.
 */
export const migration: Migration = {
  version: 5,
  name: 'accounts',
  async up(db) {
    await runDdl(
      db,
      `create table users (
          id integer primary key,
          username text not null unique collate nocase,
          display_name text not null,
          role text not null check (role in ('admin', 'assessor', 'reviewer', 'viewer')),
          password_hash text not null,
          password_salt text not null,
          failed_attempts integer not null default 0,
          locked_until text,
          must_change_password integer not null default 0 check (must_change_password in (0, 1)),
          disabled integer not null default 0 check (disabled in (0, 1)),
          created_at text not null,
          updated_at text not null,
          last_login_at text
        )${STRICT}`,
    );
    await runDdl(
      db,
      `create table sessions (
          token_hash text primary key,
          user_id integer not null references users(id) on delete cascade,
          created_at text not null,
          last_seen_at text not null,
          expires_at text not null
        )${STRICT}`,
    );
    await runDdl(db, `create index sessions_user on sessions(user_id)`);
  },
};
