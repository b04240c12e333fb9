/**
 * Idempotent creation: a create action (扣分, 申诉) carries the client's request id, stored with a
 * unique index per round. A repeated request — a double click, a retried call — finds the row the
 * first one created and returns it instead of creating another. Checked inside the write
 * transaction (transactions run one at a time), so two identical requests in flight still make one.
 */
import type { DbOrTrx } from '../../platform/db/schema';

export async function deductionByRequest(trx: DbOrTrx, roundId: string, requestId: string | undefined): Promise<number | null> {
  if (!requestId) return null;
  const row = await trx
    .selectFrom('deductions')
    .select('id')
    .where('round_id', '=', roundId)
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  return row?.id ?? null;
}

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
