/**
 * Rows of a form's scores ↔ the scoring engine's plain data: score_items, bonus_entries,
 * veto_entries and settlements (deductions: deductions.repository). The form of a community is the
 * set of rows with assessor '' (one assessor, or the reviewer's settled values); blind assessors keep
 * their own rows under their name.
 */
import type { Insertable, Selectable } from 'kysely';
import { itemValueSchema, type CommunityEntries, type ItemEntry } from '../../../../shared/domain/scoring/score-entry.schema';
import type { DbOrTrx } from '../../platform/db/schema';
import type { BonusEntriesTable, ScoreItemsTable, SettlementsTable } from '../../platform/db/schema/rounds.schema';

function parseJson<T>(text: string | null): T | undefined {
  return text === null ? undefined : (JSON.parse(text) as T);
}

/**
 * The recorded entries of one assessor's sheet (default: the form itself) for the round's
 * communities, keyed by community id. Deduction records become the deduction items' values.
 */
export async function loadEntries(
  db: DbOrTrx,
  roundId: string,
  assessor = '',
  communityIds?: readonly number[],
): Promise<Map<number, CommunityEntries>> {
  let items = db.selectFrom('score_items').selectAll().where('round_id', '=', roundId).where('assessor', '=', assessor);
  // A deduction withdrawn by an adopted appeal counts nowhere.
  let deds = db
    .selectFrom('deductions')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('assessor', '=', assessor)
    .where('withdrawn_by_appeal', 'is', null);
  let bonus = db.selectFrom('bonus_entries').selectAll().where('round_id', '=', roundId).where('assessor', '=', assessor);
  let vetoes = db.selectFrom('veto_entries').selectAll().where('round_id', '=', roundId).where('assessor', '=', assessor);
  if (communityIds) {
    const ids = [...communityIds];
    if (ids.length === 0) return new Map();
    items = items.where('community_id', 'in', ids);
    deds = deds.where('community_id', 'in', ids);
    bonus = bonus.where('community_id', 'in', ids);
    vetoes = vetoes.where('community_id', 'in', ids);
  }
  const [itemRows, dedRows, bonusRows, vetoRows] = await Promise.all([
    items.execute(),
    deds.orderBy('id').execute(),
    bonus.orderBy('code').execute(),
    vetoes.orderBy('code').execute(),
  ]);
  const out = new Map<number, CommunityEntries>();
  const itemMaps = new Map<number, Map<string, ItemEntry>>();
  const entriesOf = (id: number): CommunityEntries => {
    let e = out.get(id);
    if (!e) {
      e = { items: [], bonus: [], vetoes: [] };
      out.set(id, e);
      itemMaps.set(id, new Map());
    }
    return e;
  };
  const itemOf = (id: number, code: string): ItemEntry => {
    entriesOf(id);
    const m = itemMaps.get(id) as Map<string, ItemEntry>;
    let it = m.get(code);
    if (!it) {
      it = { itemCode: code };
      m.set(code, it);
      (out.get(id) as CommunityEntries).items.push(it);
    }
    return it;
  };
  for (const r of itemRows) {
    const it = itemOf(r.community_id, r.item_code);
    const parsed = r.value_json === null ? undefined : itemValueSchema.safeParse(JSON.parse(r.value_json));
    if (parsed?.success) it.value = parsed.data;
    if (r.na_reason !== null) it.na = { reason: r.na_reason };
    if (r.override_tenths !== null && r.override_reason !== null) it.override = { tenths: r.override_tenths, reason: r.override_reason };
  }
  for (const d of dedRows) {
    const it = itemOf(d.community_id, d.item_code);
    if (!it.value || it.value.kind !== 'deduct') it.value = { kind: 'deduct', deductions: [] };
    it.value.deductions.push({ reasonCode: d.reason_code, text: d.text, amountTenths: d.amount_tenths });
  }
  for (const b of bonusRows) {
    const awards = parseJson<{ level: string; note: string }[]>(b.awards_json);
    entriesOf(b.community_id).bonus.push({
      code: b.code,
      ...(awards ? { awards } : {}),
      ...(b.tenths !== null ? { tenths: b.tenths } : {}),
    });
  }
  for (const v of vetoRows) entriesOf(v.community_id).vetoes.push({ code: v.code, fact: v.fact });
  return out;
}

/** Named assessors (blind sheets) who recorded anything for a community. */
export async function sheetAssessors(db: DbOrTrx, roundId: string, communityId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('score_items')
    .select('assessor')
    .distinct()
    .where('round_id', '=', roundId)
    .where('community_id', '=', communityId)
    .where('assessor', '!=', '')
    .union(
      db
        .selectFrom('deductions')
        .select('assessor')
        .distinct()
        .where('round_id', '=', roundId)
        .where('community_id', '=', communityId)
        .where('assessor', '!=', ''),
    )
    .execute();
  return [...new Set(rows.map((r) => r.assessor))].sort();
}

// ---------------------------------------------------------------- score items

/** One item of one sheet: (round, community, assessor — '' for the form —, item). */
export type ScoreItemKey = Pick<Selectable<ScoreItemsTable>, 'round_id' | 'community_id' | 'assessor' | 'item_code'>;
export type ScoreItemRow = Selectable<ScoreItemsTable>;
/** What an item holds: its value, 不适用 reason and adjustment. */
export type ScoreItemValues = Pick<ScoreItemRow, 'value_json' | 'na_reason' | 'override_tenths' | 'override_reason'>;
/** Who changed a row, and when. */
export interface Stamp {
  at: string;
  by: string;
}

/** The value of a deduction item checked without any deduction (核查无扣分). */
export const CHECKED_NO_DEDUCTION = JSON.stringify({ kind: 'deduct', deductions: [] });

export async function findScoreItem(db: DbOrTrx, key: ScoreItemKey): Promise<ScoreItemRow | undefined> {
  return db
    .selectFrom('score_items')
    .selectAll()
    .where('round_id', '=', key.round_id)
    .where('community_id', '=', key.community_id)
    .where('assessor', '=', key.assessor)
    .where('item_code', '=', key.item_code)
    .executeTakeFirst();
}

/**
 * Writes an item: a new row gets `values` (what is not given is empty); an existing row changes only
 * the columns in `changes`. Both are stamped.
 */
export async function upsertScoreItem(
  trx: DbOrTrx,
  key: ScoreItemKey,
  values: Partial<ScoreItemValues>,
  changes: Partial<ScoreItemValues>,
  stamp: Stamp,
): Promise<void> {
  const stamped = { updated_at: stamp.at, updated_by: stamp.by };
  await trx
    .insertInto('score_items')
    .values({ ...key, value_json: null, na_reason: null, override_tenths: null, override_reason: null, ...values, ...stamped })
    .onConflict((oc) => oc.columns(['round_id', 'community_id', 'assessor', 'item_code']).doUpdateSet({ ...changes, ...stamped }))
    .execute();
}

// ---------------------------------------------------------------- bonus and veto entries

export type BonusKey = Pick<Selectable<BonusEntriesTable>, 'round_id' | 'community_id' | 'assessor' | 'code'>;

export async function findBonus(db: DbOrTrx, key: BonusKey): Promise<Selectable<BonusEntriesTable> | undefined> {
  return db
    .selectFrom('bonus_entries')
    .selectAll()
    .where('round_id', '=', key.round_id)
    .where('community_id', '=', key.community_id)
    .where('assessor', '=', key.assessor)
    .where('code', '=', key.code)
    .executeTakeFirst();
}

/** Replaces a bonus entry; null clears it. */
export async function replaceBonus(
  trx: DbOrTrx,
  key: BonusKey,
  next: Pick<Insertable<BonusEntriesTable>, 'awards_json' | 'tenths' | 'updated_at'> | null,
): Promise<void> {
  await trx
    .deleteFrom('bonus_entries')
    .where('round_id', '=', key.round_id)
    .where('community_id', '=', key.community_id)
    .where('assessor', '=', key.assessor)
    .where('code', '=', key.code)
    .execute();
  if (next)
    await trx
      .insertInto('bonus_entries')
      .values({ ...key, ...next })
      .execute();
}

export async function findVetoFact(db: DbOrTrx, key: BonusKey): Promise<{ fact: string } | undefined> {
  return db
    .selectFrom('veto_entries')
    .select('fact')
    .where('round_id', '=', key.round_id)
    .where('community_id', '=', key.community_id)
    .where('assessor', '=', key.assessor)
    .where('code', '=', key.code)
    .executeTakeFirst();
}

/** Replaces a veto entry; an empty fact clears it. */
export async function replaceVeto(trx: DbOrTrx, key: BonusKey, fact: string | null, at: string): Promise<void> {
  await trx
    .deleteFrom('veto_entries')
    .where('round_id', '=', key.round_id)
    .where('community_id', '=', key.community_id)
    .where('assessor', '=', key.assessor)
    .where('code', '=', key.code)
    .execute();
  if (fact)
    await trx
      .insertInto('veto_entries')
      .values({ ...key, fact, updated_at: at })
      .execute();
}

// ---------------------------------------------------------------- settlements (合议定分)

export type SettlementRow = Selectable<SettlementsTable>;

export async function listSettlements(db: DbOrTrx, roundId: string, communityId: number): Promise<SettlementRow[]> {
  return db.selectFrom('settlements').selectAll().where('round_id', '=', roundId).where('community_id', '=', communityId).execute();
}

export async function upsertSettlement(trx: DbOrTrx, row: SettlementRow): Promise<void> {
  const { method, tenths, note, settled_by, settled_at } = row;
  await trx
    .insertInto('settlements')
    .values(row)
    .onConflict((oc) => oc.columns(['round_id', 'community_id', 'item_code']).doUpdateSet({ method, tenths, note, settled_by, settled_at }))
    .execute();
}

// ---------------------------------------------------------------- annual items carried between quarters

/** The form's items of `codes` in an earlier round, for the given communities. */
export async function formItemsOf(
  db: DbOrTrx,
  roundId: string,
  codes: readonly string[],
  communityIds: readonly number[],
): Promise<ScoreItemRow[]> {
  return db
    .selectFrom('score_items')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('assessor', '=', '')
    .where('item_code', 'in', [...codes])
    .where('community_id', 'in', [...communityIds])
    .execute();
}

export async function insertScoreItemRow(trx: DbOrTrx, row: Insertable<ScoreItemsTable>): Promise<void> {
  await trx.insertInto('score_items').values(row).execute();
}

/** Form items and counting deductions of a community still marked as carried: item code and source round. */
export async function carriedMarks(
  db: DbOrTrx,
  roundId: string,
  communityId: number,
): Promise<{ item_code: string; carried_from: string | null }[]> {
  const [items, deds] = await Promise.all([
    db
      .selectFrom('score_items')
      .select(['item_code', 'carried_from'])
      .where('round_id', '=', roundId)
      .where('community_id', '=', communityId)
      .where('assessor', '=', '')
      .where('carried_from', 'is not', null)
      .execute(),
    db
      .selectFrom('deductions')
      .select(['item_code', 'carried_from'])
      .where('round_id', '=', roundId)
      .where('community_id', '=', communityId)
      .where('assessor', '=', '')
      .where('carried_from', 'is not', null)
      .where('withdrawn_by_appeal', 'is', null)
      .execute(),
  ]);
  return [...items, ...deds];
}

/** Clears the carried mark of a form item and its deductions. */
export async function clearCarriedMarks(trx: DbOrTrx, roundId: string, communityId: number, itemCode: string): Promise<void> {
  await trx
    .updateTable('score_items')
    .set({ carried_from: null })
    .where('round_id', '=', roundId)
    .where('community_id', '=', communityId)
    .where('assessor', '=', '')
    .where('item_code', '=', itemCode)
    .where('carried_from', 'is not', null)
    .execute();
  await trx
    .updateTable('deductions')
    .set({ carried_from: null })
    .where('round_id', '=', roundId)
    .where('community_id', '=', communityId)
    .where('assessor', '=', '')
    .where('item_code', '=', itemCode)
    .where('carried_from', 'is not', null)
    .execute();
}
