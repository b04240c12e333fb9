/**
 * One problem schema (issue #12): rosters, the standard workbook and field sheets report problems
 * in one shape, so the wizard, the pages and the CLI show them alike.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compareProblems, hasErrors, importProblemSchema, problemLine, type ImportProblem } from '../../../shared/domain/problems';
import { rosterImportResultSchema, rosterPreviewSchema, rosterChannels } from '../../../shared/ipc/channels/roster.channels';
import { roundsChannels } from '../../../shared/ipc/channels/rounds.channels';
import { standardChannels } from '../../../shared/ipc/channels/standard.channels';
import { standardProblem, standardProblemSchema } from '../../../shared/domain/standard/standard.problem';

/** The element schema of an array-valued `problems` field of an object schema. */
function problemsElement(schema: z.ZodTypeAny): z.ZodTypeAny {
  const shape = (schema as z.ZodObject<z.ZodRawShape>).shape;
  const problems = shape.problems as z.ZodArray<z.ZodTypeAny>;
  return problems.element;
}

const rowProblem: ImportProblem = {
  severity: 'error',
  sheet: '社区工作者',
  row: 3,
  column: '身份证号',
  value: '4111',
  message: '身份证号应为18位。',
};

describe('the one import-problem schema', () => {
  it('is the element of every problem list in the contract (rosters, field sheets, standard)', () => {
    expect(problemsElement(rosterPreviewSchema)).toBe(importProblemSchema);
    expect(problemsElement(rosterImportResultSchema)).toBe(importProblemSchema);
    expect(problemsElement(rosterChannels['roster:update'].output)).toBe(importProblemSchema);
    expect(problemsElement(roundsChannels['rounds:importSheets'].output)).toBe(importProblemSchema);
    // The standard's problems are the same shape plus where they sit in the editor.
    expect(problemsElement(standardChannels['standard:import'].output)).toBe(standardProblemSchema);
    expect(Object.keys(standardProblemSchema.shape).sort()).toEqual([...Object.keys(importProblemSchema.shape), 'target'].sort());
  });

  it('accepts a standard problem as an import problem and refuses other severities', () => {
    const p = standardProblem('warning', '等级划分有重叠。', { kind: 'band', code: '优秀' });
    expect(importProblemSchema.parse(p)).toEqual({
      severity: 'warning',
      sheet: '等级划分',
      row: null,
      column: null,
      value: '',
      message: '等级划分有重叠。',
    });
    expect(importProblemSchema.safeParse({ ...rowProblem, severity: 'info' }).success).toBe(false);
    expect(importProblemSchema.safeParse({ ...rowProblem, row: 2.5 }).success).toBe(false);
  });

  it('prints one line per problem the same way for every import (the CLI report)', () => {
    expect(problemLine(rowProblem)).toBe('  [错误] 社区工作者 第3行 身份证号「4111」：身份证号应为18位。');
    expect(problemLine({ severity: 'warning', sheet: '幸福社区', row: null, column: null, value: '', message: '只导入第一个' })).toBe(
      '  [提示] 幸福社区：只导入第一个',
    );
  });

  it('orders by sheet, row (file-level last), errors first; hasErrors sees only errors', () => {
    const warn = { ...rowProblem, severity: 'warning' as const };
    const fileLevel = { ...rowProblem, row: null };
    const earlier = { ...rowProblem, row: 2 };
    expect([fileLevel, warn, rowProblem, earlier].sort(compareProblems)).toEqual([earlier, rowProblem, warn, fileLevel]);
    expect(hasErrors([warn])).toBe(false);
    expect(hasErrors([warn, rowProblem])).toBe(true);
  });
});
