/**
 * Planned actions (新建/改扩建 m², hire, elect, split a grid, split or merge a community) and what
 * each does to a community as the planner sees it. The forecast applies them quarter by quarter.
 */
import { z } from 'zod';
import { gridPartsNeeded, type PlanCommunity, type PlanGrid } from './gaps';
import type { PlannerNorms } from './norms';
import { PLAN_ACTION_KINDS, type PlanActionKind } from './action-kinds';

export { PLAN_ACTION_KINDS, PLAN_ACTION_LABELS, type PlanActionKind } from './action-kinds';

/** Unit of `quantity` per kind. */
export const PLAN_ACTION_UNITS: Record<PlanActionKind, string> = {
  build: 'm²',
  hire: '人',
  committee: '人',
  splitGrid: '个网格',
  splitCommunity: '个社区',
  mergeCommunity: '',
};

const quarterText = z
  .string()
  .trim()
  .regex(/^\d{4}Q[1-4]$/, '目标季度应形如 2022Q4');

/** An action as typed by the user (before it has an id). */
export const planActionInputSchema = z
  .object({
    communityId: z.number().int().positive('请选择社区'),
    kind: z.enum(PLAN_ACTION_KINDS, { error: '措施类型不正确' }),
    /** m² (build), people (hire, committee), resulting grids (splitGrid), resulting communities (splitCommunity); unused for a merge. */
    quantity: z.number({ error: '数量应为数字' }).min(0, '数量不能为负数').max(1_000_000, '数量过大').default(0),
    gridCode: z.string().trim().max(40).nullable().default(null),
    /** The community merged into this one (mergeCommunity). */
    otherCommunityId: z.number().int().positive().nullable().default(null),
    targetQuarter: quarterText,
    note: z.string().trim().max(200, '说明不能超过200字').default(''),
  })
  .strict()
  .superRefine((a, ctx) => {
    if ((a.kind === 'build' || a.kind === 'hire' || a.kind === 'committee') && a.quantity <= 0)
      ctx.addIssue({ code: 'custom', path: ['quantity'], message: '请填写大于 0 的数量' });
    if (a.kind !== 'build' && !Number.isInteger(a.quantity))
      ctx.addIssue({ code: 'custom', path: ['quantity'], message: '人数和个数应为整数' });
    if (a.kind === 'splitGrid' && !a.gridCode) ctx.addIssue({ code: 'custom', path: ['gridCode'], message: '请填写要拆分的网格编号' });
    if (a.kind === 'splitCommunity' && a.quantity !== 0 && a.quantity < 2)
      ctx.addIssue({ code: 'custom', path: ['quantity'], message: '分设后至少为 2 个社区' });
    if (a.kind === 'mergeCommunity' && (a.otherCommunityId === null || a.otherCommunityId === a.communityId)) {
      ctx.addIssue({ code: 'custom', path: ['otherCommunityId'], message: '请选择并入本社区的另一个社区' });
    }
  });

export type PlanActionInput = z.output<typeof planActionInputSchema>;
export interface PlanAction extends PlanActionInput {
  readonly id: number;
}

/** Splits an integer total into `n` near-equal integer parts (larger parts first). */
export function splitEvenly(total: number, n: number): number[] {
  const base = Math.floor(total / n);
  const extra = total - base * n;
  return Array.from({ length: n }, (_, i) => base + (i < extra ? 1 : 0));
}

function splitNullable(total: number | null, n: number): (number | null)[] {
  if (total === null) return Array.from({ length: n }, () => null);
  if (Number.isInteger(total)) return splitEvenly(total, n);
  return Array.from({ length: n }, () => Math.round((total / n) * 100) / 100);
}

/** Grids dealt to `n` parts in code order, each part as close to an equal share of households as contiguity allows. */
export function dealGrids(grids: readonly PlanGrid[], n: number): PlanGrid[][] {
  const sorted = [...grids].sort((a, b) => a.code.localeCompare(b.code, 'zh-CN', { numeric: true }));
  const total = sorted.reduce((s, g) => s + (g.households ?? 0), 0);
  const parts: PlanGrid[][] = Array.from({ length: n }, () => []);
  let acc = 0;
  for (const g of sorted) {
    const idx = Math.min(n - 1, total === 0 ? 0 : Math.floor((acc + (g.households ?? 0) / 2) / (total / n)));
    parts[idx]?.push(g);
    acc += g.households ?? 0;
  }
  return parts;
}

const CN_DIGITS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Applies one action to the communities (by key); returns a note when the action cannot apply. */
export function applyAction(state: Map<string, PlanCommunity>, action: PlanAction, norms: PlannerNorms): string | null {
  const key = String(action.communityId);
  const c = state.get(key);
  if (!c) return '该社区不在所用名册中，或已在此前的措施中被合并或分设';
  switch (action.kind) {
    case 'build':
      state.set(key, { ...c, facilityArea: Math.round(((c.facilityArea ?? 0) + action.quantity) * 100) / 100 });
      return null;
    case 'hire':
      state.set(key, { ...c, workers: c.workers + action.quantity });
      return null;
    case 'committee':
      state.set(key, { ...c, committeeSize: c.committeeSize + action.quantity });
      return null;
    case 'splitGrid': {
      const code = (action.gridCode ?? '').toUpperCase();
      const grid = c.grids.find((g) => g.code.toUpperCase() === code);
      if (!grid || grid.households === null) return `找不到网格 ${action.gridCode ?? ''} 或其户数`;
      const n = action.quantity >= 2 ? action.quantity : gridPartsNeeded(grid.households, norms);
      const parts = splitEvenly(grid.households, n).map((h, i) => ({ code: `${grid.code}-${i + 1}`, households: h }));
      state.set(key, { ...c, grids: c.grids.flatMap((g) => (g === grid ? parts : [g])) });
      return null;
    }
    case 'splitCommunity': {
      const n = action.quantity >= 2 ? action.quantity : Math.max(2, Math.ceil((c.households ?? 0) / norms.maxHouseholds));
      const households = splitNullable(c.households, n);
      const residents = splitNullable(c.residents, n);
      const area = splitNullable(c.facilityArea, n);
      const workers = splitEvenly(c.workers, n);
      const grids = dealGrids(c.grids, n);
      state.delete(key);
      for (let i = 0; i < n; i += 1) {
        // Each new community elects its own 居委会; the plan assumes it elects as many members as before.
        state.set(`${key}/${i + 1}`, {
          key: `${key}/${i + 1}`,
          name: `${c.name}（分设${CN_DIGITS[i] ?? i + 1}）`,
          households: households[i] ?? null,
          residents: residents[i] ?? null,
          facilityArea: area[i] ?? null,
          committeeSize: c.committeeSize,
          workers: workers[i] ?? 0,
          grids: grids[i] ?? [],
        });
      }
      return null;
    }
    case 'mergeCommunity': {
      const otherKey = String(action.otherCommunityId);
      const o = state.get(otherKey);
      if (!o) return '要并入的社区已不存在';
      const sum = (a: number | null, b: number | null) => (a === null && b === null ? null : (a ?? 0) + (b ?? 0));
      state.delete(otherKey);
      state.set(key, {
        ...c,
        households: sum(c.households, o.households),
        residents: sum(c.residents, o.residents),
        facilityArea: sum(c.facilityArea, o.facilityArea),
        // The merged 居委会 is re-elected; the plan keeps the larger of the two.
        committeeSize: Math.max(c.committeeSize, o.committeeSize),
        workers: c.workers + o.workers,
        grids: [...c.grids, ...o.grids],
      });
      return null;
    }
  }
}
