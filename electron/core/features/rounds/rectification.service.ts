/**
 * The 整改清单: what a round's forms lost points on, generated from the entries until the round is
 * finalized and stored then; a later quarter's form marks an earlier item verified (销号) or still
 * unresolved.
 */
import { AppError } from '../../../../shared/ipc/errors';
import { prepareStandard } from '../../../../shared/domain/scoring/prepared-standard';
import { rectificationsFrom } from '../../../../shared/domain/scoring/rectification';
import { EMPTY_ENTRIES } from '../../../../shared/domain/scoring/score-entry.schema';
import { tenthsToPoints } from '../../../../shared/domain/standard/standard.schema';
import type { RectificationDto } from '../../../../shared/ipc/channels/rounds.channels';
import type { AppContext } from '../../app-context';
import { appendAudit } from '../../platform/audit/audit-log';
import type { DbOrTrx } from '../../platform/db/schema';
import { assertAssigned } from '../../platform/security/record-access';
import { readNorms } from '../planner/index';
import { getRound, roundCommunities, snapshotOf, type RoundRow } from './rounds.repository';
import { loadEntries } from './scoring.repository';
import {
  findRectification,
  rectificationDto,
  rectificationsBefore,
  roundRectificationRows,
  updateRectification,
} from './appeals.repository';
import { loadStandardVersion } from './round-sources';
import { assertFormWritable, recheckFormWritable, type RoundActor } from './round-guards';

/** Earlier quarters' rectifications a community's form deals with this quarter. */
export async function rectificationsForForm(db: DbOrTrx, round: RoundRow, communityId: number): Promise<RectificationDto[]> {
  return (await rectificationsBefore(db, round.id, communityId)).map((r) => rectificationDto(r, r.name));
}

/** The rectification list of a round: stored once finalized, generated live before. */
export async function roundRectifications(app: AppContext, roundId: string): Promise<RectificationDto[]> {
  const db = app.db;
  const round = await getRound(db, roundId);
  const communities = await roundCommunities(db, roundId);
  const names = new Map(communities.map((c) => [c.community_id, c.name]));
  if (round.state === 'finalized') {
    const rows = await roundRectificationRows(db, roundId);
    return rows.map((r) => rectificationDto(r, names.get(r.community_id) ?? String(r.community_id)));
  }
  const standard = prepareStandard(await loadStandardVersion(db, round.standard_version));
  const entries = await loadEntries(db, roundId);
  const norms = await readNorms(db);
  let n = 0;
  return communities.flatMap((c) =>
    rectificationsFrom(standard, entries.get(c.community_id) ?? EMPTY_ENTRIES, snapshotOf(c).metrics, norms).map((r) => ({
      id: --n,
      roundId,
      communityId: c.community_id,
      communityName: c.name,
      itemCode: r.itemCode,
      kind: r.kind,
      text: r.text,
      lost: tenthsToPoints(r.lostTenths),
      status: 'open' as const,
      verifiedRoundId: null,
      verifiedNote: null,
    })),
  );
}

/** 销号: mark an earlier quarter's rectification verified (or still unresolved) on this quarter's form. */
export async function verifyRectification(
  app: AppContext,
  actor: RoundActor,
  input: { roundId: string; rectificationId: number; status: 'verified' | 'unresolved'; note: string },
): Promise<RectificationDto> {
  const db = app.db;
  const round = await getRound(db, input.roundId);
  const rect = await findRectification(db, input.rectificationId);
  if (!rect || rect.round_id >= input.roundId) throw new AppError('NOT_FOUND', '找不到该整改事项，请刷新评分表。');
  await assertAssigned(db, input.roundId, actor, rect.community_id, null);
  await assertFormWritable(db, round, rect.community_id);
  const now = app.now();
  await db.transaction().execute(async (trx) => {
    await recheckFormWritable(trx, round.id, rect.community_id);
    await updateRectification(trx, input.rectificationId, {
      status: input.status,
      verified_round_id: input.roundId,
      verified_note: input.note,
      verified_at: now.toISOString(),
      verified_by: actor.name,
    });
    await appendAudit(
      trx,
      {
        actor: actor.name,
        action: 'rectification.verify',
        entity: 'rectification',
        entityId: input.rectificationId,
        before: { status: rect.status },
        after: { status: input.status, round: input.roundId },
        reason: input.note || null,
      },
      now,
    );
  });
  const rows = await rectificationsForForm(db, round, rect.community_id);
  const found = rows.find((r) => r.id === input.rectificationId);
  if (!found) throw new AppError('NOT_FOUND', '找不到该整改事项。');
  return found;
}
