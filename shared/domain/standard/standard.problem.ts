/**
 * Problems found in a standard version, in the same shape as roster import problems
 * ({ severity, sheet?, row?, column?, value?, message }) so the UI and CLI show them alike.
 * `target` additionally locates the problem in the editor tree.
 */
import { z } from 'zod';

export const problemTargetSchema = z.object({
  kind: z.enum(['standard', 'category', 'item', 'bonus', 'veto', 'band', 'ranking', 'rollUp']),
  /** Code of the category/item/bonus/veto, or label of the grade band. */
  code: z.string().optional(),
  /** Field name within the target (maxTenths, method, expression, …). */
  field: z.string().optional(),
});
export type ProblemTarget = z.infer<typeof problemTargetSchema>;

export const standardProblemSchema = z.object({
  severity: z.enum(['error', 'warning']),
  sheet: z.string().optional(),
  row: z.number().int().optional(),
  column: z.string().optional(),
  value: z.string().optional(),
  message: z.string(),
  target: problemTargetSchema.optional(),
});
export type StandardProblem = z.infer<typeof standardProblemSchema>;

export function hasErrors(problems: readonly StandardProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
