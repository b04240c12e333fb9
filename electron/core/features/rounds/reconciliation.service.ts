/**
 * Blind (背靠背) scoring: each assessor fills their own sheet; the spread report flags items whose
 * scores differ by more than the round's threshold, and a reviewer settles each item into the form
 * (合议定分) by mean, median, trimmed mean or a chosen value.
 */
import { AppError } from '../../../../shared/ipc/errors';
import { ROUND_STATE_LABELS } from '../../../../shared/domain/round/round-workflow';
import { checkManualValue, scoreCommunity } from '../../../../shared/domain/scoring/index';
import type { PreparedStandard } from '../../../../shared/domain/scoring/prepared-standard';
import { settleItem, spreadReport, type SettleMethod } from '../../../../shared/domain/scoring/reconciliation';
import { EMPTY_ENTRIES, type CommunityEntries } from '../../../../shared/domain/scoring/score-entry.schema';
import { formatTenths, tenthsToPoints } from '../../../../shared/domain/standard/standard.schema';
import type { SaveResult } from '../../../../shared/ipc/channels/rounds.channels';
import type { AppContext } from '../../app-context';
import { appendAudit } from '../../platform/audit/audit-log';
import type { DbOrTrx } from '../../platform/db/schema';
import { getRound, getRoundCommunity, snapshotOf } from './rounds.repository';
import {
  listSettlements,
  loadEntries,
  sheetAssessors,
  upsertScoreItem,
  upsertSettlement,
  type ScoreItemValues,
} from './scoring.repository';
import { assertNotFinalized, assertReviewer, itemOf, type RoundActor } from './round-guards';
import { formScore, preparedFor } from './round-queries.service';

function scoresByAssessor(ps: PreparedStandard, sheets: Map<string, CommunityEntries>, metrics: Record<string, number | null>) {
  return [...sheets].map(([assessorId, entries]) => {
    const s = scoreCommunity(ps, entries, metrics);
    const recorded = new Set(entries.items.map((e) => e.itemCode));
    // Only items this assessor actually scored (computed items are the same for everyone).
    return {
      assessorId,
      items: new Map(
        s.items.filter((i) => recorded.has(i.code) && i.status !== 'invalid' && i.status !== 'missing').map((i) => [i.code, i.tenths]),
      ),
    };
  });
}

async function blindSheets(db: DbOrTrx, roundId: string, communityId: number): Promise<Map<string, CommunityEntries>> {
  const names = await sheetAssessors(db, roundId, communityId);
  const sheets = new Map<string, CommunityEntries>();
  for (const n of names) sheets.set(n, (await loadEntries(db, roundId, n, [communityId])).get(communityId) ?? EMPTY_ENTRIES);
  return sheets;
}

export async function spreadFor(app: AppContext, roundId: string, communityId: number) {
  const db = app.db;
  const round = await getRound(db, roundId);
  const rc = await getRoundCommunity(db, roundId, communityId);
  const ps = await preparedFor(db, round);
  const sheets = await blindSheets(db, roundId, communityId);
  const report = spreadReport(
    scoresByAssessor(ps, sheets, snapshotOf(rc).metrics),
    round.spread_threshold_tenths,
    ps.items.map((p) => p.item.code),
  );
  const settled = await listSettlements(db, roundId, communityId);
  const settledBy = new Map(settled.map((s) => [s.item_code, s]));
  return {
    assessors: [...sheets.keys()],
    threshold: tenthsToPoints(round.spread_threshold_tenths),
    rows: report.map((r) => {
      const s = settledBy.get(r.itemCode);
      return {
        itemCode: r.itemCode,
        count: r.count,
        spread: tenthsToPoints(r.spreadTenths),
        mean: tenthsToPoints(r.meanTenths),
        median: tenthsToPoints(r.medianTenths),
        flagged: r.flagged,
        values: r.values.map((v) => ({ assessor: v.assessorId, score: tenthsToPoints(v.tenths) })),
        settled: s ? { method: s.method, score: tenthsToPoints(s.tenths), note: s.note } : null,
      };
    }),
  };
}

/** Settles one item from the blind sheets into the form: manual items get the value, others an override. */
export async function settle(
  app: AppContext,
  actor: RoundActor,
  input: { roundId: string; communityId: number; itemCode: string; method: SettleMethod; chosenTenths?: number | undefined; note: string },
): Promise<SaveResult> {
  assertReviewer(actor, '合议定分');
  const db = app.db;
  const round = await getRound(db, input.roundId);
  assertNotFinalized(round);
  if (!['draft', 'returned', 'submitted'].includes(round.state)) {
    throw new AppError('ILLEGAL_STATE', `本轮考评当前为“${ROUND_STATE_LABELS[round.state]}”状态，不能再合议定分。`);
  }
  const rc = await getRoundCommunity(db, input.roundId, input.communityId);
  const metrics = snapshotOf(rc).metrics;
  const ps = await preparedFor(db, round);
  const prepared = itemOf(ps, input.itemCode);
  const sheets = await blindSheets(db, input.roundId, input.communityId);
  const values = scoresByAssessor(ps, sheets, metrics)
    .map((s) => s.items.get(input.itemCode))
    .filter((v): v is number => v !== undefined);
  if (values.length === 0 && input.method !== 'chosen')
    throw new AppError('VALIDATION_FAILED', `还没有考评员为${input.itemCode}打分，无法合议。`);
  if (input.method === 'chosen' && input.chosenTenths === undefined)
    throw new AppError('VALIDATION_FAILED', '选择“指定分值”时请填写分值。');
  if (input.method === 'chosen' && !input.note.trim()) throw new AppError('VALIDATION_FAILED', '指定分值时请填写说明。');
  if (input.chosenTenths !== undefined && input.chosenTenths > prepared.item.maxTenths)
    throw new AppError('VALIDATION_FAILED', `分值不能超过${formatTenths(prepared.item.maxTenths)}分。`);
  const tenths = settleItem(values, input.method, {
    ...(input.chosenTenths !== undefined ? { chosenTenths: input.chosenTenths } : {}),
    item: prepared.item,
  });
  const now = app.now();
  const at = now.toISOString();
  const manual = prepared.item.method.kind === 'manual' && checkManualValue(prepared.item, tenths) === undefined;
  const methodLabel = { mean: '平均值', median: '中位数', trimmedMean: '去掉最高最低后平均', chosen: '指定分值' }[input.method];
  return db.transaction().execute(async (trx) => {
    const next: ScoreItemValues = manual
      ? { value_json: JSON.stringify({ kind: 'manual', tenths }), na_reason: null, override_tenths: null, override_reason: null }
      : {
          value_json: null,
          na_reason: null,
          override_tenths: tenths,
          override_reason: `多人评分合议（${methodLabel}）${input.note ? `：${input.note}` : ''}`,
        };
    const key = { round_id: input.roundId, community_id: input.communityId, assessor: '', item_code: input.itemCode };
    await upsertScoreItem(trx, key, next, next, { at, by: actor.name });
    await upsertSettlement(trx, {
      round_id: input.roundId,
      community_id: input.communityId,
      item_code: input.itemCode,
      method: input.method,
      tenths,
      note: input.note,
      settled_by: actor.name,
      settled_at: at,
    });
    await appendAudit(
      trx,
      {
        actor: actor.name,
        action: 'score.settle',
        entity: 'score',
        entityId: `${input.roundId}/${input.communityId}/${input.itemCode}`,
        after: { method: input.method, values, score: tenthsToPoints(tenths) },
        reason: input.note || null,
      },
      now,
    );
    return { score: await formScore(trx, ps, input.roundId, input.communityId, '', metrics), savedAt: at };
  });
}
