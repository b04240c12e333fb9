/**
 * One community's scoring form (or a blind assessor's sheet of it): loading it with everything the
 * page shows, autosaving items, bonus and veto entries, and submitting it. Every write checks the
 * form is writable and the actor assigned, validates (scoring-validation), then writes and audits in
 * one transaction that checks writability again. Deductions: deductions.service.
 */
import { AppError } from '../../../../shared/ipc/errors';
import { ROUND_STATE_LABELS } from '../../../../shared/domain/round/round-workflow';
import { communityStatusLabel } from '../../../../shared/domain/round/community-status';
import { scoreCommunity } from '../../../../shared/domain/scoring/index';
import { EMPTY_ENTRIES, type ItemValue } from '../../../../shared/domain/scoring/score-entry.schema';
import { METRIC_CATALOGUE } from '../../../../shared/domain/standard/metric-catalogue';
import { tenthsToPoints } from '../../../../shared/domain/standard/standard.schema';
import type { FormDto, RoundDetail, SaveResult } from '../../../../shared/ipc/channels/rounds.channels';
import type { AppContext } from '../../app-context';
import { appendAudit } from '../../platform/audit/audit-log';
import { assertAssigned } from '../../platform/security/record-access';
import {
  commentDto,
  getRound,
  getRoundCommunity,
  listComments,
  setFormStatus,
  snapshotOf,
  titleOf,
  updateRound,
} from './rounds.repository';
import {
  findBonus,
  findScoreItem,
  findVetoFact,
  loadEntries,
  replaceBonus,
  replaceVeto,
  sheetAssessors,
  upsertScoreItem,
  type ScoreItemValues,
} from './scoring.repository';
import { loadLedger } from './deductions.repository';
import { drillDownByMetric } from './round-sources';
import { assertCarriedEditable, carriedItems, releaseCarried } from './round-carry';
import { assertFormWritable, formReadOnlyReason, itemOf, recheckFormWritable, type RoundActor } from './round-guards';
import { checkBonus, checkOverride, checkValue, checkVeto, clearsBonus } from './scoring-validation';
import { formScore, getRoundDetail, preparedFor, toFormScore } from './round-queries.service';
import { rectificationsForForm } from './rectification.service';

export async function getForm(app: AppContext, roundId: string, communityId: number, assessor: string): Promise<FormDto> {
  const db = app.db;
  const round = await getRound(db, roundId);
  const rc = await getRoundCommunity(db, roundId, communityId);
  const ps = await preparedFor(db, round);
  const [entriesMap, ledger, rectifications, comments, assessors] = await Promise.all([
    loadEntries(db, roundId, assessor, [communityId]),
    loadLedger(db, roundId, { communityId, assessor }),
    rectificationsForForm(db, round, communityId),
    listComments(db, roundId, communityId),
    sheetAssessors(db, roundId, communityId),
  ]);
  const entries = entriesMap.get(communityId) ?? { items: [], bonus: [], vetoes: [] };
  const snap = snapshotOf(rc);
  const state = round.state;
  const readOnly = formReadOnlyReason(round, rc.status);
  return {
    round: {
      id: round.id,
      title: titleOf(round),
      state,
      stateLabel: ROUND_STATE_LABELS[state],
      standardVersion: round.standard_version,
      editable: readOnly === null,
      readOnlyReason: readOnly,
    },
    community: { id: rc.community_id, name: rc.name, status: rc.status, statusLabel: communityStatusLabel(state, rc.status) },
    assessor,
    assessors,
    standard: ps.standard,
    entries,
    ledger: ledger.map(({ communityId: _c, ...l }) => l),
    score: toFormScore(scoreCommunity(ps, entries, snap.metrics)),
    metrics: snap.metrics,
    metricLabels: Object.fromEntries(METRIC_CATALOGUE.metrics.map((m) => [m.key, m.label])),
    drillDown: drillDownByMetric(snap.rows),
    rectifications,
    comments: comments.map(commentDto),
    carried: assessor === '' ? await carriedItems(db, roundId, communityId) : {},
  };
}

export interface SetItemInput {
  roundId: string;
  communityId: number;
  assessor: string;
  itemCode: string;
  value?: ItemValue | null | undefined;
  na?: { reason: string } | null | undefined;
  override?: { tenths: number; reason: string } | null | undefined;
}

/** What the audit log shows of an item's stored values. */
function auditView(r: ScoreItemValues | undefined) {
  return r
    ? {
        value: r.value_json === null ? null : (JSON.parse(r.value_json) as unknown),
        na: r.na_reason,
        override: r.override_tenths === null ? null : { tenths: r.override_tenths, reason: r.override_reason },
      }
    : null;
}

/** Saves one item of a form (autosave): only the given parts change. */
export async function setItem(app: AppContext, actor: RoundActor, input: SetItemInput): Promise<SaveResult> {
  const db = app.db;
  const round = await getRound(db, input.roundId);
  const { metrics } = await assertFormWritable(db, round, input.communityId);
  const ps = await preparedFor(db, round);
  const prepared = itemOf(ps, input.itemCode);
  await assertAssigned(db, round.id, actor, input.communityId, prepared.category.code);
  if (input.assessor === '') await assertCarriedEditable(db, input.roundId, input.communityId, input.itemCode, actor.role);
  if (input.value) checkValue(ps, input.itemCode, input.value);
  if (input.override) checkOverride(ps, input.itemCode, input.override.tenths);
  const now = app.now();
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    await recheckFormWritable(trx, round.id, input.communityId);
    const key = { round_id: input.roundId, community_id: input.communityId, assessor: input.assessor, item_code: input.itemCode };
    const before = await findScoreItem(trx, key);
    const next: ScoreItemValues = {
      value_json: input.value === undefined ? (before?.value_json ?? null) : input.value === null ? null : JSON.stringify(input.value),
      na_reason: input.na === undefined ? (before?.na_reason ?? null) : (input.na?.reason ?? null),
      override_tenths: input.override === undefined ? (before?.override_tenths ?? null) : (input.override?.tenths ?? null),
      override_reason: input.override === undefined ? (before?.override_reason ?? null) : (input.override?.reason ?? null),
    };
    const changed =
      !before ||
      before.value_json !== next.value_json ||
      before.na_reason !== next.na_reason ||
      before.override_tenths !== next.override_tenths ||
      before.override_reason !== next.override_reason;
    if (changed) {
      if (input.assessor === '') await releaseCarried(trx, input.roundId, input.communityId, input.itemCode);
      await upsertScoreItem(trx, key, next, next, { at, by: actor.name });
      const action = input.override !== undefined ? 'score.override' : input.na !== undefined ? 'score.na' : 'score.set';
      await appendAudit(
        trx,
        {
          actor: actor.name,
          action,
          entity: 'score',
          entityId: `${input.roundId}/${input.communityId}/${input.itemCode}${input.assessor ? `/${input.assessor}` : ''}`,
          before: auditView(before),
          after: auditView(next),
          reason: input.override?.reason ?? input.na?.reason ?? null,
        },
        now,
      );
    }
    return { score: await formScore(trx, ps, input.roundId, input.communityId, input.assessor, metrics), savedAt: at };
  });
}

export async function setBonus(
  app: AppContext,
  actor: RoundActor,
  input: {
    roundId: string;
    communityId: number;
    assessor: string;
    code: string;
    awards: { level: string; note: string }[] | null;
    tenths: number | null;
  },
): Promise<SaveResult> {
  const db = app.db;
  const round = await getRound(db, input.roundId);
  const { metrics } = await assertFormWritable(db, round, input.communityId);
  const ps = await preparedFor(db, round);
  await assertAssigned(db, round.id, actor, input.communityId, null);
  checkBonus(ps, input);
  const clear = clearsBonus(input);
  const now = app.now();
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    await recheckFormWritable(trx, round.id, input.communityId);
    const key = { round_id: input.roundId, community_id: input.communityId, assessor: input.assessor, code: input.code };
    const before = await findBonus(trx, key);
    await replaceBonus(
      trx,
      key,
      clear
        ? null
        : { awards_json: input.awards && input.awards.length ? JSON.stringify(input.awards) : null, tenths: input.tenths, updated_at: at },
    );
    await appendAudit(
      trx,
      {
        actor: actor.name,
        action: 'bonus.set',
        entity: 'score',
        entityId: `${input.roundId}/${input.communityId}/${input.code}`,
        before: before ? { awards: before.awards_json ? (JSON.parse(before.awards_json) as unknown) : null, tenths: before.tenths } : null,
        after: clear ? null : { awards: input.awards, tenths: input.tenths },
      },
      now,
    );
    return { score: await formScore(trx, ps, input.roundId, input.communityId, input.assessor, metrics), savedAt: at };
  });
}

export async function setVeto(
  app: AppContext,
  actor: RoundActor,
  input: { roundId: string; communityId: number; assessor: string; code: string; fact: string | null },
): Promise<SaveResult> {
  const db = app.db;
  const round = await getRound(db, input.roundId);
  const { metrics } = await assertFormWritable(db, round, input.communityId);
  const ps = await preparedFor(db, round);
  await assertAssigned(db, round.id, actor, input.communityId, null);
  checkVeto(ps, input.code);
  const now = app.now();
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    await recheckFormWritable(trx, round.id, input.communityId);
    const key = { round_id: input.roundId, community_id: input.communityId, assessor: input.assessor, code: input.code };
    const before = await findVetoFact(trx, key);
    await replaceVeto(trx, key, input.fact, at);
    await appendAudit(
      trx,
      {
        actor: actor.name,
        action: 'veto.set',
        entity: 'score',
        entityId: `${input.roundId}/${input.communityId}/${input.code}`,
        before: before ?? null,
        after: input.fact ? { fact: input.fact } : null,
      },
      now,
    );
    return { score: await formScore(trx, ps, input.roundId, input.communityId, input.assessor, metrics), savedAt: at };
  });
}

/** Submit one community's form (all items scored). */
export async function submitForm(app: AppContext, actor: RoundActor, roundId: string, communityId: number): Promise<RoundDetail> {
  const db = app.db;
  const round = await getRound(db, roundId);
  await assertAssigned(db, roundId, actor, communityId, null);
  const { name, metrics } = await assertFormWritable(db, round, communityId);
  const ps = await preparedFor(db, round);
  const entries = (await loadEntries(db, roundId, '', [communityId])).get(communityId) ?? EMPTY_ENTRIES;
  const score = scoreCommunity(ps, entries, metrics);
  if (!score.complete) {
    const missing = score.items.filter((i) => i.status === 'missing' || i.status === 'invalid').map((i) => i.code);
    throw new AppError(
      'ILLEGAL_STATE',
      `「${name}」还有${missing.length}项未评分、未核查或有误（${missing.slice(0, 8).join('、')}${missing.length > 8 ? '等' : ''}），不能提交。请补全后再提交。`,
    );
  }
  const now = app.now();
  await db.transaction().execute(async (trx) => {
    await recheckFormWritable(trx, round.id, communityId);
    await setFormStatus(trx, roundId, 'submitted', { only: [communityId] });
    if (round.first_submitted_at === null) await updateRound(trx, roundId, { first_submitted_at: now.toISOString() });
    await appendAudit(
      trx,
      {
        actor: actor.name,
        action: 'form.submit',
        entity: 'round',
        entityId: `${roundId}/${communityId}`,
        after: { community: name, total: tenthsToPoints(score.totalTenths) },
      },
      now,
    );
  });
  return getRoundDetail(app, roundId);
}
