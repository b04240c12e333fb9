/**
 * Results of a round: totals, ranks, grades, change against the previous quarter, deductions,
 * comments and rectifications — everything the reports need, in one call (`getRoundResults`).
 * Also the what-if against another standard version and the annual roll-up.
 */
import { AppError } from '../../../../shared/ipc/errors';
import { ROUND_STATE_LABELS, previousRoundId } from '../../../../shared/domain/round/round-workflow';
import { compareWithPrevious } from '../../../../shared/domain/scoring/quarter-change';
import { annualCoverage, computeAnnualResults, type AnnualInput } from '../../../../shared/domain/scoring/annual-rollup';
import { carryYearAcrossLineage, predecessorAt } from '../../../../shared/domain/planner/lineage';
import { listLineage, readNorms } from '../planner/index';
import {
  computeRoundResults,
  rankInputOf,
  type CommunityInput,
  type CommunityResult,
} from '../../../../shared/domain/scoring/round-results';
import { whatIf } from '../../../../shared/domain/scoring/what-if';
import { prepareStandard } from '../../../../shared/domain/scoring/prepared-standard';
import { rectificationsFrom } from '../../../../shared/domain/scoring/rectification';
import { pointsLostToDeductions } from '../../../../shared/domain/scoring/deduction-total';
import { EMPTY_ENTRIES } from '../../../../shared/domain/scoring/score-entry.schema';
import { tenthsToPoints, type Standard } from '../../../../shared/domain/standard/standard.schema';
import type { CommunityResultDto, RoundDetail, RoundResultsDto } from '../../../../shared/ipc/channels/rounds.channels';
import type { AppContext } from '../../app-context';
import { appendAudit } from '../../platform/audit/audit-log';
import type { DbOrTrx } from '../../platform/db/schema';
import {
  findRoundOfKind,
  getRound,
  listAssignments,
  listComments,
  roundCommunities,
  roundsOfYear,
  snapshotOf,
  titleOf,
  updateRound,
  type RoundRow,
} from './rounds.repository';
import { loadEntries } from './scoring.repository';
import { loadLedger } from './deductions.repository';
import { rectificationsBefore } from './appeals.repository';
import { isPublishedVersion, loadStandardVersion, markStandardUsed, roundKind, roundsOfKind } from './round-sources';
import { kindWords } from '../../../../shared/domain/levels/kind-words';
import type { UnitKind } from '../../../../shared/domain/levels/levels';
import { assertNotFinalized, type RoundActor } from './round-guards';
import { getRoundDetail, listAppeals } from './round-queries.service';
import { displayNames } from '../roster/index';

const pts = tenthsToPoints;

/** The engine's input for every community of a round (the form sheets, frozen metrics). */
export async function roundInputs(db: DbOrTrx, roundId: string): Promise<{ inputs: CommunityInput[]; names: Map<string, string> }> {
  const [communities, entries] = await Promise.all([roundCommunities(db, roundId), loadEntries(db, roundId)]);
  return {
    inputs: communities.map((c) => ({
      id: String(c.community_id),
      sortKey: c.sort_key,
      entries: entries.get(c.community_id) ?? EMPTY_ENTRIES,
      metrics: snapshotOf(c).metrics,
    })),
    names: new Map(communities.map((c) => [String(c.community_id), c.name])),
  };
}

/** Ranked results of a round (engine output), or null when the round does not exist. */
async function computeResultsOf(
  db: DbOrTrx,
  round: RoundRow,
): Promise<{ standard: Standard; results: CommunityResult[]; names: Map<string, string>; inputs: CommunityInput[] }> {
  const standard = await loadStandardVersion(db, round.standard_version);
  const { inputs, names } = await roundInputs(db, round.id);
  return { standard, results: computeRoundResults(prepareStandard(standard), inputs), names, inputs };
}

/** Everything a report needs about a round, ranked. Points as numbers. */
export async function getRoundResults(app: AppContext, roundId: string): Promise<RoundResultsDto> {
  const db = app.db;
  const norms = await readNorms(db);
  const round = await getRound(db, roundId);
  const { standard, results, names, inputs } = await computeResultsOf(db, round);
  const ps = prepareStandard(standard);
  // The same kind's round of the quarter before (a 市 holds one per kind); lineage is by quarter.
  const prevQuarter = previousRoundId(round.year, round.quarter);
  const prevRound = await findRoundOfKind(
    db,
    round.quarter === 1 ? round.year - 1 : round.year,
    round.quarter === 1 ? 4 : round.quarter - 1,
    round.kind,
  );
  const prev = prevRound ? await computeResultsOf(db, prevRound) : null;
  const prevById = new Map((prev?.results ?? []).map((r) => [r.id, r]));
  const links = prev ? await listLineage(db) : [];
  const [ledger, comments, openRects, assessorRows, appeals] = await Promise.all([
    loadLedger(db, roundId, { assessor: '' }),
    listComments(db, roundId),
    rectificationsBefore(db, roundId),
    listAssignments(db, roundId),
    listAppeals(db, roundId),
  ]);
  const inputById = new Map(inputs.map((i) => [i.id, i]));
  const titleOfItem = (code: string) => ps.itemByCode.get(code)?.item.title ?? code;
  // Officials are named by 姓名 wherever people read results (forms, reports, workbook).
  const people = await displayNames(db);
  const who = (username: string) => people.get(username) ?? username;
  const allAssessors = new Set<string>(assessorRows.map((a) => who(a.assessor)));
  for (const l of ledger) allAssessors.add(who(l.createdBy));
  const communities: CommunityResultDto[] = results.map((r) => {
    const cid = Number(r.id);
    const s = r.score;
    // A community created by a split compares with the community it was part of (达标规划 lineage).
    const p = prevById.get(r.id) ?? prevById.get(predecessorAt(links, cid, prevQuarter) ?? '');
    const change = p ? compareWithPrevious({ ...s, rank: r.rank }, { ...p.score, rank: p.rank }) : null;
    const myLedger = ledger.filter((l) => l.communityId === cid);
    const assessors = new Set<string>(
      assessorRows.filter((a) => a.community_id === cid || a.community_id === null).map((a) => who(a.assessor)),
    );
    for (const l of myLedger) assessors.add(who(l.createdBy));
    return {
      id: cid,
      name: names.get(r.id) ?? r.id,
      rank: r.rank,
      tied: r.tied,
      decidedBy: r.decidedBy ?? null,
      grade: r.grade,
      quotaDemotedFrom: r.quotaDemotedFrom ?? null,
      cappedFrom: r.cappedFrom ?? null,
      total: pts(s.totalTenths),
      base: pts(s.baseTenths),
      bonus: pts(s.bonusTenths),
      veto: s.vetoes.length > 0,
      vetoes: s.vetoes.map((v) => ({ code: v.code, title: v.title, effect: v.effect, fact: v.fact })),
      complete: s.complete,
      categories: s.categories.map((c) => ({ code: c.code, name: c.title, score: pts(c.tenths), max: pts(c.maxTenths) })),
      items: s.items.map((i) => ({
        code: i.code,
        title: titleOfItem(i.code),
        categoryCode: i.categoryCode,
        score: pts(i.tenths),
        max: pts(i.maxTenths),
        status: i.status,
        reason: i.reason ?? null,
      })),
      bonusItems: s.bonus
        .filter((b) => b.tenths > 0)
        .map((b) => ({ code: b.code, title: ps.bonusByCode.get(b.code)?.title ?? b.code, score: pts(b.tenths) })),
      deducted: pts(pointsLostToDeductions(s)),
      deductions: myLedger.map((l) => ({
        itemCode: l.itemCode,
        itemTitle: titleOfItem(l.itemCode),
        reason: l.text,
        points: pts(l.amountTenths),
        evidence: l.evidence,
        assessor: who(l.createdBy),
        attachments: l.attachments.length,
      })),
      change:
        change && change.previousTotalTenths !== undefined
          ? {
              previousTotal: pts(change.previousTotalTenths),
              delta: pts(change.deltaTotalTenths ?? 0),
              previousRank: change.previousRank ?? null,
              rankMove: change.rankMove ?? null,
              movers: change.movers.map((m) => ({
                code: m.code,
                previous: pts(m.previousTenths),
                current: pts(m.currentTenths),
                delta: pts(m.deltaTenths),
              })),
            }
          : null,
      comments: comments.filter((c) => c.community_id === cid || c.community_id === null).map((c) => `${c.text}（${who(c.actor)}）`),
      rectifications: rectificationsFrom(ps, inputById.get(r.id)?.entries ?? EMPTY_ENTRIES, inputById.get(r.id)?.metrics, norms).map(
        (x) => ({ itemCode: x.itemCode, text: x.text, lost: pts(x.lostTenths) }),
      ),
      openRectifications: openRects
        .filter((x) => x.community_id === cid)
        .map((x) => ({ fromRound: x.round_id, itemCode: x.item_code, text: x.text, status: x.status })),
      assessors: [...assessors].sort(),
    };
  });
  const bands = standard.grading.bands;
  const state = round.state;
  return {
    round: round.id,
    title: titleOf(round),
    year: round.year,
    quarter: round.quarter,
    state,
    finalized: state === 'finalized',
    standardVersion: round.standard_version,
    standardName: standard.name,
    kind: await roundKind(db, round.standard_version),
    previousRound: prevRound ? prevRound.id : null,
    grades: bands.map((b) => ({ label: b.label, min: pts(b.minTenths), count: communities.filter((c) => c.grade === b.label).length })),
    communities,
    assessors: [...allAssessors].sort(),
    appeals,
  };
}

/** Old vs new total, rank and grade if the round were scored with another published version. */
export async function whatIfRound(app: AppContext, roundId: string, version: number) {
  const db = app.db;
  const round = await getRound(db, roundId);
  if (!(await isPublishedVersion(db, version)))
    throw new AppError('VALIDATION_FAILED', `考核标准第${version}版尚未发布（或不存在），不能试算。`);
  const [oldStd, newStd] = await Promise.all([loadStandardVersion(db, round.standard_version), loadStandardVersion(db, version)]);
  const { inputs, names } = await roundInputs(db, roundId);
  const result = whatIf(prepareStandard(oldStd), prepareStandard(newStd), inputs);
  return {
    fromVersion: round.standard_version,
    toVersion: version,
    rows: result.rows.map((r) => ({
      communityId: Number(r.id),
      name: names.get(r.id) ?? r.id,
      oldTotal: pts(r.old.totalTenths),
      newTotal: pts(r.new.totalTenths),
      delta: pts(r.deltaTenths),
      oldRank: r.old.rank,
      newRank: r.new.rank,
      oldGrade: r.old.grade,
      newGrade: r.new.grade,
      unmatchedItems: r.unmatchedItems,
      droppedItems: r.droppedItems,
    })),
  };
}

/** Re-pins the round to another version (before it is finalized); logged with the reason. */
export async function acceptWhatIf(
  app: AppContext,
  actor: RoundActor,
  roundId: string,
  version: number,
  reason: string,
): Promise<RoundDetail> {
  const db = app.db;
  const round = await getRound(db, roundId);
  assertNotFinalized(round);
  if (round.state === 'published')
    throw new AppError('ILLEGAL_STATE', `本轮考评已公示，不能更换考核标准版本。当前状态：${ROUND_STATE_LABELS[round.state]}。`);
  if (version === round.standard_version) throw new AppError('VALIDATION_FAILED', `本轮考评已使用第${version}版标准。`);
  if (!(await isPublishedVersion(db, version))) throw new AppError('VALIDATION_FAILED', `考核标准第${version}版尚未发布（或不存在）。`);
  const before = await whatIfRound(app, roundId, version);
  const now = app.now();
  await db.transaction().execute(async (trx) => {
    await updateRound(trx, roundId, { standard_version: version, updated_at: now.toISOString() });
    await markStandardUsed(trx, version, roundId, actor.name, now);
    await appendAudit(
      trx,
      {
        actor: actor.name,
        action: 'round.changeStandard',
        entity: 'round',
        entityId: roundId,
        before: { standardVersion: round.standard_version },
        after: { standardVersion: version, totals: before.rows.map((r) => ({ name: r.name, old: r.oldTotal, new: r.newTotal })) },
        reason,
      },
      now,
    );
  });
  return getRoundDetail(app, roundId);
}

/**
 * Annual roll-up of the year's FINALIZED rounds (a quarter still being scored or appealed does not
 * count yet) by the standard of the latest of them; `coverage` says which quarters it covers.
 */
export async function annualResults(app: AppContext, year: number, unitKind?: UnitKind) {
  const db = app.db;
  const { kind, rounds: all } = await roundsOfKind(db, await roundsOfYear(db, year), unitKind);
  const of = kind === '社区' ? '' : `考评${kindWords(kind).noun}的`;
  if (all.length === 0) throw new AppError('NOT_FOUND', `${year}年还没有${of}季度考评。`);
  const rounds = all.filter((r) => r.state === 'finalized');
  if (rounds.length === 0)
    throw new AppError('ILLEGAL_STATE', `${year}年还没有定稿的${of}季度考评：年度汇总只统计已定稿的季度。请先将季度考评定稿。`);
  const last = rounds[rounds.length - 1] as RoundRow;
  const standard = await loadStandardVersion(db, last.standard_version);
  const per = new Map<string, { name: string; sortKey: string; quarters: AnnualInput['quarters'][number][] }>();
  for (const r of rounds) {
    const { results, names, inputs } = await computeResultsOf(db, r);
    const sortKeys = new Map(inputs.map((i) => [i.id, i.sortKey]));
    for (const res of results) {
      const e = per.get(res.id) ?? { name: names.get(res.id) ?? res.id, sortKey: sortKeys.get(res.id) ?? res.id, quarters: [] };
      e.quarters.push({
        quarter: r.quarter as 1 | 2 | 3 | 4,
        totalTenths: res.score.totalTenths,
        vetoed: res.score.vetoes.length > 0,
        ranking: rankInputOf(res.id, e.sortKey, res.score),
      });
      per.set(res.id, e);
    }
  }
  // Communities created by a split or merge carry their predecessors' quarters (达标规划 lineage).
  const carried = carryYearAcrossLineage(per, await listLineage(db), year);
  const inputs: AnnualInput[] = [...carried].map(([id, e]) => ({ id, sortKey: e.sortKey, quarters: [...e.quarters] }));
  const annual = computeAnnualResults(standard, inputs);
  const { quartersPercent, yearEndPercent, yearEndLabel } = standard.rollUp;
  return {
    year,
    kind,
    coverage: annualCoverage(rounds.map((r) => r.quarter)),
    rule: yearEndPercent === 0 ? '四个季度平均' : `季度${quartersPercent}%＋${yearEndLabel || '年终'}${yearEndPercent}%`,
    rows: annual.map((a) => {
      const e = carried.get(a.id);
      return {
        communityId: Number(a.id),
        name: e?.name ?? a.id,
        quarters: [1, 2, 3, 4].map((q) => {
          const found = e?.quarters.find((x) => x.quarter === q);
          return { quarter: q, total: found ? pts(found.totalTenths) : null, vetoed: found?.vetoed ?? false };
        }),
        annual: a.annualTenths === null ? null : pts(a.annualTenths),
        missingQuarters: a.missingQuarters,
        rank: a.rank,
        grade: a.grade,
        notes: a.problems,
      };
    }),
  };
}
