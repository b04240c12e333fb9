/**
 * The quarterly appraisal report (季度考评通报) as a pdfmake document definition.
 *
 * Shaped like an official 通报: masthead of the issuing office over a double rule, a two-line title,
 * the body (overview, grade distribution, ranking highlights, problems and requirements), the
 * issuer and date with room for the seal, the signature block and — once the round is finalized —
 * the content hash with its QR code. The detail follows as annexes: 附件1 the ranking table on
 * landscape pages (header rows repeated on every page), 附件2 one scorecard page per community,
 * 附件3 the rectification list. Every page of a draft carries the 「草稿」 watermark.
 *
 * Pure: data in, document definition out. Node (CLI, tests) and the renderer's PDF worker both
 * call this, so the two produce the same document.
 */
import type { Content, ContentTable, TDocumentDefinitions } from 'pdfmake/interfaces';
import { maskIdCard, maskPhone } from '../domain/privacy/mask';
import { emptyGradeCounts, type Grade, type QuarterlyCommunity, type QuarterlyReportData, type Rectification } from './report-data';
import { kindWords } from '../domain/levels/kind-words';
import type { UnitKind } from '../domain/levels/levels';

/** What a text's wording follows: the round's unit kind (社区 when absent). */
type OfKind = { unitKind?: UnitKind | undefined };
import {
  formatDelta,
  chineseDate,
  formatTenths,
  meanTenths,
  quarterName,
  roundLabel,
  toTenths,
  verificationPayload,
} from './report-format';
import {
  A4,
  DRAFT_WATERMARK,
  OFFICIAL_MARGINS,
  GREY_TEXT,
  GRID_LAYOUT,
  INK,
  LANDSCAPE_MARGINS,
  REPORT_FONT_FAMILY,
  S,
  RULE,
  barCanvas,
  ruledLayout,
  ruledTable,
  td,
  tdTenths,
  th,
} from './report-style';
import { PORTRAIT_WIDTH, personLabel, sortByRank, verificationBlock } from './report-parts';
import {
  annexHeading,
  annexList,
  bodyPara,
  closingSignoff,
  colophon,
  heading1,
  heading2Para,
  keepHeadingsWithText,
  officialMasthead,
  officialTitle,
  pageNumberFooter,
  recipientsLine,
} from './official-doc';

export { personLabel, sortByRank } from './report-parts';

/** The figures of 「一、总体情况」, computed exactly in tenths. */
export interface QuarterlySummary {
  count: number;
  /** Mean total in tenths, rounded half up; null when no community was appraised. */
  averageTenths: number | null;
  highest: { tenths: number; names: string[] } | null;
  lowest: { tenths: number; names: string[] } | null;
  perGrade: Record<Grade, number>;
  vetoCount: number;
  deductionCount: number;
  deductionTenths: number;
  /** Items with the most deduction records, most first (at most 5). */
  topDeductedItems: { itemCode: string; itemTitle: string; records: number; tenths: number }[];
}

/** Computes the overview figures of a quarterly report. */
export function summarizeQuarter(data: QuarterlyReportData): QuarterlySummary {
  const perGrade = emptyGradeCounts(data.gradeBands?.map((b) => b.grade));
  let highest: QuarterlySummary['highest'] = null;
  let lowest: QuarterlySummary['lowest'] = null;
  let vetoCount = 0;
  let deductionCount = 0;
  let deductionTenths = 0;
  const byItem = new Map<string, { itemCode: string; itemTitle: string; records: number; tenths: number }>();
  const totals: number[] = [];
  for (const c of sortByRank(data.communities)) {
    const t = toTenths(c.total);
    totals.push(t);
    perGrade[c.grade] = (perGrade[c.grade] ?? 0) + 1;
    if (c.veto.length > 0) vetoCount++;
    if (!highest || t > highest.tenths) highest = { tenths: t, names: [c.name] };
    else if (t === highest.tenths) highest.names.push(c.name);
    if (!lowest || t < lowest.tenths) lowest = { tenths: t, names: [c.name] };
    else if (t === lowest.tenths) lowest.names.push(c.name);
    // 合计扣分 is what was actually lost (after caps and floors), not the sum of the records.
    let recorded = 0;
    for (const d of c.scorecard.deductions) {
      deductionCount++;
      const dt = toTenths(d.points);
      recorded += dt;
      const entry = byItem.get(d.itemCode) ?? { itemCode: d.itemCode, itemTitle: d.itemTitle, records: 0, tenths: 0 };
      entry.records++;
      entry.tenths += dt;
      byItem.set(d.itemCode, entry);
    }
    deductionTenths += c.scorecard.deductedTotal !== undefined ? toTenths(c.scorecard.deductedTotal) : recorded;
  }
  const topDeductedItems = [...byItem.values()]
    .sort((a, b) => b.records - a.records || b.tenths - a.tenths || a.itemCode.localeCompare(b.itemCode))
    .slice(0, 5);
  return {
    count: data.communities.length,
    averageTenths: meanTenths(totals),
    highest,
    lowest,
    perGrade,
    vetoCount,
    deductionCount,
    deductionTenths,
    topDeductedItems,
  };
}

/** 「龙塔街道2021年第三季度社区规范化创建考评情况通报」, split where an official title breaks. */
export function quarterlyReportTitle(data: Pick<QuarterlyReportData, 'unit' | 'round'> & OfKind): {
  lines: [string, string];
  full: string;
} {
  const first = `${data.unit.street}${data.round.year}年${quarterName(data.round.quarter)}`;
  const second = `${kindWords(data.unitKind).work}考评情况通报`;
  return { lines: [first, second], full: first + second };
}

// ---------------------------------------------------------------- body (正文)

function gradeBandsNote(data: QuarterlyReportData): string {
  const bands = data.gradeBands;
  if (!bands || bands.length === 0) return '';
  const parts = bands.map((b) => (b.minScore === null ? `${b.grade}` : `${b.grade}≥${formatTenths(toTenths(b.minScore))}分`));
  return `等级划分：${parts.join('，')}；触发一票否决项的${kindWords(data.unitKind).noun}按否决项的规定降低等级。`;
}

/** Communities named with their score: 「龙塔社区（95.5分）」. */
function withScore(c: QuarterlyCommunity): string {
  return `${c.name}（${formatTenths(toTenths(c.total))}分）`;
}

/** The deadline and the office named in 整改要求: from the round's own rectification list. */
function rectificationDeadline(data: QuarterlyReportData): string | null {
  const own = data.rectifications.filter((r) => r.sourceRound === roundLabel(data.round.year, data.round.quarter));
  return own.find((r) => r.deadline)?.deadline ?? null;
}

/** The annex titles, in order; the same text is used for the 附件说明 and the annex headings. */
export function quarterlyAnnexTitles(data: Pick<QuarterlyReportData, 'round'> & OfKind): [string, string, string] {
  const label = roundLabel(data.round.year, data.round.quarter);
  const w = kindWords(data.unitKind);
  return [`${label}${w.work}考评得分排名表`, `${label}各${w.noun}考评计分卡`, `${label}整改清单`];
}

/**
 * 正文 of the 通报: 总体情况, 主要成效, 表扬, 点名 (不合格 and vetoed, with the facts), 存在问题,
 * 整改要求 (deadline, where to report), then 附件说明, 落款, 附注 and the verification block.
 */
function bodySection(data: QuarterlyReportData, summary: QuarterlySummary, ranked: QuarterlyCommunity[]): Content[] {
  const title = quarterlyReportTitle(data);
  const label = roundLabel(data.round.year, data.round.quarter);
  const w = kindWords(data.unitKind);
  const n = w.noun;
  const street = data.unit.street || w.appraiser;
  const out: Content[] = [];
  const heading = (() => {
    const numbers = ['一', '二', '三', '四', '五', '六', '七', '八'];
    let n = 0;
    return (text: string) => heading1(`${numbers[n++] ?? ''}、${text}`);
  })();

  out.push(...officialMasthead(data.unit, data.document));
  out.push(officialTitle(title.lines));
  out.push(recipientsLine(data.document.recipients));

  const standard = data.round.standardVersion
    ? `《${data.round.standardName}》（${data.round.standardVersion}）`
    : `《${data.round.standardName}》`;
  out.push(
    bodyPara(
      `根据${standard}和季度考评工作安排，${street}考评组对${w.among}${summary.count}个${n}${label}${w.duty}进行了考评。` +
        '考评采取听取汇报、查阅资料、实地查看、入户走访和名册数据核验相结合的方式进行。现将考评情况通报如下：',
    ),
  );

  const ranked_ = ranked.filter((c) => c.veto.length === 0);
  const vetoed = ranked.filter((c) => c.veto.length > 0);

  // 一、总体情况
  out.push(heading('总体情况'));
  if (summary.count === 0 || summary.averageTenths === null) {
    out.push(bodyPara(`本季度没有${n}参加考评。`));
  } else {
    const gradeText = Object.entries(summary.perGrade)
      .filter(([, n]) => n > 0)
      .map(([g, n]) => `${g}${n}个`)
      .join('、');
    const top = ranked_[0];
    const bottom = ranked_[ranked_.length - 1];
    let text = `本季度共考评${n}${summary.count}个，平均得分${formatTenths(summary.averageTenths)}分。其中${gradeText}。`;
    if (top && bottom && top !== bottom) text += `参与排名的${n}中，最高分${withScore(top)}，最低分${withScore(bottom)}。`;
    text += vetoed.length > 0 ? `${vetoed.length}个${n}触发一票否决项，本季度评为不合格，不参与排名。` : `本季度无${n}触发一票否决项。`;
    out.push(bodyPara(text));
  }

  // 二、主要成效
  out.push(heading('主要成效'));
  const compared = ranked.filter((c) => c.change.previousTotal !== null && c.change.delta !== null);
  const effects: string[] = [];
  if (compared.length > 0) {
    const improved = compared.filter((c) => toTenths(c.change.delta ?? 0) > 0);
    const meanDelta = meanTenths(compared.map((c) => toTenths(c.change.delta ?? 0))) ?? 0;
    effects.push(
      `与上季度相比，${compared.length}个连续参评${n}中有${improved.length}个得分提高，平均${meanDelta >= 0 ? '提高' : '下降'}${formatTenths(Math.abs(meanDelta))}分。`,
    );
    const gains = new Map<string, { title: string; tenths: number; n: number }>();
    for (const c of compared) {
      for (const i of c.change.topItems) {
        const t = toTenths(i.delta);
        if (t <= 0) continue;
        const g = gains.get(i.itemCode) ?? { title: i.itemTitle, tenths: 0, n: 0 };
        g.tenths += t;
        g.n++;
        gains.set(i.itemCode, g);
      }
    }
    const best = [...gains.values()].sort((a, b) => b.n - a.n || b.tenths - a.tenths).slice(0, 3);
    if (best.length > 0) effects.push(`进步主要体现在${best.map((g) => `“${g.title}”（${g.n}个${n}提高）`).join('、')}等方面。`);
  }
  const catRates = data.categories
    .map((cat) => {
      const scores = ranked.map((c) => c.categories.find((x) => x.code === cat.code)).filter((x): x is NonNullable<typeof x> => !!x);
      const max = toTenths(cat.max) * scores.length;
      const got = scores.reduce((a, x) => a + toTenths(x.score), 0);
      return { name: cat.name, rate: max > 0 ? got / max : 0 };
    })
    .sort((a, b) => b.rate - a.rate);
  const strong = catRates.slice(0, 2).filter((c) => c.rate > 0);
  if (strong.length > 0) {
    effects.push(`各类指标中，${strong.map((c) => `“${c.name}”得分率${Math.round(c.rate * 1000) / 10}%`).join('、')}，完成情况较好。`);
  }
  out.push(bodyPara(effects.length > 0 ? effects.join('') : '本季度为首次考评，暂无上季度数据可比。'));

  // 三、表扬
  out.push(heading('通报表扬'));
  const praised = ranked_.filter((c) => c.rank <= 3 && (c.grade === '优秀' || c.grade === '良好'));
  const risers = compared
    .filter((c) => c.veto.length === 0 && toTenths(c.change.delta ?? 0) > 0)
    .sort((a, b) => toTenths(b.change.delta ?? 0) - toTenths(a.change.delta ?? 0))
    .slice(0, 3);
  const praise: string[] = [];
  if (praised.length > 0) praise.push(`${praised.map(withScore).join('、')}综合得分位居前列，予以通报表扬。`);
  if (risers.length > 0)
    praise.push(`${risers.map((c) => `${c.name}（较上季度${formatDelta(c.change.delta)}分）`).join('、')}进步明显，予以通报表扬。`);
  out.push(bodyPara(praise.length > 0 ? praise.join('') : `本季度无${n}达到通报表扬条件。`, { id: 'praise' }));

  // 四、点名
  out.push(heading('通报批评'));
  const failed = ranked_.filter((c) => c.grade === '不合格');
  const blame: string[] = [];
  for (const c of vetoed) {
    blame.push(
      `${c.name}因${c.veto.map((v) => `“${v.itemTitle}”（${v.fact.replace(/[。；;，,\s]+$/, '')}）`).join('、')}被一票否决，本季度考评等次为不合格。`,
    );
  }
  if (failed.length > 0) blame.push(`${failed.map(withScore).join('、')}考评得分低于合格线，等次为不合格。`);
  out.push(bodyPara(blame.length > 0 ? `${blame.join('')}以上${n}予以通报批评。` : `本季度无不合格或被一票否决的${n}。`, { id: 'blame' }));

  // 五、存在问题
  out.push(heading('存在问题'));
  if (summary.deductionCount > 0) {
    const affected = data.communities.filter((c) => c.scorecard.deductions.length > 0).length;
    out.push(
      heading2Para(
        '（一）扣分情况。',
        `本季度共记录扣分${summary.deductionCount}项，合计扣${formatTenths(summary.deductionTenths)}分，涉及${affected}个${n}。`,
      ),
    );
    if (summary.topDeductedItems.length > 0) {
      out.push(
        heading2Para(
          '（二）突出问题。',
          `扣分较集中的是${summary.topDeductedItems
            .slice(0, 3)
            .map((i) => `“${i.itemTitle}”（${i.records}项）`)
            .join('、')}。`,
        ),
      );
    }
  } else {
    out.push(bodyPara('本季度考评未记录扣分。'));
  }
  const overdue = data.rectifications.filter((r) => r.status === '逾期未改').length;
  if (overdue > 0) out.push(heading2Para('（三）整改不到位。', `往期整改事项中有${overdue}项逾期未改。`));

  // 六、整改要求
  out.push(heading('整改要求'));
  const deadline = rectificationDeadline(data);
  const office = data.document.office || `${street}社区规范化创建工作办公室`;
  out.push(
    bodyPara(
      `各${n}要对照考评结果和整改清单（附件3，共${data.rectifications.length}项），逐项明确整改责任人和措施，` +
        (deadline ? `于${chineseDate(deadline)}前完成整改，` : '按期完成整改，') +
        `并将整改情况书面报送${office}。${w.appraiser}将在下季度考评中逐项核查销号，整改不到位的继续扣分。`,
      { id: 'requirements' },
    ),
  );
  out.push(bodyPara('特此通报。'));

  out.push(annexList(quarterlyAnnexTitles(data)));
  out.push(closingSignoff(data.unit, data.document, data.signature.date));
  out.push(
    verificationBlock(
      data.finalization,
      verificationPayload(data.round.code, data.finalization.contentHash ?? ''),
      '草稿：本季度考评尚未定稿，本稿仅供内部审核，数据可能变动，不得作为正式考评结果对外使用。',
    ),
  );
  return keepHeadingsWithText(out);
}

// ---------------------------------------------------------------- 附件1 排名表

function rankingTable(data: QuarterlyReportData, ranked: QuarterlyCommunity[], annexTitle: string): Content[] {
  const cats = data.categories;
  const fixed = { rank: 28, name: 88, bonus: 34, veto: 28, total: 40, grade: 36, change: 44 };
  const available = A4.height - LANDSCAPE_MARGINS[0] - LANDSCAPE_MARGINS[2];
  const padding = (cats.length + 7) * 6 + 2;
  const fixedSum = Object.values(fixed).reduce((a, b) => a + b, 0);
  const catWidth = cats.length > 0 ? Math.max(30, Math.floor((available - fixedSum - padding) / cats.length)) : 0;

  const header1: Content[] = [
    th('排名', { rowSpan: 2, margin: [0, 8, 0, 0] }),
    th(kindWords(data.unitKind).noun, { rowSpan: 2, margin: [0, 8, 0, 0] }),
  ];
  if (cats.length > 0) {
    header1.push(th('分类得分', { colSpan: cats.length }));
    for (let i = 1; i < cats.length; i++) header1.push('');
  }
  header1.push(
    th('加分', { rowSpan: 2, margin: [0, 8, 0, 0] }),
    th('否决', { rowSpan: 2, margin: [0, 8, 0, 0] }),
    th('总分', { rowSpan: 2, margin: [0, 8, 0, 0] }),
    th('等级', { rowSpan: 2, margin: [0, 8, 0, 0] }),
    th('较上季度', { rowSpan: 2, margin: [0, 8, 0, 0] }),
  );
  const header2: Content[] = ['', ''];
  for (const c of cats) header2.push(th(`${c.code} ${c.name}\n(${formatTenths(toTenths(c.max))})`, { fontSize: 7.5 }));
  header2.push('', '', '', '', '');

  const body: Content[][] = [header1, header2];
  // Vetoed communities do not rank: they follow the ranking under their own heading, so a vetoed
  // 91.5 is never read as ranked below a 61.7.
  const ranking = ranked.filter((c) => c.veto.length === 0);
  const vetoedRows = ranked.filter((c) => c.veto.length > 0);
  const columns = 2 + cats.length + 5;
  const rows: (QuarterlyCommunity | 'veto-heading')[] = [
    ...ranking,
    ...(vetoedRows.length ? (['veto-heading'] as const) : []),
    ...vetoedRows,
  ];
  for (const c of rows) {
    if (c === 'veto-heading') {
      const cell = {
        text: `以下${kindWords(data.unitKind).noun}触发一票否决项，本季度等次为不合格，不参与排名`,
        ...S.td,
        bold: true,
        colSpan: columns,
      } as Content;
      body.push([cell, ...Array.from({ length: columns - 1 }, () => '' as Content)]);
      continue;
    }
    const row: Content[] = [{ text: c.veto.length > 0 ? '否决' : String(c.rank), ...S.tdCenter }, td(c.name, { bold: true })];
    const byCode = new Map(c.categories.map((s) => [s.code, s]));
    for (const cat of cats) {
      const s = byCode.get(cat.code);
      row.push(s ? tdTenths(toTenths(s.score)) : { text: '—', ...S.tdCenter });
    }
    const vetoed = c.veto.length > 0;
    row.push(
      toTenths(c.bonus) === 0 ? { text: '—', ...S.tdCenter, color: GREY_TEXT } : tdTenths(toTenths(c.bonus)),
      { text: vetoed ? '是' : '', ...S.tdCenter, bold: vetoed },
      tdTenths(toTenths(c.total), { bold: true }),
      { text: c.grade, ...S.tdCenter },
      c.change.previousTotal === null
        ? { text: '新参评', ...S.tdCenter, color: GREY_TEXT }
        : { text: formatDelta(c.change.delta), ...S.tdNum },
    );
    body.push(row);
  }

  const widths: (number | string)[] = [
    fixed.rank,
    fixed.name,
    ...cats.map(() => catWidth),
    fixed.bonus,
    fixed.veto,
    fixed.total,
    fixed.grade,
    fixed.change,
  ];
  const table: ContentTable = {
    id: 'ranking-table',
    // Rows are one line each, so they cannot split; dontBreakRows would only add an unbreakable
    // block (a scratch layout and a copy) per row.
    table: { headerRows: 2, widths, body, keepWithHeaderRows: Math.min(2, ranked.length) },
    layout: ruledLayout(2),
  };
  const legend = cats.map((c) => `${c.code} ${c.name}（满分${formatTenths(toTenths(c.max))}）`).join('；');
  return [
    ...annexHeading(1, annexTitle),
    table,
    {
      text: `说明：${legend}。“否决”为触发一票否决项，不参与排名；“较上季度”为本季度总分与上季度总分之差，“新参评”为上季度未参加考评。${gradeBandsNote(data)}`,
      ...S.note,
      margin: [0, 6, 0, 0],
    },
  ];
}

// ---------------------------------------------------------------- 附件2 计分卡

function categoryBars(c: QuarterlyCommunity): Content {
  const labelWidth = 128;
  const valueWidth = 70;
  const trackMax = PORTRAIT_WIDTH - labelWidth - valueWidth - 44;
  // Every bar is scaled to its own category's maximum: full marks fill the whole track.
  const rows: Content[][] = c.categories.map((s) => {
    const max = toTenths(s.max);
    const score = toTenths(s.score);
    const track = trackMax;
    const fill = max > 0 ? (track * Math.min(max, Math.max(0, score))) / max : 0;
    return [
      { text: `${s.code} ${s.name}`, fontSize: 8.5 },
      barCanvas(track, fill, 8),
      { text: `${formatTenths(score)} / ${formatTenths(max)}`, fontSize: 8.5, alignment: 'right' },
    ];
  });
  return {
    table: { widths: [labelWidth, trackMax, valueWidth], body: rows },
    layout: GRID_LAYOUT,
    margin: [0, 0, 0, 4],
  };
}

function scorecardHeader(c: QuarterlyCommunity): Content {
  const vetoed = c.veto.length > 0;
  const figure = (label: string, value: string, bold = true): Content => ({
    stack: [
      { text: label, fontSize: 7.5, color: GREY_TEXT, alignment: 'center' },
      { text: value, fontSize: 12, bold, alignment: 'center', margin: [0, 1, 0, 0] },
    ],
    margin: [0, 3, 0, 3],
  });
  return {
    table: {
      widths: ['*', 52, 58, 52, 58],
      body: [
        [
          { text: c.name, fontSize: 15, bold: true, margin: [6, 8, 0, 4] },
          figure('排名', `第${c.rank}名`),
          figure('总分', formatTenths(toTenths(c.total))),
          figure('等级', c.grade),
          figure('较上季度', c.change.previousTotal === null ? '新参评' : formatDelta(c.change.delta), false),
        ],
      ],
    },
    layout: {
      hLineWidth: (i) => (i === 0 ? 1.6 : 0.8),
      vLineWidth: (i) => (i === 0 || i === 5 ? 0 : 0.4),
      hLineColor: () => RULE,
      vLineColor: () => '#bbbbbb',
    },
    margin: [0, 0, 0, vetoed ? 4 : 8],
  };
}

function subheading(text: string): Content {
  return { text, fontSize: 10, bold: true, margin: [0, 7, 0, 3] };
}

/**
 * One community's scorecard as a flat list of nodes starting on a new page (the first node carries
 * the id and the page break). Flat on purpose: pdfmake looks up every style property through all
 * ancestors of every text run, so a wrapper stack per card made 120 pages measurably slower.
 */
function scorecard(c: QuarterlyCommunity, index: number): Content[] {
  const sc = c.scorecard;
  const parts: Content[] = [scorecardHeader(c)];

  if (c.veto.length > 0) {
    parts.push({
      table: {
        widths: ['*'],
        body: [
          [
            {
              stack: c.veto.map((v) => ({ text: [{ text: `一票否决 ${v.itemCode} ${v.itemTitle}：`, bold: true }, v.fact] })),
              fontSize: 9,
              margin: [4, 3, 4, 3],
            },
          ],
        ],
      },
      layout: { hLineWidth: () => 1.2, vLineWidth: () => 1.2, hLineColor: () => INK, vLineColor: () => INK },
      margin: [0, 0, 0, 6],
    });
  }

  parts.push(subheading('分类得分'));
  parts.push(categoryBars(c));
  const bonusTenths = toTenths(c.bonus);
  parts.push({
    text: [
      { text: '加分：', bold: true },
      bonusTenths === 0 ? '无' : `${formatTenths(bonusTenths)}分`,
      '　　',
      { text: '一票否决：', bold: true },
      c.veto.length === 0 ? '无' : c.veto.map((v) => v.itemCode).join('、'),
    ],
    fontSize: 9,
    margin: [0, 0, 0, 2],
  });

  if (c.change.previousTotal !== null) {
    const prev = `上季度${formatTenths(toTenths(c.change.previousTotal))}分${c.change.previousRank ? `，第${c.change.previousRank}名` : ''}`;
    const moved = c.change.topItems.length
      ? `主要变化：${c.change.topItems.map((i) => `${i.itemCode} ${i.itemTitle} ${formatDelta(i.delta)}`).join('；')}。`
      : '';
    parts.push({ text: [{ text: '较上季度：', bold: true }, `${formatDelta(c.change.delta)}分（${prev}）。${moved}`], fontSize: 9 });
  }

  parts.push(subheading(`扣分明细（${sc.deductions.length}项）`));
  if (sc.deductions.length === 0) {
    parts.push({ text: '本季度无扣分。', fontSize: 9, color: GREY_TEXT });
  } else {
    // The first header row names the community: repeated on a continuation page, it says whose
    // card the rows belong to.
    const owner = { text: `${c.name}\u3000扣分明细`, ...S.th, alignment: 'left', colSpan: 6 } as Content;
    const body: Content[][] = [
      [owner, '', '', '', '', ''],
      [th('编码'), th('指标'), th('扣分'), th('扣分原因'), th('核查方式'), th('考评员')],
    ];
    for (const d of sc.deductions) {
      body.push([td(d.itemCode), td(d.itemTitle), tdTenths(toTenths(d.points)), td(d.reason), td(d.evidenceMethod), td(d.assessor)]);
    }
    parts.push(ruledTable([26, 92, 26, '*', 52, 46], body, 2));
  }

  if (sc.bonusItems.length > 0) {
    parts.push(subheading('加分项目'));
    const body: Content[][] = [[th('编码'), th('项目'), th('加分'), th('依据')]];
    for (const b of sc.bonusItems) body.push([td(b.itemCode), td(b.itemTitle), tdTenths(toTenths(b.points)), td(b.reason)]);
    parts.push(ruledTable([26, 110, 26, '*'], body, 1));
  }

  if (sc.openRectifications.length > 0) {
    parts.push(subheading(`待整改事项（${sc.openRectifications.length}项）`));
    const body: Content[][] = [[th('指标'), th('存在问题'), th('整改期限'), th('状态')]];
    for (const r of sc.openRectifications) {
      body.push([
        td(`${r.itemCode} ${r.itemTitle}`),
        td(r.problem),
        td(r.deadline ? chineseDate(r.deadline) : '—'),
        { text: r.status, ...S.tdCenter },
      ]);
    }
    parts.push(ruledTable([110, '*', 72, 40], body, 1));
  }

  if (sc.comments.length > 0) {
    parts.push(subheading('考评意见'));
    for (const cm of sc.comments) {
      parts.push({ text: cm.author ? [{ text: `${cm.author}：`, bold: true }, cm.text] : cm.text, fontSize: 9, lineHeight: 1.35 });
    }
  }

  parts.push({
    text: [{ text: '考评人员：', bold: true }, sc.assessors.length ? sc.assessors.map(personLabel).join('、') : '—'],
    fontSize: 9,
    margin: [0, 8, 0, 0],
  });

  const [first, ...rest] = parts;
  const head = { ...(first as object), id: `scorecard-${index + 1}`, ...(index === 0 ? {} : { pageBreak: 'before' }) } as Content;
  return [head, ...rest];
}

// ---------------------------------------------------------------- 附件3 整改清单

export function rectificationTable(rows: readonly Rectification[], id = 'rectification-table', noun: string = '社区'): Content {
  if (rows.length === 0) return { text: '本季度无整改事项。', ...S.body, id };
  const body: Content[][] = [[th('序号'), th(noun), th('指标'), th('存在问题'), th('整改要求'), th('发现季度'), th('状态')]];
  rows.forEach((r, i) => {
    const who = r.responsible;
    const contact = who ? [who.idCard ? maskIdCard(who.idCard) : '', who.phone ? maskPhone(who.phone) : ''].filter(Boolean) : [];
    body.push([
      { text: String(i + 1), ...S.tdCenter },
      who
        ? {
            stack: [
              td(r.communityName),
              { text: `责任人：${who.name}`, fontSize: 7, color: GREY_TEXT },
              ...contact.map((t) => ({ text: t, fontSize: 6.5, color: GREY_TEXT })),
            ],
          }
        : td(r.communityName),
      td(`${r.itemCode} ${r.itemTitle}`),
      td(r.problem),
      td(r.requirement),
      td(r.sourceRound.replace(/^(\d{4})年/, '$1年\n'), { alignment: 'center' }),
      { text: r.status, ...S.tdCenter, bold: r.status === '逾期未改' },
    ]);
  });
  return { ...ruledTable([22, 62, 70, '*', 84, 44, 36], body, 1), id };
}

/** The rule of the list, stated once: deadline, where to report, what happens to carried items. */
function rectificationNote(data: QuarterlyReportData): Content {
  const deadline = rectificationDeadline(data);
  const office = data.document.office || `${data.unit.street || kindWords(data.unitKind).appraiser}社区规范化创建工作办公室`;
  return {
    text:
      `本季度发现的问题${deadline ? `须于${chineseDate(deadline)}前` : '须按期'}整改到位，整改材料报送${office}，下季度考评时逐项核查销号。` +
      '往期发现、本季度仍未整改的事项标注“逾期未改”，已核查整改到位的标注“已销号”。',
    ...S.note,
    fontSize: 9,
    margin: [0, 0, 0, 6],
  };
}

// ---------------------------------------------------------------- document

/**
 * Builds the quarterly appraisal report. `data` must already be parsed with
 * `quarterlyReportDataSchema` (person fields masked); builders mask again anyway.
 */
export function buildQuarterlyReport(data: QuarterlyReportData): TDocumentDefinitions {
  const ranked = sortByRank(data.communities);
  const summary = summarizeQuarter(data);
  const title = quarterlyReportTitle(data);
  const label = roundLabel(data.round.year, data.round.quarter);
  const finalized = data.finalization.finalized && !!data.finalization.contentHash;
  const annexes = quarterlyAnnexTitles(data);

  const content: Content[] = [
    { section: bodySection(data, summary, ranked), pageOrientation: 'portrait', pageMargins: OFFICIAL_MARGINS },
    { section: rankingTable(data, ranked, annexes[0]), pageOrientation: 'landscape', pageMargins: LANDSCAPE_MARGINS },
    {
      section: [
        ...annexHeading(2, annexes[1]),
        ...(ranked.length === 0 ? [{ text: '无。', ...S.body } as Content] : ranked.flatMap((c, i) => scorecard(c, i))),
      ],
      pageOrientation: 'portrait',
      pageMargins: OFFICIAL_MARGINS,
    },
    {
      section: [
        ...annexHeading(3, annexes[2]),
        rectificationNote(data),
        rectificationTable(data.rectifications, undefined, kindWords(data.unitKind).noun),
        colophon(data.unit, data.document, data.signature.date),
      ],
      pageOrientation: 'portrait',
      pageMargins: OFFICIAL_MARGINS,
    },
  ] as Content[];

  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: OFFICIAL_MARGINS,
    info: {
      title: title.full,
      author: data.unit.issuer || data.unit.street,
      subject: `${label}${kindWords(data.unitKind).work}考评`,
      creator: '社区规范化创建考评系统',
      producer: '社区规范化创建考评系统',
      keywords: finalized ? `定稿 ${data.finalization.contentHash ?? ''}` : '草稿',
    },
    // The 正文 parts name their faces (仿宋, 黑体, 楷体, 小标宋); everything else — the annexes'
    // tables — prints in the sans face, which reads better than 仿宋 at small table sizes.
    defaultStyle: { font: REPORT_FONT_FAMILY, fontSize: 10, lineHeight: 1.2, color: INK },
    footer: pageNumberFooter(),
    content,
  };
  if (!finalized) doc.watermark = { ...DRAFT_WATERMARK };
  return doc;
}
