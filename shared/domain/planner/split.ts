/**
 * The re-division assistant: for a grid over the upper bound, a split along its 小组/楼院 into grids
 * within the band; for a community over the 户数 limit, candidate splits along its grids. Parts are
 * contiguous in roster order (neighbouring 楼院 and grids stay together), cuts between 小组 are
 * preferred to cuts inside one, and parts are as equal as the units allow.
 */
import type { PlanGrid } from './gaps';
import type { PlannerNorms } from './norms';

/** One 楼院 (or a 小组 without 楼院) of a grid, in roster order. */
export interface GroupUnit {
  readonly groupName: string;
  readonly courtyardName: string | null;
  readonly households: number | null;
}

interface Partition {
  /** Half-open index ranges [start, end). */
  readonly ranges: readonly (readonly [number, number])[];
  readonly cost: number;
}

/**
 * The cheapest split of `values` into `n` contiguous parts each within [lo, hi]; cost is the squared
 * deviation from an equal share plus `cutCost(i)` for a cut before index i. Null when none exists.
 */
export function partitionContiguous(
  values: readonly number[],
  n: number,
  lo: number,
  hi: number,
  cutCost: (i: number) => number = () => 0,
): Partition | null {
  const len = values.length;
  if (n < 1 || n > len) return null;
  const prefix = [0];
  for (const v of values) prefix.push((prefix[prefix.length - 1] ?? 0) + v);
  const total = prefix[len] ?? 0;
  const share = total / n;
  const sum = (a: number, b: number) => (prefix[b] ?? 0) - (prefix[a] ?? 0);
  // best[k][i]: cheapest split of the first i values into k parts; from[k][i]: where the last part starts.
  const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(len + 1).fill(Infinity));
  const from: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(len + 1).fill(-1));
  (best[0] as number[])[0] = 0;
  for (let k = 1; k <= n; k += 1) {
    const row = best[k] as number[];
    const prev = best[k - 1] as number[];
    for (let i = k; i <= len; i += 1) {
      for (let j = k - 1; j < i; j += 1) {
        const before = prev[j] ?? Infinity;
        if (before === Infinity) continue;
        const s = sum(j, i);
        if (s < lo || s > hi) continue;
        const cost = before + (s - share) ** 2 + (j > 0 ? cutCost(j) : 0);
        if (cost < (row[i] ?? Infinity)) {
          row[i] = cost;
          (from[k] as number[])[i] = j;
        }
      }
    }
  }
  const cost = best[n]?.[len] ?? Infinity;
  if (cost === Infinity) return null;
  const ranges: [number, number][] = [];
  let end = len;
  for (let k = n; k >= 1; k -= 1) {
    const start = from[k]?.[end] ?? 0;
    ranges.unshift([start, end]);
    end = start;
  }
  return { ranges, cost };
}

export interface GridSplitPart {
  readonly households: number;
  /** "第一小组：1号院、2号院" style labels of the units in this part. */
  readonly units: readonly string[];
}

export interface GridSplitProposal {
  readonly gridCode: string;
  readonly households: number;
  readonly feasible: boolean;
  readonly parts: readonly GridSplitPart[];
  /** Why no split within the band exists, or null. */
  readonly problem: string | null;
}

function unitLabel(u: GroupUnit): string {
  return u.courtyardName ? `${u.groupName}·${u.courtyardName}` : u.groupName;
}

/** Proposes a split of one grid along its 小组/楼院 households. */
export function proposeGridSplit(grid: PlanGrid, units: readonly GroupUnit[], norms: PlannerNorms): GridSplitProposal {
  const households = grid.households ?? 0;
  const none = (problem: string): GridSplitProposal => ({ gridCode: grid.code, households, feasible: false, parts: [], problem });
  if (households <= norms.gridMaxHouseholds)
    return none(`网格 ${grid.code} 有 ${households} 户，未超过 ${norms.gridMaxHouseholds} 户，无需拆分`);
  if (units.length === 0) return none(`网格 ${grid.code} 没有小组/楼院名册，请先导入网格名册的“小组/楼院”表`);
  const missing = units.filter((u) => u.households === null);
  if (missing.length > 0)
    return none(`网格 ${grid.code} 有 ${missing.length} 个小组/楼院没有户数（如 ${unitLabel(missing[0] as GroupUnit)}），请补全后再拆分`);
  const values = units.map((u) => u.households ?? 0);
  const unitTotal = values.reduce((s, v) => s + v, 0);
  // Cutting inside a 小组 splits its residents between two grids: allowed, but only when no cut between groups works as well.
  const penalty = (norms.gridMaxHouseholds - norms.gridMinHouseholds + 1) ** 2;
  const cutCost = (i: number) => (units[i]?.groupName === units[i - 1]?.groupName ? penalty : 0);
  for (
    let n = Math.max(2, Math.ceil(unitTotal / norms.gridMaxHouseholds));
    n <= Math.floor(unitTotal / Math.max(1, norms.gridMinHouseholds)) && n <= units.length;
    n += 1
  ) {
    const p = partitionContiguous(values, n, norms.gridMinHouseholds, norms.gridMaxHouseholds, cutCost);
    if (p) {
      return {
        gridCode: grid.code,
        households,
        feasible: true,
        parts: p.ranges.map(([a, b]) => ({
          households: values.slice(a, b).reduce((s, v) => s + v, 0),
          units: units.slice(a, b).map(unitLabel),
        })),
        problem: unitTotal === households ? null : `小组/楼院户数合计 ${unitTotal} 户，与网格户数 ${households} 户不一致，请核对`,
      };
    }
  }
  return none(
    `网格 ${grid.code} 的小组/楼院无法按顺序划分为 ${norms.gridMinHouseholds}–${norms.gridMaxHouseholds} 户的网格（单个楼院户数过大或过小），请人工调整`,
  );
}

export interface CommunitySplitCandidate {
  readonly parts: readonly { readonly households: number; readonly grids: readonly string[] }[];
  /** Largest deviation of a part from an equal share, 户. */
  readonly spread: number;
}

/** Candidate splits of a community over the 户数 limit along its grids (fewest parts first). */
export function proposeCommunitySplits(
  households: number | null,
  grids: readonly PlanGrid[],
  norms: PlannerNorms,
  max = 3,
): CommunitySplitCandidate[] {
  if (households === null || households <= norms.maxHouseholds) return [];
  const sorted = [...grids].filter((g) => g.households !== null).sort((a, b) => a.code.localeCompare(b.code, 'zh-CN', { numeric: true }));
  const values = sorted.map((g) => g.households ?? 0);
  const total = values.reduce((s, v) => s + v, 0);
  const out: CommunitySplitCandidate[] = [];
  for (let n = Math.max(2, Math.ceil(total / norms.maxHouseholds)); n <= sorted.length && out.length < max; n += 1) {
    const p = partitionContiguous(values, n, 1, norms.maxHouseholds);
    if (!p) continue;
    const parts = p.ranges.map(([a, b]) => ({
      households: values.slice(a, b).reduce((s, v) => s + v, 0),
      grids: sorted.slice(a, b).map((g) => g.code),
    }));
    out.push({ parts, spread: Math.round(Math.max(...parts.map((x) => Math.abs(x.households - total / n)))) });
  }
  return out;
}
