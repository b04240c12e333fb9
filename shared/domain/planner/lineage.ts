/**
 * Lineage of communities across splits and merges: a successor carries its predecessors' quarters
 * before the quarter it was created in, so trends, rankings and the annual roll-up continue across a
 * re-division (a split's parts each carry the old community's history; a merge carries the mean of
 * the merged communities' totals).
 */
import { z } from 'zod';
import { roundId } from '../round/round-workflow';
import { quarterIndex } from './quarter';

export const LINEAGE_KINDS = ['split', 'merge'] as const;
export type LineageKind = (typeof LINEAGE_KINDS)[number];
export const LINEAGE_LABELS: Record<LineageKind, string> = { split: '分设', merge: '合并' };

export const lineageLinkSchema = z.object({
  successorId: z.number().int().positive(),
  predecessorId: z.number().int().positive(),
  /** The first quarter the successor exists in. */
  quarter: z
    .string()
    .trim()
    .regex(/^\d{4}Q[1-4]$/, '季度应形如 2022Q1'),
  kind: z.enum(LINEAGE_KINDS),
});
export type LineageLink = z.infer<typeof lineageLinkSchema>;

/** Links of one community (transitively: a predecessor's predecessors too), newest first, each with the quarter it applies before. */
export function ancestorsOf(links: readonly LineageLink[], id: number): { id: number; before: string }[] {
  const out: { id: number; before: string }[] = [];
  const seen = new Set<number>([id]);
  const queue: { id: number; before: string | null }[] = [{ id, before: null }];
  while (queue.length > 0) {
    const cur = queue.shift() as { id: number; before: string | null };
    for (const l of links.filter((x) => x.successorId === cur.id)) {
      if (seen.has(l.predecessorId)) continue;
      seen.add(l.predecessorId);
      // The older link's quarter bounds the history, not the newer one's.
      const before = cur.before !== null && quarterIndex(cur.before) < quarterIndex(l.quarter) ? cur.before : l.quarter;
      out.push({ id: l.predecessorId, before });
      queue.push({ id: l.predecessorId, before });
    }
  }
  return out;
}

/** Rejects a link that would make a community its own ancestor. */
export function lineageCycle(links: readonly LineageLink[], link: LineageLink): boolean {
  return link.successorId === link.predecessorId || ancestorsOf(links, link.predecessorId).some((a) => a.id === link.successorId);
}

export interface QuarterTotal {
  readonly quarter: 1 | 2 | 3 | 4;
  readonly totalTenths: number;
  readonly vetoed: boolean;
}

export interface YearEntry {
  readonly name: string;
  readonly sortKey: string;
  readonly quarters: readonly QuarterTotal[];
}

/**
 * The annual roll-up's per-community quarters with lineage applied: each successor gains the
 * quarters of its predecessors before its creation; predecessors that ceased within the year are
 * dropped (their history lives on in the successors).
 */
export function carryYearAcrossLineage<E extends YearEntry>(
  per: ReadonlyMap<string, E>,
  links: readonly LineageLink[],
  year: number,
): Map<string, E> {
  if (links.length === 0) return new Map(per);
  const out = new Map<string, E>();
  const endOfYear = quarterIndex(roundId(year, 4));
  const ceased = new Set(links.filter((l) => quarterIndex(l.quarter) <= endOfYear).map((l) => String(l.predecessorId)));
  for (const [id, e] of per) {
    if (ceased.has(id)) continue;
    const own = new Set(e.quarters.map((q) => q.quarter));
    const inherited = new Map<number, QuarterTotal[]>();
    for (const a of ancestorsOf(links, Number(id))) {
      for (const q of per.get(String(a.id))?.quarters ?? []) {
        if (own.has(q.quarter) || quarterIndex(roundId(year, q.quarter)) >= quarterIndex(a.before)) continue;
        inherited.set(q.quarter, [...(inherited.get(q.quarter) ?? []), q]);
      }
    }
    const carried: QuarterTotal[] = [...inherited].map(([quarter, list]) => ({
      quarter: quarter as 1 | 2 | 3 | 4,
      totalTenths: Math.round(list.reduce((s, q) => s + q.totalTenths, 0) / list.length),
      vetoed: list.some((q) => q.vetoed),
    }));
    out.set(id, { ...e, quarters: [...e.quarters, ...carried].sort((x, y) => x.quarter - y.quarter) });
  }
  return out;
}

/**
 * The community whose result stands for `id` in an earlier quarter (trends and rank moves): the
 * single predecessor it existed as then, or null when it existed itself or a merge leaves it ambiguous.
 */
export function predecessorAt(links: readonly LineageLink[], id: number, quarter: string): string | null {
  const q = quarterIndex(quarter);
  const then = ancestorsOf(links, id).filter((a) => q < quarterIndex(a.before));
  // Of those, the ones that already existed then (not themselves created after that quarter).
  const nearest = then.filter((a) => !links.some((l) => l.successorId === a.id && q < quarterIndex(l.quarter)));
  return nearest.length === 1 ? String(nearest[0]?.id) : null;
}
