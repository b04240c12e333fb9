import type { Migration } from '../migration';
import { STRICT, runDdl } from '../dialect';

/**
 * Quarterly rounds and everything recorded in them. Community ids and the standard version are kept
 * as plain values (no foreign keys to the roster or standard tables): a round is a frozen record
 * that must stay readable even if the roster changes later.
 */
export const migration: Migration = {
  version: 4,
  name: 'rounds',
  async up(db) {
    const run = (text: string) => runDdl(db, text);
    await run(`create table rounds (
      id text primary key,
      year integer not null,
      quarter integer not null,
      standard_version integer not null,
      state text not null,
      snapshot_at text not null,
      first_submitted_at text,
      finalized_at text,
      spread_threshold_tenths integer not null default 10,
      created_at text not null,
      created_by text not null,
      updated_at text not null,
      unique (year, quarter)
    )${STRICT}`);
    await run(`create table round_communities (
      round_id text not null references rounds(id),
      community_id integer not null,
      name text not null,
      sort_key text not null,
      status text not null,
      metrics_json text not null,
      rows_json text not null,
      primary key (round_id, community_id)
    )${STRICT}`);
    await run(`create table round_assessors (
      id integer primary key,
      round_id text not null references rounds(id),
      assessor text not null,
      community_id integer,
      category_code text
    )${STRICT}`);
    await run(`create index round_assessors_round on round_assessors(round_id)`);
    // assessor '' is the form itself (single assessor, or the reviewer's settled values).
    await run(`create table score_items (
      round_id text not null references rounds(id),
      community_id integer not null,
      assessor text not null,
      item_code text not null,
      value_json text,
      na_reason text,
      override_tenths integer,
      override_reason text,
      updated_at text not null,
      updated_by text not null,
      primary key (round_id, community_id, assessor, item_code)
    )${STRICT}`);
    await run(`create table deductions (
      id integer primary key,
      round_id text not null references rounds(id),
      community_id integer not null,
      assessor text not null,
      item_code text not null,
      reason_code text,
      text text not null,
      amount_tenths integer not null,
      evidence text not null,
      created_at text not null,
      created_by text not null
    )${STRICT}`);
    await run(`create index deductions_form on deductions(round_id, community_id, assessor)`);
    await run(`create table deduction_attachments (
      id integer primary key,
      deduction_id integer not null references deductions(id) on delete cascade,
      file_name text not null,
      stored_name text not null,
      sha256 text not null,
      size integer not null,
      created_at text not null
    )${STRICT}`);
    await run(`create table bonus_entries (
      round_id text not null references rounds(id),
      community_id integer not null,
      assessor text not null,
      code text not null,
      awards_json text,
      tenths integer,
      updated_at text not null,
      primary key (round_id, community_id, assessor, code)
    )${STRICT}`);
    await run(`create table veto_entries (
      round_id text not null references rounds(id),
      community_id integer not null,
      assessor text not null,
      code text not null,
      fact text not null,
      updated_at text not null,
      primary key (round_id, community_id, assessor, code)
    )${STRICT}`);
    await run(`create table round_comments (
      id integer primary key,
      round_id text not null references rounds(id),
      community_id integer,
      kind text not null,
      text text not null,
      actor text not null,
      at text not null
    )${STRICT}`);
    await run(`create table settlements (
      round_id text not null references rounds(id),
      community_id integer not null,
      item_code text not null,
      method text not null,
      tenths integer not null,
      note text not null,
      settled_by text not null,
      settled_at text not null,
      primary key (round_id, community_id, item_code)
    )${STRICT}`);
    await run(`create table appeals (
      id integer primary key,
      round_id text not null references rounds(id),
      community_id integer not null,
      item_code text,
      claim text not null,
      status text not null,
      decision text,
      adjustment_tenths integer,
      created_at text not null,
      created_by text not null,
      decided_at text,
      decided_by text
    )${STRICT}`);
    await run(`create table rectifications (
      id integer primary key,
      round_id text not null references rounds(id),
      community_id integer not null,
      item_code text not null,
      kind text not null,
      text text not null,
      lost_tenths integer not null,
      status text not null,
      verified_round_id text,
      verified_note text,
      verified_at text,
      verified_by text
    )${STRICT}`);
    await run(`create index rectifications_community on rectifications(community_id, status)`);
  },
};
