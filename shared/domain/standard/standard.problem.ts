/**
 * Problems found in a standard version: the one import-problem shape of shared/domain/problems.ts
 * ({ severity, sheet, row, column, value, message }) so the UI and CLI show them alike.
 * `sheet` names the workbook sheet the problem belongs to (考核标准, 加分项, 否决项, 等级划分, 考核设置),
 * `row` is the Excel row when the problem came from a file (null otherwise). `target` additionally
 * locates the problem in the editor tree.
 */
import { z } from 'zod';
import { importProblemSchema } from '../problems';

export { hasErrors } from '../problems';

export const problemTargetSchema = z.object({
  kind: z.enum(['standard', 'category', 'item', 'bonus', 'veto', 'band', 'ranking', 'rollUp']),
  /** Code of the category/item/bonus/veto, or label of the grade band. */
  code: z.string().optional(),
  /** Field name within the target (maxTenths, method, expression, …). */
  field: z.string().optional(),
});
export type ProblemTarget = z.infer<typeof problemTargetSchema>;

export const standardProblemSchema = importProblemSchema.extend({ target: problemTargetSchema.optional() });
export type StandardProblem = z.infer<typeof standardProblemSchema>;

/** Workbook sheet names of an exported standard (also used to place validation problems). */
export const STANDARD_SHEETS = {
  items: '考核标准',
  bonus: '加分项',
  vetoes: '否决项',
  bands: '等级划分',
  settings: '考核设置',
} as const;

const SHEET_OF_TARGET: Record<ProblemTarget['kind'], string> = {
  standard: STANDARD_SHEETS.settings,
  category: STANDARD_SHEETS.items,
  item: STANDARD_SHEETS.items,
  bonus: STANDARD_SHEETS.bonus,
  veto: STANDARD_SHEETS.vetoes,
  band: STANDARD_SHEETS.bands,
  ranking: STANDARD_SHEETS.settings,
  rollUp: STANDARD_SHEETS.settings,
};

/** Builds a problem; the sheet follows from the target. */
export function standardProblem(
  severity: StandardProblem['severity'],
  message: string,
  target?: ProblemTarget,
  extra: { column?: string | null; value?: string; row?: number | null; sheet?: string } = {},
): StandardProblem {
  return {
    severity,
    sheet: extra.sheet ?? SHEET_OF_TARGET[target?.kind ?? 'standard'],
    row: extra.row ?? null,
    column: extra.column ?? null,
    value: extra.value ?? '',
    message,
    ...(target ? { target } : {}),
  };
}
