/**
 * Field scoring sheets (现场评分表): one sheet per community with the columns 编码, 二级指标, 分值,
 * 评分细则, 得分, 扣分原因. Building the rows and reading filled sheets back into entries are pure
 * here; the Excel files themselves are written/read in electron/core/platform/io/excel.
 */
import type { SheetCell } from '../roster/sheet-cell';
import { pointsToTenths, formatTenths, type Standard, type StandardItem } from '../standard/standard.schema';
import { checkManualValue } from '../scoring/item-score';
import type { ItemValue } from '../scoring/score-entry.schema';
import type { ImportProblem } from '../problems';

export const SHEET_COLUMNS = ['编码', '二级指标', '分值', '评分细则', '得分', '扣分原因'] as const;

/** A blank 得分 is not full marks: the assessor writes the full score once checked (核查无扣分). */
export const DEDUCT_NOTE = '【扣分制：核查无扣分的填满分，有扣分的填实得分并在“扣分原因”写明原因】';

export interface ScoringSheetRow {
  code: string;
  title: string;
  max: number;
  guide: string;
  /** Prefilled score (computed items), points. */
  score: number | null;
  note: string;
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetNameFor(name: string, taken: Set<string>): string {
  const base = name.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || '社区';
  let candidate = base;
  for (let i = 2; taken.has(candidate); i++) candidate = `${base.slice(0, 28)}(${i})`;
  taken.add(candidate);
  return candidate;
}

/**
 * Rows of one community's sheet. Computed items carry their score from the snapshot (empty when
 * the snapshot cannot compute it); the 评分细则 of a computed item says so.
 */
export function scoringSheetRows(standard: Standard, computed: ReadonlyMap<string, number>): ScoringSheetRow[] {
  return standard.categories.flatMap((c) =>
    c.items.map((i) => {
      const isComputed = i.method.kind === 'computed';
      const value = computed.get(i.code);
      return {
        code: i.code,
        title: `${c.title}：${i.title}`,
        max: i.maxTenths / 10,
        guide: isComputed
          ? `【由名册数据自动计算${value === undefined ? '，名册数据不足未能计算' : ''}；如需调整，请改分并在“扣分原因”写明理由】${i.guide}`
          : i.method.kind === 'deduct'
            ? `${DEDUCT_NOTE}${i.guide}`
            : i.guide,
        score: isComputed && value !== undefined ? value / 10 : null,
        note: '',
      };
    }),
  );
}

/** Text of a cell as the user sees it. */
export function cellText(cell: SheetCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string')
    return cell
      .normalize('NFKC')
      .replace(/[\u200b-\u200d\ufeff]/g, '')
      .trim();
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return cell.text;
}

/** What one filled row asks for. */
export type SheetAction =
  | { kind: 'value'; code: string; value: ItemValue }
  | { kind: 'deductions'; code: string; records: { reasonCode: string | null; text: string; amountTenths: number }[] }
  | { kind: 'override'; code: string; tenths: number; reason: string };

/**
 * Reads one filled row. Returns the action, nothing (blank score, or a computed item left as
 * computed), or a problem.
 */
export function readSheetRow(
  item: StandardItem,
  scoreText: string,
  reasonText: string,
  computedTenths: number | undefined,
  where: { sheet: string; row: number },
): { action?: SheetAction; problem?: ImportProblem } {
  if (scoreText === '') return {};
  const problem = (message: string, column = '得分', value = scoreText): { problem: ImportProblem } => ({
    problem: { severity: 'error', sheet: where.sheet, row: where.row, column, value, message },
  });
  const n = Number(scoreText);
  if (!Number.isFinite(n)) return problem(`得分应为数字，请填写0至${formatTenths(item.maxTenths)}之间的分数`);
  const tenths = pointsToTenths(n);
  if (Math.abs(n * 10 - tenths) > 1e-6) return problem('得分须精确到0.1分');
  if (tenths < 0 || tenths > item.maxTenths) return problem(`得分应在0至${formatTenths(item.maxTenths)}分之间`);
  const m = item.method;
  switch (m.kind) {
    case 'manual': {
      const p = checkManualValue(item, tenths);
      return p ? problem(p) : { action: { kind: 'value', code: item.code, value: { kind: 'manual', tenths } } };
    }
    case 'yesno':
      if (tenths !== 0 && tenths !== item.maxTenths) return problem(`该项为“是否达标”，得分只能是0或${formatTenths(item.maxTenths)}`);
      return { action: { kind: 'value', code: item.code, value: { kind: 'yesno', yes: tenths === item.maxTenths } } };
    case 'tiers': {
      const k = m.pointsTenths.findIndex((p) => p === tenths);
      if (k < 0) return problem(`该项为分档计分，得分只能是${[...new Set(m.pointsTenths)].map(formatTenths).join('、')}之一`);
      return { action: { kind: 'value', code: item.code, value: { kind: 'tiers', met: Array.from({ length: k }, (_, i) => i) } } };
    }
    case 'deduct': {
      if (tenths === item.maxTenths) return { action: { kind: 'deductions', code: item.code, records: [] } };
      const standardReason = m.reasons.find((r) => r.text === reasonText || r.code === reasonText);
      if (!reasonText) return problem('得分低于满分时请在“扣分原因”中写明扣分原因', '扣分原因', '');
      if (!standardReason && !m.allowOtherReasons) {
        return problem(`该项只能使用标准扣分原因：${m.reasons.map((r) => r.text).join('；')}`, '扣分原因', reasonText);
      }
      return {
        action: {
          kind: 'deductions',
          code: item.code,
          records: [
            { reasonCode: standardReason?.code ?? null, text: standardReason?.text ?? reasonText, amountTenths: item.maxTenths - tenths },
          ],
        },
      };
    }
    case 'computed':
      if (computedTenths !== undefined && tenths === computedTenths) return {};
      if (!reasonText) return problem('计算项的得分与名册数据计算结果不同：如需调整，请在“扣分原因”中写明理由', '扣分原因', '');
      return { action: { kind: 'override', code: item.code, tenths, reason: reasonText } };
  }
}
