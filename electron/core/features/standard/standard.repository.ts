/**
 * Standard versions in the database ⇄ the domain `Standard`. Rows are keyed by (version, position);
 * writing a version replaces all its child rows (drafts are small: ~50 rows).
 */
import type { Selectable } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema';
import type { StandardVersionsTable } from '../../platform/db/schema/standards.schema';
import {
  bonusMethodSchema,
  scoringMethodSchema,
  tieBreakKeySchema,
  type EvidenceMethod,
  type Frequency,
  type NaPolicy,
  type Standard,
  type VetoEffect,
} from '../../../../shared/domain/standard/standard.schema';
import { z } from 'zod';

export type VersionRow = Selectable<StandardVersionsTable>;

export async function listVersionRows(db: DbOrTrx): Promise<VersionRow[]> {
  return db.selectFrom('standard_versions').selectAll().orderBy('version', 'asc').execute();
}

export async function findVersionRow(db: DbOrTrx, version: number): Promise<VersionRow | undefined> {
  return db.selectFrom('standard_versions').selectAll().where('version', '=', version).executeTakeFirst();
}

export async function maxVersion(db: DbOrTrx): Promise<number> {
  const row = await db
    .selectFrom('standard_versions')
    .select((eb) => eb.fn.max('version').as('v'))
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}

/** Latest published version (of one kind of appraised unit, when given). */
export async function latestPublishedVersionNumber(db: DbOrTrx, kind?: string): Promise<number | null> {
  let q = db.selectFrom('standard_versions').select('version').where('status', '=', 'published');
  if (kind !== undefined) q = q.where('kind', '=', kind);
  const row = await q.orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row?.version ?? null;
}

/** Which rounds (or other users) use each version. */
export async function usesByVersion(db: DbOrTrx, version?: number): Promise<Map<number, string[]>> {
  let q = db.selectFrom('standard_version_uses').select(['version', 'used_by']).orderBy('used_by', 'asc');
  if (version !== undefined) q = q.where('version', '=', version);
  const rows = await q.execute();
  const out = new Map<number, string[]>();
  for (const r of rows) out.set(r.version, [...(out.get(r.version) ?? []), r.used_by]);
  return out;
}

export async function insertUse(db: DbOrTrx, version: number, usedBy: string, actor: string, at: string): Promise<boolean> {
  const exists = await db
    .selectFrom('standard_version_uses')
    .select('version')
    .where('version', '=', version)
    .where('used_by', '=', usedBy)
    .executeTakeFirst();
  if (exists) return false;
  await db.insertInto('standard_version_uses').values({ version, used_by: usedBy, used_at: at, actor }).execute();
  return true;
}

const jsonArray = <T extends z.ZodType>(schema: T) => z.array(schema);

/** Reads one version as a domain `Standard` (undefined when it does not exist). */
export async function readStandard(db: DbOrTrx, version: number): Promise<{ standard: Standard; row: VersionRow } | undefined> {
  const row = await findVersionRow(db, version);
  if (!row) return undefined;
  const [cats, items, bonus, vetoes, bands] = await Promise.all([
    db.selectFrom('standard_categories').selectAll().where('version', '=', version).orderBy('position').execute(),
    db.selectFrom('standard_items').selectAll().where('version', '=', version).orderBy('category_position').orderBy('position').execute(),
    db.selectFrom('standard_bonus_items').selectAll().where('version', '=', version).orderBy('position').execute(),
    db.selectFrom('standard_veto_items').selectAll().where('version', '=', version).orderBy('position').execute(),
    db.selectFrom('standard_grade_bands').selectAll().where('version', '=', version).orderBy('position').execute(),
  ]);
  const standard: Standard = {
    name: row.name,
    version: row.version,
    totalTenths: row.total_tenths,
    categories: cats.map((c) => ({
      code: c.code,
      title: c.title,
      maxTenths: c.max_tenths,
      items: items
        .filter((i) => i.category_position === c.position)
        .map((i) => ({
          code: i.code,
          title: i.title,
          maxTenths: i.max_tenths,
          method: scoringMethodSchema.parse({ kind: i.method, ...(JSON.parse(i.params_json) as object) }),
          evidence: JSON.parse(i.evidence_json) as EvidenceMethod[],
          frequency: i.frequency as Frequency,
          guide: i.guide,
        })),
    })),
    bonus: {
      capTenths: row.bonus_cap_tenths,
      items: bonus.map((b) => ({
        code: b.code,
        title: b.title,
        capTenths: b.cap_tenths,
        method: bonusMethodSchema.parse(JSON.parse(b.method_json)),
        guide: b.guide,
      })),
    },
    vetoes: vetoes.map((v) => ({ code: v.code, title: v.title, effect: v.effect as VetoEffect, guide: v.guide })),
    grading: {
      bands: bands.map((b) => {
        const quota = {
          ...(b.quota_percent !== null ? { percent: b.quota_percent } : {}),
          ...(b.quota_count !== null ? { count: b.quota_count } : {}),
        };
        return { label: b.label, minTenths: b.min_tenths, ...(Object.keys(quota).length ? { quota } : {}) };
      }),
      quotaTies: row.quota_ties === 'admitAll' ? 'admitAll' : 'demoteAll',
    },
    ranking: { vetoedLast: row.vetoed_last === 1, tieBreak: jsonArray(tieBreakKeySchema).parse(JSON.parse(row.tie_break_json)) },
    rollUp: {
      quartersPercent: row.rollup_quarters_percent,
      yearEndPercent: row.rollup_year_end_percent,
      yearEndLabel: row.rollup_year_end_label,
      vetoAnnualGradeCap: row.rollup_veto_grade_cap,
    },
    naPolicy: row.na_policy as NaPolicy,
    note: row.note,
  };
  return { standard, row };
}

function settingsColumns(s: Standard) {
  return {
    name: s.name,
    total_tenths: s.totalTenths,
    bonus_cap_tenths: s.bonus.capTenths,
    na_policy: s.naPolicy,
    quota_ties: s.grading.quotaTies,
    vetoed_last: s.ranking.vetoedLast ? 1 : 0,
    tie_break_json: JSON.stringify(s.ranking.tieBreak),
    rollup_quarters_percent: s.rollUp.quartersPercent,
    rollup_year_end_percent: s.rollUp.yearEndPercent,
    rollup_year_end_label: s.rollUp.yearEndLabel,
    rollup_veto_grade_cap: s.rollUp.vetoAnnualGradeCap,
    note: s.note,
  };
}

async function replaceChildren(trx: DbOrTrx, s: Standard): Promise<void> {
  const v = s.version;
  // Items go first: they reference categories.
  await trx.deleteFrom('standard_items').where('version', '=', v).execute();
  await trx.deleteFrom('standard_categories').where('version', '=', v).execute();
  await trx.deleteFrom('standard_bonus_items').where('version', '=', v).execute();
  await trx.deleteFrom('standard_veto_items').where('version', '=', v).execute();
  await trx.deleteFrom('standard_grade_bands').where('version', '=', v).execute();
  if (s.categories.length) {
    await trx
      .insertInto('standard_categories')
      .values(s.categories.map((c, position) => ({ version: v, position, code: c.code, title: c.title, max_tenths: c.maxTenths })))
      .execute();
  }
  const items = s.categories.flatMap((c, cp) =>
    c.items.map((i, position) => {
      const { kind, ...params } = i.method;
      return {
        version: v,
        category_position: cp,
        position,
        code: i.code,
        title: i.title,
        max_tenths: i.maxTenths,
        method: kind,
        params_json: JSON.stringify(params),
        evidence_json: JSON.stringify(i.evidence),
        frequency: i.frequency,
        guide: i.guide,
      };
    }),
  );
  // 11 columns × 200 rows stays far below SQLite's bound-parameter limit.
  for (let i = 0; i < items.length; i += 200)
    await trx
      .insertInto('standard_items')
      .values(items.slice(i, i + 200))
      .execute();
  if (s.bonus.items.length) {
    await trx
      .insertInto('standard_bonus_items')
      .values(
        s.bonus.items.map((b, position) => ({
          version: v,
          position,
          code: b.code,
          title: b.title,
          cap_tenths: b.capTenths,
          method_json: JSON.stringify(b.method),
          guide: b.guide,
        })),
      )
      .execute();
  }
  if (s.vetoes.length) {
    await trx
      .insertInto('standard_veto_items')
      .values(s.vetoes.map((x, position) => ({ version: v, position, code: x.code, title: x.title, effect: x.effect, guide: x.guide })))
      .execute();
  }
  if (s.grading.bands.length) {
    await trx
      .insertInto('standard_grade_bands')
      .values(
        s.grading.bands.map((b, position) => ({
          version: v,
          position,
          label: b.label,
          min_tenths: b.minTenths,
          quota_percent: b.quota?.percent ?? null,
          quota_count: b.quota?.count ?? null,
        })),
      )
      .execute();
  }
}

/** Inserts a new draft version with its content. */
/** Sets the kind of unit a version appraises (a new version takes its source's, or the import's). */
export async function setVersionKind(trx: DbOrTrx, version: number, kind: string): Promise<void> {
  await trx.updateTable('standard_versions').set({ kind }).where('version', '=', version).execute();
}

/** Whether any version (draft or published) appraises `kind`. */
export async function hasVersionOfKind(db: DbOrTrx, kind: string): Promise<boolean> {
  return (await db.selectFrom('standard_versions').select('version').where('kind', '=', kind).limit(1).executeTakeFirst()) !== undefined;
}

export async function insertDraft(trx: DbOrTrx, s: Standard, basedOn: number | null, actor: string, at: string): Promise<void> {
  await trx
    .insertInto('standard_versions')
    .values({
      version: s.version,
      status: 'draft',
      based_on: basedOn,
      ...settingsColumns(s),
      revision: 1,
      created_at: at,
      created_by: actor,
      updated_at: at,
      updated_by: actor,
      published_at: null,
      published_by: null,
    })
    .execute();
  await replaceChildren(trx, s);
}

/** Replaces a draft's content and bumps its revision. */
export async function updateDraft(trx: DbOrTrx, s: Standard, revision: number, actor: string, at: string): Promise<void> {
  await trx
    .updateTable('standard_versions')
    .set({ ...settingsColumns(s), revision, updated_at: at, updated_by: actor })
    .where('version', '=', s.version)
    .where('status', '=', 'draft')
    .execute();
  await replaceChildren(trx, s);
}

export async function markPublished(trx: DbOrTrx, version: number, actor: string, at: string): Promise<void> {
  await trx
    .updateTable('standard_versions')
    .set({ status: 'published', published_at: at, published_by: actor, updated_at: at, updated_by: actor })
    .where('version', '=', version)
    .execute();
}

export async function deleteDraftRows(trx: DbOrTrx, version: number): Promise<void> {
  await trx.deleteFrom('standard_items').where('version', '=', version).execute();
  await trx.deleteFrom('standard_versions').where('version', '=', version).where('status', '=', 'draft').execute();
}
