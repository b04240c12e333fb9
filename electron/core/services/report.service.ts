/**
 * Reports: maps the rounds feature's results (round-results.service) to the report DTOs of
 * shared/report, which the PDF builders (CLI, renderer worker) and the workbook writer consume.
 * Read-only: nothing here changes business data.
 *
 * The content hash of a finalized round is the SHA-256 of its results in canonical JSON (keys
 * sorted): the round is locked once finalized, so the hash printed on paper can be recomputed from
 * the archive at any time and compared.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { AppError } from '../../../shared/ipc/errors';
import type { Grade } from '../../../shared/report/report-data';
import type {
  AnnualReportData,
  QuarterlyReportData,
  Rectification,
  ResultsWorkbookData,
  Signature,
} from '../../../shared/report/report-data';
import { formatScore, quarterName, roundLabel } from '../../../shared/report/report-format';
import { tenthsToPoints, type Standard } from '../../../shared/domain/standard/standard.schema';
import type { CommunityResultDto, RoundResultsDto } from '../../../shared/ipc/channels/rounds.channels';
import type { AppContext } from '../app-context';
import { getRound } from '../repositories/rounds.repository';
import { annualResults, getRoundResults, roundRectifications } from './round-results.service';
import { loadStandardVersion } from './round-sources';
import { getUnitSettings } from './settings.service';
import { fallbackFacesFor } from '../io/pdf/report-fonts';

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

/** JSON with object keys sorted at every level: the same data always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** SHA-256 (hex) of the canonical JSON of a value. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}

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
  return {
    leader: clean(input?.leader),
    reviewer: clean(input?.reviewer),
    date: clean(input?.date) ?? (finalizedAt ? localIso(new Date(finalizedAt)).slice(0, 10) : localIso(now).slice(0, 10)),
  };
}

const REQUIREMENT = (code: string) => `对照考核标准${code}项整改到位，整改材料报街道备案，下季度考评时逐项核查销号`;

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
    problem: r.lost > 0 ? `${r.text}（扣${formatScore(r.lost)}分）` : r.text,
    requirement: REQUIREMENT(r.itemCode),
    deadline,
    status: STATUS_LABELS[r.status] ?? '待整改',
    sourceRound: labelOfRoundId(roundId),
    responsible: null,
  }));
}

function carriedRectifications(c: CommunityResultDto, titles: Map<string, string>): Rectification[] {
  return c.openRectifications.map((r) => {
    const m = /^(\d{4})Q([1-4])$/.exec(r.fromRound);
    return {
      communityName: c.name,
      itemCode: r.itemCode,
      itemTitle: titles.get(r.itemCode) ?? r.itemCode,
      problem: r.text,
      requirement: REQUIREMENT(r.itemCode),
      deadline: m ? nextQuarterEnd(Number(m[1]), Number(m[2])) : null,
      status: STATUS_LABELS[r.status] ?? '待整改',
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

/** Results of a round plus what the reports add: the standard, the unit, the content hash. */
async function roundContext(app: AppContext, roundId: string) {
  const results: RoundResultsDto = await getRoundResults(app, roundId);
  const [round, standard, unit, rects] = await Promise.all([
    getRound(app.db, roundId),
    loadStandardVersion(app.db, results.standardVersion),
    getUnitSettings(app.db),
    roundRectifications(app, roundId),
  ]);
  const finalization = results.finalized
    ? { finalized: true, contentHash: contentHash(results), finalizedAt: round.finalized_at ? localIso(new Date(round.finalized_at)) : null }
    : { finalized: false, contentHash: null, finalizedAt: null };
  const titles = itemTitles(standard);
  return { results, round, standard, unit, rects, finalization, titles };
}

/** The quarterly report (季度考评通报) data of a round. */
export async function quarterlyReportData(app: AppContext, roundId: string, signature?: SignatureInput): Promise<QuarterlyReportData> {
  const { results, round, standard, unit, rects, finalization, titles } = await roundContext(app, roundId);
  const now = app.now();
  return {
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
    gradeBands: results.grades.map((g, i, all) => ({ grade: toGrade(g.label), minScore: i === all.length - 1 && g.min === 0 ? null : g.min })),
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
          evidenceMethod: d.evidence,
          assessor: d.assessor,
        })),
        deductedTotal: c.deducted,
        bonusItems: c.bonusItems.map((b) => ({ itemCode: b.code, itemTitle: b.title, points: b.score, reason: '' })),
        assessors: c.assessors.map((name) => ({ name, idCard: undefined, phone: undefined, role: undefined })),
        comments: c.comments.map((text) => ({ author: null, text })),
        openRectifications: carriedRectifications(c, titles),
      },
    })),
    rectifications: roundRectificationRows(rects, titles, round.year, round.quarter, round.id),
    signature: signatureOf(signature, round.finalized_at, now),
  };
}

/** The annual report data: the year's rounds rolled up by the standard's rule. */
export async function annualReportData(app: AppContext, year: number, signature?: SignatureInput): Promise<AnnualReportData> {
  const annual = await annualResults(app, year);
  const rounds = await app.db.selectFrom('rounds').select(['id', 'quarter', 'state', 'finalized_at', 'standard_version']).where('year', '=', year).orderBy('quarter').execute();
  const finalizedQuarters = new Set(rounds.filter((r) => r.state === 'finalized').map((r) => r.quarter));
  const last = rounds[rounds.length - 1];
  const standard = last ? await loadStandardVersion(app.db, last.standard_version) : null;
  const cap = standard?.rollUp.vetoAnnualGradeCap ?? null;
  const allFinal = rounds.length === 4 && finalizedQuarters.size === 4;
  const lastFinalizedAt = allFinal ? (rounds.map((r) => r.finalized_at ?? '').sort().pop() ?? null) : null;
  const unit = await getUnitSettings(app.db);
  const now = app.now();
  const rule =
    `统计范围：${annual.coverage === '全年' ? '全年四个季度' : annual.coverage}（只计已定稿的季度）。` +
    `年度得分按「${annual.rule}」计算（各季度总分含加分）；某季度未参加考评的不计为零分，按已参评季度计算并在表中标注「未参评」。` +
    (cap ? `任一季度触发一票否决的，年度等级不高于${cap}。` : '');
  return {
    unit,
    year,
    rule,
    finalization: allFinal ? { finalized: true, contentHash: contentHash(annual), finalizedAt: lastFinalizedAt ? localIso(new Date(lastFinalizedAt)) : null } : { finalized: false, contentHash: null, finalizedAt: null },
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
    signature: signatureOf(signature, lastFinalizedAt, now),
  };
}

/** The results workbook data of a round (汇总, 明细, 扣分明细, 整改清单). */
export async function resultsWorkbookData(app: AppContext, roundId: string): Promise<ResultsWorkbookData> {
  const { results, round, standard, unit, rects, finalization, titles } = await roundContext(app, roundId);
  return {
    unit,
    round: { year: results.year, quarter: results.quarter, code: results.round, standardName: results.standardName, standardVersion: `第${results.standardVersion}版` },
    finalization,
    generatedAt: localIso(app.now()),
    categories: standard.categories.map((c) => ({ code: c.code, name: c.title, max: tenthsToPoints(c.maxTenths) })),
    items: standard.categories.flatMap((c) => c.items.map((i) => ({ code: i.code, title: i.title, categoryCode: c.code, max: tenthsToPoints(i.maxTenths) }))),
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

/**
 * Fallback fonts (as bytes) the renderer's PDF worker needs for `characters`: only the faces that
 * cover a character Noto Sans SC lacks, so most reports load none.
 */
export function fallbackFontsFor(characters: string): {
  fonts: { family: string; normal: string; bold: string | null; postscriptName: string | null }[];
  missing: string[];
} {
  const { faces, missing } = fallbackFacesFor(characters);
  return {
    fonts: faces
      // A face inside a .ttc collection keeps its bold only when the bold is in the same file kind.
      .map((f) => ({
        family: f.family,
        normal: fs.readFileSync(f.normal.file).toString('base64'),
        bold: f.bold.file === f.normal.file || f.normal.postscriptName ? null : fs.readFileSync(f.bold.file).toString('base64'),
        postscriptName: f.normal.postscriptName ?? null,
      })),
    missing,
  };
}
