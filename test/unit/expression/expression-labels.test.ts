import { describe, expect, it } from 'vitest';
import { compileExpression } from '../../../shared/domain/expression/index';
import { expressionWithLabels } from '../../../shared/domain/expression/expression.labels';
import { METRIC_CATALOGUE } from '../../../shared/domain/standard/metric-catalogue';

describe('expressionWithLabels', () => {
  it('shows metric keys by their Chinese names, keeps functions, numbers and already-Chinese names, and stays a valid formula', () => {
    const source = 'min(1, workersCertified / max(workerCount, 1)) * 2 + 社区工作者人数 * 0';
    const shown = expressionWithLabels(source, METRIC_CATALOGUE.labelOf);
    expect(shown).toBe('min(1, 持证社工人数 / max(社区工作者人数, 1)) * 2 + 社区工作者人数 * 0');
    expect(shown).not.toMatch(/workers|Count/);
    const a = compileExpression(source, METRIC_CATALOGUE.resolve, 'number');
    const b = compileExpression(shown, METRIC_CATALOGUE.resolve, 'number');
    expect(a.ok && b.ok).toBe(true);
  });

  it('brackets names that are not plain words and leaves an unfinished formula as typed', () => {
    expect(expressionWithLabels('x + 1', (k) => (k === 'x' ? '户数(300至500)' : undefined))).toBe('[户数(300至500)] + 1');
    expect(expressionWithLabels('workerCount + [未闭合', METRIC_CATALOGUE.labelOf)).toBe('workerCount + [未闭合');
  });
});
