/**
 * Rows of the rounds tables ↔ the scoring engine's plain data. The form of a community is the set
 * of rows with assessor '' (one assessor, or the reviewer's settled values); blind assessors keep
 * their own rows under their name.
 */
import type { Selectable } from 'kysely';
import { AppError } from '../../../../shared/ipc/errors';
import { roundTitle } from '../../../../shared/domain/round/round-workflow';
import { itemValueSchema, type CommunityEntries, type ItemEntry } from '../../../../shared/domain/scoring/score-entry.schema';
import type { DbOrTrx } from '../../platform/db/schema';
import type { RoundCommunitiesTable, RoundsTable } from '../../platform/db/schema/rounds.schema';

export type RoundRow = Selectable<RoundsTable>;
export type RoundCommunityRow = Selectable<RoundCommunitiesTable>;

export async function findRound(db: DbOrTrx, roundId: string): Promise<RoundRow | undefined> {
  return db.selectFrom('rounds').selectAll().where('id', '=', roundId).executeTakeFirst();
}

export async function getRound(db: DbOrTrx, roundId: string): Promise<RoundRow> {
  const row = await findRound(db, roundId);
  if (!row) throw new AppError('NOT_FOUND', `找不到考评轮次「${roundId}」。请先创建该季度的考评，或检查编号（如 2021Q3）。`);
  return row;
}

export function titleOf(round: Pick<RoundRow, 'year' | 'quarter'>): string {
  return roundTitle(round.year, round.quarter);
}

export async function roundCommunities(db: DbOrTrx, roundId: string): Promise<RoundCommunityRow[]> {
  return db
    .selectFrom('round_communities')
    .selectAll()
    .where('round_id', '=', roundId)
    .orderBy('sort_key')
    .orderBy('community_id')
    .execute();
}

export async function getRoundCommunity(db: DbOrTrx, roundId: string, communityId: number): Promise<RoundCommunityRow> {
  const row = await db
    .selectFrom('round_communities')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('community_id', '=', communityId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `本轮考评不包含编号为 ${communityId} 的社区。请从进度表中选择社区。`);
  return row;
}

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

export interface LedgerRow {
  id: number;
  communityId: number;
  assessor: string;
  itemCode: string;
  reasonCode: string | null;
  text: string;
  amountTenths: number;
  evidence: string;
  createdAt: string;
  createdBy: string;
  attachments: { id: number; fileName: string; sha256: string; size: number }[];
}

/** Deduction records that count (not withdrawn by an appeal), with their attachments. */
export async function loadLedger(
  db: DbOrTrx,
  roundId: string,
  options: { communityId?: number; assessor?: string } = {},
): Promise<LedgerRow[]> {
  let q = db.selectFrom('deductions').selectAll().where('round_id', '=', roundId).where('withdrawn_by_appeal', 'is', null);
  if (options.communityId !== undefined) q = q.where('community_id', '=', options.communityId);
  if (options.assessor !== undefined) q = q.where('assessor', '=', options.assessor);
  const rows = await q.orderBy('id').execute();
  const ids = rows.map((r) => r.id);
  const atts = ids.length
    ? await db.selectFrom('deduction_attachments').selectAll().where('deduction_id', 'in', ids).orderBy('id').execute()
    : [];
  const byDed = new Map<number, LedgerRow['attachments']>();
  for (const a of atts) {
    const list = byDed.get(a.deduction_id) ?? [];
    list.push({ id: a.id, fileName: a.file_name, sha256: a.sha256, size: a.size });
    byDed.set(a.deduction_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    communityId: r.community_id,
    assessor: r.assessor,
    itemCode: r.item_code,
    reasonCode: r.reason_code,
    text: r.text,
    amountTenths: r.amount_tenths,
    evidence: r.evidence,
    createdAt: r.created_at,
    createdBy: r.created_by,
    attachments: byDed.get(r.id) ?? [],
  }));
}

/** Frozen metrics of the round's communities. */
export function snapshotOf(row: RoundCommunityRow): {
  metrics: Record<string, number | null>;
  rows: Record<string, Record<string, string | number | null>[]>;
} {
  return {
    metrics: JSON.parse(row.metrics_json) as Record<string, number | null>,
    rows: JSON.parse(row.rows_json) as Record<string, Record<string, string | number | null>[]>,
  };
}
