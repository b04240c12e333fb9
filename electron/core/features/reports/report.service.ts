/**
 * Reports: maps the rounds feature's results (round-results.service) to the report DTOs of
 * shared/report, which the PDF builders (the main side's PDF runtime) and the workbook writer consume.
 * Read-only: nothing here changes business data.
 *
 * The content hash of a finalized round is the SHA-256 of its results in canonical JSON (keys
 * sorted), stored with its 发文字号 when the round was finalized (report-issue.service); rounds
 * finalized before issues were recorded get it computed from their locked data.
 */
import { AppError } from '../../../../shared/ipc/errors';
import type { Grade } from '../../../../shared/report/report-data';
import type {
  AnnualReportData,
  QuarterlyReportData,
  Rectification,
  OfficialDoc,
  ResultsWorkbookData,
  Signature,
} from '../../../../shared/report/report-data';
import { chineseDate, formatScore, quarterName, roundLabel } from '../../../../shared/report/report-format';
import { EVIDENCE_METHODS, tenthsToPoints, type Standard } from '../../../../shared/domain/standard/standard.schema';
import type { CommunityResultDto, RoundResultsDto } from '../../../../shared/ipc/channels/rounds.channels';
import type { AppContext } from '../../app-context';
import { getRound } from '../rounds/index';
import { annualResults, getRoundResults, roundInputs, roundRectifications, roundsOfKind } from '../rounds/index';
import { loadStandardVersion } from '../rounds/index';
import { getUnitSettings } from '../settings/index';
import { unitNameOf, type UnitKind } from '../../../../shared/domain/levels/levels';
import { kindWords } from '../../../../shared/domain/levels/kind-words';
import { DEFAULT_DOCUMENT_SETTINGS } from '../../../../shared/domain/settings/document-settings';
import { contentHash, liveIssue } from './report-issue.service';
import { roundsOfYear } from './report.repository';
import { listAccountNames } from '../../platform/security/account-names.repository';
import { getDocumentSettings } from '../settings/index';

export { contentHash } from './report-issue.service';

/** Optional names and date for the signature block; blank lines are printed for what is missing. */
export interface SignatureInput {
  leader?: string | undefined;
  reviewer?: string | undefined;
  /** ISO date; default: the finalization date, else today. */
  date?: string | undefined;
}

const STATUS_LABELS: Record<string, Rectification['status']> = {
  open: '待整改',
  verified: '已销号',
  unresolved: '逾期未改',
};

/** Local wall-clock time as ISO text without zone: what the office clock showed. */
export function localIso(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(date.getFullYear(), 4)}-${p(date.getMonth() + 1)}-${p(date.getDate())}T${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}`;
}

/** Grades are the labels the standard's bands give (any name the standard editor allows). */
function toGrade(label: string): Grade {
  if (!label.trim()) throw new AppError('VALIDATION_FAILED', '考核标准的等次名称为空，无法生成报告。请在考核标准中为每个等次命名。');
  return label;
}

/** Last day of the quarter after (year, quarter), as ISO date: the default rectification deadline. */
export function nextQuarterEnd(year: number, quarter: number): string {
  const nextQ = (quarter % 4) + 1;
  const nextY = quarter === 4 ? year + 1 : year;
  return new Date(Date.UTC(nextY, 3 * nextQ, 0)).toISOString().slice(0, 10);
}

function labelOfRoundId(id: string): string {
  const m = /^(\d{4})Q([1-4])$/.exec(id);
  return m ? roundLabel(Number(m[1]), Number(m[2])) : id;
}

function itemTitles(standard: Standard): Map<string, string> {
  const map = new Map<string, string>();
  for (const c of standard.categories) for (const i of c.items) map.set(i.code, i.title);
  for (const b of standard.bonus.items) map.set(b.code, b.title);
  return map;
}

function signatureOf(input: SignatureInput | undefined, finalizedAt: string | null, now: Date): Signature {
  const clean = (s: string | undefined) => (s && s.trim() ? s.trim() : null);
  const finalDay = finalizedAt ? localIso(new Date(finalizedAt)).slice(0, 10) : null;
  const date = clean(input?.date);
  // A 成文日期 before the 定稿 would date the document before its content was settled.
  if (date && finalDay && date < finalDay) {
    throw new AppError(
      'VALIDATION_FAILED',
      `成文日期 ${chineseDate(date)} 早于定稿日期 ${chineseDate(finalDay)}，请填写定稿当天或之后的日期。`,
    );
  }
  return { leader: clean(input?.leader), reviewer: clean(input?.reviewer), date: date ?? finalDay ?? localIso(now).slice(0, 10) };
}

/**
 * The 公文 block of a report: the office's settings, the 文号 issued at finalization. The 主送 left
 * at its default (各社区…) is addressed to the units the report is about at a 县区 or 市.
 */
async function officialDoc(app: AppContext, docNumber: string | null, date: string | null, kind: UnitKind): Promise<OfficialDoc> {
  const s = await getDocumentSettings(app.db);
  return {
    docNumber,
    recipients: s.recipients === DEFAULT_DOCUMENT_SETTINGS.recipients ? kindWords(kind).recipients : s.recipients,
    cc: s.cc,
    printer: s.printer,
    printDate: date,
    publicity: s.publicity,
    contact: s.contact,
    phone: s.phone,
    office: s.office,
  };
}

/** Login names -> 姓名 of the accounts: reports print people by name, never by login. */
async function personNames(app: AppContext): Promise<(login: string) => string> {
  const map = new Map((await listAccountNames(app.db)).map((r) => [r.username.toLowerCase(), r.displayName]));
  return (login) => map.get(login.toLowerCase()) ?? login;
}

/** 核查方式 is how the evidence was seen (查阅资料, 实地查看 …), not how the score reached the app. */
function evidenceMethod(recorded: string, itemCode: string, standard: Standard): string {
  if ((EVIDENCE_METHODS as readonly string[]).includes(recorded)) return recorded;
  for (const c of standard.categories) for (const i of c.items) if (i.code === itemCode && i.evidence.length) return i.evidence.join('、');
  return '查阅资料';
}

function roundRectificationRows(
  rows: Awaited<ReturnType<typeof roundRectifications>>,
  titles: Map<string, string>,
  year: number,
  quarter: number,
  roundId: string,
): Rectification[] {
  const deadline = nextQuarterEnd(year, quarter);
  return rows.map((r) => ({
    communityName: r.communityName,
    itemCode: r.itemCode,
    itemTitle: titles.get(r.itemCode) ?? r.itemCode,
    problem: r.kind === 'veto' ? `一票否决：${r.text}` : r.lost > 0 ? `${r.text}（扣${formatScore(r.lost)}分）` : r.text,
    requirement: requirementOf(r.itemCode, titles),
    deadline,
    status: STATUS_LABELS[r.status] ?? '待整改',
    sourceRound: labelOfRoundId(roundId),
    responsible: null,
  }));
}

/** One short requirement per item, named after it (the general rule is stated once in the text). */
function requirementOf(code: string, titles: Map<string, string>): string {
  return `按“${titles.get(code) ?? code}”标准整改到位`;
}

/**
 * Items of earlier rounds still open when this round was appraised: their deadline (end of the
 * quarter after the one they were found in) has passed, so they are 逾期未改 unless verified now.
 */
function carriedRectifications(c: CommunityResultDto, titles: Map<string, string>): Rectification[] {
  return c.openRectifications.map((r) => {
    const m = /^(\d{4})Q([1-4])$/.exec(r.fromRound);
    return {
      communityName: c.name,
      itemCode: r.itemCode,
      itemTitle: titles.get(r.itemCode) ?? r.itemCode,
      problem: r.text,
      requirement: requirementOf(r.itemCode, titles),
      deadline: m ? nextQuarterEnd(Number(m[1]), Number(m[2])) : null,
      status: r.status === 'verified' ? '已销号' : '逾期未改',
      sourceRound: labelOfRoundId(r.fromRound),
      responsible: null,
    };
  });
}

function changeOf(c: CommunityResultDto, titles: Map<string, string>): QuarterlyReportData['communities'][number]['change'] {
  if (!c.change) return { previousTotal: null, previousRank: null, delta: null, topItems: [] };
  const movers = [...c.change.movers].sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.code.localeCompare(b.code)).slice(0, 3);
  return {
    previousTotal: c.change.previousTotal,
    previousRank: c.change.previousRank,
    delta: c.change.delta,
    topItems: movers.map((m) => ({ itemCode: m.code, itemTitle: titles.get(m.code) ?? m.code, delta: m.delta })),
  };
}

/**
 * The unit the reports are issued by. Reports print `street` as the issuing place (龙塔街道); at a
 * 县区 or 市 database that place is the 县区 or 市 itself.
 */
async function reportUnit(app: AppContext) {
  const settings = await getUnitSettings(app.db);
  return settings.level === '街道' ? settings : { ...settings, street: unitNameOf(settings.level, settings) || settings.street };
}

/** Results of a round plus what the reports add: the standard, the unit, the content hash. */
async function roundContext(app: AppContext, roundId: string) {
  const results: RoundResultsDto = await getRoundResults(app, roundId);
  const [round, standard, unit, rects] = await Promise.all([
    getRound(app.db, roundId),
    loadStandardVersion(app.db, results.standardVersion),
    reportUnit(app),
    roundRectifications(app, roundId),
  ]);
  const issue = results.finalized ? await liveIssue(app.db, roundId) : undefined;
  const finalization = results.finalized
    ? {
        finalized: true,
        contentHash: issue?.content_hash ?? contentHash(results),
        finalizedAt: round.finalized_at ? localIso(new Date(round.finalized_at)) : null,
      }
    : { finalized: false, contentHash: null, finalizedAt: null };
  const titles = itemTitles(standard);
  return { results, round, standard, unit, rects, finalization, titles, docNumber: issue?.doc_number ?? null };
}

/** The quarterly report (季度考评通报) data of a round. */
export async function quarterlyReportData(app: AppContext, roundId: string, signature?: SignatureInput): Promise<QuarterlyReportData> {
  const { results, round, standard, unit, rects, finalization, titles, docNumber } = await roundContext(app, roundId);
  const now = app.now();
  const nameOf = await personNames(app);
  const { inputs } = await roundInputs(app.db, roundId);
  const entriesById = new Map(inputs.map((i) => [Number(i.id), i.entries]));
  const bonusBasis = (communityId: number, code: string): string =>
    (entriesById.get(communityId)?.bonus.find((b) => b.code === code)?.awards ?? [])
      .map((a) => (a.note.trim() ? `${a.level}：${a.note.trim()}` : a.level))
      .join('；');
  const sig = signatureOf(signature, round.finalized_at, now);
  return {
    document: await officialDoc(app, docNumber, sig.date, results.kind),
    notice: null,
    unitKind: results.kind,
    unit,
    round: {
      year: results.year,
      quarter: results.quarter,
      code: results.round,
      standardName: results.standardName,
      standardVersion: `第${results.standardVersion}版`,
    },
    finalization,
    generatedAt: localIso(now),
    categories: standard.categories.map((c) => ({ code: c.code, name: c.title, max: tenthsToPoints(c.maxTenths) })),
    gradeBands: results.grades.map((g, i, all) => ({
      grade: toGrade(g.label),
      minScore: i === all.length - 1 && g.min === 0 ? null : g.min,
    })),
    communities: results.communities.map((c) => ({
      rank: c.rank,
      name: c.name,
      categories: c.categories,
      bonus: c.bonus,
      veto: c.vetoes.map((v) => ({ itemCode: v.code, itemTitle: v.title, fact: v.fact })),
      total: c.total,
      grade: toGrade(c.grade),
      change: changeOf(c, titles),
      scorecard: {
        deductions: c.deductions.map((d) => ({
          itemCode: d.itemCode,
          itemTitle: d.itemTitle,
          points: d.points,
          reason: d.reason,
          evidenceMethod: evidenceMethod(d.evidence, d.itemCode, standard),
          assessor: nameOf(d.assessor),
        })),
        deductedTotal: c.deducted,
        bonusItems: c.bonusItems.map((b) => ({ itemCode: b.code, itemTitle: b.title, points: b.score, reason: bonusBasis(c.id, b.code) })),
        assessors: [...new Set(c.assessors.map(nameOf))].map((name) => ({ name, idCard: undefined, phone: undefined, role: undefined })),
        // Workflow comments (退回意见, 解锁理由 …) are internal to the office: never printed.
        comments: [],
        openRectifications: carriedRectifications(c, titles),
      },
    })),
    rectifications: [
      ...results.communities.flatMap((c) => carriedRectifications(c, titles)),
      ...roundRectificationRows(rects, titles, round.year, round.quarter, round.id),
    ],
    signature: sig,
  };
}

/** Adds days to an ISO date. */
function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The 公示 notice of a round: its results with the 公示期 and where and until when to appeal.
 * Only for a round that has been published (公示) or finalized.
 */
export async function noticeReportData(
  app: AppContext,
  roundId: string,
  period: { from?: string | undefined; to?: string | undefined; date?: string | undefined },
): Promise<QuarterlyReportData> {
  const round = await getRound(app.db, roundId);
  if (round.state !== 'published' && round.state !== 'finalized') {
    throw new AppError('ILLEGAL_STATE', '本轮考评尚未进入公示，不能生成公示。请先在“季度考评”中将考评改为“公示”。');
  }
  const today = localIso(app.now()).slice(0, 10);
  const from = period.from ?? period.date ?? today;
  const to = period.to ?? addDays(from, 6);
  if (to < from)
    throw new AppError('VALIDATION_FAILED', `公示期结束日期 ${chineseDate(to)} 早于开始日期 ${chineseDate(from)}，请重新填写。`);
  // The notice is dated the day the 公示 starts; it is not a finalized document, so no 定稿 date rule.
  const data = await quarterlyReportData(app, roundId, round.state === 'finalized' ? {} : { date: period.date ?? from });
  return { ...data, notice: { from, to }, signature: { ...data.signature, date: period.date ?? from } };
}

/** The annual report data: the year's rounds rolled up by the standard's rule. */
export async function annualReportData(
  app: AppContext,
  year: number,
  signature?: SignatureInput,
  kind?: UnitKind,
): Promise<AnnualReportData> {
  const annual = await annualResults(app, year, kind);
  const { rounds } = await roundsOfKind(app.db, await roundsOfYear(app.db, year), annual.kind);
  const finalizedQuarters = new Set(rounds.filter((r) => r.state === 'finalized').map((r) => r.quarter));
  const last = rounds[rounds.length - 1];
  const standard = last ? await loadStandardVersion(app.db, last.standard_version) : null;
  const cap = standard?.rollUp.vetoAnnualGradeCap ?? null;
  const allFinal = rounds.length === 4 && finalizedQuarters.size === 4;
  const lastFinalizedAt = allFinal
    ? (rounds
        .map((r) => r.finalized_at ?? '')
        .sort()
        .pop() ?? null)
    : null;
  const unit = await reportUnit(app);
  const now = app.now();
  const rule =
    `统计范围：${annual.coverage === '全年' ? '全年四个季度' : annual.coverage}（只计已定稿的季度）。` +
    `年度得分按「${annual.rule}」计算（各季度总分含加分）；某季度未参加考评的不计为零分，按已参评季度计算并在表中标注“未参评”。` +
    (cap ? `任一季度触发一票否决的，年度等级不高于${cap}。` : '');
  const sig = signatureOf(signature, lastFinalizedAt, now);
  return {
    document: await officialDoc(app, null, sig.date, annual.kind),
    coveredQuarters: [...finalizedQuarters].sort(),
    unitKind: annual.kind,
    unit,
    year,
    rule,
    finalization: allFinal
      ? { finalized: true, contentHash: contentHash(annual), finalizedAt: lastFinalizedAt ? localIso(new Date(lastFinalizedAt)) : null }
      : { finalized: false, contentHash: null, finalizedAt: null },
    generatedAt: localIso(now),
    communities: annual.rows
      .filter((r) => r.annual !== null && r.rank !== null && r.grade !== null)
      .map((r) => ({
        rank: r.rank as number,
        name: r.name,
        quarters: r.quarters.map((q) => ({
          quarter: q.quarter,
          total: q.total,
          grade: null,
          vetoed: q.vetoed,
          finalized: finalizedQuarters.has(q.quarter),
        })),
        annualScore: r.annual as number,
        grade: toGrade(r.grade as string),
        vetoEffects: r.quarters
          .filter((q) => q.vetoed)
          .map((q) => `${quarterName(q.quarter)}触发一票否决${cap ? `，年度等级不高于${cap}` : ''}`),
      })),
    gradeLabels: standard ? standard.grading.bands.map((b) => b.label) : undefined,
    coverage: annual.coverage,
    signature: sig,
  };
}

/** The results workbook data of a round (汇总, 明细, 扣分明细, 整改清单). */
export async function resultsWorkbookData(app: AppContext, roundId: string): Promise<ResultsWorkbookData> {
  const { results, round, standard, unit, rects, finalization, titles } = await roundContext(app, roundId);
  return {
    unitKind: results.kind,
    unit,
    round: {
      year: results.year,
      quarter: results.quarter,
      code: results.round,
      standardName: results.standardName,
      standardVersion: `第${results.standardVersion}版`,
    },
    finalization,
    generatedAt: localIso(app.now()),
    categories: standard.categories.map((c) => ({ code: c.code, name: c.title, max: tenthsToPoints(c.maxTenths) })),
    items: standard.categories.flatMap((c) =>
      c.items.map((i) => ({ code: i.code, title: i.title, categoryCode: c.code, max: tenthsToPoints(i.maxTenths) })),
    ),
    communities: results.communities.map((c) => ({
      rank: c.rank,
      name: c.name,
      categories: c.categories,
      bonus: c.bonus,
      vetoed: c.veto,
      total: c.total,
      grade: toGrade(c.grade),
      delta: c.change ? c.change.delta : null,
      itemScores: Object.fromEntries(c.items.map((i) => [i.code, i.status === 'na' ? null : i.score])),
    })),
    deductions: results.communities.flatMap((c) =>
      c.deductions.map((d) => ({
        communityName: c.name,
        itemCode: d.itemCode,
        itemTitle: d.itemTitle,
        points: d.points,
        reason: d.reason,
        evidenceMethod: d.evidence,
        assessor: d.assessor,
        recordedAt: null,
      })),
    ),
    rectifications: roundRectificationRows(rects, titles, round.year, round.quarter, round.id),
  };
}
