/**
 * Deductions (扣分) on a form, one record at a time: adding one (with its attachments' bytes stored
 * in the database in the same transaction, and idempotent by the client's request id) and removing one.
 */
import { AppError } from '../../../../shared/ipc/errors';
import { tenthsToPoints } from '../../../../shared/domain/standard/standard.schema';
import type { SaveResult } from '../../../../shared/ipc/channels/rounds.channels';
import type { AppContext } from '../../app-context';
import { appendAudit } from '../../platform/audit/audit-log';
import { assertAssigned, assertOwnSheet } from '../../platform/security/record-access';
import { getRound } from './rounds.repository';
import { deductionByRequest, deleteDeduction, findDeduction, insertAttachments, insertDeduction } from './deductions.repository';
import { assertCarriedEditable, releaseCarried } from './round-carry';
import { assertFormWritable, itemOf, recheckFormWritable, type RoundActor } from './round-guards';
import { checkDeductionInput, deductMethodOf } from './scoring-validation';
import { formScore, preparedFor } from './round-queries.service';
import { readStagedAttachments, storeAttachmentContents } from './attachments.service';

export interface AddDeductionInput {
  roundId: string;
  communityId: number;
  assessor: string;
  itemCode: string;
  reasonCode: string | null;
  text: string;
  amountTenths: number;
  evidence: string;
  attachmentFileIds: readonly string[];
  /** The department that imposed a 清单外 task (null or blank = none). */
  department?: string | null | undefined;
  requestId?: string | undefined;
}

/** Records one 扣分; its attachments' bytes go into the database with it (attachments.service). */
export async function addDeduction(
  app: AppContext,
  actor: RoundActor,
  input: AddDeductionInput,
): Promise<SaveResult & { deductionId: number }> {
  const db = app.db;
  const round = await getRound(db, input.roundId);
  const { metrics } = await assertFormWritable(db, round, input.communityId);
  const ps = await preparedFor(db, round);
  const prepared = itemOf(ps, input.itemCode);
  await assertAssigned(db, round.id, actor, input.communityId, prepared.category.code);
  deductMethodOf(ps, input.itemCode);
  if (input.assessor === '') await assertCarriedEditable(db, input.roundId, input.communityId, input.itemCode, actor.role);
  const text = checkDeductionInput(ps, input);
  const department = input.department?.trim() || null;
  // Read (and hash) the staged files before the transaction: it holds the write lock.
  const files = readStagedAttachments(app, input.attachmentFileIds);
  const now = app.now();
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    await recheckFormWritable(trx, round.id, input.communityId);
    const prior = await deductionByRequest(trx, input.roundId, input.requestId);
    if (prior !== null)
      return {
        deductionId: prior,
        score: await formScore(trx, ps, input.roundId, input.communityId, input.assessor, metrics),
        savedAt: at,
      };
    if (input.assessor === '') await releaseCarried(trx, input.roundId, input.communityId, input.itemCode);
    const id = await insertDeduction(trx, {
      round_id: input.roundId,
      community_id: input.communityId,
      assessor: input.assessor,
      item_code: input.itemCode,
      reason_code: input.reasonCode,
      text,
      amount_tenths: input.amountTenths,
      evidence: input.evidence,
      created_at: at,
      created_by: actor.name,
      request_id: input.requestId ?? null,
      department,
    });
    await storeAttachmentContents(trx, files, at);
    await insertAttachments(trx, id, files, at);
    await appendAudit(
      trx,
      {
        actor: actor.name,
        action: 'deduction.add',
        entity: 'deduction',
        entityId: id,
        after: {
          round: input.roundId,
          communityId: input.communityId,
          item: input.itemCode,
          reasonCode: input.reasonCode,
          text,
          points: tenthsToPoints(input.amountTenths),
          evidence: input.evidence,
          ...(department ? { department } : {}),
          attachments: files.map((f) => ({ name: f.fileName, sha256: f.hash })),
        },
      },
      now,
    );
    return { deductionId: id, score: await formScore(trx, ps, input.roundId, input.communityId, input.assessor, metrics), savedAt: at };
  });
}

export async function removeDeduction(
  app: AppContext,
  actor: RoundActor,
  roundId: string,
  deductionId: number,
  reason?: string,
): Promise<SaveResult> {
  const db = app.db;
  const round = await getRound(db, roundId);
  const ded = await findDeduction(db, roundId, deductionId);
  if (!ded) throw new AppError('NOT_FOUND', '找不到该扣分记录，可能已被删除。请刷新评分表。');
  assertOwnSheet(actor, ded.assessor);
  const { metrics } = await assertFormWritable(db, round, ded.community_id);
  const ps = await preparedFor(db, round);
  await assertAssigned(db, round.id, actor, ded.community_id, itemOf(ps, ded.item_code).category.code);
  if (ded.assessor === '') await assertCarriedEditable(db, roundId, ded.community_id, ded.item_code, actor.role);
  const now = app.now();
  return db.transaction().execute(async (trx) => {
    await recheckFormWritable(trx, round.id, ded.community_id);
    if (ded.assessor === '') await releaseCarried(trx, roundId, ded.community_id, ded.item_code);
    await deleteDeduction(trx, deductionId);
    await appendAudit(
      trx,
      {
        actor: actor.name,
        action: 'deduction.remove',
        entity: 'deduction',
        entityId: deductionId,
        before: { item: ded.item_code, text: ded.text, points: tenthsToPoints(ded.amount_tenths) },
        reason: reason ?? null,
      },
      now,
    );
    return { score: await formScore(trx, ps, roundId, ded.community_id, ded.assessor, metrics), savedAt: now.toISOString() };
  });
}
