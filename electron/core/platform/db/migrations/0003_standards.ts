import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Migration } from '../migration';
import { STRICT, runDdl } from '../dialect';
import { V1_BONUS_ITEMS, V1_CATEGORIES, V1_GRADE_BANDS, V1_ITEMS, V1_VERSION, V1_VETO_ITEMS } from './0003_standards.seed';

/**
 * Versions of the 《社区规范化创建考核标准》: one row per version (settings, status, revision) and
 * its categories, items, bonus and veto items and grade bands, all keyed by (version, position) so
 * a draft can be saved even while it still has duplicate codes the editor is showing as errors.
 * standard_version_uses records which rounds use a version (a used version can never change).
 *
 * Seeds version 1, the default standard, as published, and records it in the audit log. Frozen in
 * time: the rows come from a snapshot (0003_standards.seed.ts) and are written with this step's own
 * SQL, the audit entry with the chain's hashing as it was: nothing here imports live code, so
 * today's default standard or audit code can change without changing what this step writes.
 */
export const migration: Migration = {
  version: 3,
  name: 'standards',
  async up(db) {
    const run = (text: string) => runDdl(db, text);
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

    await seedVersion1(db, new Date().toISOString());
  },
};

type AnyDb = Parameters<Migration['up']>[0];

async function seedVersion1(db: AnyDb, at: string): Promise<void> {
  const exec = (q: ReturnType<typeof sql>) => q.execute(db);
  const v = V1_VERSION;
  await exec(sql`insert into standard_versions (version, name, status, based_on, total_tenths, bonus_cap_tenths, na_policy, quota_ties, vetoed_last,
      tie_break_json, rollup_quarters_percent, rollup_year_end_percent, rollup_year_end_label, rollup_veto_grade_cap, note, revision,
      created_at, created_by, updated_at, updated_by, published_at, published_by)
    values (${v.version}, ${v.name}, 'published', null, ${v.total_tenths}, ${v.bonus_cap_tenths}, ${v.na_policy}, ${v.quota_ties},
      ${v.vetoed_last}, ${v.tie_break_json}, ${v.rollup_quarters_percent}, ${v.rollup_year_end_percent},
      ${v.rollup_year_end_label}, ${v.rollup_veto_grade_cap}, ${v.note}, 1, ${at}, 'system', ${at}, 'system', ${at}, 'system')`);
  for (const [position, code, title, maxTenths] of V1_CATEGORIES) {
    await exec(
      sql`insert into standard_categories (version, position, code, title, max_tenths) values (${v.version}, ${position}, ${code}, ${title}, ${maxTenths})`,
    );
  }
  for (const [category, position, code, title, maxTenths, method, params, evidence, frequency, guide] of V1_ITEMS) {
    await exec(sql`insert into standard_items (version, category_position, position, code, title, max_tenths, method, params_json, evidence_json, frequency, guide)
      values (${v.version}, ${category}, ${position}, ${code}, ${title}, ${maxTenths}, ${method}, ${params}, ${evidence}, ${frequency}, ${guide})`);
  }
  for (const [position, code, title, capTenths, method, guide] of V1_BONUS_ITEMS) {
    await exec(sql`insert into standard_bonus_items (version, position, code, title, cap_tenths, method_json, guide)
      values (${v.version}, ${position}, ${code}, ${title}, ${capTenths}, ${method}, ${guide})`);
  }
  for (const [position, code, title, effect, guide] of V1_VETO_ITEMS) {
    await exec(
      sql`insert into standard_veto_items (version, position, code, title, effect, guide) values (${v.version}, ${position}, ${code}, ${title}, ${effect}, ${guide})`,
    );
  }
  for (const [position, label, minTenths, quotaPercent, quotaCount] of V1_GRADE_BANDS) {
    await exec(sql`insert into standard_grade_bands (version, position, label, min_tenths, quota_percent, quota_count)
      values (${v.version}, ${position}, ${label}, ${minTenths}, ${quotaPercent}, ${quotaCount})`);
  }
  await seedAuditEntry(db, at);
}

const GENESIS = '0'.repeat(64);

/**
 * The audit entry `standard.seed`, chained as the log did when this step shipped: the hash is the
 * sha256 of the JSON array of the entry's fields and the previous hash; the chain's head
 * (app_meta 'audit.head') moves with it.
 */
async function seedAuditEntry(db: AnyDb, at: string): Promise<void> {
  const last = await sql<{ hash: string }>`select hash from audit_log order by seq desc limit 1`.execute(db);
  const prevHash = last.rows[0]?.hash ?? GENESIS;
  // Keys in sorted order, as the chain's canonical JSON writes them.
  const afterJson = JSON.stringify({ name: V1_VERSION.name, status: 'published', version: V1_VERSION.version });
  const entityId = String(V1_VERSION.version);
  const hash = createHash('sha256')
    .update(JSON.stringify([at, 'system', 'standard.seed', 'standard', entityId, null, afterJson, null, prevHash]))
    .digest('hex');
  const inserted = await sql<{
    seq: number;
  }>`insert into audit_log (at, actor, action, entity, entity_id, before_json, after_json, reason, prev_hash, hash)
    values (${at}, 'system', 'standard.seed', 'standard', ${entityId}, null, ${afterJson}, null, ${prevHash}, ${hash}) returning seq`.execute(
    db,
  );
  const head = JSON.stringify({ seq: Number(inserted.rows[0]?.seq), hash });
  await sql`insert into app_meta (key, value) values ('audit.head', ${head}) on conflict (key) do update set value = excluded.value`.execute(
    db,
  );
}
