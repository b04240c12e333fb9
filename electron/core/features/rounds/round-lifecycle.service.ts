/**
 * A round's life before scoring: creating it (the roster snapshot frozen at the quarter end, annual
 * items carried from the year's earlier round), re-freezing the snapshot until the first
 * submission, and assigning assessors. Every change appends an audit entry in its transaction.
 */
import { AppError } from '../../../../shared/ipc/errors';
import { quarterEndDate } from '../../../../shared/domain/round/round-workflow';
import type { UnitKind } from '../../../../shared/domain/levels/levels';
import { prepareStandard } from '../../../../shared/domain/scoring/prepared-standard';
import type { RoundDetail } from '../../../../shared/ipc/channels/rounds.channels';
import type { AppContext } from '../../app-context';
import { appendAudit } from '../../platform/audit/audit-log';
import {
  getRound,
  insertRound,
  insertRoundCommunities,
  replaceAssignments,
  roundCommunities,
  saveSnapshot,
  updateRound,
} from './rounds.repository';
import { listRoundCommunities, loadStandardVersion, markStandardUsed, snapshotCommunities } from './round-sources';
import { carryAnnualItems } from './round-carry';
import { newRoundId, standardForNewRound } from './round-kind';
import { resolveAssessorAccounts } from './round-assignees';
import { assertNotFinalized, type RoundActor } from './round-guards';
import { getRoundDetail, preparedFor } from './round-queries.service';

export interface CreateRoundInput {
  year: number;
  quarter: number;
  standardVersion?: number | undefined;
  kind?: UnitKind | undefined;
  communityIds?: readonly number[] | undefined;
  communityNames?: readonly string[] | undefined;
}

export async function createRound(app: AppContext, actor: RoundActor, input: CreateRoundInput): Promise<RoundDetail> {
  const db = app.db;
  const { version, kind } = await standardForNewRound(db, input);
  const id = await newRoundId(db, input.year, input.quarter, kind);
  const standard = await loadStandardVersion(db, version);
  let communities = await listRoundCommunities(db, input.communityIds, version);
  if (input.communityNames) {
    const wanted = new Set(input.communityNames);
    const unknown = input.communityNames.filter((n) => !communities.some((c) => c.name === n));
    if (unknown.length)
      throw new AppError('VALIDATION_FAILED', `找不到社区：${unknown.join('、')}。请检查名称，或先在“组织与名册”中导入社区。`);
    communities = communities.filter((c) => wanted.has(c.name));
  }
  if (input.communityIds) {
    const found = new Set(communities.map((c) => c.id));
    const missing = input.communityIds.filter((c) => !found.has(c));
    if (missing.length)
      throw new AppError('VALIDATION_FAILED', `找不到编号为 ${missing.join('、')} 的社区。请先在“组织与名册”中导入社区。`);
  }
  if (communities.length === 0) throw new AppError('VALIDATION_FAILED', '没有可考评的社区。请先在“组织与名册”中导入社区名单。');
  const snapshot = await snapshotCommunities(
    db,
    communities.map((c) => c.id),
    quarterEndDate(input.year, input.quarter),
    version,
  );
  const now = app.now();
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await insertRound(trx, {
      id,
      year: input.year,
      quarter: input.quarter,
      kind,
      standard_version: version,
      state: 'draft',
      snapshot_at: at,
      first_submitted_at: null,
      finalized_at: null,
      created_at: at,
      created_by: actor.name,
      updated_at: at,
    });
    await insertRoundCommunities(
      trx,
      id,
      communities.map((c) => ({ ...c, snapshot: snapshot.get(c.id) ?? { metrics: {}, rows: {} } })),
    );
    await markStandardUsed(trx, version, id, actor.name, now);
    const carried = await carryAnnualItems(
      trx,
      { id, year: input.year, quarter: input.quarter, kind },
      prepareStandard(standard),
      communities.map((c) => c.id),
      { iso: at, actor: actor.name },
    );
    await appendAudit(
      trx,
      {
        actor: actor.name,
        action: 'round.create',
        entity: 'round',
        entityId: id,
        after: {
          standardVersion: version,
          standardName: standard.name,
          communities: communities.map((c) => c.name),
          carriedAnnualEntries: carried,
        },
      },
      now,
    );
  });
  return getRoundDetail(app, id);
}

/** Re-freeze the roster snapshot (until the first submission). */
export async function refreezeRound(app: AppContext, actor: RoundActor, roundId: string): Promise<RoundDetail> {
  const db = app.db;
  const round = await getRound(db, roundId);
  assertNotFinalized(round);
  if (round.first_submitted_at !== null || round.state !== 'draft') {
    throw new AppError('ILLEGAL_STATE', '已有评分表提交，名册快照不能再重新冻结。如名册数据有误，请对相关计算项“调整得分”并填写理由。');
  }
  const communities = await roundCommunities(db, roundId);
  const snapshot = await snapshotCommunities(
    db,
    communities.map((c) => c.community_id),
    quarterEndDate(round.year, round.quarter),
    round.standard_version,
  );
  const now = app.now();
  await db.transaction().execute(async (trx) => {
    for (const c of communities) {
      await saveSnapshot(trx, roundId, c.community_id, snapshot.get(c.community_id) ?? { metrics: {}, rows: {} });
    }
    await updateRound(trx, roundId, { snapshot_at: now.toISOString(), updated_at: now.toISOString() });
    await appendAudit(
      trx,
      {
        actor: actor.name,
        action: 'round.refreeze',
        entity: 'round',
        entityId: roundId,
        before: { snapshotAt: round.snapshot_at },
        after: { snapshotAt: now.toISOString() },
      },
      now,
    );
  });
  return getRoundDetail(app, roundId);
}

export async function assignAssessors(
  app: AppContext,
  actor: RoundActor,
  roundId: string,
  requested: readonly { assessor: string; communityId: number | null; categoryCode: string | null }[],
): Promise<RoundDetail> {
  const db = app.db;
  const round = await getRound(db, roundId);
  assertNotFinalized(round);
  const assignments = await resolveAssessorAccounts(db, requested);
  const ps = await preparedFor(db, round);
  const ids = new Set((await roundCommunities(db, roundId)).map((c) => c.community_id));
  for (const a of assignments) {
    if (a.communityId !== null && !ids.has(a.communityId))
      throw new AppError('VALIDATION_FAILED', `本轮考评不包含编号为 ${a.communityId} 的社区。`);
    if (a.categoryCode !== null && !ps.standard.categories.some((c) => c.code === a.categoryCode)) {
      throw new AppError('VALIDATION_FAILED', `考核标准中没有一级指标“${a.categoryCode}”。`);
    }
  }
  const now = app.now();
  await db.transaction().execute(async (trx) => {
    const before = await replaceAssignments(trx, roundId, assignments);
    await appendAudit(
      trx,
      { actor: actor.name, action: 'round.assign', entity: 'round', entityId: roundId, before, after: assignments },
      now,
    );
  });
  return getRoundDetail(app, roundId);
}
