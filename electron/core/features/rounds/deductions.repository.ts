/**
 * Deduction records (扣分) and their attachments. A deduction withdrawn by an adopted appeal stays
 * recorded but counts nowhere: every read here that feeds a score or a list leaves it out.
 */
import type { Insertable, Selectable } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema';
import type { DeductionsTable } from '../../platform/db/schema/rounds.schema';

export type DeductionRow = Selectable<DeductionsTable>;

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
  /** The department that imposed a 清单外 task this deduction records (null for other deductions). */
  department: string | null;
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
    department: r.department ?? null,
    attachments: byDed.get(r.id) ?? [],
  }));
}

export async function findDeduction(db: DbOrTrx, roundId: string, deductionId: number): Promise<DeductionRow | undefined> {
  return db.selectFrom('deductions').selectAll().where('id', '=', deductionId).where('round_id', '=', roundId).executeTakeFirst();
}

/** A deduction of the form (assessor '') of one community, withdrawn or not. */
export async function findFormDeduction(
  db: DbOrTrx,
  roundId: string,
  communityId: number,
  deductionId: number,
): Promise<DeductionRow | undefined> {
  return db
    .selectFrom('deductions')
    .selectAll()
    .where('id', '=', deductionId)
    .where('round_id', '=', roundId)
    .where('community_id', '=', communityId)
    .where('assessor', '=', '')
    .executeTakeFirst();
}

/** The deduction a create request already made (idempotent creation), or null. */
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

export async function insertDeduction(trx: DbOrTrx, row: Insertable<DeductionsTable>): Promise<number> {
  const { id } = await trx.insertInto('deductions').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function insertAttachments(
  trx: DbOrTrx,
  deductionId: number,
  files: readonly { fileName: string; stored: string; hash: string; size: number }[],
  at: string,
): Promise<void> {
  for (const f of files) {
    await trx
      .insertInto('deduction_attachments')
      .values({ deduction_id: deductionId, file_name: f.fileName, stored_name: f.stored, sha256: f.hash, size: f.size, created_at: at })
      .execute();
  }
}

export async function deleteDeduction(trx: DbOrTrx, deductionId: number): Promise<void> {
  await trx.deleteFrom('deductions').where('id', '=', deductionId).execute();
}

/** Removes every deduction of one item of a community's form. */
export async function deleteFormItemDeductions(trx: DbOrTrx, roundId: string, communityId: number, itemCode: string): Promise<void> {
  await trx
    .deleteFrom('deductions')
    .where('round_id', '=', roundId)
    .where('community_id', '=', communityId)
    .where('assessor', '=', '')
    .where('item_code', '=', itemCode)
    .execute();
}

/** Marks a deduction withdrawn by an adopted appeal (once). */
export async function withdrawDeduction(trx: DbOrTrx, deductionId: number, appealId: number): Promise<void> {
  await trx
    .updateTable('deductions')
    .set({ withdrawn_by_appeal: appealId })
    .where('id', '=', deductionId)
    .where('withdrawn_by_appeal', 'is', null)
    .execute();
}

/** The counting deductions of `codes` on the forms of an earlier round, for the given communities. */
export async function formDeductionsOf(
  db: DbOrTrx,
  roundId: string,
  codes: readonly string[],
  communityIds: readonly number[],
): Promise<DeductionRow[]> {
  return db
    .selectFrom('deductions')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('assessor', '=', '')
    .where('withdrawn_by_appeal', 'is', null)
    .where('item_code', 'in', [...codes])
    .where('community_id', 'in', [...communityIds])
    .orderBy('id')
    .execute();
}
