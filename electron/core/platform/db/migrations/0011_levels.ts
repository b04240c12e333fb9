import type { Migration } from '../migration';
import { STRICT, runDdl, startIdsAfter } from '../dialect';

/**
 * Levels (issue #15): 街道 → 县区 → 市.
 * - `standard_versions.kind`: the kind of unit a standard appraises (社区 for every existing version).
 * - `appraised_units`: the units above the community a 县区 or 市 appraises (街道, 县区, 成员单位),
 *   keyed by kind and name, with the 统计用区划代码 a 街道/县区 reports under. Their ids start at
 *   1,000,001 so they never meet a community id in the round tables (which key both by
 *   `community_id`, without foreign keys): a database whose level changes keeps its old rounds readable.
 * - `deductions.department`: the department that imposed a 清单外 task a deduction records, so the
 *   city can attribute it to a 成员单位.
 */
export const migration: Migration = {
  version: 11,
  name: 'levels',
  async up(db) {
    const run = (statement: string) => runDdl(db, statement);
    await run(`alter table standard_versions add column kind text not null default '社区'`);
    await run(`create table appraised_units (
      id integer primary key autoincrement,
      kind text not null check (kind in ('街道', '县区', '成员单位')),
      name text not null,
      short_name text,
      code text,
      contact text,
      phone text,
      position integer not null,
      source text not null check (source in ('import', 'exchange', 'manual')),
      created_at text not null,
      updated_at text not null,
      unique (kind, name)
    )${STRICT}`);
    await run(`create unique index appraised_units_code on appraised_units(kind, code) where code is not null`);
    await startIdsAfter(db, 'appraised_units', 1_000_000);
    await run(`alter table deductions add column department text`);
  },
};
