/**
 * The hard norms a community is planned against (达标规划). Editable settings; the defaults are the
 * seed report's (漯河 2021: ≥50 m² per 100 户, ≤3000 户, grids of 300–500 户) and the province's
 * (Henan 2022: ≥300 m² in all, ≥18 社区工作者 per 10 000 常住人口) plus the 居组法's 5–9 居委会成员
 * (handbook domain.md, table of norms).
 */
import { z } from 'zod';

const count = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .int(`${label}应为整数`)
    .min(0, `${label}不能为负数`)
    .max(1_000_000, `${label}过大`);

export const plannerNormsSchema = z
  .object({
    /** 每百户综合服务设施面积下限 (m²). */
    areaPer100Households: count('每百户服务设施面积'),
    /** 综合服务设施总面积下限 (m²). */
    minAreaM2: count('服务设施总面积下限'),
    /** 社区户数上限. */
    maxHouseholds: count('社区户数上限').min(1, '社区户数上限至少为 1'),
    gridMinHouseholds: count('网格户数下限'),
    gridMaxHouseholds: count('网格户数上限').min(1, '网格户数上限至少为 1'),
    committeeMin: count('居委会成员下限'),
    committeeMax: count('居委会成员上限'),
    /** 每万常住人口社区工作者下限. */
    workersPer10000: count('每万人社区工作者数'),
  })
  .strict()
  .superRefine((n, ctx) => {
    if (n.gridMinHouseholds > n.gridMaxHouseholds)
      ctx.addIssue({ code: 'custom', path: ['gridMinHouseholds'], message: '网格户数下限不能大于上限' });
    if (n.committeeMin > n.committeeMax) ctx.addIssue({ code: 'custom', path: ['committeeMin'], message: '居委会成员下限不能大于上限' });
  });

export type PlannerNorms = z.infer<typeof plannerNormsSchema>;

export const DEFAULT_PLANNER_NORMS: PlannerNorms = {
  areaPer100Households: 50,
  minAreaM2: 300,
  maxHouseholds: 3000,
  gridMinHouseholds: 300,
  gridMaxHouseholds: 500,
  committeeMin: 5,
  committeeMax: 9,
  workersPer10000: 18,
};

/** The norms one by one, for tables and "communities meeting each norm". */
export const NORM_KEYS = ['area', 'size', 'grids', 'committee', 'workers'] as const;
export type NormKey = (typeof NORM_KEYS)[number];
