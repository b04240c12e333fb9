/**
 * The one shape of an import/validation problem: roster files, the standard workbook and field
 * scoring sheets all report { severity, sheet, row, column, value, message }, so the import wizard,
 * the other pages and the CLI show them alike. The contract channels use `importProblemSchema`
 * (the standard's problems extend it with an editor target).
 */
import { z } from 'zod';

export const problemSeveritySchema = z.enum(['error', 'warning']);
export type ProblemSeverity = z.infer<typeof problemSeveritySchema>;

export const importProblemSchema = z.object({
  /** Errors reject the row (or block the import); warnings are shown but do not. */
  severity: problemSeveritySchema,
  /** The workbook sheet the problem is in. */
  sheet: z.string(),
  /** Excel row number; null for a problem about the whole file, sheet or community. */
  row: z.number().int().nullable(),
  /** Column header as written in the file (or the canonical name); null for row-level problems. */
  column: z.string().nullable(),
  /** The cell value as the user typed it (text); '' when not about one cell. */
  value: z.string(),
  /** Chinese, says what is wrong and what to do. */
  message: z.string(),
});
export type ImportProblem = z.infer<typeof importProblemSchema>;

export const SEVERITY_LABELS: Readonly<Record<ProblemSeverity, string>> = { error: '错误', warning: '提示' };

export function hasErrors(problems: readonly Pick<ImportProblem, 'severity'>[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** Orders problems by sheet, row (file-level ones last), then errors before warnings. */
export function compareProblems(a: ImportProblem, b: ImportProblem): number {
  const ra = a.row ?? Number.MAX_SAFE_INTEGER;
  const rb = b.row ?? Number.MAX_SAFE_INTEGER;
  if (a.sheet !== b.sheet) return a.sheet < b.sheet ? -1 : 1;
  if (ra !== rb) return ra - rb;
  if (a.severity !== b.severity) return a.severity === 'error' ? -1 : 1;
  return 0;
}

/** One problem as a line of plain text (the CLI's report): `  [错误] 名册 第3行 身份证号「…」：message`. */
export function problemLine(p: ImportProblem): string {
  const where = `${p.sheet}${p.row !== null ? ` 第${p.row}行` : ''}${p.column ? ` ${p.column}` : ''}`;
  return `  [${SEVERITY_LABELS[p.severity]}] ${where}${p.value ? `「${p.value}」` : ''}：${p.message}`;
}
