/** Built-in functions of the expression language, with the help text shown in the standard editor. */

export type ValueType = 'number' | 'boolean';

export interface FunctionSpec {
  name: string;
  minArgs: number;
  /** Infinity for variadic functions. */
  maxArgs: number;
  /** Usage as shown to the user. */
  usage: string;
  /** Chinese description for the editor's help panel. */
  description: string;
}

export const EXPRESSION_FUNCTIONS: readonly FunctionSpec[] = [
  { name: 'min', minArgs: 1, maxArgs: Infinity, usage: 'min(a, b, …)', description: '取最小值' },
  { name: 'max', minArgs: 1, maxArgs: Infinity, usage: 'max(a, b, …)', description: '取最大值' },
  { name: 'clamp', minArgs: 3, maxArgs: 3, usage: 'clamp(x, 下限, 上限)', description: '把 x 限制在下限与上限之间' },
  { name: 'abs', minArgs: 1, maxArgs: 1, usage: 'abs(x)', description: '绝对值' },
  { name: 'floor', minArgs: 1, maxArgs: 1, usage: 'floor(x)', description: '向下取整' },
  { name: 'ceil', minArgs: 1, maxArgs: 1, usage: 'ceil(x)', description: '向上取整' },
  { name: 'round', minArgs: 1, maxArgs: 2, usage: 'round(x, 位数)', description: '四舍五入到指定小数位数（0–6，默认0）' },
  { name: 'if', minArgs: 3, maxArgs: 3, usage: 'if(条件, 成立时的值, 不成立时的值)', description: '条件判断' },
  {
    name: 'case',
    minArgs: 3,
    maxArgs: Infinity,
    usage: 'case(条件1, 值1, 条件2, 值2, …, 其他情况的值)',
    description: '分段取值：按顺序取第一个成立的条件对应的值，都不成立时取最后一个值',
  },
  { name: 'between', minArgs: 3, maxArgs: 3, usage: 'between(x, 下限, 上限)', description: 'x 是否在下限与上限之间（含两端）' },
];

export const FUNCTION_BY_NAME: ReadonlyMap<string, FunctionSpec> = new Map(EXPRESSION_FUNCTIONS.map((f) => [f.name, f]));

/** Operators as listed in the editor's help panel. */
export const EXPRESSION_OPERATORS_HELP: readonly string[] = [
  '+ − × ÷（也可写 * /）',
  '比较：< <= > >= = !=（也可写 ≤ ≥ ≠ <>）',
  '逻辑：and、or、not（也可写 && || !）',
  '百分数：95% 即 0.95',
  '以数字开头的名称用方括号：[35岁以下两委人数]',
];
