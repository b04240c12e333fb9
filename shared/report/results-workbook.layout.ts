/**
 * The results workbook (考评结果.xlsx, for submitting upward) as plain data: sheets, columns with
 * widths and number formats, and rows of plain values. The ExcelJS writer in electron/core/platform/io/excel
 * only turns this into a file, so what goes into which cell is decided (and tested) here.
 *
 * Sheets: 汇总 (ranking), 明细 (community × item scores), 扣分明细 (the deduction ledger),
 * 整改清单 (rectifications). One header row per sheet (frozen, repeated when printed); scores are
 * numbers with format 0.0, never text; dates are real dates.
 */
import type { ResultsWorkbookData } from './report-data';
import { roundLabel } from './report-format';
import { personLabel } from './report-parts';
import { kindWords } from '../domain/levels/kind-words';

export type WorkbookCellKind = 'text' | 'integer' | 'score' | 'delta' | 'date';

export interface WorkbookColumn {
  header: string;
  /** Column width in Excel character units. */
  width: number;
  kind: WorkbookCellKind;
}

/** A cell value: text, a number, an ISO date (kind 'date'), or null for an empty cell. */
export type WorkbookCell = string | number | null;

export interface WorkbookSheet {
  name: string;
  columns: WorkbookColumn[];
  rows: WorkbookCell[][];
  /** Columns kept visible when scrolling right (e.g. rank and community). */
  frozenColumns: number;
  orientation: 'portrait' | 'landscape';
  /** Printed in the page header of every page. */
  printTitle: string;
}

export interface WorkbookLayout {
  title: string;
  subject: string;
  creator: string;
  sheets: WorkbookSheet[];
}

/** Excel number format per kind of cell. */
export const NUMBER_FORMATS: Record<WorkbookCellKind, string> = {
  text: '@',
  integer: '0',
  score: '0.0',
  delta: '+0.0;-0.0;0.0',
  date: 'yyyy-mm-dd',
};

/** Sheet names as the workbook shows them. */
export const RESULTS_SHEETS = { summary: '汇总', detail: '明细', deductions: '扣分明细', rectifications: '整改清单' } as const;

/** Lays out the results workbook of one round. */
export function buildResultsWorkbookLayout(data: ResultsWorkbookData): WorkbookLayout {
  const label = roundLabel(data.round.year, data.round.quarter);
  const place = data.unit.street;
  const w = kindWords(data.unitKind);
  const ranked = data.communities
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.rank - b.c.rank || a.i - b.i)
    .map((x) => x.c);
  const status = data.finalization.finalized ? '定稿' : '草稿';

  const summary: WorkbookSheet = {
    name: RESULTS_SHEETS.summary,
    columns: [
      { header: '排名', width: 6, kind: 'integer' },
      { header: w.noun, width: 16, kind: 'text' },
      ...data.categories.map((c) => ({ header: `${c.code} ${c.name}（${c.max}分）`, width: 12, kind: 'score' as const })),
      { header: '加分', width: 7, kind: 'score' },
      { header: '一票否决', width: 9, kind: 'text' },
      { header: '总分', width: 8, kind: 'score' },
      { header: '等级', width: 8, kind: 'text' },
      { header: '较上季度', width: 9, kind: 'delta' },
    ],
    rows: ranked.map((c) => {
      const byCode = new Map(c.categories.map((s) => [s.code, s.score]));
      return [
        c.rank,
        c.name,
        ...data.categories.map((cat) => byCode.get(cat.code) ?? null),
        c.bonus,
        c.vetoed ? '是' : '否',
        c.total,
        c.grade,
        c.delta,
      ];
    }),
    frozenColumns: 2,
    orientation: 'landscape',
    printTitle: `${place}${label}${w.work}考评结果汇总（${status}）`,
  };

  const detail: WorkbookSheet = {
    name: RESULTS_SHEETS.detail,
    columns: [
      { header: '排名', width: 6, kind: 'integer' },
      { header: w.noun, width: 16, kind: 'text' },
      ...data.items.map((it) => ({ header: `${it.code} ${it.title}（${it.max}分）`, width: 10, kind: 'score' as const })),
      { header: '加分', width: 7, kind: 'score' },
      { header: '总分', width: 8, kind: 'score' },
    ],
    rows: ranked.map((c) => [c.rank, c.name, ...data.items.map((it) => c.itemScores[it.code] ?? null), c.bonus, c.total]),
    frozenColumns: 2,
    orientation: 'landscape',
    printTitle: `${place}${label}各${w.noun}分项得分明细（${status}）`,
  };

  const deductions: WorkbookSheet = {
    name: RESULTS_SHEETS.deductions,
    columns: [
      { header: '序号', width: 6, kind: 'integer' },
      { header: w.noun, width: 16, kind: 'text' },
      { header: '指标编码', width: 9, kind: 'text' },
      { header: '指标', width: 22, kind: 'text' },
      { header: '扣分', width: 7, kind: 'score' },
      { header: '扣分原因', width: 40, kind: 'text' },
      { header: '核查方式', width: 11, kind: 'text' },
      { header: '考评员', width: 10, kind: 'text' },
      { header: '记录日期', width: 12, kind: 'date' },
    ],
    rows: data.deductions.map((d, i) => [
      i + 1,
      d.communityName,
      d.itemCode,
      d.itemTitle,
      d.points,
      d.reason,
      d.evidenceMethod,
      d.assessor,
      d.recordedAt ? d.recordedAt.slice(0, 10) : null,
    ]),
    frozenColumns: 2,
    orientation: 'landscape',
    printTitle: `${place}${label}扣分明细（${status}）`,
  };

  const rectifications: WorkbookSheet = {
    name: RESULTS_SHEETS.rectifications,
    columns: [
      { header: '序号', width: 6, kind: 'integer' },
      { header: w.noun, width: 16, kind: 'text' },
      { header: '指标编码', width: 9, kind: 'text' },
      { header: '指标', width: 20, kind: 'text' },
      { header: '存在问题', width: 34, kind: 'text' },
      { header: '整改要求', width: 34, kind: 'text' },
      { header: '整改期限', width: 12, kind: 'date' },
      { header: '状态', width: 9, kind: 'text' },
      { header: '发现季度', width: 16, kind: 'text' },
      { header: '责任人', width: 24, kind: 'text' },
    ],
    rows: data.rectifications.map((r, i) => [
      i + 1,
      r.communityName,
      r.itemCode,
      r.itemTitle,
      r.problem,
      r.requirement,
      r.deadline,
      r.status,
      r.sourceRound,
      personLabel(r.responsible) || null,
    ]),
    frozenColumns: 2,
    orientation: 'landscape',
    printTitle: `${place}${label}整改清单（${status}）`,
  };

  return {
    title: `${place}${label}${w.work}考评结果`,
    subject: `${label} ${data.round.standardName}（${data.round.standardVersion}）`,
    creator: data.unit.issuer || place || '社区规范化创建考评系统',
    sheets: [summary, detail, deductions, rectifications],
  };
}
