/**
 * Recursive-descent parser of the computed-item expression language.
 *
 * Grammar (lowest precedence first):
 *   expr    := or
 *   or      := and ( ("or" | "||") and )*
 *   and     := not ( ("and" | "&&") not )*
 *   not     := ("not" | "!") not | compare
 *   compare := sum ( ("<" | "<=" | ">" | ">=" | "=" | "==" | "!=" | "<>") sum )?   -- not chainable
 *   sum     := product ( ("+" | "-") product )*
 *   product := unary ( ("*" | "/") unary )*
 *   unary   := ("-" | "+") unary | primary
 *   primary := number ["%"] | "true" | "false" | name | name "(" args ")" | "(" expr ")"
 *
 * Nesting depth and token count are bounded so hostile input fails fast with a message.
 */
import { fromDecimalString, div, fromInt, type Rational } from './rational';
import { ExpressionFailure, MAX_ARGS, MAX_NESTING, captureExpression, type ExpressionResult } from './expression.errors';
import { tokenize, type Token } from './expression.tokenizer';

export type BinaryOp = '+' | '-' | '*' | '/' | '<' | '<=' | '>' | '>=' | '==' | '!=' | '&&' | '||';

interface NodeBase {
  /** 0-based offset of the node's first character. */
  pos: number;
  /** Source length covered by the node. */
  length: number;
}
export interface NumberNode extends NodeBase {
  type: 'number';
  value: Rational;
  /** Literal as written (for error messages and formatting), e.g. "95%". */
  raw: string;
}
export interface BooleanNode extends NodeBase {
  type: 'boolean';
  value: boolean;
}
export interface NameNode extends NodeBase {
  type: 'name';
  /** Name as written (key or Chinese label). */
  name: string;
  /** Canonical metric key, filled in by `compileExpression` once the name is resolved. */
  key?: string;
}
export interface UnaryNode extends NodeBase {
  type: 'unary';
  op: '-' | '!';
  arg: ExpressionNode;
}
export interface BinaryNode extends NodeBase {
  type: 'binary';
  op: BinaryOp;
  /** Position of the operator itself (for “除数为零” pointing at the '/'). */
  opPos: number;
  left: ExpressionNode;
  right: ExpressionNode;
}
export interface CallNode extends NodeBase {
  type: 'call';
  /** Function name, lower-cased. */
  fn: string;
  args: ExpressionNode[];
}
export type ExpressionNode = NumberNode | BooleanNode | NameNode | UnaryNode | BinaryNode | CallNode;

const COMPARISONS = new Set(['<', '<=', '>', '>=', '==', '!=']);

class Parser {
  private index = 0;
  private depth = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  private peek(): Token {
    return this.tokens[this.index] as Token;
  }
  private next(): Token {
    const t = this.tokens[this.index] as Token;
    if (t.kind !== 'eof') this.index++;
    return t;
  }
  private isOp(text: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.text === text;
  }
  private enter(at: Token): void {
    this.depth++;
    if (this.depth > MAX_NESTING) {
      throw new ExpressionFailure('TOO_DEEP', `嵌套层数过多（最多${MAX_NESTING}层），请简化表达式`, at.pos, at.length);
    }
  }
  private leave(): void {
    this.depth--;
  }
  private span(start: number, endNode: NodeBase | Token): { pos: number; length: number } {
    return { pos: start, length: endNode.pos + endNode.length - start };
  }

  parse(): ExpressionNode {
    if (this.peek().kind === 'eof') {
      throw new ExpressionFailure('SYNTAX', '表达式为空，请输入计算公式', 0);
    }
    const node = this.parseOr();
    const t = this.peek();
    if (t.kind !== 'eof') {
      throw new ExpressionFailure(
        'SYNTAX',
        `多余的“${this.source.slice(t.pos, t.pos + t.length)}”：前面的表达式已经结束，是否缺少运算符？`,
        t.pos,
        t.length,
      );
    }
    return node;
  }

  private binaryChain(ops: string[], parseOperand: () => ExpressionNode): ExpressionNode {
    // Left-leaning chains (a+b+c…) deepen the tree without nesting; their length is bounded by
    // MAX_TOKENS, which keeps the recursive evaluator far from the stack limit.
    let left = parseOperand();
    for (;;) {
      const t = this.peek();
      if (!(t.kind === 'op' && ops.includes(t.text))) return left;
      this.next();
      const right = parseOperand();
      left = {
        type: 'binary',
        op: t.text as BinaryOp,
        opPos: t.pos,
        left,
        right,
        ...this.span(left.pos, right),
      };
    }
  }

  private parseOr(): ExpressionNode {
    return this.binaryChain(['||'], () => this.parseAnd());
  }
  private parseAnd(): ExpressionNode {
    return this.binaryChain(['&&'], () => this.parseNot());
  }
  private parseNot(): ExpressionNode {
    const t = this.peek();
    if (t.kind === 'op' && t.text === '!') {
      this.next();
      this.enter(t);
      const arg = this.parseNot();
      this.leave();
      return { type: 'unary', op: '!', arg, ...this.span(t.pos, arg) };
    }
    return this.parseCompare();
  }
  private parseCompare(): ExpressionNode {
    const left = this.parseSum();
    const t = this.peek();
    if (t.kind === 'op' && COMPARISONS.has(t.text)) {
      this.next();
      const right = this.parseSum();
      const after = this.peek();
      if (after.kind === 'op' && COMPARISONS.has(after.text)) {
        throw new ExpressionFailure(
          'SYNTAX',
          '比较不能连写（如 a < b < c），请写成 a < b and b < c，或使用 between(x, 下限, 上限)',
          after.pos,
          after.length,
        );
      }
      return { type: 'binary', op: t.text as BinaryOp, opPos: t.pos, left, right, ...this.span(left.pos, right) };
    }
    return left;
  }
  private parseSum(): ExpressionNode {
    return this.binaryChain(['+', '-'], () => this.parseProduct());
  }
  private parseProduct(): ExpressionNode {
    return this.binaryChain(['*', '/'], () => this.parseUnary());
  }
  private parseUnary(): ExpressionNode {
    const t = this.peek();
    if (t.kind === 'op' && (t.text === '-' || t.text === '+')) {
      this.next();
      this.enter(t);
      const arg = this.parseUnary();
      this.leave();
      if (t.text === '+') return arg;
      return { type: 'unary', op: '-', arg, ...this.span(t.pos, arg) };
    }
    return this.parsePrimary();
  }
  private parsePrimary(): ExpressionNode {
    const t = this.next();
    switch (t.kind) {
      case 'number': {
        let value = fromDecimalString(t.text);
        if (!value) throw new ExpressionFailure('SYNTAX', `数字“${t.text}”格式不正确`, t.pos, t.length);
        if (t.percent) value = div(value, fromInt(100));
        return { type: 'number', value, raw: this.source.slice(t.pos, t.pos + t.length), pos: t.pos, length: t.length };
      }
      case 'name': {
        const lower = t.text.toLowerCase();
        if (this.peek().kind === 'lparen') {
          const open = this.next();
          this.enter(open);
          const args: ExpressionNode[] = [];
          if (this.peek().kind !== 'rparen') {
            for (;;) {
              if (args.length >= MAX_ARGS) {
                throw new ExpressionFailure('ARITY', `函数参数过多（最多${MAX_ARGS}个）`, this.peek().pos);
              }
              args.push(this.parseOr());
              const sep = this.peek();
              if (sep.kind === 'comma') {
                this.next();
                continue;
              }
              if (sep.kind === 'rparen') break;
              if (sep.kind === 'eof') {
                throw new ExpressionFailure('SYNTAX', `函数 ${t.text} 缺少右括号“)”`, open.pos, 1);
              }
              throw new ExpressionFailure(
                'SYNTAX',
                `函数参数之间应以逗号分隔，这里是“${this.source.slice(sep.pos, sep.pos + sep.length)}”`,
                sep.pos,
                sep.length,
              );
            }
          }
          const close = this.next();
          this.leave();
          return { type: 'call', fn: lower, args, ...this.span(t.pos, close) };
        }
        if (lower === 'true' || lower === 'false') {
          return { type: 'boolean', value: lower === 'true', pos: t.pos, length: t.length };
        }
        return { type: 'name', name: t.text, pos: t.pos, length: t.length };
      }
      case 'lparen': {
        this.enter(t);
        const inner = this.parseOr();
        const close = this.next();
        if (close.kind !== 'rparen') {
          if (close.kind === 'eof') throw new ExpressionFailure('SYNTAX', '缺少右括号“)”', t.pos, 1);
          throw new ExpressionFailure(
            'SYNTAX',
            `这里应为右括号“)”，实际是“${this.source.slice(close.pos, close.pos + close.length)}”`,
            close.pos,
            close.length,
          );
        }
        this.leave();
        // Keep the bracket span so errors point at the whole group.
        return { ...inner, pos: t.pos, length: close.pos + 1 - t.pos } as ExpressionNode;
      }
      case 'eof':
        throw new ExpressionFailure('SYNTAX', '表达式不完整：末尾缺少数字、名称或右侧的运算对象', t.pos);
      case 'rparen':
        throw new ExpressionFailure('SYNTAX', '多余的右括号“)”或括号内为空', t.pos, 1);
      case 'comma':
        throw new ExpressionFailure('SYNTAX', '逗号只能用在函数参数之间', t.pos, 1);
      case 'op':
        throw new ExpressionFailure('SYNTAX', `运算符“${this.source.slice(t.pos, t.pos + t.length)}”前缺少运算对象`, t.pos, t.length);
    }
  }
}

/**
 * Parses an expression into an AST. Never throws: syntax problems, excessive length or nesting come
 * back as `{ ok: false, error }` with a 0-based position and a Chinese message.
 */
export function parseExpression(source: string): ExpressionResult<ExpressionNode> {
  return captureExpression(() => new Parser(tokenize(source), source).parse());
}
