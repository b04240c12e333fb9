/**
 * Compile step: parse, resolve names against the metric catalogue and check types and arity, so a
 * bad expression is refused when the standard is saved rather than when a round is scored.
 */
import { ExpressionFailure, captureExpression, type ExpressionResult } from './expression.errors';
import { FUNCTION_BY_NAME, type ValueType } from './expression.functions';
import { parseExpression, type ExpressionNode } from './expression.parser';

/** Resolves a name as written (key or Chinese label) to its canonical key and label. */
export type NameResolver = (name: string) => { key: string; label: string } | undefined;

export interface CompiledExpression {
  source: string;
  /** AST with every name resolved (`NameNode.key` set). */
  ast: ExpressionNode;
  /** Result type: computed items need 'number'. */
  type: ValueType;
  /** Canonical keys of the metrics the expression reads, sorted, unique. */
  metricKeys: string[];
}

const TYPE_LABEL: Record<ValueType, string> = { number: '数值', boolean: '条件（真/假）' };

function expect(node: ExpressionNode, actual: ValueType, wanted: ValueType, what: string): void {
  if (actual !== wanted) {
    throw new ExpressionFailure('TYPE', `${what}应为${TYPE_LABEL[wanted]}，这里是${TYPE_LABEL[actual]}`, node.pos, node.length);
  }
}

function check(node: ExpressionNode, resolve: NameResolver, used: Set<string>): { node: ExpressionNode; type: ValueType } {
  switch (node.type) {
    case 'number':
      return { node, type: 'number' };
    case 'boolean':
      return { node, type: 'boolean' };
    case 'name': {
      const r = resolve(node.name);
      if (!r) {
        throw new ExpressionFailure('UNKNOWN_NAME', `未知的指标名称“${node.name}”，请从指标目录中选择`, node.pos, node.length);
      }
      used.add(r.key);
      return { node: { ...node, key: r.key }, type: 'number' };
    }
    case 'unary': {
      const a = check(node.arg, resolve, used);
      if (node.op === '-') {
        expect(node.arg, a.type, 'number', '负号后面');
        return { node: { ...node, arg: a.node }, type: 'number' };
      }
      expect(node.arg, a.type, 'boolean', 'not 后面');
      return { node: { ...node, arg: a.node }, type: 'boolean' };
    }
    case 'binary': {
      const l = check(node.left, resolve, used);
      const r = check(node.right, resolve, used);
      const out = { ...node, left: l.node, right: r.node };
      switch (node.op) {
        case '&&':
        case '||': {
          const word = node.op === '&&' ? 'and' : 'or';
          expect(node.left, l.type, 'boolean', `${word} 左边`);
          expect(node.right, r.type, 'boolean', `${word} 右边`);
          return { node: out, type: 'boolean' };
        }
        case '==':
        case '!=':
          if (l.type !== r.type) {
            throw new ExpressionFailure(
              'TYPE',
              `比较两边类型不同：左边是${TYPE_LABEL[l.type]}，右边是${TYPE_LABEL[r.type]}`,
              node.pos,
              node.length,
            );
          }
          return { node: out, type: 'boolean' };
        case '<':
        case '<=':
        case '>':
        case '>=':
          expect(node.left, l.type, 'number', '比较左边');
          expect(node.right, r.type, 'number', '比较右边');
          return { node: out, type: 'boolean' };
        default:
          expect(node.left, l.type, 'number', `运算符“${node.op}”左边`);
          expect(node.right, r.type, 'number', `运算符“${node.op}”右边`);
          return { node: out, type: 'number' };
      }
    }
    case 'call': {
      const spec = FUNCTION_BY_NAME.get(node.fn);
      if (!spec) {
        throw new ExpressionFailure(
          'UNKNOWN_FUNCTION',
          `未知函数“${node.fn}”，可用函数：min、max、clamp、abs、floor、ceil、round、if、case、between`,
          node.pos,
          node.fn.length,
        );
      }
      const n = node.args.length;
      if (n < spec.minArgs || n > spec.maxArgs) {
        const want =
          spec.maxArgs === Infinity
            ? `至少${spec.minArgs}个`
            : spec.minArgs === spec.maxArgs
              ? `${spec.minArgs}个`
              : `${spec.minArgs}–${spec.maxArgs}个`;
        throw new ExpressionFailure('ARITY', `函数 ${node.fn} 需要${want}参数，这里有${n}个。用法：${spec.usage}`, node.pos, node.length);
      }
      if (node.fn === 'case' && n % 2 === 0) {
        throw new ExpressionFailure(
          'ARITY',
          `函数 case 的参数应为“条件, 值”成对出现，最后再加一个其他情况的值（参数个数为奇数），这里有${n}个`,
          node.pos,
          node.length,
        );
      }
      const checked = node.args.map((a) => check(a, resolve, used));
      const args = checked.map((c) => c.node);
      const out = { ...node, args };
      const argAt = (i: number) => checked[i] as { node: ExpressionNode; type: ValueType };
      switch (node.fn) {
        case 'if': {
          expect(node.args[0] as ExpressionNode, argAt(0).type, 'boolean', 'if 的第1个参数（条件）');
          const t = argAt(1).type;
          expect(node.args[2] as ExpressionNode, argAt(2).type, t, 'if 的第3个参数');
          return { node: out, type: t };
        }
        case 'case': {
          const t = argAt(n - 1).type;
          for (let i = 0; i + 1 < n; i += 2) {
            expect(node.args[i] as ExpressionNode, argAt(i).type, 'boolean', `case 的第${i + 1}个参数（条件）`);
            expect(node.args[i + 1] as ExpressionNode, argAt(i + 1).type, t, `case 的第${i + 2}个参数`);
          }
          return { node: out, type: t };
        }
        case 'between':
          checked.forEach((c, i) => expect(node.args[i] as ExpressionNode, c.type, 'number', `between 的第${i + 1}个参数`));
          return { node: out, type: 'boolean' };
        default:
          checked.forEach((c, i) => expect(node.args[i] as ExpressionNode, c.type, 'number', `${node.fn} 的第${i + 1}个参数`));
          return { node: out, type: 'number' };
      }
    }
  }
}

/**
 * Parses and checks an expression against the names `resolve` knows. Never throws.
 * @param expected when given, the result type must match (computed items need 'number').
 */
export function compileExpression(source: string, resolve: NameResolver, expected?: ValueType): ExpressionResult<CompiledExpression> {
  const parsed = parseExpression(source);
  if (!parsed.ok) return parsed;
  return captureExpression(() => {
    const used = new Set<string>();
    const { node, type } = check(parsed.value, resolve, used);
    if (expected && type !== expected) {
      throw new ExpressionFailure(
        'TYPE',
        `公式的结果应为${TYPE_LABEL[expected]}，这里是${TYPE_LABEL[type]}；可用 if(条件, 分值, 0) 把条件换算成分值`,
        0,
        source.length,
      );
    }
    return { source, ast: node, type, metricKeys: [...used].sort() };
  });
}
