/**
 * Evaluator of compiled expressions over named metric values, in exact rational arithmetic.
 * Pure, no eval/Function; runtime problems (division by zero, a metric missing for this community,
 * a number out of range) come back as errors with a position, never as exceptions.
 */
import {
  absR,
  add,
  ceilR,
  cmp,
  div,
  exceedsRange,
  floorR,
  fromNumber,
  isZero,
  maxR,
  minR,
  mul,
  neg,
  roundR,
  sub,
  toNumber,
  type Rational,
} from './rational';
import { ExpressionFailure, captureExpression, type ExpressionResult } from './expression.errors';
import type { CompiledExpression } from './expression.compiler';
import type { ExpressionNode } from './expression.parser';

export type ExpressionValue = Rational | boolean;

/** Metric values by canonical key. `null`/`undefined` = not available for this community. */
export type MetricValues = Readonly<Record<string, number | null | undefined>>;

/** Optional Chinese labels for messages about missing metrics. */
export type LabelOf = (key: string) => string | undefined;

function isBool(v: ExpressionValue): v is boolean {
  return typeof v === 'boolean';
}

/** Converted metric values per metrics object: one community's 14 formulas read the same figures. */
const converted = new WeakMap<MetricValues, Map<string, Rational>>();

class Evaluator {
  private readonly cache: Map<string, Rational>;
  constructor(
    private readonly values: MetricValues,
    private readonly labelOf: LabelOf,
  ) {
    let c = converted.get(values);
    if (!c) {
      c = new Map();
      converted.set(values, c);
    }
    this.cache = c;
  }

  private checked(r: Rational, node: ExpressionNode): Rational {
    if (exceedsRange(r)) {
      throw new ExpressionFailure('OUT_OF_RANGE', '计算结果超出允许范围（绝对值不超过1万亿），请检查数据或公式', node.pos, node.length);
    }
    return r;
  }

  num(node: ExpressionNode): Rational {
    const v = this.eval(node);
    if (isBool(v)) throw new ExpressionFailure('TYPE', '这里应为数值，实际是条件（真/假）', node.pos, node.length);
    return v;
  }
  bool(node: ExpressionNode): boolean {
    const v = this.eval(node);
    if (!isBool(v)) throw new ExpressionFailure('TYPE', '这里应为条件（真/假），实际是数值', node.pos, node.length);
    return v;
  }

  private metric(key: string, node: ExpressionNode): Rational {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const label = this.labelOf(key) ?? key;
    if (!Object.prototype.hasOwnProperty.call(this.values, key)) {
      throw new ExpressionFailure('UNKNOWN_NAME', `未知的指标名称“${label}”`, node.pos, node.length);
    }
    const raw = this.values[key];
    if (raw === null || raw === undefined) {
      throw new ExpressionFailure('MISSING_VALUE', `缺少名册数据“${label}”，请先导入相应名册，或手动评分并注明理由`, node.pos, node.length);
    }
    const r = fromNumber(raw);
    if (!r) throw new ExpressionFailure('MISSING_VALUE', `名册数据“${label}”不是有效数字`, node.pos, node.length);
    this.checked(r, node);
    this.cache.set(key, r);
    return r;
  }

  eval(node: ExpressionNode): ExpressionValue {
    switch (node.type) {
      case 'number':
        return this.checked(node.value, node);
      case 'boolean':
        return node.value;
      case 'name':
        return this.metric(node.key ?? node.name, node);
      case 'unary':
        return node.op === '-' ? neg(this.num(node.arg)) : !this.bool(node.arg);
      case 'binary': {
        switch (node.op) {
          // Short-circuit so `x > 0 and y / x > 1` is safe when x = 0.
          case '&&':
            return this.bool(node.left) && this.bool(node.right);
          case '||':
            return this.bool(node.left) || this.bool(node.right);
          case '==':
          case '!=': {
            const l = this.eval(node.left);
            const r = this.eval(node.right);
            let eq: boolean;
            if (isBool(l) || isBool(r)) {
              if (isBool(l) !== isBool(r)) throw new ExpressionFailure('TYPE', '比较两边类型不同', node.pos, node.length);
              eq = l === r;
            } else {
              eq = cmp(l, r) === 0;
            }
            return node.op === '==' ? eq : !eq;
          }
          default:
            break;
        }
        const l = this.num(node.left);
        const r = this.num(node.right);
        switch (node.op) {
          case '+':
            return this.checked(add(l, r), node);
          case '-':
            return this.checked(sub(l, r), node);
          case '*':
            return this.checked(mul(l, r), node);
          case '/':
            if (isZero(r)) {
              throw new ExpressionFailure(
                'DIV_ZERO',
                '除数为零：请用 if(除数 = 0, 其他值, 被除数 / 除数) 处理没有数据的情况',
                node.opPos,
                1,
              );
            }
            return this.checked(div(l, r), node);
          case '<':
            return cmp(l, r) < 0;
          case '<=':
            return cmp(l, r) <= 0;
          case '>':
            return cmp(l, r) > 0;
          case '>=':
            return cmp(l, r) >= 0;
        }
        throw new ExpressionFailure('SYNTAX', `未知运算符“${node.op}”`, node.opPos);
      }
      case 'call':
        return this.call(node);
    }
  }

  private call(node: Extract<ExpressionNode, { type: 'call' }>): ExpressionValue {
    const a = node.args;
    const arg = (i: number): ExpressionNode => a[i] as ExpressionNode;
    switch (node.fn) {
      case 'if':
        return this.bool(arg(0)) ? this.eval(arg(1)) : this.eval(arg(2));
      case 'case': {
        for (let i = 0; i + 1 < a.length; i += 2) {
          if (this.bool(arg(i))) return this.eval(arg(i + 1));
        }
        return this.eval(arg(a.length - 1));
      }
      case 'min':
        return a.map((x) => this.num(x)).reduce((p, c) => minR(p, c));
      case 'max':
        return a.map((x) => this.num(x)).reduce((p, c) => maxR(p, c));
      case 'clamp': {
        const x = this.num(arg(0));
        const lo = this.num(arg(1));
        const hi = this.num(arg(2));
        if (cmp(lo, hi) > 0) {
          throw new ExpressionFailure('DOMAIN', `clamp 的下限（${toNumber(lo)}）大于上限（${toNumber(hi)}）`, node.pos, node.length);
        }
        return minR(maxR(x, lo), hi);
      }
      case 'between': {
        const x = this.num(arg(0));
        return cmp(x, this.num(arg(1))) >= 0 && cmp(x, this.num(arg(2))) <= 0;
      }
      case 'abs':
        return absR(this.num(arg(0)));
      case 'floor':
        return floorR(this.num(arg(0)));
      case 'ceil':
        return ceilR(this.num(arg(0)));
      case 'round': {
        const x = this.num(arg(0));
        let digits = 0;
        if (a.length > 1) {
          const d = this.num(arg(1));
          if (d.d !== 1 || d.n < 0 || d.n > 6) {
            throw new ExpressionFailure('DOMAIN', 'round 的小数位数应为 0 到 6 的整数', arg(1).pos, arg(1).length);
          }
          digits = d.n;
        }
        return roundR(x, digits);
      }
      default:
        throw new ExpressionFailure('UNKNOWN_FUNCTION', `未知函数“${node.fn}”`, node.pos, node.fn.length);
    }
  }
}

/**
 * Evaluates a compiled expression. Never throws.
 * @param values metric values by canonical key (null/undefined = data missing for this community);
 *   conversions are cached per object, so treat it as immutable (a frozen snapshot is)
 * @param labelOf Chinese label for a key, used in messages
 */
export function evaluateExpression(
  compiled: Pick<CompiledExpression, 'ast'>,
  values: MetricValues,
  labelOf: LabelOf = () => undefined,
): ExpressionResult<ExpressionValue> {
  return captureExpression(() => new Evaluator(values, labelOf).eval(compiled.ast));
}
