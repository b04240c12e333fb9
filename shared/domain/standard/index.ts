/** Public API of the standard model. */
export * from './standard.schema';
export * from './standard.problem';
export { validateStandard, validateItem, parseAndValidateStandard } from './standard.validator';
export { DEFAULT_STANDARD, defaultStandardCopy } from './default-standard';
export { METRIC_CATALOGUE, STANDARD_METRICS, buildMetricCatalogue, type MetricCatalogue, type MetricDefinition } from './metric-catalogue';
export { formatMethodParams, parseMethodParams, parsePointsText, methodKindFromLabel } from './method-params';
export {
  standardToWorkbook,
  standardFromWorkbook,
  tieBreakText,
  ITEM_COLUMNS,
  type SheetLayout,
  type OutCell,
  type WorkbookImport,
} from './standard-workbook';
export { diffStandards, type StandardDiff, type EntryDiff, type FieldChange, type ChangeKind } from './standard-diff';
