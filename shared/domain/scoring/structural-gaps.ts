/**
 * Structural shortfalls (整改 items with the measured gap). A computed item scores a shortfall in
 * the community's structure — too little service space, grids outside 300–500 户, too few workers,
 * a 居委会 outside 5–9 members — but points alone do not say what to put right. Each rule here
 * measures the gap from the frozen roster metrics against the office's norms (the same settings the
 * 达标规划 plans against, one rule for both), and is attributed to the first computed item of the standard that reads its metric (a standard that
 * does not assess it gets no such item).
 */
import type { MetricValues } from '../expression/index';
import { requiredArea, requiredWorkers } from '../planner/gaps';
import { DEFAULT_PLANNER_NORMS, type PlannerNorms } from '../planner/norms';
import { scoreItem } from './item-score';
import type { PreparedStandard } from './prepared-standard';
import type { CommunityEntries } from './score-entry.schema';

export interface StructuralGap {
  /** Metric the rule measures; the item reading it carries the rectification. */
  metric: string;
  /** What is short and by how much, in Chinese; null when the norm is met or data is missing. */
  text: string | null;
}

const num = (m: MetricValues, key: string): number | null => {
  const v = m[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

/** 综合服务设施 ≥ 50 m² per 100 households and ≥ 300 m² in all (by default). */
function serviceArea(m: MetricValues, n: PlannerNorms): StructuralGap {
  const households = num(m, 'households');
  const area = num(m, 'facilityArea');
  if (households === null || area === null || households <= 0) return { metric: 'facilityArea', text: null };
  const required = requiredArea(households, n);
  if (area >= required) return { metric: 'facilityArea', text: null };
  return {
    metric: 'facilityArea',
    text: `综合服务设施面积${area}m²，按每百户${n.areaPer100Households}m²且不少于${n.minAreaM2}m²应达${required}m²，差${required - area}m²`,
  };
}

/** Every grid 300–500 households. The roster counts grids within the handbook's 300–500 band. */
function gridSize(m: MetricValues): StructuralGap {
  const grids = num(m, 'gridCount');
  const within = num(m, 'gridsWithin300to500');
  if (grids === null || within === null || grids <= 0 || within >= grids) return { metric: 'gridsWithin300to500', text: null };
  return { metric: 'gridsWithin300to500', text: `${grids}个网格中有${grids - within}个网格户数不在300至500户之间，需调整网格划分` };
}

/** ≥ 18 community workers per 10 000 residents (by default). */
function staffing(m: MetricValues, n: PlannerNorms): StructuralGap {
  const residents = num(m, 'residents');
  const workers = num(m, 'workerCount');
  if (residents === null || workers === null || residents <= 0) return { metric: 'workerCount', text: null };
  const required = requiredWorkers(residents, n);
  if (workers >= required) return { metric: 'workerCount', text: null };
  return {
    metric: 'workerCount',
    text: `社区工作者${workers}人，按每万常住人口${n.workersPer10000}人应配${required}人，差${required - workers}人`,
  };
}

/** 居委会 of 5 to 9 members (居委会组织法; by default). */
function committeeSize(m: MetricValues, norms: PlannerNorms): StructuralGap {
  const n = num(m, 'residentsCommitteeCount');
  const { committeeMin: lo, committeeMax: hi } = norms;
  if (n === null || (n >= lo && n <= hi)) return { metric: 'residentsCommitteeCount', text: null };
  return {
    metric: 'residentsCommitteeCount',
    text: n < lo ? `居委会成员${n}人，少于规定${lo}至${hi}人，差${lo - n}人` : `居委会成员${n}人，多于规定${lo}至${hi}人，超${n - hi}人`,
  };
}

const RULES: ((m: MetricValues, n: PlannerNorms) => StructuralGap)[] = [committeeSize, serviceArea, gridSize, staffing];

export interface StructuralRectification {
  itemCode: string;
  itemTitle: string;
  categoryCode: string;
  text: string;
  /** Points the item lost (max − computed score). */
  lostTenths: number;
}

/** The structural 整改 items of one community, in standard order. N/A and adjusted items are skipped. */
export function structuralRectifications(
  ps: PreparedStandard,
  entries: CommunityEntries,
  metrics: MetricValues,
  norms: PlannerNorms = DEFAULT_PLANNER_NORMS,
): StructuralRectification[] {
  // N/A items are not assessed; an adjusted item (调整得分, with a reason) means the office judged the
  // roster data wrong, so its gap is not a measured one.
  const na = new Set(entries.items.filter((e) => e.na || e.override).map((e) => e.itemCode));
  const out: StructuralRectification[] = [];
  for (const rule of RULES) {
    const gap = rule(metrics, norms);
    if (gap.text === null) continue;
    const p = ps.items.find(
      (x) => x.item.method.kind === 'computed' && x.compiled?.ok === true && x.compiled.value.metricKeys.includes(gap.metric),
    );
    if (!p || na.has(p.item.code)) continue;
    const s = scoreItem(p, undefined, metrics, ps.standard.naPolicy, ps.catalogue.labelOf);
    out.push({
      itemCode: p.item.code,
      itemTitle: p.item.title,
      categoryCode: p.category.code,
      text: gap.text,
      lostTenths: Math.max(0, p.item.maxTenths - s.tenths),
    });
  }
  const order = new Map(ps.items.map((p, i) => [p.item.code, i]));
  return out.sort((a, b) => (order.get(a.itemCode) ?? 0) - (order.get(b.itemCode) ?? 0));
}
