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
import {
  emptyGradeCounts,
  type Grade,
  type QuarterlyCommunity,
  type QuarterlyReportData,
  type Rectification,
} from './report-data';
import {
  formatDelta,
  formatTenths,
  meanTenths,
  quarterName,
  roundLabel,
  shortDateTime,
  toTenths,
  verificationPayload,
} from './report-format';
import {
  A4,
  DRAFT_WATERMARK,
  GREY_TEXT,
  GRID_LAYOUT,
  INK,
  LANDSCAPE_MARGINS,
  PORTRAIT_MARGINS,
  REPORT_FONT_FAMILY,
  S,
  RULE,
  barCanvas,
  pageFurniture,
  ruledLayout,
  ruledTable,
  td,
  tdTenths,
  th,
} from './report-style';
import {
  PORTRAIT_WIDTH,
  gradeChart,
  closingBlock,
  joinNames,
  masthead,
  para,
  personLabel,
  sortByRank,
  statGrid,
  verificationBlock,
} from './report-parts';

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
export function quarterlyReportTitle(data: Pick<QuarterlyReportData, 'unit' | 'round'>): { lines: [string, string]; full: string } {
  const first = `${data.unit.street}${data.round.year}年${quarterName(data.round.quarter)}`;
  const second = '社区规范化创建考评情况通报';
  return { lines: [first, second], full: first + second };
}




// ---------------------------------------------------------------- body (正文)



function gradeBandsNote(data: QuarterlyReportData): string {
  const bands = data.gradeBands;
  if (!bands || bands.length === 0) return '';
  const parts = bands.map((b) => (b.minScore === null ? `${b.grade}` : `${b.grade}≥${formatTenths(toTenths(b.minScore))}分`));
  return `等级划分：${parts.join('，')}；触发一票否决项的社区按否决项的规定降低等级。`;
}




function bodySection(data: QuarterlyReportData, summary: QuarterlySummary, ranked: QuarterlyCommunity[]): Content[] {
  const title = quarterlyReportTitle(data);
  const label = roundLabel(data.round.year, data.round.quarter);
  const out: Content[] = [];

  out.push(...masthead(data.unit));
  out.push({ text: `${title.lines[0]}\n${title.lines[1]}`, ...S.docTitle, margin: [0, 0, 0, 14], id: 'doc-title' });
  out.push({ text: '各社区党组织、居民委员会：', ...S.body, margin: [0, 0, 0, 2] });

  const standard = data.round.standardVersion
    ? `《${data.round.standardName}》（${data.round.standardVersion}）`
    : `《${data.round.standardName}》`;
  out.push(
    para(
      `根据${standard}和季度考评工作安排，${data.unit.street || '街道'}考评组于${label}对辖区${summary.count}个社区开展了规范化创建考评。` +
        '考评采取听取汇报、查阅资料、实地查看、入户走访和名册数据核验相结合的方式进行。现将考评情况通报如下：',
    ),
  );

  // 一、总体情况
  out.push({ text: '一、总体情况', ...S.h1 });
  out.push(
    statGrid([
      { label: '参评社区', value: String(summary.count), unit: ' 个' },
      { label: '平均得分', value: summary.averageTenths === null ? '—' : formatTenths(summary.averageTenths), unit: ' 分' },
      { label: '最高分', value: summary.highest ? formatTenths(summary.highest.tenths) : '—', unit: ' 分' },
      { label: '最低分', value: summary.lowest ? formatTenths(summary.lowest.tenths) : '—', unit: ' 分' },
    ]),
  );
  const gradeText = Object.entries(summary.perGrade).map(([g, n]) => `${g}${n}个`).join('、');
  const overview: string[] = [];
  if (summary.count > 0 && summary.averageTenths !== null && summary.highest && summary.lowest) {
    overview.push(
      `本季度共考评社区${summary.count}个，平均得分${formatTenths(summary.averageTenths)}分；` +
        `最高分${formatTenths(summary.highest.tenths)}分（${joinNames(summary.highest.names)}），` +
        `最低分${formatTenths(summary.lowest.tenths)}分（${joinNames(summary.lowest.names)}）。`,
    );
    overview.push(`按等级统计：${gradeText}。`);
    overview.push(summary.vetoCount > 0 ? `触发一票否决项的社区${summary.vetoCount}个。` : '本季度无社区触发一票否决项。');
  } else {
    overview.push('本季度没有社区参加考评。');
  }
  out.push(para(overview.join('')));

  // 二、等级分布
  out.push({ text: '二、等级分布', ...S.h1 });
  out.push(gradeChart(summary.perGrade, summary.count));
  const bandNote = gradeBandsNote(data);
  if (bandNote) out.push({ text: bandNote, ...S.note, margin: [20, 0, 0, 2] });

  // 三、排名情况
  out.push({ text: '三、排名情况', ...S.h1 });
  if (ranked.length > 0) {
    const top = ranked.filter((c) => c.rank <= 3);
    // Only name a bottom group when it cannot overlap the top group.
    const bottom = ranked.length > 6 ? ranked.slice(-3) : [];
    const fmt = (c: QuarterlyCommunity) => `${c.name}（${formatTenths(toTenths(c.total))}分）`;
    let text = `排名前三位的社区：${top.map(fmt).join('、')}。`;
    if (bottom.length > 0) text += `排名后三位的社区：${bottom.map(fmt).join('、')}。`;
    const improved = ranked
      .filter((c) => c.change.delta !== null && toTenths(c.change.delta) > 0)
      .sort((a, b) => toTenths(b.change.delta ?? 0) - toTenths(a.change.delta ?? 0))
      .slice(0, 3);
    if (improved.length > 0) {
      text += `较上季度进步较大的社区：${improved.map((c) => `${c.name}（${formatDelta(c.change.delta)}分）`).join('、')}。`;
    }
    text += '各社区得分及排名详见附件1，各社区计分明细详见附件2。';
    out.push(para(text));
  } else {
    out.push(para('无。'));
  }

  // 四、存在问题和整改要求
  out.push({ text: '四、存在问题和整改要求', ...S.h1 });
  const problems: string[] = [];
  if (summary.deductionCount > 0) {
    const affected = data.communities.filter((c) => c.scorecard.deductions.length > 0).length;
    problems.push(
      `本季度考评共记录扣分${summary.deductionCount}项，合计扣${formatTenths(summary.deductionTenths)}分，涉及${affected}个社区。`,
    );
    if (summary.topDeductedItems.length > 0) {
      problems.push(
        `扣分较集中的指标：${summary.topDeductedItems
          .slice(0, 3)
          .map((i) => `${i.itemCode} ${i.itemTitle}（${i.records}项）`)
          .join('；')}。`,
      );
    }
  } else {
    problems.push('本季度考评未记录扣分。');
  }
  out.push(para(problems.join('')));
  out.push(
    para(
      `各社区要对照考评结果和整改清单（附件3，共${data.rectifications.length}项），认真分析问题原因，明确整改责任人和整改时限，` +
        '按期完成整改；街道将在下季度考评中逐项核查销号，整改不到位的继续扣分。',
    ),
  );
  out.push(
    closingBlock(data.unit, data.signature, [
      {
        margin: [0, 12, 0, 0],
        columns: [
          { text: '附件：', ...S.body, width: 'auto' },
          {
            ...S.body,
            width: '*',
            text: [`1. ${label}社区规范化创建考评得分排名表\n`, '2. 各社区考评计分卡\n', '3. 整改清单'],
          },
        ],
      },
    ]),
  );
  out.push(
    verificationBlock(
      data.finalization,
      verificationPayload(data.round.code, data.finalization.contentHash ?? ''),
      '草稿：本季度考评尚未定稿，本稿仅供内部审核，数据可能变动，不得作为正式考评结果对外使用。',
    ),
  );
  return out;
}

// ---------------------------------------------------------------- 附件1 排名表

function rankingTable(data: QuarterlyReportData, ranked: QuarterlyCommunity[]): Content[] {
  const cats = data.categories;
  const fixed = { rank: 28, name: 88, bonus: 34, veto: 28, total: 40, grade: 36, change: 44 };
  const available = A4.height - LANDSCAPE_MARGINS[0] - LANDSCAPE_MARGINS[2];
  const padding = (cats.length + 7) * 6 + 2;
  const fixedSum = Object.values(fixed).reduce((a, b) => a + b, 0);
  const catWidth = cats.length > 0 ? Math.max(30, Math.floor((available - fixedSum - padding) / cats.length)) : 0;

  const header1: Content[] = [
    th('排名', { rowSpan: 2, margin: [0, 8, 0, 0] }),
    th('社区', { rowSpan: 2, margin: [0, 8, 0, 0] }),
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
  for (const c of ranked) {
    const row: Content[] = [
      { text: String(c.rank), ...S.tdCenter },
      td(c.name, { bold: true }),
    ];
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

  const widths: (number | string)[] = [fixed.rank, fixed.name, ...cats.map(() => catWidth), fixed.bonus, fixed.veto, fixed.total, fixed.grade, fixed.change];
  const table: ContentTable = {
    id: 'ranking-table',
    // Rows are one line each, so they cannot split; dontBreakRows would only add an unbreakable
    // block (a scratch layout and a copy) per row.
    table: { headerRows: 2, widths, body },
    layout: ruledLayout(2),
  };
  const legend = cats.map((c) => `${c.code} ${c.name}（满分${formatTenths(toTenths(c.max))}）`).join('；');
  return [
    { text: '附件1', ...S.annexLabel },
    { text: `${roundLabel(data.round.year, data.round.quarter)}社区规范化创建考评得分排名表`, ...S.annexTitle },
    table,
    {
      text: `说明：${legend}。「否决」为触发一票否决项；「较上季度」为本季度总分与上季度总分之差，「新参评」为上季度未参加考评。`,
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
  const maxOfMax = Math.max(1, ...c.categories.map((s) => toTenths(s.max)));
  const rows: Content[][] = c.categories.map((s) => {
    const max = toTenths(s.max);
    const score = toTenths(s.score);
    const track = (trackMax * max) / maxOfMax;
    const fill = max > 0 ? (track * Math.max(0, score)) / max : 0;
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
    const body: Content[][] = [[th('编码'), th('指标'), th('扣分'), th('扣分原因'), th('核查方式'), th('考评员')]];
    for (const d of sc.deductions) {
      body.push([
        td(d.itemCode),
        td(d.itemTitle),
        tdTenths(toTenths(d.points)),
        td(d.reason),
        td(d.evidenceMethod),
        td(d.assessor),
      ]);
    }
    parts.push(ruledTable([26, 92, 26, '*', 52, 46], body, 1));
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
      body.push([td(`${r.itemCode} ${r.itemTitle}`), td(r.problem), td(r.deadline ?? '—'), { text: r.status, ...S.tdCenter }]);
    }
    parts.push(ruledTable([110, '*', 54, 40], body, 1));
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

export function rectificationTable(rows: readonly Rectification[], id = 'rectification-table'): Content {
  if (rows.length === 0) return { text: '本季度无整改事项。', ...S.body, id };
  const body: Content[][] = [
    [th('序号'), th('社区'), th('指标'), th('存在问题'), th('整改要求'), th('整改期限'), th('状态')],
  ];
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
      td(r.deadline ?? '—', { alignment: 'center' }),
      { text: r.status, ...S.tdCenter },
    ]);
  });
  return { ...ruledTable([20, 80, 62, '*', '*', 50, 34], body, 1), id };
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

  const furniture = pageFurniture(
    title.full,
    finalized && data.finalization.contentHash ? `校验码 ${data.finalization.contentHash.slice(0, 16)}` : '未定稿',
    `生成于 ${shortDateTime(data.generatedAt)}`,
  );

  const content: Content[] = [
    { section: bodySection(data, summary, ranked), pageOrientation: 'portrait', pageMargins: PORTRAIT_MARGINS },
    { section: rankingTable(data, ranked), pageOrientation: 'landscape', pageMargins: LANDSCAPE_MARGINS },
    {
      section: [
        { text: '附件2', ...S.annexLabel },
        { text: '各社区考评计分卡', ...S.annexTitle },
        ...(ranked.length === 0 ? [{ text: '无。', ...S.body } as Content] : ranked.flatMap((c, i) => scorecard(c, i))),
      ],
      pageOrientation: 'portrait',
      pageMargins: PORTRAIT_MARGINS,
    },
    {
      section: [
        { text: '附件3', ...S.annexLabel },
        { text: `${label}整改清单`, ...S.annexTitle },
        rectificationTable(data.rectifications),
      ],
      pageOrientation: 'portrait',
      pageMargins: PORTRAIT_MARGINS,
    },
  ] as Content[];

  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: PORTRAIT_MARGINS,
    info: {
      title: title.full,
      author: data.unit.issuer || data.unit.street,
      subject: `${label}社区规范化创建考评`,
      creator: '社区规范化创建考评系统',
      producer: '社区规范化创建考评系统',
      keywords: finalized ? `定稿 ${data.finalization.contentHash ?? ''}` : '草稿',
    },
    defaultStyle: { font: REPORT_FONT_FAMILY, fontSize: 10, lineHeight: 1.2, color: INK },
    header: furniture.header,
    footer: furniture.footer,
    content,
  };
  if (!finalized) doc.watermark = { ...DRAFT_WATERMARK };
  return doc;
}
