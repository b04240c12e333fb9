/** Error type and limits of the computed-item expression language. */

/** Longest accepted source text, in UTF-16 code units. */
export const MAX_EXPRESSION_LENGTH = 2000;
/** Most tokens in one expression. */
export const MAX_TOKENS = 600;
/** Deepest nesting of brackets, function calls, unary operators and `not`. */
export const MAX_NESTING = 32;
/** Most arguments of one function call. */
export const MAX_ARGS = 64;

export type ExpressionErrorCode =
  | 'SYNTAX'
  | 'TOO_LONG'
  | 'TOO_DEEP'
  | 'UNKNOWN_NAME'
  | 'UNKNOWN_FUNCTION'
  | 'ARITY'
  | 'TYPE'
  | 'DIV_ZERO'
  | 'OUT_OF_RANGE'
  | 'MISSING_VALUE'
  | 'DOMAIN';

/** A refused expression: what went wrong, where, and a Chinese message saying what to fix. */
export interface ExpressionError {
  code: ExpressionErrorCode;
  /** Chinese message including the 1-based character position, e.g. “第5个字符处：除数为零”. */
  message: string;
  /** Message without the position prefix. */
  detail: string;
  /** 0-based offset into the source. */
  position: number;
  /** Length of the offending span (≥ 0). */
  length: number;
}

/** Internal exception used to unwind parser/evaluator; never escapes the public API. */
export class ExpressionFailure extends Error {
  readonly code: ExpressionErrorCode;
  readonly position: number;
  readonly length: number;
  constructor(code: ExpressionErrorCode, detail: string, position: number, length = 0) {
    super(detail);
    this.code = code;
    this.position = position;
    this.length = length;
  }
  toError(): ExpressionError {
    return {
      code: this.code,
      message: `第${this.position + 1}个字符处：${this.message}`,
      detail: this.message,
      position: this.position,
      length: this.length,
    };
  }
}

export type ExpressionResult<T> = { ok: true; value: T } | { ok: false; error: ExpressionError };

/** Runs `fn`, turning an ExpressionFailure (or a stray RangeError from a runaway stack) into a result. */
export function captureExpression<T>(fn: () => T): ExpressionResult<T> {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    if (e instanceof ExpressionFailure) return { ok: false, error: e.toError() };
    if (e instanceof RangeError) {
      return {
        ok: false,
        error: new ExpressionFailure('TOO_DEEP', '表达式过于复杂，无法计算，请简化', 0).toError(),
      };
    }
    throw e;
  }
}
