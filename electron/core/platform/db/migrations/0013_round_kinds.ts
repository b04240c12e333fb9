import type { Migration } from '../migration';
import { STRICT, rebuildTable } from '../dialect';

/**
 * Rounds of different kinds in one quarter (issue #15): a 市 appraises its 县区 and its 成员单位
 * every quarter, so `rounds` is unique by (year, quarter, kind) instead of (year, quarter). `kind`
 * is the kind of the round's standard (社区 for every round of a 街道); existing rounds take it from
 * their standard version and keep their ids (2021Q3). SQLite cannot change a table's constraint in
 * place: the table is rebuilt with its foreign keys off (`rebuildsTables`, checked before commit).
 */
export const migration: Migration = {
  version: 13,
  name: 'round_kinds',
  rebuildsTables: true,
  async up(db) {
    await rebuildTable(db, 'rounds', {
      sqlite: {
        create: `create table rounds_new (
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
      kind text not null default '社区' check (kind in ('社区', '街道', '县区', '成员单位')),
      unique (year, quarter, kind)
    )${STRICT}`,
        columns: `id, year, quarter, standard_version, state, snapshot_at, first_submitted_at, finalized_at,
      spread_threshold_tenths, created_at, created_by, updated_at`,
      },
      postgres: [
        `alter table rounds add column kind text not null default '社区' check (kind in ('社区', '街道', '县区', '成员单位'))`,
        `alter table rounds drop constraint rounds_year_quarter_key`,
        `alter table rounds add constraint rounds_year_quarter_kind_key unique (year, quarter, kind)`,
      ],
      fill: `update rounds set kind = coalesce((select s.kind from standard_versions s where s.version = rounds.standard_version), '社区')`,
    });
  },
};
