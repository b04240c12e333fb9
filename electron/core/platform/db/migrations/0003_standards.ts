import { sql } from 'kysely';
import type { Migration } from '../migration';
import { STRICT } from '../dialect';
import { appendAudit } from '../../audit/audit-log';
import { DEFAULT_STANDARD } from '../../../../../shared/domain/standard/default-standard';
import type { Standard } from '../../../../../shared/domain/standard/standard.schema';

/**
 * Versions of the 《社区规范化创建考核标准》: one row per version (settings, status, revision) and
 * its categories, items, bonus and veto items and grade bands, all keyed by (version, position) so
 * a draft can be saved even while it still has duplicate codes the editor is showing as errors.
 * standard_version_uses records which rounds use a version (a used version can never change).
 *
 * Seeds version 1, the default standard, as published. The seed writes with plain SQL against the
 * tables as created here (not through today's repository), and DEFAULT_STANDARD is frozen content:
 * a new default ships as a new version in a new migration, never by editing version 1.
 */
export const migration: Migration = {
  version: 3,
  name: 'standards',
  async up(db) {
    const run = (text: string) => sql.raw(text).execute(db);
    await run(`create table standard_versions (
      version integer primary key,
      name text not null,
      status text not null check (status in ('draft', 'published')),
      based_on integer,
      total_tenths integer not null,
      bonus_cap_tenths integer not null,
      na_policy text not null,
      quota_ties text not null,
      vetoed_last integer not null,
      tie_break_json text not null,
      rollup_quarters_percent integer not null,
      rollup_year_end_percent integer not null,
      rollup_year_end_label text not null,
      rollup_veto_grade_cap text,
      note text not null,
      revision integer not null,
      created_at text not null,
      created_by text not null,
      updated_at text not null,
      updated_by text not null,
      published_at text,
      published_by text
    )${STRICT}`);
    await run(`create table standard_categories (
      version integer not null references standard_versions(version) on delete cascade,
      position integer not null,
      code text not null,
      title text not null,
      max_tenths integer not null,
      primary key (version, position)
    )${STRICT}`);
    await run(`create table standard_items (
      version integer not null,
      category_position integer not null,
      position integer not null,
      code text not null,
      title text not null,
      max_tenths integer not null,
      method text not null,
      params_json text not null,
      evidence_json text not null,
      frequency text not null,
      guide text not null,
      primary key (version, category_position, position),
      foreign key (version, category_position) references standard_categories(version, position) on delete cascade
    )${STRICT}`);
    await run(`create table standard_bonus_items (
      version integer not null references standard_versions(version) on delete cascade,
      position integer not null,
      code text not null,
      title text not null,
      cap_tenths integer not null,
      method_json text not null,
      guide text not null,
      primary key (version, position)
    )${STRICT}`);
    await run(`create table standard_veto_items (
      version integer not null references standard_versions(version) on delete cascade,
      position integer not null,
      code text not null,
      title text not null,
      effect text not null,
      guide text not null,
      primary key (version, position)
    )${STRICT}`);
    await run(`create table standard_grade_bands (
      version integer not null references standard_versions(version) on delete cascade,
      position integer not null,
      label text not null,
      min_tenths integer not null,
      quota_percent integer,
      quota_count integer,
      primary key (version, position)
    )${STRICT}`);
    // Filled by the rounds feature (markStandardUsed) when a round pins a version.
    await run(`create table standard_version_uses (
      version integer not null references standard_versions(version),
      used_by text not null,
      used_at text not null,
      actor text not null,
      primary key (version, used_by)
    )${STRICT}`);

    await seedVersion(db, DEFAULT_STANDARD, new Date().toISOString());
  },
};

type AnyDb = Parameters<Migration['up']>[0];

async function seedVersion(db: AnyDb, s: Standard, at: string): Promise<void> {
  const exec = (q: ReturnType<typeof sql>) => q.execute(db);
  await exec(sql`insert into standard_versions (version, name, status, based_on, total_tenths, bonus_cap_tenths, na_policy, quota_ties, vetoed_last,
      tie_break_json, rollup_quarters_percent, rollup_year_end_percent, rollup_year_end_label, rollup_veto_grade_cap, note, revision,
      created_at, created_by, updated_at, updated_by, published_at, published_by)
    values (${s.version}, ${s.name}, 'published', null, ${s.totalTenths}, ${s.bonus.capTenths}, ${s.naPolicy}, ${s.grading.quotaTies},
      ${s.ranking.vetoedLast ? 1 : 0}, ${JSON.stringify(s.ranking.tieBreak)}, ${s.rollUp.quartersPercent}, ${s.rollUp.yearEndPercent},
      ${s.rollUp.yearEndLabel}, ${s.rollUp.vetoAnnualGradeCap}, ${s.note}, 1, ${at}, 'system', ${at}, 'system', ${at}, 'system')`);
  for (const [ci, c] of s.categories.entries()) {
    await exec(
      sql`insert into standard_categories (version, position, code, title, max_tenths) values (${s.version}, ${ci}, ${c.code}, ${c.title}, ${c.maxTenths})`,
    );
    for (const [ii, i] of c.items.entries()) {
      const { kind, ...params } = i.method;
      await exec(sql`insert into standard_items (version, category_position, position, code, title, max_tenths, method, params_json, evidence_json, frequency, guide)
        values (${s.version}, ${ci}, ${ii}, ${i.code}, ${i.title}, ${i.maxTenths}, ${kind}, ${JSON.stringify(params)}, ${JSON.stringify(i.evidence)}, ${i.frequency}, ${i.guide})`);
    }
  }
  for (const [bi, b] of s.bonus.items.entries()) {
    await exec(sql`insert into standard_bonus_items (version, position, code, title, cap_tenths, method_json, guide)
      values (${s.version}, ${bi}, ${b.code}, ${b.title}, ${b.capTenths}, ${JSON.stringify(b.method)}, ${b.guide})`);
  }
  for (const [vi, v] of s.vetoes.entries()) {
    await exec(
      sql`insert into standard_veto_items (version, position, code, title, effect, guide) values (${s.version}, ${vi}, ${v.code}, ${v.title}, ${v.effect}, ${v.guide})`,
    );
  }
  for (const [gi, g] of s.grading.bands.entries()) {
    await exec(sql`insert into standard_grade_bands (version, position, label, min_tenths, quota_percent, quota_count)
      values (${s.version}, ${gi}, ${g.label}, ${g.minTenths}, ${g.quota?.percent ?? null}, ${g.quota?.count ?? null})`);
  }
  await appendAudit(
    db as never,
    {
      actor: 'system',
      action: 'standard.seed',
      entity: 'standard',
      entityId: s.version,
      after: { version: s.version, name: s.name, status: 'published' },
    },
    new Date(at),
  );
}
