/** The assignments of a round's 考评员, as record-access reads them. */
import type { DbOrTrx } from '../db/schema';

export async function roundAssessorRows(db: DbOrTrx, roundId: string) {
  return db.selectFrom('round_assessors').selectAll().where('round_id', '=', roundId).execute();
}
