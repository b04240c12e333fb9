import type { Migration } from '../migration';
import { STRICT, runDdl } from '../dialect';

/**
 * Exchange packages (issue #15): this installation's signing key, the senders it trusts and the
 * packages it received — each package whole (manifest and payload, old revisions kept) and its
 * units, deductions and 下沉干部 counts as rows, so the next level computes with plain SQL.
 *
 * The private key lives in the database, not in the app-data folder: a database belongs to one
 * unit (one 街道, 县区 or 市), so the key that speaks for that unit travels with its data through
 * backups and restores, and a second database on the same PC (another unit) has its own. Whoever
 * can read the file can already change every score in it, so the key adds no new exposure.
 */
export const migration: Migration = {
  version: 10,
  name: 'exchange',
  async up(db) {
    const run = (statement: string) => runDdl(db, statement);
    await run(`create table exchange_identity (
      id integer primary key check (id = 1),
      public_key text not null,
      private_key text not null,
      fingerprint text not null check (length(fingerprint) = 64),
      created_at text not null
    )${STRICT}`);
    // What this database sent: the payload of each exported revision, so exporting the same
    // revision again gives the same bytes even if the live rosters changed since (the receiver
    // would otherwise see a conflict).
    await run(`create table exchange_exports (
      round_id text not null,
      revision integer not null check (revision > 0),
      sha256 text not null check (length(sha256) = 64),
      payload_json text not null,
      exported_at text not null,
      exported_by text not null,
      primary key (round_id, revision)
    )${STRICT}`);
    await run(`create table exchange_senders (
      fingerprint text primary key check (length(fingerprint) = 64),
      name text not null,
      code text not null,
      level text not null check (level in ('街道', '县区', '市')),
      trusted_at text not null,
      trusted_by text not null
    )${STRICT}`);
    await run(`create index exchange_senders_code on exchange_senders(code)`);
    await run(`create table exchange_packages (
      id integer primary key,
      sender_fingerprint text not null,
      source_level text not null,
      source_code text not null,
      source_name text not null,
      round_id text not null check (round_id glob '[0-9][0-9][0-9][0-9]Q[1-4]'),
      year integer not null,
      quarter integer not null check (quarter between 1 and 4),
      revision integer not null check (revision > 0),
      sha256 text not null check (length(sha256) = 64),
      file_sha256 text not null check (length(file_sha256) = 64),
      status text not null check (status in ('current', 'superseded', 'conflict', 'rejected')),
      finalized_at text not null,
      exported_at text not null,
      received_at text not null,
      received_by text not null,
      decided_at text,
      decided_by text,
      manifest_json text not null,
      payload_json text not null
    )${STRICT}`);
    // One package in force per sender and round; superseded, conflicting and rejected ones are kept.
    await run(`create unique index exchange_packages_current on exchange_packages(source_code, round_id) where status = 'current'`);
    await run(`create index exchange_packages_round on exchange_packages(round_id, status)`);
    await run(`create table exchange_units (
      package_id integer not null references exchange_packages(id),
      unit_key text not null,
      code text,
      name text not null,
      kind text not null,
      rank integer not null,
      grade text not null,
      total_tenths integer not null,
      base_tenths integer not null,
      bonus_tenths integer not null,
      deducted_tenths integer not null,
      complete integer not null check (complete in (0, 1)),
      vetoes integer not null,
      rectifications integer not null,
      earlier_open integer not null,
      earlier_verified integer not null,
      cadres_registered integer not null,
      cadres_reported integer not null,
      primary key (package_id, unit_key)
    )${STRICT}`);
    await run(`create table exchange_deductions (
      id integer primary key,
      package_id integer not null references exchange_packages(id),
      unit_key text not null,
      item_code text not null,
      item_title text not null,
      reason text not null,
      points_tenths integer not null,
      department text
    )${STRICT}`);
    await run(`create index exchange_deductions_package on exchange_deductions(package_id, unit_key)`);
    await run(`create table exchange_cadres (
      package_id integer not null references exchange_packages(id),
      unit_key text not null,
      work_unit text not null,
      registered integer not null,
      reported integer not null,
      primary key (package_id, unit_key, work_unit)
    )${STRICT}`);
  },
};
