import { describe, expect, it } from 'vitest';
import {
  compileExpression,
  evaluateExpression,
  formatExpression,
  MAX_EXPRESSION_LENGTH,
  Rat,
  type ExpressionValue,
  type MetricValues,
  type NameResolver,
} from '../../../shared/domain/expression/index';

const NAMES: Record<string, string> = {
  households: '户数',
  residents: '常住人口',
  facilityArea: '服务设施面积',
  gridCount: '网格数',
  committeeUnder35: '35岁以下两委人数',
};
const resolve: NameResolver = (n) => {
  for (const [key, label] of Object.entries(NAMES)) if (n === key || n === label) return { key, label };
  return undefined;
};
const METRICS: MetricValues = { households: 1200, residents: 3600, facilityArea: 480.5, gridCount: 4, committeeUnder35: 1 };

function run(src: string, values: MetricValues = METRICS): ExpressionValue {
  const c = compileExpression(src, resolve);
  if (!c.ok) throw new Error(c.error.message);
  const v = evaluateExpression(c.value, values, (k) => NAMES[k]);
  if (!v.ok) throw new Error(v.error.message);
  return v.value;
}
function num(src: string, values?: MetricValues): string {
  const v = run(src, values);
  if (typeof v === 'boolean') throw new Error('expected a number');
  return Rat.toDecimalString(v, 12);
}
function compileError(src: string) {
  const c = compileExpression(src, resolve);
  if (c.ok) throw new Error(`expected a compile error for ${src}`);
  return c.error;
}
function evalError(src: string, values: MetricValues = METRICS) {
  const c = compileExpression(src, resolve);
  if (!c.ok) throw new Error(c.error.message);
  const v = evaluateExpression(c.value, values, (k) => NAMES[k]);
  if (v.ok) throw new Error(`expected an evaluation error for ${src}`);
  return v.error;
}

describe('arithmetic is exact', () => {
  it('adds decimals without binary-float drift', () => {
    expect(num('0.1 + 0.2')).toBe('0.3');
    expect(run('0.1 + 0.2 = 0.3')).toBe(true);
  });
  it('respects precedence and associativity', () => {
    expect(num('2 + 3 * 4')).toBe('14');
    expect(num('(2 + 3) * 4')).toBe('20');
    expect(num('10 - 4 - 3')).toBe('3');
    expect(num('24 / 4 / 3')).toBe('2');
    expect(num('-2 * -3')).toBe('6');
    expect(num('--2')).toBe('2');
    expect(num('+2')).toBe('2');
  });
  it('keeps thirds exact: 3 × (2 / 3) is 2, not 1.9999…', () => {
    expect(num('3 * (2 / 3)')).toBe('2');
    expect(run('3 * (2 / 3) = 2')).toBe(true);
  });
  it('reads percentages', () => {
    expect(num('95%')).toBe('0.95');
    expect(num('2 * min(1, 0.9 / 95%)')).toBe('1.894736842105');
  });
  it('accepts full-width punctuation and math signs typed on a Chinese PC', () => {
    expect(num('max（1，2）× 3 ÷ 2 − 1')).toBe('2');
    expect(run('3 ≥ 2 and 1 ≤ 1 and 1 ≠ 2')).toBe(true);
    expect(run('1 <> 2')).toBe(true);
  });
});

describe('names', () => {
  it('resolves keys and Chinese labels to the same metric', () => {
    expect(num('households / 100')).toBe('12');
    expect(num('户数 / 100')).toBe('12');
    expect(num('[35岁以下两委人数] + 【户数】')).toBe('1201');
  });
  it('lists the metric keys it reads, canonical and sorted', () => {
    const c = compileExpression('户数 + households + gridCount', resolve);
    expect(c.ok && c.value.metricKeys).toEqual(['gridCount', 'households']);
  });
  it('refuses an unknown name with its position', () => {
    const e = compileError('households + 人口数');
    expect(e.code).toBe('UNKNOWN_NAME');
    expect(e.position).toBe(13);
    expect(e.message).toBe('第14个字符处：未知的指标名称“人口数”，请从指标目录中选择');
  });
  it('says how to write a name that starts with a digit', () => {
    const e = compileError('35岁以下两委人数 >= 1');
    expect(e.code).toBe('SYNTAX');
    expect(e.message).toContain('[35岁以下两委人数]');
  });
  it('reports a metric missing for this community by its Chinese label', () => {
    const e = evalError('gridCount * 2', { ...METRICS, gridCount: null });
    expect(e.code).toBe('MISSING_VALUE');
    expect(e.message).toContain('网格数');
  });
  it('refuses a metric value that is not a finite number', () => {
    expect(evalError('gridCount', { ...METRICS, gridCount: Number.NaN }).code).toBe('MISSING_VALUE');
    expect(evalError('gridCount', { ...METRICS, gridCount: Infinity }).code).toBe('MISSING_VALUE');
  });
});

describe('functions', () => {
  it('min, max, clamp, abs, floor, ceil, round', () => {
    expect(num('min(3, 1, 2)')).toBe('1');
    expect(num('max(3, 1, 2)')).toBe('3');
    expect(num('clamp(5, 0, 3)')).toBe('3');
    expect(num('clamp(-1, 0, 3)')).toBe('0');
    expect(num('abs(-2.5)')).toBe('2.5');
    expect(num('floor(-2.5)')).toBe('-3');
    expect(num('ceil(-2.5)')).toBe('-2');
    expect(num('floor(2.5)')).toBe('2');
    expect(num('round(2.45, 1)')).toBe('2.5');
    expect(num('round(2.5)')).toBe('3');
    expect(num('round(-2.5)')).toBe('-3');
  });
  it('if and case evaluate only the chosen branch (a guarded division by zero is fine)', () => {
    expect(num('if(gridCount = 0, 0, 12 / gridCount)', { ...METRICS, gridCount: 0 })).toBe('0');
    expect(num('case(gridCount = 0, 0, 12 / gridCount)', { ...METRICS, gridCount: 0 })).toBe('0');
    expect(run('gridCount > 0 and 12 / gridCount > 1', { ...METRICS, gridCount: 0 })).toBe(false);
    expect(run('gridCount = 0 or 12 / gridCount > 1', { ...METRICS, gridCount: 0 })).toBe(true);
  });
  it('case gives piecewise ranges: the first true condition wins', () => {
    const src = 'case(p >= 0.9, 6, p >= 0.85, 5, p >= 0.8, 4, p >= 0.7, 2, 0)';
    const local: NameResolver = (n) => (n === 'p' ? { key: 'p', label: '满意率' } : undefined);
    const at = (p: number) => {
      const c = compileExpression(src, local);
      if (!c.ok) throw new Error(c.error.message);
      const v = evaluateExpression(c.value, { p });
      return v.ok && typeof v.value !== 'boolean' ? Rat.toDecimalString(v.value) : 'err';
    };
    expect([at(0.95), at(0.9), at(0.8999), at(0.85), at(0.8), at(0.7), at(0.6999), at(0)]).toEqual([
      '6',
      '6',
      '5',
      '5',
      '4',
      '2',
      '0',
      '0',
    ]);
  });
  it('between is inclusive', () => {
    expect(run('between(5, 5, 9)')).toBe(true);
    expect(run('between(9, 5, 9)')).toBe(true);
    expect(run('between(9.1, 5, 9)')).toBe(false);
  });
  it('not and boolean literals', () => {
    expect(run('not (1 > 2)')).toBe(true);
    expect(run('!true or false')).toBe(false);
    expect(run('true = (1 < 2)')).toBe(true);
  });
  it('refuses clamp with the bounds reversed, and round with bad digits', () => {
    expect(evalError('clamp(1, 3, 0)').code).toBe('DOMAIN');
    expect(evalError('round(1.234, 7)').code).toBe('DOMAIN');
    expect(evalError('round(1.234, 0.5)').code).toBe('DOMAIN');
  });
});

describe('compile-time checks', () => {
  it('unknown function', () => {
    const e = compileError('sqrt(4)');
    expect(e.code).toBe('UNKNOWN_FUNCTION');
    expect(e.position).toBe(0);
  });
  it('wrong number of arguments, with the usage', () => {
    expect(compileError('clamp(1, 2)').message).toContain('clamp(x, 下限, 上限)');
    expect(compileError('if(true, 1)').code).toBe('ARITY');
    expect(compileError('case(true, 1, false, 2)').code).toBe('ARITY');
  });
  it('types: conditions where numbers are expected and the reverse', () => {
    expect(compileError('1 + (2 > 1)').code).toBe('TYPE');
    expect(compileError('if(1, 2, 3)').code).toBe('TYPE');
    expect(compileError('1 and true').code).toBe('TYPE');
    expect(compileError('if(true, 1, false)').code).toBe('TYPE');
    expect(compileError('1 = true').code).toBe('TYPE');
    expect(compileError('-(1 > 0)').code).toBe('TYPE');
  });
  it('an expected result type: computed items need a number', () => {
    const c = compileExpression('households > 1', resolve, 'number');
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.error.message).toContain('if(条件, 分值, 0)');
  });
  it('syntax errors carry the position of the problem', () => {
    expect(compileError('1 +').position).toBe(3);
    expect(compileError('(1 + 2').position).toBe(0);
    expect(compileError('1 + 2)').position).toBe(5);
    expect(compileError('1 2').position).toBe(2);
    expect(compileError('1 # 2').position).toBe(2);
    expect(compileError('1 < 2 < 3').code).toBe('SYNTAX');
    expect(compileError('1..2').code).toBe('SYNTAX');
    expect(compileError('[户数').code).toBe('SYNTAX');
    expect(compileError('min(1 2)').position).toBe(6);
    expect(compileError(',').code).toBe('SYNTAX');
    expect(compileError('   ').message).toContain('表达式为空');
  });
});

describe('hostile input', () => {
  it('division by zero points at the operator', () => {
    const e = evalError('households / (gridCount - 4)');
    expect(e.code).toBe('DIV_ZERO');
    expect(e.position).toBe(11);
    expect(e.message).toContain('除数为零');
  });
  it('huge literals and results are refused, not overflowed', () => {
    expect(evalError('99999999999999999999999').code).toBe('OUT_OF_RANGE');
    expect(evalError('1000000 * 1000000 * 2').code).toBe('OUT_OF_RANGE');
    expect(evalError('households', { ...METRICS, households: 1e300 }).code).toBe('OUT_OF_RANGE');
    expect(num('1000000 * 1000000')).toBe('1000000000000');
  });
  it('tiny divisors do not blow up the denominator', () => {
    expect(num('1 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 / 3 * 3486784401')).toBe('1');
  });
  it('deep nesting is refused with a message', () => {
    const deep = '('.repeat(100) + '1' + ')'.repeat(100);
    const e = compileError(deep);
    expect(e.code).toBe('TOO_DEEP');
    expect(e.message).toContain('嵌套层数过多');
    expect(compileError('-'.repeat(100) + '1').code).toBe('TOO_DEEP');
    expect(compileError('not '.repeat(100) + 'true').code).toBe('TOO_DEEP');
    expect(compileError('min('.repeat(100) + '1' + ')'.repeat(100)).code).toBe('TOO_DEEP');
  });
  it('nesting within the limit works', () => {
    expect(num('('.repeat(30) + '1' + ')'.repeat(30))).toBe('1');
  });
  it('over-long input is refused before parsing', () => {
    const e = compileError('1+'.repeat(MAX_EXPRESSION_LENGTH));
    expect(e.code).toBe('TOO_LONG');
  });
  it('too many tokens is refused', () => {
    expect(compileError('1+'.repeat(400) + '1').code).toBe('TOO_LONG');
  });
  it('a long flat chain inside the limits evaluates', () => {
    expect(num('1+'.repeat(250) + '1')).toBe('251');
  });
  it('code-like text is just an error, never executed', () => {
    for (const src of [
      'process.exit(1)',
      'constructor.constructor("return 1")()',
      '__proto__',
      'this',
      '`${1}`',
      'a => a',
      'eval("1")',
      'toString',
    ]) {
      const c = compileExpression(src, resolve);
      expect(c.ok).toBe(false);
    }
  });
  it('a metric named like an Object.prototype member is not read from the prototype', () => {
    const proto: NameResolver = (n) => (n === 'toString' ? { key: 'toString', label: 'toString' } : undefined);
    const c = compileExpression('toString + 1', proto);
    expect(c.ok).toBe(true);
    if (c.ok) {
      const v = evaluateExpression(c.value, {});
      expect(v.ok).toBe(false);
      if (!v.ok) expect(v.error.code).toBe('UNKNOWN_NAME');
    }
  });
});

describe('formatting', () => {
  it('prints canonical text that parses back to the same tree value', () => {
    const c = compileExpression('if(户数=0,0,max(0,(服务设施面积/(户数/100)-30))*2/20)≥1 or not(1<2)', resolve);
    expect(c.ok).toBe(true);
    if (c.ok) {
      const text = formatExpression(c.value.ast);
      expect(text).toBe('if(户数 = 0, 0, max(0, 服务设施面积 / (户数 / 100) - 30) * 2 / 20) >= 1 or not 1 < 2');
      const again = compileExpression(text, resolve);
      expect(again.ok && formatExpression(again.value.ast)).toBe(text);
    }
  });
});
