/**
 * The round itself: rows of rounds, round_communities (the frozen roster snapshot and each form's
 * status), round_assessors (assignments) and round_comments. Scores live in scoring.repository,
 * appeals and rectifications in appeals.repository.
 */
import type { Insertable, Selectable, Updateable } from 'kysely';
import { AppError } from '../../../../shared/ipc/errors';
import { roundTitle, type FormStatus } from '../../../../shared/domain/round/round-workflow';
import type { UnitKind } from '../../../../shared/domain/levels/levels';
import type { DbOrTrx } from '../../platform/db/schema';
import type { CommunitySnapshot } from './round-sources';
import type {
  RoundAssessorsTable,
  RoundCommentKind,
  RoundCommentsTable,
  RoundCommunitiesTable,
  RoundsTable,
} from '../../platform/db/schema/rounds.schema';

export type RoundRow = Selectable<RoundsTable>;
export type RoundCommunityRow = Selectable<RoundCommunitiesTable>;

/** Rows carry JSON snapshots; 7 columns per row keeps each batch far below the bound-value limit. */
const BATCH = 500;

// ---------------------------------------------------------------- rounds

export async function findRound(db: DbOrTrx, roundId: string): Promise<RoundRow | undefined> {
  return db.selectFrom('rounds').selectAll().where('id', '=', roundId).executeTakeFirst();
}

/** The round of `kind` in a quarter, whatever its id. */
export async function findRoundOfKind(db: DbOrTrx, year: number, quarter: number, kind: UnitKind): Promise<RoundRow | undefined> {
  return db
    .selectFrom('rounds')
    .selectAll()
    .where('year', '=', year)
    .where('quarter', '=', quarter)
    .where('kind', '=', kind)
    .executeTakeFirst();
}

export async function getRound(db: DbOrTrx, roundId: string): Promise<RoundRow> {
  const row = await findRound(db, roundId);
  if (!row) throw new AppError('NOT_FOUND', `找不到考评轮次「${roundId}」。请先创建该季度的考评，或检查编号（如 2021Q3）。`);
  return row;
}

export function titleOf(round: Pick<RoundRow, 'year' | 'quarter'>): string {
  return roundTitle(round.year, round.quarter);
}

/** Every round, latest quarter first. */
export async function listRoundRows(db: DbOrTrx): Promise<RoundRow[]> {
  return db.selectFrom('rounds').selectAll().orderBy('year', 'desc').orderBy('quarter', 'desc').execute();
}

/** The rounds of one year, in quarter order. */
export async function roundsOfYear(db: DbOrTrx, year: number): Promise<RoundRow[]> {
  return db.selectFrom('rounds').selectAll().where('year', '=', year).orderBy('quarter').execute();
}

/** The year's latest round of `kind` before `quarter`, if any. */
export async function latestEarlierRound(db: DbOrTrx, year: number, quarter: number, kind: UnitKind): Promise<RoundRow | undefined> {
  return db
    .selectFrom('rounds')
    .selectAll()
    .where('year', '=', year)
    .where('kind', '=', kind)
    .where('quarter', '<', quarter)
    .orderBy('quarter', 'desc')
    .executeTakeFirst();
}

export async function insertRound(trx: DbOrTrx, row: Insertable<RoundsTable>): Promise<void> {
  await trx.insertInto('rounds').values(row).execute();
}

export async function updateRound(trx: DbOrTrx, roundId: string, patch: Updateable<RoundsTable>): Promise<void> {
  await trx.updateTable('rounds').set(patch).where('id', '=', roundId).execute();
}

// ---------------------------------------------------------------- the round's communities (forms)

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

/** Frozen metrics of the round's communities (the one mapper of a round_communities row's JSON). */
export function snapshotOf(row: RoundCommunityRow): CommunitySnapshot {
  return {
    metrics: JSON.parse(row.metrics_json) as CommunitySnapshot['metrics'],
    rows: JSON.parse(row.rows_json) as CommunitySnapshot['rows'],
  };
}

export async function insertRoundCommunities(
  trx: DbOrTrx,
  roundId: string,
  communities: readonly { id: number; name: string; sortKey: string; snapshot: CommunitySnapshot }[],
): Promise<void> {
  for (let i = 0; i < communities.length; i += BATCH) {
    await trx
      .insertInto('round_communities')
      .values(
        communities.slice(i, i + BATCH).map((c) => ({
          round_id: roundId,
          community_id: c.id,
          name: c.name,
          sort_key: c.sortKey,
          status: 'draft' as const,
          metrics_json: JSON.stringify(c.snapshot.metrics),
          rows_json: JSON.stringify(c.snapshot.rows),
        })),
      )
      .execute();
  }
}

export async function saveSnapshot(trx: DbOrTrx, roundId: string, communityId: number, snapshot: CommunitySnapshot): Promise<void> {
  await trx
    .updateTable('round_communities')
    .set({ metrics_json: JSON.stringify(snapshot.metrics), rows_json: JSON.stringify(snapshot.rows) })
    .where('round_id', '=', roundId)
    .where('community_id', '=', communityId)
    .execute();
}

/** Sets the status of the round's forms that are in one of `from` (all, or only the given communities). */
export async function setFormStatus(
  trx: DbOrTrx,
  roundId: string,
  status: FormStatus,
  scope: { from?: readonly FormStatus[]; only?: readonly number[] } = {},
): Promise<void> {
  let q = trx.updateTable('round_communities').set({ status }).where('round_id', '=', roundId);
  if (scope.from) q = q.where('status', 'in', [...scope.from]);
  if (scope.only) q = q.where('community_id', 'in', [...scope.only]);
  await q.execute();
}

// ---------------------------------------------------------------- assignments

export type AssignmentRow = Selectable<RoundAssessorsTable>;

export interface Assignment {
  assessor: string;
  communityId: number | null;
  categoryCode: string | null;
}

export async function listAssignments(db: DbOrTrx, roundId: string): Promise<AssignmentRow[]> {
  return db.selectFrom('round_assessors').selectAll().where('round_id', '=', roundId).orderBy('id').execute();
}

/** Replaces the round's assignments; returns the rows it had (as the audit log records them). */
export async function replaceAssignments(
  trx: DbOrTrx,
  roundId: string,
  assignments: readonly Assignment[],
): Promise<Pick<AssignmentRow, 'assessor' | 'community_id' | 'category_code'>[]> {
  const before = await trx
    .selectFrom('round_assessors')
    .select(['assessor', 'community_id', 'category_code'])
    .where('round_id', '=', roundId)
    .execute();
  await trx.deleteFrom('round_assessors').where('round_id', '=', roundId).execute();
  if (assignments.length) {
    await trx
      .insertInto('round_assessors')
      .values(
        assignments.map((a) => ({ round_id: roundId, assessor: a.assessor, community_id: a.communityId, category_code: a.categoryCode })),
      )
      .execute();
  }
  return before;
}

/** The one mapper of a round_assessors row to what the detail shows. */
export function assignmentDto(r: AssignmentRow): Assignment & { id: number } {
  return { id: r.id, assessor: r.assessor, communityId: r.community_id, categoryCode: r.category_code };
}

// ---------------------------------------------------------------- comments

export type CommentRow = Selectable<RoundCommentsTable>;

/** The round's comments (all, or those on one community's form: its own and the round-wide ones). */
export async function listComments(db: DbOrTrx, roundId: string, communityId?: number): Promise<CommentRow[]> {
  let q = db.selectFrom('round_comments').selectAll().where('round_id', '=', roundId);
  if (communityId !== undefined) q = q.where((eb) => eb.or([eb('community_id', '=', communityId), eb('community_id', 'is', null)]));
  return q.orderBy('id').execute();
}

export async function insertComment(
  trx: DbOrTrx,
  c: { roundId: string; communityId: number | null; kind: RoundCommentKind; text: string; actor: string; at: string },
): Promise<void> {
  await trx
    .insertInto('round_comments')
    .values({ round_id: c.roundId, community_id: c.communityId, kind: c.kind, text: c.text, actor: c.actor, at: c.at })
    .execute();
}

/** The one mapper of a round_comments row to its DTO. */
export function commentDto(c: CommentRow) {
  return { id: c.id, communityId: c.community_id, kind: c.kind, text: c.text, actor: c.actor, at: c.at };
}
