/** Public API of the standard model. */
export * from './standard.schema';
export * from './standard.problem';
export { validateStandard, validateItem, parseAndValidateStandard } from './standard.validator';
export { DEFAULT_STANDARD, defaultStandardCopy } from './default-standard';
export { METRIC_CATALOGUE, STANDARD_METRICS, buildMetricCatalogue, type MetricCatalogue, type MetricDefinition } from './metric-catalogue';
