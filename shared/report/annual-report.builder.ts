/**
 * The annual report (年度考评结果报告) as a pdfmake document definition: each community's four
 * quarterly totals (a quarter not appraised is marked 「未参评」, never printed as zero), the
 * annual score by the standard's roll-up rule, grade, veto effects and ranking, with a small vector
 * trend of the four quarters per community. Same series look as the quarterly report.
 */
import type { CanvasElement, Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { emptyGradeCounts, type AnnualCommunity, type AnnualReportData, type Grade } from './report-data';
import { kindWords } from '../domain/levels/kind-words';
import type { UnitKind } from '../domain/levels/levels';
import { formatTenths, meanTenths, quarterName, toTenths, verificationPayload } from './report-format';
import {
  BAR_FILL,
  BAR_TRACK,
  DRAFT_WATERMARK,
  GREY_TEXT,
  INK,
  DOC_FONTS,
  OFFICIAL_MARGINS,
  S,
  ruledTable,
  td,
  tdTenths,
  th,
} from './report-style';
import { joinNames, sortByRank, statGrid, verificationBlock } from './report-parts';
import {
  bodyPara,
  closingSignoff,
  colophon,
  heading1,
  keepHeadingsWithText,
  officialMasthead,
  officialTitle,
  pageNumberFooter,
  recipientsLine,
} from './official-doc';

/**
 * 「龙塔街道2021年度社区规范化创建考评结果通报」 in two lines: addressed down to the communities
 * (主送 各社区) and closed with 「特此通报。」, so the document type is 通报 throughout.
 */
export function annualReportTitle(data: Pick<AnnualReportData, 'unit' | 'year'> & { unitKind?: UnitKind | undefined }): {
  lines: [string, string];
  full: string;
} {
  const first = `${data.unit.street}${data.year}年度`;
  const second = `${kindWords(data.unitKind).work}考评结果通报`;
  return { lines: [first, second], full: first + second };
}

export interface AnnualSummary {
  count: number;
  averageTenths: number | null;
  highest: { tenths: number; names: string[] } | null;
  lowest: { tenths: number; names: string[] } | null;
  perGrade: Record<Grade, number>;
  vetoAffected: number;
  /**
   * Communities not appraised in a quarter that was appraised (a finalized round without them); a
   * quarter with no finalized round at all is not the community's absence.
   */
  incomplete: number;
}

/** Figures of the annual overview, exact in tenths. */
export function summarizeYear(data: AnnualReportData): AnnualSummary {
  const perGrade = emptyGradeCounts(data.gradeLabels);
  let highest: AnnualSummary['highest'] = null;
  let lowest: AnnualSummary['lowest'] = null;
  const totals: number[] = [];
  let vetoAffected = 0;
  let incomplete = 0;
  const covered = data.coveredQuarters ? new Set(data.coveredQuarters) : null;
  for (const c of sortByRank(data.communities)) {
    const t = toTenths(c.annualScore);
    totals.push(t);
    perGrade[c.grade] = (perGrade[c.grade] ?? 0) + 1;
    if (c.vetoEffects.length > 0 || c.quarters.some((q) => q.vetoed)) vetoAffected++;
    if (c.quarters.some((q) => q.total === null && (!covered || covered.has(q.quarter)))) incomplete++;
    if (!highest || t > highest.tenths) highest = { tenths: t, names: [c.name] };
    else if (t === highest.tenths) highest.names.push(c.name);
    if (!lowest || t < lowest.tenths) lowest = { tenths: t, names: [c.name] };
    else if (t === lowest.tenths) lowest.names.push(c.name);
  }
  return { count: data.communities.length, averageTenths: meanTenths(totals), highest, lowest, perGrade, vetoAffected, incomplete };
}

// Sparkline scale: totals cluster between 60 and 100, so the bars start at 50 to show the movement.
const TREND_FLOOR = 500;
const TREND_CEIL = 1100;

/** Four tiny bars, one per quarter (50..110 points); a missing quarter is an empty dashed outline. */
function trendCanvas(c: AnnualCommunity, covered: ReadonlySet<number> | null): Content {
  const w = 9;
  const gap = 3;
  const h = 14;
  const elements: CanvasElement[] = [];
  c.quarters.forEach((q, i) => {
    const x = i * (w + gap);
    if (covered && !covered.has(q.quarter)) return; // no finalized round that quarter: nothing to draw
    if (q.total === null) {
      elements.push({ type: 'rect', x, y: 0, w, h, lineWidth: 0.5, lineColor: '#aaaaaa', dash: { length: 1.5 } });
      return;
    }
    const clamped = Math.min(TREND_CEIL, Math.max(TREND_FLOOR, toTenths(q.total)));
    const barH = Math.max(0.8, (h * (clamped - TREND_FLOOR)) / (TREND_CEIL - TREND_FLOOR));
    elements.push({ type: 'rect', x, y: 0, w, h, color: BAR_TRACK, lineWidth: 0 });
    elements.push({ type: 'rect', x, y: h - barH, w, h: barH, color: q.vetoed ? '#8a8a8a' : BAR_FILL, lineWidth: 0 });
  });
  return { canvas: elements, margin: [2, 1, 0, 0] };
}

function quarterCell(q: AnnualCommunity['quarters'][number], covered: ReadonlySet<number> | null): Content {
  // A quarter without a finalized round is not the community's absence: printed as 「—」.
  if (covered && !covered.has(q.quarter)) return { text: '—', ...S.tdCenter, color: GREY_TEXT };
  if (q.total === null) return { text: '未参评', ...S.tdCenter, color: GREY_TEXT, fontSize: 7.5 };
  return tdTenths(toTenths(q.total), q.vetoed ? { text: `${formatTenths(toTenths(q.total))}*` } : {});
}

function rankingTable(ranked: AnnualCommunity[], covered: ReadonlySet<number> | null, noun: string): Content {
  const body: Content[][] = [
    [th('排名'), th(noun), th('一季度'), th('二季度'), th('三季度'), th('四季度'), th('季度走势'), th('年度得分'), th('等级')],
  ];
  for (const c of ranked) {
    body.push([
      { text: String(c.rank), ...S.tdCenter },
      td(c.name, { bold: true }),
      ...c.quarters.map((q) => quarterCell(q, covered)),
      trendCanvas(c, covered),
      tdTenths(toTenths(c.annualScore), { bold: true }),
      { text: c.grade, ...S.tdCenter },
    ]);
  }
  return { ...ruledTable([26, '*', 42, 42, 42, 42, 52, 46, 38], body, 1, {}, true), id: 'annual-ranking-table' };
}

/** Builds the annual report; `data` parsed with `annualReportDataSchema`. */
export function buildAnnualReport(data: AnnualReportData): TDocumentDefinitions {
  const ranked = sortByRank(data.communities).map((c) => ({
    ...c,
    quarters: [...c.quarters].sort((a, b) => a.quarter - b.quarter),
  }));
  const summary = summarizeYear(data);
  const title = annualReportTitle(data);
  const w = kindWords(data.unitKind);
  const n = w.noun;
  const finalized = data.finalization.finalized && !!data.finalization.contentHash;
  const covered = data.coveredQuarters ? new Set(data.coveredQuarters) : null;
  const coveredText = covered
    ? covered.size > 0
      ? `${data.year}年${[...covered]
          .sort()
          .map((q) => quarterName(q))
          .join('、')}已定稿的考评结果`
      : '尚无已定稿的季度考评结果'
    : `${data.year}年各季度考评结果`;

  const content: Content[] = [...officialMasthead(data.unit, data.document)];
  content.push(officialTitle(title.lines));
  content.push(recipientsLine(data.document.recipients));
  content.push(
    bodyPara(
      `根据${coveredText}和年度计分规则，现将${data.year}年度${data.unit.street || w.appraiser}${summary.count}个${w.work}考评结果通报如下：`,
      { id: 'covered' },
    ),
  );

  content.push(heading1('一、年度计分规则'));
  content.push(bodyPara(data.rule));

  content.push(heading1('二、总体情况'));
  content.push(
    statGrid([
      { label: `参评${n}`, value: String(summary.count), unit: ' 个' },
      { label: '年度平均得分', value: summary.averageTenths === null ? '—' : formatTenths(summary.averageTenths), unit: ' 分' },
      { label: '最高分', value: summary.highest ? formatTenths(summary.highest.tenths) : '—', unit: ' 分' },
      { label: '最低分', value: summary.lowest ? formatTenths(summary.lowest.tenths) : '—', unit: ' 分' },
    ]),
  );
  const overview: string[] = [];
  if (summary.highest && summary.lowest) {
    overview.push(
      `年度最高分${formatTenths(summary.highest.tenths)}分（${joinNames(summary.highest.names, 3, n)}），` +
        `最低分${formatTenths(summary.lowest.tenths)}分（${joinNames(summary.lowest.names, 3, n)}）。`,
    );
  }
  overview.push(
    `按等级统计：${Object.entries(summary.perGrade)
      .map(([g, n]) => `${g}${n}个`)
      .join('、')}。`,
  );
  if (summary.vetoAffected > 0) overview.push(`受一票否决影响的${n}${summary.vetoAffected}个。`);
  if (summary.incomplete > 0) overview.push(`有${summary.incomplete}个${n}部分季度未参评，按已参评季度计算，表中标注“未参评”。`);
  content.push(bodyPara(overview.join('')));

  content.push(heading1('三、年度排名'));
  content.push(rankingTable(ranked, covered, n));
  content.push({
    text: `说明：* 该季度触发一票否决；“未参评”为该季度未参加考评，不计入年度平均；${covered ? '“—”为该季度尚无已定稿的考评，不计入；' : ''}季度走势每格为一个季度（刻度50～110分），虚线框为未参评。`,
    ...S.note,
    margin: [0, 4, 0, 0],
  });

  const vetoRows = ranked.filter((c) => c.vetoEffects.length > 0);
  content.push(heading1('四、一票否决影响'));
  if (vetoRows.length === 0) {
    content.push(bodyPara(`本年度无${n}触发一票否决项。`));
  } else {
    content.push({
      id: 'veto-effects',
      ul: vetoRows.map((c) => ({ text: [{ text: `${c.name}：`, bold: true }, c.vetoEffects.join('；')] })),
      ...S.body,
      margin: [22, 0, 0, 0],
    });
  }

  content.push(bodyPara('特此通报。'));
  content.push(closingSignoff(data.unit, data.document, data.signature.date));
  const unfinalizedQuarters = [
    ...new Set(ranked.flatMap((c) => c.quarters.filter((q) => q.total !== null && !q.finalized).map((q) => q.quarter))),
  ].sort();
  content.push(
    verificationBlock(
      data.finalization,
      verificationPayload(`${data.year}`, data.finalization.contentHash ?? ''),
      unfinalizedQuarters.length > 0
        ? `草稿：${unfinalizedQuarters.map(quarterName).join('、')}考评尚未定稿，本稿数据可能变动，不得作为正式年度结果对外使用。`
        : '草稿：年度结果尚未定稿，本稿仅供内部审核，不得作为正式年度结果对外使用。',
    ),
  );

  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: OFFICIAL_MARGINS,
    info: {
      title: title.full,
      author: data.unit.issuer || data.unit.street,
      subject: `${data.year}年度${w.work}考评`,
      creator: '社区规范化创建考评系统',
      producer: '社区规范化创建考评系统',
    },
    defaultStyle: { font: DOC_FONTS.fangsong, fontSize: 10, lineHeight: 1.2, color: INK },
    footer: pageNumberFooter(),
    content: [...keepHeadingsWithText(content), colophon(data.unit, data.document, data.signature.date)],
  };
  if (!finalized) doc.watermark = { ...DRAFT_WATERMARK };
  return doc;
}
