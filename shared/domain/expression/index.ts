/** Public API of the computed-item expression language. */
export { compileExpression, type CompiledExpression, type NameResolver } from './expression.compiler';
export { evaluateExpression, type ExpressionValue, type MetricValues, type LabelOf } from './expression.evaluator';
export { parseExpression, type ExpressionNode } from './expression.parser';
export { formatExpression } from './expression.format';
export {
  MAX_EXPRESSION_LENGTH,
  MAX_NESTING,
  MAX_TOKENS,
  type ExpressionError,
  type ExpressionErrorCode,
  type ExpressionResult,
} from './expression.errors';
export { EXPRESSION_FUNCTIONS, EXPRESSION_OPERATORS_HELP, type FunctionSpec, type ValueType } from './expression.functions';
export * as Rat from './rational';
export type { Rational } from './rational';
