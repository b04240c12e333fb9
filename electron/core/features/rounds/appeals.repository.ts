/**
 * Appeals (申诉) and rectifications (整改清单) of a round's communities, with the one mapper of
 * each table's row to its DTO.
 */
import type { Insertable, Selectable, Updateable } from 'kysely';
import { tenthsToPoints } from '../../../../shared/domain/standard/standard.schema';
import type { AppealDto, RectificationDto } from '../../../../shared/ipc/channels/rounds.channels';
import type { DbOrTrx } from '../../platform/db/schema';
import type { AppealsTable, RectificationsTable } from '../../platform/db/schema/rounds.schema';

/** Rectification rows are short; 11 columns per row keeps a batch far below the bound-value limit. */
const BATCH = 500;

// ---------------------------------------------------------------- appeals

export type AppealRow = Selectable<AppealsTable>;

/** The one mapper of an appeals row; `names` gives the communities' names in the round. */
export function appealDto(r: AppealRow, names: ReadonlyMap<number, string>): AppealDto {
  return {
    id: r.id,
    communityId: r.community_id,
    communityName: names.get(r.community_id) ?? String(r.community_id),
    itemCode: r.item_code,
    claim: r.claim,
    status: r.status,
    decision: r.decision,
    adjustment: r.adjustment_tenths === null ? null : tenthsToPoints(r.adjustment_tenths),
    createdAt: r.created_at,
    createdBy: r.created_by,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
    deductionId: r.deduction_id,
  };
}

export async function listAppealRows(db: DbOrTrx, roundId: string): Promise<AppealRow[]> {
  return db.selectFrom('appeals').selectAll().where('round_id', '=', roundId).orderBy('id').execute();
}

export async function findAppeal(db: DbOrTrx, roundId: string, appealId: number): Promise<AppealRow | undefined> {
  return db.selectFrom('appeals').selectAll().where('id', '=', appealId).where('round_id', '=', roundId).executeTakeFirst();
}

export async function countOpenAppeals(db: DbOrTrx, roundId: string): Promise<number> {
  const rows = await db.selectFrom('appeals').select('id').where('round_id', '=', roundId).where('status', '=', 'open').execute();
  return rows.length;
}

/** The appeal a create request already made (idempotent creation), or null. */
export async function appealByRequest(trx: DbOrTrx, roundId: string, requestId: string | undefined): Promise<number | null> {
  if (!requestId) return null;
  const row = await trx
    .selectFrom('appeals')
    .select('id')
    .where('round_id', '=', roundId)
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function insertAppeal(trx: DbOrTrx, row: Insertable<AppealsTable>): Promise<number> {
  const { id } = await trx.insertInto('appeals').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateAppeal(trx: DbOrTrx, appealId: number, patch: Updateable<AppealsTable>): Promise<void> {
  await trx.updateTable('appeals').set(patch).where('id', '=', appealId).execute();
}

// ---------------------------------------------------------------- rectifications

export type RectificationRow = Selectable<RectificationsTable>;

/** The one mapper of a rectifications row; `communityName` comes from the round that raised it. */
export function rectificationDto(r: RectificationRow, communityName: string): RectificationDto {
  return {
    id: r.id,
    roundId: r.round_id,
    communityId: r.community_id,
    communityName,
    itemCode: r.item_code,
    kind: r.kind,
    text: r.text,
    lost: tenthsToPoints(r.lost_tenths),
    status: r.status,
    verifiedRoundId: r.verified_round_id,
    verifiedNote: r.verified_note,
  };
}

/** The rectifications a round raised. */
export async function roundRectificationRows(db: DbOrTrx, roundId: string): Promise<RectificationRow[]> {
  return db.selectFrom('rectifications').selectAll().where('round_id', '=', roundId).orderBy('id').execute();
}

/**
 * Earlier quarters' rectifications a round's forms deal with: those not yet verified, and those this
 * round verified (of one community, or of all).
 */
export async function rectificationsBefore(
  db: DbOrTrx,
  roundId: string,
  communityId?: number,
): Promise<(RectificationRow & { name: string })[]> {
  let q = db
    .selectFrom('rectifications')
    .innerJoin('round_communities', (j) =>
      j
        .onRef('round_communities.round_id', '=', 'rectifications.round_id')
        .onRef('round_communities.community_id', '=', 'rectifications.community_id'),
    )
    .selectAll('rectifications')
    .select('round_communities.name')
    .where('rectifications.round_id', '<', roundId)
    .where((eb) => eb.or([eb('rectifications.status', '!=', 'verified'), eb('rectifications.verified_round_id', '=', roundId)]));
  if (communityId !== undefined) q = q.where('rectifications.community_id', '=', communityId);
  return q.orderBy('rectifications.id').execute();
}

export async function findRectification(db: DbOrTrx, rectificationId: number): Promise<RectificationRow | undefined> {
  return db.selectFrom('rectifications').selectAll().where('id', '=', rectificationId).executeTakeFirst();
}

export async function updateRectification(trx: DbOrTrx, rectificationId: number, patch: Updateable<RectificationsTable>): Promise<void> {
  await trx.updateTable('rectifications').set(patch).where('id', '=', rectificationId).execute();
}

export async function insertRectifications(trx: DbOrTrx, rows: readonly Insertable<RectificationsTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH)
    await trx
      .insertInto('rectifications')
      .values(rows.slice(i, i + BATCH))
      .execute();
}

/** The list is regenerated when the round is finalized again; verified items stay. */
export async function deleteOpenRectifications(trx: DbOrTrx, roundId: string): Promise<void> {
  await trx
    .deleteFrom('rectifications')
    .where('round_id', '=', roundId)
    .where('status', '=', 'open')
    .where('verified_round_id', 'is', null)
    .execute();
}
