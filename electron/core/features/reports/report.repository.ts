/**
 * Storage of the reports feature: the issues of finalized rounds' 通报 (report_issues) and the few
 * facts of rounds the reports read besides the rounds feature's results.
 */
import type { Insertable, Selectable } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema';
import type { ReportIssuesTable } from '../../platform/db/schema/report-issues.schema';

export type IssueRow = Selectable<ReportIssuesTable>;

/** The live (not superseded) issue of a round. */
export async function findLiveIssue(db: DbOrTrx, roundId: string): Promise<IssueRow | undefined> {
  return db.selectFrom('report_issues').selectAll().where('round_id', '=', roundId).where('superseded_at', 'is', null).executeTakeFirst();
}

/** The highest 发文 number of the year among live issues (0 when none). */
export async function maxLiveDocSeq(db: DbOrTrx, year: number): Promise<number> {
  const row = await db
    .selectFrom('report_issues')
    .select((eb) => eb.fn.max('doc_seq').as('max'))
    .where('doc_year', '=', year)
    .where('superseded_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

/** The number the round's latest issue of the year had (superseded or not). */
export async function lastDocSeqOfRound(db: DbOrTrx, roundId: string, year: number): Promise<number | null> {
  const row = await db
    .selectFrom('report_issues')
    .select('doc_seq')
    .where('round_id', '=', roundId)
    .where('doc_year', '=', year)
    .where('doc_seq', 'is not', null)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.doc_seq ?? null;
}

/** The round whose live issue holds this number of the year, if any. */
export async function roundHoldingDocSeq(db: DbOrTrx, year: number, seq: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('report_issues')
    .select('round_id')
    .where('doc_year', '=', year)
    .where('doc_seq', '=', seq)
    .where('superseded_at', 'is', null)
    .executeTakeFirst();
  return row?.round_id;
}

export async function insertIssue(db: DbOrTrx, values: Insertable<ReportIssuesTable>): Promise<void> {
  await db.insertInto('report_issues').values(values).execute();
}

export async function supersedeLiveIssues(db: DbOrTrx, roundId: string, at: string): Promise<void> {
  await db
    .updateTable('report_issues')
    .set({ superseded_at: at })
    .where('round_id', '=', roundId)
    .where('superseded_at', 'is', null)
    .execute();
}

/** Issues whose content hash is `hex` (64 digits) or starts with it, newest first. */
export async function issuesByHash(db: DbOrTrx, hex: string): Promise<IssueRow[]> {
  return db
    .selectFrom('report_issues')
    .selectAll()
    .where(hex.length === 64 ? (eb) => eb('content_hash', '=', hex) : (eb) => eb('content_hash', 'like', `${hex}%`))
    .orderBy('id', 'desc')
    .execute();
}

/** Finalized rounds without a live issue: finalized before issues were recorded. */
export async function finalizedRoundsWithoutIssue(db: DbOrTrx): Promise<{ id: string; finalized_at: string | null }[]> {
  return db
    .selectFrom('rounds')
    .select(['id', 'finalized_at'])
    .where('state', '=', 'finalized')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('report_issues')
            .select('id')
            .whereRef('report_issues.round_id', '=', 'rounds.id')
            .where('superseded_at', 'is', null),
        ),
      ),
    )
    .execute();
}

export async function roundFinalizedAt(db: DbOrTrx, roundId: string): Promise<string | null> {
  const row = await db.selectFrom('rounds').select('finalized_at').where('id', '=', roundId).executeTakeFirstOrThrow();
  return row.finalized_at;
}

/** The rounds of a year by quarter, with what the annual 通报 needs of them. */
export async function roundsOfYear(db: DbOrTrx, year: number) {
  return db
    .selectFrom('rounds')
    .select(['id', 'quarter', 'state', 'finalized_at', 'standard_version'])
    .where('year', '=', year)
    .orderBy('quarter')
    .execute();
}
