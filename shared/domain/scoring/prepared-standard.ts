/**
 * A standard with lookups built and every computed item's expression compiled once, so scoring
 * 120 communities × 40 items does no repeated parsing.
 */
import { compileExpression, type CompiledExpression, type ExpressionError } from '../expression/index';
import { METRIC_CATALOGUE, type MetricCatalogue } from '../standard/metric-catalogue';
import type { BonusItem, Standard, StandardCategory, StandardItem, VetoItem } from '../standard/standard.schema';

export interface PreparedItem {
  item: StandardItem;
  category: StandardCategory;
  /** Compiled expression of a computed item, or the compile error. */
  compiled?: { ok: true; value: CompiledExpression } | { ok: false; error: ExpressionError };
}

export interface PreparedStandard {
  standard: Standard;
  catalogue: MetricCatalogue;
  items: readonly PreparedItem[];
  itemByCode: ReadonlyMap<string, PreparedItem>;
  bonusByCode: ReadonlyMap<string, BonusItem>;
  vetoByCode: ReadonlyMap<string, VetoItem>;
}

const cache = new WeakMap<Standard, PreparedStandard>();

/**
 * Prepares a standard for scoring. Results for the default catalogue are memoized per standard
 * object, so callers may pass the same `Standard` repeatedly at no cost (do not mutate it after).
 */
export function prepareStandard(standard: Standard, catalogue: MetricCatalogue = METRIC_CATALOGUE): PreparedStandard {
  const useCache = catalogue === METRIC_CATALOGUE;
  if (useCache) {
    const hit = cache.get(standard);
    if (hit) return hit;
  }
  const items: PreparedItem[] = [];
  for (const category of standard.categories) {
    for (const item of category.items) {
      const prepared: PreparedItem = { item, category };
      if (item.method.kind === 'computed') prepared.compiled = compileExpression(item.method.expression, catalogue.resolve, 'number');
      items.push(prepared);
    }
  }
  const result: PreparedStandard = {
    standard,
    catalogue,
    items,
    itemByCode: new Map(items.map((p) => [p.item.code, p])),
    bonusByCode: new Map(standard.bonus.items.map((b) => [b.code, b])),
    vetoByCode: new Map(standard.vetoes.map((v) => [v.code, v])),
  };
  if (useCache) cache.set(standard, result);
  return result;
}

/** Accepts either form so callers need not care. */
export function asPrepared(s: Standard | PreparedStandard): PreparedStandard {
  return 'itemByCode' in s ? s : prepareStandard(s);
}
