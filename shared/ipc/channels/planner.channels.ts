/**
 * 达标规划 and the statistics in the seed report's style: gaps per community against the norms,
 * planned actions and the forecast, the re-division assistant, community lineage, and statistics of
 * a roster snapshot (a round's, or the live rosters).
 */
import { z } from 'zod';
import { ALL_ROLES, defineChannel } from '../channel';
import { PLAN_ACTION_KINDS, planActionInputSchema } from '../../domain/planner/actions';
import { LINEAGE_KINDS } from '../../domain/planner/lineage';
import { NORM_KEYS, plannerNormsSchema } from '../../domain/planner/norms';
import { stagedPdfSchema } from './report.channels';

const roundIdSchema = z
  .string()
  .trim()
  .regex(/^\d{4}Q[1-4]$/, '考评轮次编号应形如 2021Q3');
const normFlags = z.object(
  Object.fromEntries(NORM_KEYS.map((k) => [k, z.boolean().nullable()])) as Record<(typeof NORM_KEYS)[number], z.ZodNullable<z.ZodBoolean>>,
);
const normCounts = z.object(Object.fromEntries(NORM_KEYS.map((k) => [k, z.number()])) as Record<(typeof NORM_KEYS)[number], z.ZodNumber>);

export const communityGapsSchema = z.object({
  communityId: z.number().int(),
  name: z.string(),
  households: z.number().nullable(),
  residents: z.number().nullable(),
  serviceAreaM2: z.number().nullable(),
  requiredAreaM2: z.number().nullable(),
  areaGapM2: z.number().nullable(),
  gridCount: z.number(),
  gridsOutOfRange: z.number(),
  gridsOver: z.number(),
  gridsUnder: z.number(),
  gridsToAdd: z.number(),
  committeeSize: z.number(),
  committeeGap: z.number(),
  workers: z.number(),
  requiredWorkers: z.number().nullable(),
  workersGap: z.number().nullable(),
  overHouseholdLimit: z.boolean(),
  householdsOverLimit: z.number(),
  meets: normFlags,
  meetsAll: z.boolean(),
});
export type CommunityGapsDto = z.infer<typeof communityGapsSchema>;

export const gapSummarySchema = z.object({
  communities: z.number(),
  meetingAll: z.number(),
  meetingEach: normCounts,
  areaGapM2: z.number(),
  workersGap: z.number(),
  gridsOutOfRange: z.number(),
  committeeGap: z.number(),
  overHouseholdLimit: z.number(),
});

export const planActionSchema = z.object({
  id: z.number().int(),
  communityId: z.number().int(),
  communityName: z.string(),
  kind: z.enum(PLAN_ACTION_KINDS),
  quantity: z.number(),
  gridCode: z.string().nullable(),
  otherCommunityId: z.number().int().nullable(),
  otherCommunityName: z.string().nullable(),
  targetQuarter: z.string(),
  note: z.string(),
});
export type PlanActionDto = z.infer<typeof planActionSchema>;

export const forecastSchema = z.object({
  from: z.string(),
  to: z.string(),
  headline: z.string(),
  points: z.array(
    z.object({
      quarter: z.string(),
      communities: z.number(),
      meetingAll: z.number(),
      areaGapM2: z.number(),
      workersGap: z.number(),
      gridsOutOfRange: z.number(),
      actions: z.array(z.number()),
    }),
  ),
  impacts: z.array(
    z.object({
      actionId: z.number(),
      gain: z.number(),
      areaM2: z.number(),
      workers: z.number(),
      gridsFixed: z.number(),
      problem: z.string().nullable(),
      overdue: z.boolean(),
    }),
  ),
});

export const gridSplitSchema = z.object({
  communityId: z.number().int(),
  communityName: z.string(),
  gridCode: z.string(),
  households: z.number(),
  feasible: z.boolean(),
  parts: z.array(z.object({ households: z.number(), units: z.array(z.string()) })),
  problem: z.string().nullable(),
});

export const communitySplitSchema = z.object({
  communityId: z.number().int(),
  communityName: z.string(),
  households: z.number(),
  candidates: z.array(z.object({ parts: z.array(z.object({ households: z.number(), grids: z.array(z.string()) })), spread: z.number() })),
});

export const lineageLinkDtoSchema = z.object({
  successorId: z.number().int(),
  successorName: z.string(),
  predecessorId: z.number().int(),
  predecessorName: z.string(),
  quarter: z.string(),
  kind: z.enum(LINEAGE_KINDS),
  note: z.string(),
});

export const planOverviewSchema = z.object({
  norms: plannerNormsSchema,
  /** 'round' when computed on a round's frozen snapshot, 'current' on the live rosters. */
  source: z.enum(['round', 'current']),
  roundId: z.string().nullable(),
  quarter: z.string(),
  asOf: z.string(),
  communities: z.array(communityGapsSchema),
  summary: gapSummarySchema,
  actions: z.array(planActionSchema),
  forecast: forecastSchema,
  gridSplits: z.array(gridSplitSchema),
  communitySplits: z.array(communitySplitSchema),
  lineage: z.array(lineageLinkDtoSchema),
});
export type PlanOverviewDto = z.infer<typeof planOverviewSchema>;

const countBy = z.array(z.object({ label: z.string(), count: z.number() }));
export const rosterStatsSchema = z.object({
  asOf: z.string(),
  communities: z.number(),
  households: z.number(),
  residents: z.number(),
  grids: z.number(),
  gridsWithinBand: z.number(),
  gridStaffFullTime: z.number(),
  gridStaffPartTime: z.number(),
  workers: z.number(),
  workersByPost: countBy,
  workersByGrade: countBy,
  committeeMembers: z.number(),
  oneShoulder: z.number(),
  communitiesWithCommittee: z.number(),
  committeeUnder35: z.number(),
  cadresRegistered: z.number(),
  cadresReported: z.number(),
  serviceAreaM2: z.number(),
  meetingAll: z.number(),
  meetingEach: normCounts,
  areaGapM2: z.number(),
  workersGap: z.number(),
});

export const statsResultSchema = z.object({
  /** What the figures are of: a round ("2021Q3"), or "current" for the live rosters. */
  source: z.string(),
  title: z.string(),
  previous: z.string().nullable(),
  stats: rosterStatsSchema,
  previousStats: rosterStatsSchema.nullable(),
  figures: z.array(
    z.object({ key: z.string(), label: z.string(), unit: z.string(), value: z.number().nullable(), change: z.number().nullable() }),
  ),
});
export type StatsResultDto = z.infer<typeof statsResultSchema>;

export const plannerChannels = {
  /** Gaps, actions, forecast, split proposals and lineage, on a round's snapshot or the live rosters. */
  'planner:overview': defineChannel({
    input: z.object({ roundId: roundIdSchema.optional() }).strict(),
    output: planOverviewSchema,
    roles: ALL_ROLES,
    writes: false,
    summary: '查看达标规划',
  }),
  'planner:setNorms': defineChannel({
    input: z.object({ norms: plannerNormsSchema }).strict(),
    output: plannerNormsSchema,
    roles: ['admin'],
    writes: true,
    summary: '修改达标规范',
  }),
  'planner:addAction': defineChannel({
    input: planActionInputSchema,
    output: planActionSchema,
    roles: ['admin'],
    writes: true,
    summary: '添加规划措施',
  }),
  'planner:deleteAction': defineChannel({
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: z.object({ deleted: z.boolean() }),
    roles: ['admin'],
    writes: true,
    summary: '删除规划措施',
  }),
  /** Records that a community was created by splitting or merging others (keeps its history). */
  'planner:addLineage': defineChannel({
    input: z
      .object({
        successorId: z.number().int().positive('请选择新社区'),
        predecessorIds: z.array(z.number().int().positive()).min(1, '请选择原社区').max(20),
        quarter: z
          .string()
          .trim()
          .regex(/^\d{4}Q[1-4]$/, '季度应形如 2022Q1'),
        kind: z.enum(LINEAGE_KINDS, { error: '请选择分设或合并' }),
        note: z.string().trim().max(200).default(''),
      })
      .strict(),
    output: z.array(lineageLinkDtoSchema),
    roles: ['admin'],
    writes: true,
    summary: '登记社区分设或合并',
  }),
  'planner:removeLineage': defineChannel({
    input: z.object({ successorId: z.number().int().positive(), predecessorId: z.number().int().positive() }).strict(),
    output: z.object({ deleted: z.boolean() }),
    roles: ['admin'],
    writes: true,
    summary: '删除社区沿革记录',
  }),
  /** Statistics of a round's snapshot (roundId), a year's last round (year), or the live rosters. */
  'planner:stats': defineChannel({
    input: z
      .object({ roundId: roundIdSchema.optional(), year: z.number().int().min(2000, '年份不正确').max(2100, '年份不正确').optional() })
      .strict(),
    output: statsResultSchema,
    roles: ALL_ROLES,
    writes: false,
    summary: '查看统计数据',
  }),
  /** The statistics workbook (.xlsx), staged for saving. */
  'planner:exportStats': defineChannel({
    input: z.object({ roundId: roundIdSchema.optional(), year: z.number().int().min(2000).max(2100).optional() }).strict(),
    output: z.object({ fileId: z.string(), name: z.string() }),
    roles: ALL_ROLES,
    writes: false,
    summary: '导出统计表',
  }),
  /** The statistics printed as a PDF (rendered on the main side), staged for preview and saving. */
  'planner:statsPdf': defineChannel({
    input: z.object({ roundId: roundIdSchema.optional(), year: z.number().int().min(2000).max(2100).optional() }).strict(),
    output: stagedPdfSchema,
    roles: ALL_ROLES,
    writes: false,
    summary: '生成统计 PDF',
  }),
};
