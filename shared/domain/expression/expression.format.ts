/**
 * Prints an AST back to canonical text (ASCII operators, minimal brackets). Used to show a
 * normalized formula and by tests (print → parse → same value).
 */
import { toDecimalString } from './rational';
import type { BinaryOp, ExpressionNode } from './expression.parser';

const PRECEDENCE: Record<BinaryOp, number> = {
  '||': 1,
  '&&': 2,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '==': 4,
  '!=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
};
const OP_TEXT: Record<BinaryOp, string> = {
  '||': 'or',
  '&&': 'and',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  '==': '=',
  '!=': '!=',
  '+': '+',
  '-': '-',
  '*': '*',
  '/': '/',
};
const SIMPLE_NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;

function prec(node: ExpressionNode): number {
  if (node.type === 'binary') return PRECEDENCE[node.op];
  if (node.type === 'unary') return node.op === '!' ? 3 : 7;
  return 9;
}

/** Canonical text of an expression tree. */
export function formatExpression(node: ExpressionNode): string {
  switch (node.type) {
    case 'number': {
      const text = toDecimalString(node.value, 18);
      return text.startsWith('-') ? `(${text})` : text;
    }
    case 'boolean':
      return node.value ? 'true' : 'false';
    case 'name':
      return SIMPLE_NAME.test(node.name) && !/^(and|or|not|true|false)$/i.test(node.name) ? node.name : `[${node.name}]`;
    case 'unary': {
      const inner = formatExpression(node.arg);
      const wrap = prec(node.arg) < prec(node);
      return node.op === '-' ? `-${wrap ? `(${inner})` : inner}` : `not ${wrap ? `(${inner})` : inner}`;
    }
    case 'binary': {
      const p = PRECEDENCE[node.op];
      const l = formatExpression(node.left);
      const r = formatExpression(node.right);
      // Comparisons are non-associative; '-' and '/' are left-associative.
      const lWrap = prec(node.left) < p || (p === 4 && prec(node.left) === 4);
      const rWrap =
        prec(node.right) < p ||
        (prec(node.right) === p && (p === 4 || node.op === '-' || node.op === '/' || node.op === '+' || node.op === '*'));
      return `${lWrap ? `(${l})` : l} ${OP_TEXT[node.op]} ${rWrap ? `(${r})` : r}`;
    }
    case 'call':
      return `${node.fn}(${node.args.map(formatExpression).join(', ')})`;
  }
}
