/**
 * One community's quarter: item scores → category scores → base score (N/A policy) → bonus (per-item
 * and overall caps) → veto effects → total. Integer tenths throughout.
 */
import type { MetricValues } from '../expression/index';
import { formatTenths, type Standard, type VetoEffect } from '../standard/standard.schema';
import { scoreItem, type ItemScore } from './item-score';
import { asPrepared, type PreparedStandard } from './prepared-standard';
import type { BonusEntry, CommunityEntries, ItemEntry } from './score-entry.schema';

export interface CategoryScore {
  code: string;
  title: string;
  /** Nominal maximum from the standard. */
  maxTenths: number;
  /** Maximum of the applicable items (differs from maxTenths only under 'rescale' with N/A items). */
  applicableMaxTenths: number;
  /** Sum of the category's item scores (not rescaled). */
  tenths: number;
}

export interface BonusScore {
  code: string;
  /** Sum of the claims before the item cap. */
  claimedTenths: number;
  /** After the item cap (before the overall cap). */
  tenths: number;
  message?: string;
}

export interface AppliedVeto {
  code: string;
  title: string;
  effect: VetoEffect;
  fact: string;
}

export interface CommunityScore {
  items: ItemScore[];
  categories: CategoryScore[];
  /** Σ item scores. */
  rawTenths: number;
  /** Σ maxima of applicable items. */
  applicableMaxTenths: number;
  /** Base score after the N/A policy (rescaled to the standard total when items are N/A). */
  baseTenths: number;
  bonus: BonusScore[];
  /** Σ bonus after per-item and overall caps. */
  bonusTenths: number;
  vetoes: AppliedVeto[];
  /** base + bonus, or 0 when a veto with effect 'zero' applies. */
  totalTenths: number;
  /** Number of deduction records across all items. */
  deductionCount: number;
  /** True when no item is missing or invalid. */
  complete: boolean;
  /** Problems with the entries (unknown codes, invalid values), in Chinese. */
  problems: string[];
}

/** Half-up integer division for non-negative numerators (a × b ÷ c). */
function mulDivHalfUp(a: number, b: number, c: number): number {
  const n = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  return Number((2n * n + d) / (2n * d));
}

function scoreBonus(ps: PreparedStandard, entry: BonusEntry): BonusScore {
  const item = ps.bonusByCode.get(entry.code);
  if (!item) return { code: entry.code, claimedTenths: 0, tenths: 0, message: `加分项“${entry.code}”不在本标准中` };
  let claimed = 0;
  if (item.method.kind === 'levels') {
    const levels = item.method.levels;
    for (const a of entry.awards ?? []) {
      const level = levels.find((l) => l.label === a.level);
      if (!level) return { code: entry.code, claimedTenths: 0, tenths: 0, message: `加分项${entry.code}没有“${a.level}”这一级别` };
      claimed += level.pointsTenths;
    }
    if (entry.tenths !== undefined)
      return { code: entry.code, claimedTenths: 0, tenths: 0, message: `加分项${entry.code}按级别加分，不能直接填写分数` };
  } else {
    const t = entry.tenths ?? 0;
    if (!Number.isInteger(t) || t < 0 || t > item.capTenths || t % item.method.stepTenths !== 0) {
      return {
        code: entry.code,
        claimedTenths: 0,
        tenths: 0,
        message: `加分项${entry.code}的分数应在0至${formatTenths(item.capTenths)}分之间，按${formatTenths(item.method.stepTenths)}分递增`,
      };
    }
    claimed = t;
  }
  return { code: entry.code, claimedTenths: claimed, tenths: Math.min(claimed, item.capTenths) };
}

/**
 * Scores one community against a standard.
 * @param entries what was recorded (items by code, bonus claims, vetoes)
 * @param metrics roster metrics of this community's frozen snapshot
 */
export function scoreCommunity(standard: Standard | PreparedStandard, entries: CommunityEntries, metrics: MetricValues): CommunityScore {
  const ps = asPrepared(standard);
  const std = ps.standard;
  const problems: string[] = [];
  const byCode = new Map<string, ItemEntry>();
  for (const e of entries.items) {
    if (!ps.itemByCode.has(e.itemCode)) problems.push(`录入的指标“${e.itemCode}”不在本标准中，已忽略`);
    else if (byCode.has(e.itemCode)) problems.push(`指标${e.itemCode}录入了多次，只计第一次`);
    else byCode.set(e.itemCode, e);
  }

  const items = ps.items.map((p) => scoreItem(p, byCode.get(p.item.code), metrics, std.naPolicy, ps.catalogue.labelOf));
  const categories: CategoryScore[] = std.categories.map((c) => {
    let tenths = 0;
    let applicable = 0;
    for (const s of items) {
      if (s.categoryCode !== c.code) continue;
      tenths += s.tenths;
      if (!(s.status === 'na' && std.naPolicy === 'rescale')) applicable += s.maxTenths;
    }
    return { code: c.code, title: c.title, maxTenths: c.maxTenths, applicableMaxTenths: applicable, tenths };
  });
  const rawTenths = categories.reduce((s, c) => s + c.tenths, 0);
  const applicableMaxTenths = categories.reduce((s, c) => s + c.applicableMaxTenths, 0);
  const nominal = categories.reduce((s, c) => s + c.maxTenths, 0);
  let baseTenths = rawTenths;
  if (std.naPolicy === 'rescale' && applicableMaxTenths !== nominal) {
    // Scale the applicable items to the standard's full score, rounding once, half-up.
    baseTenths = applicableMaxTenths === 0 ? 0 : mulDivHalfUp(rawTenths, std.totalTenths, applicableMaxTenths);
    if (applicableMaxTenths === 0) problems.push('所有指标均为不适用，无法计算基础分');
  }

  const seenBonus = new Set<string>();
  const bonus: BonusScore[] = [];
  for (const b of entries.bonus) {
    if (seenBonus.has(b.code)) {
      problems.push(`加分项${b.code}录入了多次，只计第一次`);
      continue;
    }
    seenBonus.add(b.code);
    const s = scoreBonus(ps, b);
    if (s.message) problems.push(s.message);
    bonus.push(s);
  }
  const bonusTenths = Math.min(
    std.bonus.capTenths,
    bonus.reduce((s, b) => s + b.tenths, 0),
  );

  const vetoes: AppliedVeto[] = [];
  for (const v of entries.vetoes) {
    const def = ps.vetoByCode.get(v.code);
    if (!def) problems.push(`否决项“${v.code}”不在本标准中，已忽略`);
    else if (!vetoes.some((x) => x.code === v.code)) vetoes.push({ code: v.code, title: def.title, effect: def.effect, fact: v.fact });
  }
  const zero = vetoes.some((v) => v.effect === 'zero');
  for (const s of items) if (s.status === 'invalid' && s.message) problems.push(`${s.code}：${s.message}`);

  return {
    items,
    categories,
    rawTenths,
    applicableMaxTenths,
    baseTenths,
    bonus,
    bonusTenths,
    vetoes,
    totalTenths: zero ? 0 : baseTenths + bonusTenths,
    deductionCount: items.reduce((s, i) => s + i.deductionCount, 0),
    complete: items.every((i) => i.status !== 'missing' && i.status !== 'invalid'),
    problems,
  };
}
