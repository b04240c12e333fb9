/**
 * The roster metrics that computed items may use, with Chinese names for the editor.
 *
 * The roster side (shared/domain/roster/roster-metrics.ts) computes these per community from a
 * frozen snapshot; this file is the standard's view of them: which names an expression may use and
 * how they are labelled. Keys are stable: published standards store expressions that use them.
 */
import type { NameResolver } from '../expression/expression.compiler';
import { LEVEL_METRICS } from '../levels/level-metrics';
import { ROSTER_METRICS, type RosterMetricKey } from '../roster/roster-metrics';

export interface MetricDefinition {
  /** Stable key used in expressions and in the metrics object (e.g. `households`). */
  key: string;
  /** Chinese name; also accepted in expressions (e.g. 户数). */
  label: string;
  /** Unit shown in the editor (户, 人, m², 个, 1/0 …). */
  unit: string;
  /** Where the number comes from, shown in the editor's metric list. */
  description: string;
}

/**
 * The metrics the default standard's formulas rely on, in the editor's order. Their labels and
 * descriptions are the roster's (one description per metric: ROSTER_METRICS); a test checks that
 * every key here is one the roster computes.
 */
const STANDARD_METRIC_KEYS: readonly RosterMetricKey[] = [
  'households',
  'residents',
  'facilityArea',
  'hasPartyOrganization',
  'committeeCount',
  'residentsCommitteeCount',
  'committeeUnder35',
  'secretaryIsDirector',
  'crossServingCount',
  'cadresRegistered',
  'cadresReported',
  'groupCount',
  'groupsWithLeader',
  'yardCount',
  'yardsWithLeader',
  'gridCount',
  'gridsFiveLevel',
  'gridsWithin300to500',
  'gridsWithLeader',
  'gridsWithFullTimeWorker',
  'gridsWithPartTimeWorker',
  'workerCount',
  'workersGradeInvalid',
  'workersCollegeOrAbove',
  'workersCertified',
];

export const STANDARD_METRICS: readonly MetricDefinition[] = STANDARD_METRIC_KEYS.flatMap((key) =>
  ROSTER_METRICS.filter((m) => m.key === key),
);

/** Catalogue with lookups by key and label; build once per list of metrics. */
export interface MetricCatalogue {
  metrics: readonly MetricDefinition[];
  byKey: ReadonlyMap<string, MetricDefinition>;
  /** Resolves a key or a Chinese label (for the expression compiler). */
  resolve: NameResolver;
  /** Chinese label of a key (for messages). */
  labelOf: (key: string) => string | undefined;
}

/**
 * Builds a catalogue; later definitions with the same key replace earlier ones (so the roster's
 * list can override labels here without losing metrics only the standard mentions).
 */
export function buildMetricCatalogue(...lists: ReadonlyArray<readonly MetricDefinition[]>): MetricCatalogue {
  const byKey = new Map<string, MetricDefinition>();
  for (const list of lists) for (const m of list) byKey.set(m.key, m);
  const byLabel = new Map<string, MetricDefinition>();
  for (const m of byKey.values()) byLabel.set(m.label, m);
  const metrics = [...byKey.values()];
  return {
    metrics,
    byKey,
    resolve: (name) => {
      const m = byKey.get(name) ?? byLabel.get(name);
      return m ? { key: m.key, label: m.label } : undefined;
    },
    labelOf: (key) => byKey.get(key)?.label,
  };
}

/**
 * The catalogue the editor lists and the validator checks against: the roster's metrics (their
 * labels and descriptions win), plus the metrics of units above the community, computed from the
 * packages they report (shared/domain/levels/level-metrics.ts).
 */
export const METRIC_CATALOGUE: MetricCatalogue = buildMetricCatalogue(STANDARD_METRICS, ROSTER_METRICS, LEVEL_METRICS);
