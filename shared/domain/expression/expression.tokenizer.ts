/**
 * Tokenizer of the computed-item expression language.
 *
 * Accepts what people type in WPS/Excel on a Chinese PC: full-width brackets and commas （）， ,
 * ≥ ≤ ≠ × ÷, percentages (`95%`), and metric names in Chinese, optionally quoted as
 * `[35岁以下两委人数]` or `【…】` when they start with a digit.
 */
import { ExpressionFailure, MAX_EXPRESSION_LENGTH, MAX_TOKENS } from './expression.errors';

export type TokenKind = 'number' | 'name' | 'op' | 'lparen' | 'rparen' | 'comma' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Canonical text: operators normalized (≥ → >=, and → &&, …); numbers as typed without '%'. */
  text: string;
  /** True for a number written with a trailing % (value ÷ 100). */
  percent?: boolean;
  /** 0-based offset of the first character in the source. */
  pos: number;
  /** Number of source characters covered. */
  length: number;
}

const OPERATORS: ReadonlyArray<readonly [string, string]> = [
  // Longest first so '<=' wins over '<'.
  ['<=', '<='],
  ['>=', '>='],
  ['==', '=='],
  ['!=', '!='],
  ['<>', '!='],
  ['&&', '&&'],
  ['||', '||'],
  ['≤', '<='],
  ['≥', '>='],
  ['≠', '!='],
  ['<', '<'],
  ['>', '>'],
  ['=', '=='],
  ['+', '+'],
  ['-', '-'],
  ['−', '-'],
  ['*', '*'],
  ['×', '*'],
  ['/', '/'],
  ['÷', '/'],
  ['!', '!'],
  ['＋', '+'],
  ['－', '-'],
  ['＊', '*'],
  ['／', '/'],
  ['＜', '<'],
  ['＞', '>'],
  ['＝', '=='],
];

const KEYWORD_OPS: Readonly<Record<string, string>> = { and: '&&', or: '||', not: '!' };

const NAME_START = /[\p{L}_]/u;
const NAME_PART = /[\p{L}\p{N}_]/u;
const DIGIT = /[0-9]/;
const SPACE = /[\s\u3000]/u;

/**
 * Splits source text into tokens. Throws {@link ExpressionFailure} with a position on bad input
 * (unknown character, unterminated bracket name, malformed number, too long / too many tokens).
 */
export function tokenize(source: string): Token[] {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionFailure(
      'TOO_LONG',
      `表达式过长（${source.length}个字符），最多允许${MAX_EXPRESSION_LENGTH}个字符，请拆分或简化`,
      MAX_EXPRESSION_LENGTH,
    );
  }
  const tokens: Token[] = [];
  let i = 0;
  const push = (t: Token): void => {
    if (tokens.length >= MAX_TOKENS) {
      throw new ExpressionFailure('TOO_LONG', `表达式的符号过多（超过${MAX_TOKENS}个），请简化`, t.pos);
    }
    tokens.push(t);
  };
  while (i < source.length) {
    const ch = source[i] as string;
    if (SPACE.test(ch)) {
      i++;
      continue;
    }
    if (DIGIT.test(ch) || (ch === '.' && DIGIT.test(source[i + 1] ?? ''))) {
      const start = i;
      while (i < source.length && DIGIT.test(source[i] as string)) i++;
      if (source[i] === '.') {
        i++;
        if (!DIGIT.test(source[i] ?? '') && start === i - 1) {
          throw new ExpressionFailure('SYNTAX', '数字格式不正确', start, 1);
        }
        while (i < source.length && DIGIT.test(source[i] as string)) i++;
      }
      if (source[i] === '.') {
        throw new ExpressionFailure('SYNTAX', '数字中有多余的小数点', i, 1);
      }
      let text = source.slice(start, i);
      if (text.startsWith('.')) text = `0${text}`;
      if (text.endsWith('.')) text = text.slice(0, -1);
      let percent = false;
      if (source[i] === '%' || source[i] === '％') {
        percent = true;
        i++;
      }
      if (NAME_START.test(source[i] ?? '')) {
        throw new ExpressionFailure(
          'SYNTAX',
          '数字后面紧跟文字：以数字开头的指标名称请用方括号括起来，例如 [35岁以下两委人数]',
          start,
          i - start + 1,
        );
      }
      push({ kind: 'number', text, percent, pos: start, length: i - start });
      continue;
    }
    if (ch === '[' || ch === '【') {
      const close = ch === '[' ? ']' : '】';
      const start = i;
      const end = source.indexOf(close, i + 1);
      if (end < 0) {
        throw new ExpressionFailure('SYNTAX', `名称缺少右括号“${close}”`, start, 1);
      }
      const name = source.slice(i + 1, end).trim();
      if (name === '') throw new ExpressionFailure('SYNTAX', '方括号中的名称为空', start, end - start + 1);
      push({ kind: 'name', text: name, pos: start, length: end - start + 1 });
      i = end + 1;
      continue;
    }
    if (NAME_START.test(ch)) {
      const start = i;
      while (i < source.length && NAME_PART.test(source[i] as string)) i++;
      const text = source.slice(start, i);
      const kw = KEYWORD_OPS[text.toLowerCase()];
      if (kw) push({ kind: 'op', text: kw, pos: start, length: i - start });
      else push({ kind: 'name', text, pos: start, length: i - start });
      continue;
    }
    if (ch === '(' || ch === '（') {
      push({ kind: 'lparen', text: '(', pos: i, length: 1 });
      i++;
      continue;
    }
    if (ch === ')' || ch === '）') {
      push({ kind: 'rparen', text: ')', pos: i, length: 1 });
      i++;
      continue;
    }
    if (ch === ',' || ch === '，') {
      push({ kind: 'comma', text: ',', pos: i, length: 1 });
      i++;
      continue;
    }
    const op = OPERATORS.find(([lit]) => source.startsWith(lit, i));
    if (op) {
      push({ kind: 'op', text: op[1], pos: i, length: op[0].length });
      i += op[0].length;
      continue;
    }
    const shown = String.fromCodePoint(source.codePointAt(i) ?? 0xfffd);
    throw new ExpressionFailure('SYNTAX', `无法识别的字符“${shown}”`, i, shown.length);
  }
  tokens.push({ kind: 'eof', text: '', pos: source.length, length: 0 });
  return tokens;
}
