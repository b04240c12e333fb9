/**
 * Rectification list (整改清单) generated from a community's recorded entries: every deduction,
 * every unmet tier criterion, every yes/no item answered "no", every veto fact, and structural
 * shortfalls with the measured gap (structural-gaps.ts). Carried into the
 * next quarter's form to be verified (销号).
 */
import { asPrepared, type PreparedStandard } from './prepared-standard';
import type { Standard } from '../standard/standard.schema';
import type { CommunityEntries } from './score-entry.schema';
import type { MetricValues } from '../expression/index';
import { structuralRectifications } from './structural-gaps';
import type { PlannerNorms } from '../planner/norms';

export interface RectificationItem {
  /** 'structure': a shortfall in the community's structure, with the measured gap (structural-gaps.ts). */
  kind: 'deduction' | 'criterion' | 'no' | 'veto' | 'structure';
  itemCode: string;
  itemTitle: string;
  categoryCode?: string;
  /** Standard reason code of a deduction (null for another reason). */
  reasonCode?: string | null;
  /** What to put right, in Chinese. */
  text: string;
  /** Points lost (deductions, yes/no); 0 for criteria and vetoes. */
  lostTenths: number;
}

/**
 * Builds the rectification list in standard order (items, then vetoes). N/A items are skipped.
 * With the community's roster metrics, structural shortfalls come first, each with its measured gap.
 */
export function rectificationsFrom(
  standard: Standard | PreparedStandard,
  entries: CommunityEntries,
  metrics?: MetricValues,
  norms?: PlannerNorms,
): RectificationItem[] {
  const ps = asPrepared(standard);
  const byCode = new Map(entries.items.map((e) => [e.itemCode, e]));
  const out: RectificationItem[] = metrics
    ? structuralRectifications(ps, entries, metrics, norms).map((r) => ({ ...r, kind: 'structure' as const }))
    : [];
  for (const { item, category } of ps.items) {
    const e = byCode.get(item.code);
    if (!e || e.na || !e.value) continue;
    const base = { itemCode: item.code, itemTitle: item.title, categoryCode: category.code };
    const v = e.value;
    if (v.kind === 'deduct' && item.method.kind === 'deduct') {
      for (const d of v.deductions)
        out.push({ ...base, kind: 'deduction', reasonCode: d.reasonCode, text: d.text, lostTenths: d.amountTenths });
    } else if (v.kind === 'tiers' && item.method.kind === 'tiers') {
      const met = new Set(v.met);
      item.method.criteria.forEach((c, i) => {
        if (!met.has(i)) out.push({ ...base, kind: 'criterion', text: c, lostTenths: 0 });
      });
    } else if (v.kind === 'yesno' && item.method.kind === 'yesno' && !v.yes) {
      out.push({ ...base, kind: 'no', text: `${item.title}未达标`, lostTenths: item.maxTenths });
    }
  }
  for (const v of entries.vetoes) {
    const def = ps.vetoByCode.get(v.code);
    if (def) out.push({ kind: 'veto', itemCode: def.code, itemTitle: def.title, text: v.fact, lostTenths: 0 });
  }
  return out;
}
