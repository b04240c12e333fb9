/**
 * 季度考评: rounds, scoring forms, workflow, results, field sheets.
 *
 * Form channels carry integer TENTHS (fields named ...Tenths) because the form does exact running
 * sums with the shared engine; result channels (read by reports and the CLI) carry points as numbers.
 */
import { z } from 'zod';
import { defineChannel, ALL_ROLES } from '../channel';
import { stagedFileSchema } from './files.channels';
import { ROUND_STATES, FORM_STATUSES } from '../../domain/round/round-workflow';
import { standardSchema } from '../../domain/standard/standard.schema';
import { communityEntriesSchema, itemValueSchema } from '../../domain/scoring/score-entry.schema';
import { requestIdSchema } from '../../domain/scoring/request-id';
import { importProblemSchema, type ImportProblem } from '../../domain/problems';
import { unitKindSchema } from '../../domain/levels/levels';
import { roundIdSchema } from '../../domain/round/round-id.schema';

const communityIdSchema = z.number().int().min(1);
const assessorSchema = z.string().trim().max(40, '考评员名称不能超过40个字');
const codeSchema = z.string().trim().min(1).max(16);
const reasonSchema = z.string().trim().min(1, '请填写理由').max(1000, '理由不能超过1000个字');
const departmentSchema = z.string().trim().max(60, '部门名称不能超过60个字').nullable().optional();
const SCORERS = ['admin', 'assessor', 'reviewer'] as const;
const REVIEWERS = ['admin', 'reviewer'] as const;

export const roundSummarySchema = z.object({
  id: z.string(),
  year: z.number().int(),
  quarter: z.number().int(),
  title: z.string(),
  standardVersion: z.number().int(),
  /** What the round appraises (its standard's kind): 社区, or 街道 / 县区 / 成员单位 at a 县区 or 市. */
  kind: unitKindSchema,
  state: z.enum(ROUND_STATES),
  stateLabel: z.string(),
  communityCount: z.number().int(),
  completeCount: z.number().int(),
  createdAt: z.string(),
  finalizedAt: z.string().nullable(),
});
export type RoundSummary = z.infer<typeof roundSummarySchema>;

export const roundCommentSchema = z.object({
  id: z.number().int(),
  communityId: z.number().int().nullable(),
  kind: z.string(),
  text: z.string(),
  actor: z.string(),
  at: z.string(),
});
export type RoundCommentDto = z.infer<typeof roundCommentSchema>;

export const appealSchema = z.object({
  id: z.number().int(),
  communityId: z.number().int(),
  communityName: z.string(),
  itemCode: z.string().nullable(),
  claim: z.string(),
  status: z.enum(['open', 'accepted', 'rejected']),
  decision: z.string().nullable(),
  adjustment: z.number().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  deductionId: z.number().int().nullable(),
});
export type AppealDto = z.infer<typeof appealSchema>;

export const roundDetailSchema = roundSummarySchema.extend({
  communities: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      status: z.enum(FORM_STATUSES),
      statusLabel: z.string(),
      complete: z.boolean(),
      scoredItems: z.number().int(),
      totalItems: z.number().int(),
      total: z.number(),
      /** Per category: items scored of items (the progress matrix). */
      categories: z.array(z.object({ code: z.string(), scored: z.number().int(), total: z.number().int() })),
      assessors: z.array(z.string()),
    }),
  ),
  assessments: z.array(
    z.object({ id: z.number().int(), assessor: z.string(), communityId: z.number().int().nullable(), categoryCode: z.string().nullable() }),
  ),
  comments: z.array(roundCommentSchema),
  appeals: z.array(appealSchema),
  nextStates: z.array(z.enum(ROUND_STATES)),
  canRefreeze: z.boolean(),
  snapshotAt: z.string(),
  spreadThreshold: z.number(),
});
export type RoundDetail = z.infer<typeof roundDetailSchema>;

export const itemScoreDtoSchema = z.object({
  code: z.string(),
  categoryCode: z.string(),
  maxTenths: z.number().int(),
  tenths: z.number().int(),
  status: z.enum(['scored', 'computed', 'overridden', 'na', 'missing', 'invalid']),
  message: z.string().optional(),
  derivedTenths: z.number().int().optional(),
  deductedTenths: z.number().int().optional(),
  rawValue: z.string().optional(),
  metricKeys: z.array(z.string()).optional(),
  clamped: z.boolean().optional(),
  reason: z.string().optional(),
});

export const formScoreSchema = z.object({
  items: z.array(itemScoreDtoSchema),
  categories: z.array(z.object({ code: z.string(), title: z.string(), maxTenths: z.number().int(), tenths: z.number().int() })),
  baseTenths: z.number().int(),
  bonusTenths: z.number().int(),
  totalTenths: z.number().int(),
  vetoes: z.array(z.object({ code: z.string(), title: z.string(), effect: z.string(), fact: z.string() })),
  complete: z.boolean(),
  problems: z.array(z.string()),
});
export type FormScore = z.infer<typeof formScoreSchema>;

export const ledgerEntrySchema = z.object({
  id: z.number().int(),
  itemCode: z.string(),
  reasonCode: z.string().nullable(),
  text: z.string(),
  amountTenths: z.number().int(),
  evidence: z.string(),
  assessor: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** The department that imposed a 清单外 task (民政局 …), when the deduction records one. */
  department: z.string().nullable(),
  attachments: z.array(z.object({ id: z.number().int(), fileName: z.string(), sha256: z.string(), size: z.number().int() })),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

export const rectificationDtoSchema = z.object({
  id: z.number().int(),
  roundId: z.string(),
  communityId: z.number().int(),
  communityName: z.string(),
  itemCode: z.string(),
  kind: z.string(),
  text: z.string(),
  lost: z.number(),
  status: z.enum(['open', 'verified', 'unresolved']),
  verifiedRoundId: z.string().nullable(),
  verifiedNote: z.string().nullable(),
});
export type RectificationDto = z.infer<typeof rectificationDtoSchema>;

const drillRowSchema = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));

export const formSchema = z.object({
  round: z.object({
    id: z.string(),
    title: z.string(),
    state: z.enum(ROUND_STATES),
    stateLabel: z.string(),
    standardVersion: z.number().int(),
    editable: z.boolean(),
    /** Why the form cannot be edited now (Chinese), or null. */
    readOnlyReason: z.string().nullable(),
  }),
  community: z.object({ id: z.number().int(), name: z.string(), status: z.enum(FORM_STATUSES), statusLabel: z.string() }),
  assessor: z.string(),
  /** Named assessors who scored this community blind (shown to reviewers). */
  assessors: z.array(z.string()),
  standard: standardSchema,
  entries: communityEntriesSchema,
  ledger: z.array(ledgerEntrySchema),
  score: formScoreSchema,
  metrics: z.record(z.string(), z.number().nullable()),
  metricLabels: z.record(z.string(), z.string()),
  drillDown: z.record(z.string(), z.array(drillRowSchema)),
  rectifications: z.array(rectificationDtoSchema),
  comments: z.array(roundCommentSchema),
  /** Annual items carried from an earlier round of the year: item code → that round's id. */
  carried: z.record(z.string(), z.string()),
});
export type FormDto = z.infer<typeof formSchema>;

export const saveResultSchema = z.object({ score: formScoreSchema, savedAt: z.string() });
export type SaveResult = z.infer<typeof saveResultSchema>;

const formKey = { roundId: roundIdSchema, communityId: communityIdSchema, assessor: assessorSchema.default('') };

export const spreadRowSchema = z.object({
  itemCode: z.string(),
  count: z.number().int(),
  spread: z.number(),
  mean: z.number(),
  median: z.number(),
  flagged: z.boolean(),
  values: z.array(z.object({ assessor: z.string(), score: z.number() })),
  settled: z.object({ method: z.string(), score: z.number(), note: z.string() }).nullable(),
});

/** Everything a report needs about one community's quarter (points as numbers). */
export const communityResultSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  rank: z.number().int(),
  tied: z.boolean(),
  decidedBy: z.string().nullable(),
  grade: z.string(),
  quotaDemotedFrom: z.string().nullable(),
  cappedFrom: z.string().nullable(),
  total: z.number(),
  base: z.number(),
  bonus: z.number(),
  veto: z.boolean(),
  vetoes: z.array(z.object({ code: z.string(), title: z.string(), effect: z.string(), fact: z.string() })),
  complete: z.boolean(),
  categories: z.array(z.object({ code: z.string(), name: z.string(), score: z.number(), max: z.number() })),
  items: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      categoryCode: z.string(),
      score: z.number(),
      max: z.number(),
      status: z.string(),
      reason: z.string().nullable(),
    }),
  ),
  bonusItems: z.array(z.object({ code: z.string(), title: z.string(), score: z.number() })),
  deductions: z.array(
    z.object({
      itemCode: z.string(),
      itemTitle: z.string(),
      reason: z.string(),
      points: z.number(),
      evidence: z.string(),
      assessor: z.string(),
      attachments: z.number().int(),
    }),
  ),
  /** Points actually lost on deduction items (after per-reason caps and the item floor). */
  deducted: z.number(),
  change: z
    .object({
      previousTotal: z.number(),
      delta: z.number(),
      previousRank: z.number().int().nullable(),
      rankMove: z.number().int().nullable(),
      movers: z.array(z.object({ code: z.string(), previous: z.number(), current: z.number(), delta: z.number() })),
    })
    .nullable(),
  comments: z.array(z.string()),
  rectifications: z.array(z.object({ itemCode: z.string(), text: z.string(), lost: z.number() })),
  openRectifications: z.array(z.object({ fromRound: z.string(), itemCode: z.string(), text: z.string(), status: z.string() })),
  assessors: z.array(z.string()),
});
export type CommunityResultDto = z.infer<typeof communityResultSchema>;

export const roundResultsSchema = z.object({
  round: z.string(),
  title: z.string(),
  year: z.number().int(),
  quarter: z.number().int(),
  state: z.enum(ROUND_STATES),
  finalized: z.boolean(),
  standardVersion: z.number().int(),
  standardName: z.string(),
  /** What the round appraises (its standard's kind): 社区, or 街道 / 县区 / 成员单位 at a 县区 or 市. */
  kind: unitKindSchema,
  previousRound: z.string().nullable(),
  grades: z.array(z.object({ label: z.string(), min: z.number(), count: z.number().int() })),
  /** The appraised units (communities, or the units of `kind`), ranked. */
  communities: z.array(communityResultSchema),
  assessors: z.array(z.string()),
  appeals: z.array(appealSchema),
});
export type RoundResultsDto = z.infer<typeof roundResultsSchema>;

/** A field sheet's problems are the one import-problem shape (shared/domain/problems.ts). */
export type SheetProblem = ImportProblem;

export const roundsChannels = {
  /** All rounds, newest first. */
  'rounds:list': defineChannel({
    input: z.object({}).strict(),
    output: z.array(roundSummarySchema),
    roles: ALL_ROLES,
    writes: false,
    summary: '查看季度考评',
  }),
  /** Create a round for a quarter, pinned to a published standard version, with a frozen roster snapshot. */
  'rounds:create': defineChannel({
    input: z
      .object({
        year: z.number().int().min(2000, '年份不正确').max(2100, '年份不正确'),
        quarter: z.number().int().min(1, '季度应为1至4').max(4, '季度应为1至4'),
        standardVersion: z.number().int().min(1).optional(),
        /** What to appraise when the level appraises two kinds (a 市: 县区 or 成员单位); default: the standard's kind, else the level's main kind. */
        kind: unitKindSchema.optional(),
        /** Default: every community. */
        communityIds: z.array(communityIdSchema).max(2000).optional(),
        /** Alternatively by name (the CLI's --communities a,b). */
        communityNames: z.array(z.string().trim().min(1).max(60)).max(2000).optional(),
      })
      .strict(),
    output: roundDetailSchema,
    roles: ['admin'],
    writes: true,
    summary: '创建季度考评',
  }),
  'rounds:get': defineChannel({
    input: z.object({ roundId: roundIdSchema }).strict(),
    output: roundDetailSchema,
    roles: ALL_ROLES,
    writes: false,
    summary: '查看季度考评',
  }),
  /** Freeze the roster snapshot again (only until the first submission). */
  'rounds:refreeze': defineChannel({
    input: z.object({ roundId: roundIdSchema }).strict(),
    output: roundDetailSchema,
    roles: ['admin'],
    writes: true,
    summary: '重新冻结名册快照',
  }),
  /** Replace the assessor assignments (to communities or to categories). */
  'rounds:assign': defineChannel({
    input: z
      .object({
        roundId: roundIdSchema,
        assignments: z
          .array(
            z.object({
              assessor: assessorSchema.min(1, '请填写考评员'),
              communityId: communityIdSchema.nullable(),
              categoryCode: codeSchema.nullable(),
            }),
          )
          .max(2000),
      })
      .strict(),
    output: roundDetailSchema,
    roles: ['admin'],
    writes: true,
    summary: '分配考评员',
  }),
  /** Move the round through the workflow; 退回 needs a comment (optionally only some communities). */
  'rounds:advance': defineChannel({
    input: z
      .object({
        roundId: roundIdSchema,
        to: z.enum(ROUND_STATES),
        comment: z.string().trim().max(2000).optional(),
        communityIds: z.array(communityIdSchema).max(2000).optional(),
        /** 定稿: the 发文 number of the 通报 (default: the next free number of the year). */
        docNumber: z.number().int().min(1, '文号应为正整数').max(9999, '文号应为正整数').optional(),
      })
      .strict(),
    output: roundDetailSchema,
    roles: SCORERS,
    writes: true,
    summary: '变更考评状态',
  }),
  /** Unlock a finalized round (back to 公示); needs a reason, audited. */
  'rounds:unlock': defineChannel({
    input: z.object({ roundId: roundIdSchema, reason: reasonSchema }).strict(),
    output: roundDetailSchema,
    roles: REVIEWERS,
    writes: true,
    summary: '解锁定稿',
  }),
  'rounds:form': defineChannel({
    input: z.object(formKey).strict(),
    output: formSchema,
    roles: ALL_ROLES,
    writes: false,
    summary: '查看评分表',
  }),
  /** Save one item: a value (null clears), N/A with reason (null clears), override with reason (null clears). */
  'rounds:setItem': defineChannel({
    input: z
      .object({
        ...formKey,
        itemCode: codeSchema,
        value: itemValueSchema.nullable().optional(),
        na: z.object({ reason: reasonSchema }).nullable().optional(),
        override: z
          .object({ tenths: z.number().int().min(0), reason: reasonSchema })
          .nullable()
          .optional(),
      })
      .strict(),
    output: saveResultSchema,
    roles: SCORERS,
    writes: true,
    summary: '保存评分',
  }),
  /** Record one 扣分 in a deduction item's ledger; attachments are staged files copied into the data folder. */
  'rounds:addDeduction': defineChannel({
    input: z
      .object({
        ...formKey,
        itemCode: codeSchema,
        reasonCode: codeSchema.nullable(),
        text: z.string().trim().min(1, '请填写扣分原因').max(1000),
        amountTenths: z.number().int().min(1, '扣分须大于0'),
        evidence: z.string().trim().max(20).default('查阅资料'),
        attachmentFileIds: z.array(z.string().max(80)).max(20).default([]),
        /** For a 清单外 task: the department that imposed it (free text, e.g. 民政局); blank = none. */
        department: departmentSchema,
        /** Client id of this create action: repeating it records nothing new. */
        requestId: requestIdSchema.optional(),
      })
      .strict(),
    output: saveResultSchema.extend({ deductionId: z.number().int() }),
    roles: SCORERS,
    writes: true,
    summary: '记录扣分',
  }),
  'rounds:removeDeduction': defineChannel({
    input: z.object({ roundId: roundIdSchema, deductionId: z.number().int(), reason: z.string().trim().max(1000).optional() }).strict(),
    output: saveResultSchema,
    roles: SCORERS,
    writes: true,
    summary: '删除扣分记录',
  }),
  /** Bonus claim for a community (null awards and tenths clears it). */
  'rounds:setBonus': defineChannel({
    input: z
      .object({
        ...formKey,
        code: codeSchema,
        awards: z
          .array(z.object({ level: z.string().trim().min(1).max(50), note: z.string().max(1000) }))
          .max(50)
          .nullable(),
        tenths: z.number().int().min(0).nullable(),
      })
      .strict(),
    output: saveResultSchema,
    roles: SCORERS,
    writes: true,
    summary: '保存加分',
  }),
  /** Veto for a community with the fact (null clears). */
  'rounds:setVeto': defineChannel({
    input: z.object({ ...formKey, code: codeSchema, fact: z.string().trim().min(1, '请填写否决事实').max(2000).nullable() }).strict(),
    output: saveResultSchema,
    roles: SCORERS,
    writes: true,
    summary: '保存否决项',
  }),
  /** Submit one community's form (all items scored). */
  'rounds:submitForm': defineChannel({
    input: z.object({ roundId: roundIdSchema, communityId: communityIdSchema }).strict(),
    output: roundDetailSchema,
    roles: SCORERS,
    writes: true,
    summary: '提交评分表',
  }),
  /** 销号: verify (or keep open) a rectification carried from an earlier quarter. */
  'rounds:verifyRectification': defineChannel({
    input: z
      .object({
        roundId: roundIdSchema,
        rectificationId: z.number().int(),
        status: z.enum(['verified', 'unresolved']),
        note: z.string().trim().max(1000),
      })
      .strict(),
    output: rectificationDtoSchema,
    roles: SCORERS,
    writes: true,
    summary: '整改销号',
  }),
  /** Per-item spread across blind assessors of one community. */
  'rounds:spread': defineChannel({
    input: z.object({ roundId: roundIdSchema, communityId: communityIdSchema }).strict(),
    output: z.object({ assessors: z.array(z.string()), threshold: z.number(), rows: z.array(spreadRowSchema) }),
    roles: REVIEWERS,
    writes: false,
    summary: '查看多人评分差异',
  }),
  /** Settle an item from the blind assessors' scores into the community's form. */
  'rounds:settle': defineChannel({
    input: z
      .object({
        roundId: roundIdSchema,
        communityId: communityIdSchema,
        itemCode: codeSchema,
        method: z.enum(['mean', 'median', 'trimmedMean', 'chosen']),
        chosenTenths: z.number().int().min(0).optional(),
        note: z.string().trim().max(1000).default(''),
      })
      .strict(),
    output: saveResultSchema,
    roles: REVIEWERS,
    writes: true,
    summary: '合议定分',
  }),
  /** Record an appeal (申诉) while the round is published. */
  'rounds:addAppeal': defineChannel({
    input: z
      .object({
        roundId: roundIdSchema,
        communityId: communityIdSchema,
        itemCode: codeSchema.nullable(),
        claim: z.string().trim().min(1, '请填写申诉内容').max(2000),
        /** The deduction contested: adopting the appeal withdraws it everywhere. */
        deductionId: z.number().int().nullable().optional(),
        requestId: requestIdSchema.optional(),
      })
      .strict(),
    output: appealSchema,
    roles: SCORERS,
    writes: true,
    summary: '登记申诉',
  }),
  /** Decide an appeal; an accepted appeal on an item may set its new score (recorded as an override). */
  'rounds:decideAppeal': defineChannel({
    input: z
      .object({
        roundId: roundIdSchema,
        appealId: z.number().int(),
        accepted: z.boolean(),
        decision: z.string().trim().min(1, '请填写处理意见').max(2000),
        newItemTenths: z.number().int().min(0).optional(),
      })
      .strict(),
    output: appealSchema,
    roles: REVIEWERS,
    writes: true,
    summary: '处理申诉',
  }),
  /** Ranked results with everything a report needs. */
  'rounds:results': defineChannel({
    input: z.object({ roundId: roundIdSchema }).strict(),
    output: roundResultsSchema,
    roles: ALL_ROLES,
    writes: false,
    summary: '查看考评结果',
  }),
  /** Old vs new total/rank/grade if the round used another standard version (nothing saved). */
  'rounds:whatIf': defineChannel({
    input: z.object({ roundId: roundIdSchema, standardVersion: z.number().int().min(1) }).strict(),
    output: z.object({
      fromVersion: z.number().int(),
      toVersion: z.number().int(),
      rows: z.array(
        z.object({
          communityId: z.number().int(),
          name: z.string(),
          oldTotal: z.number(),
          newTotal: z.number(),
          delta: z.number(),
          oldRank: z.number().int(),
          newRank: z.number().int(),
          oldGrade: z.string(),
          newGrade: z.string(),
          unmatchedItems: z.array(z.string()),
          droppedItems: z.array(z.string()),
        }),
      ),
    }),
    roles: ALL_ROLES,
    writes: false,
    summary: '试算新版标准',
  }),
  /** Re-pin the round to another standard version (logged). */
  'rounds:acceptWhatIf': defineChannel({
    input: z.object({ roundId: roundIdSchema, standardVersion: z.number().int().min(1), reason: reasonSchema }).strict(),
    output: roundDetailSchema,
    roles: REVIEWERS,
    writes: true,
    summary: '采用新版标准',
  }),
  /** Annual roll-up of a year's rounds. */
  'rounds:annual': defineChannel({
    /** `kind`: which appraised units to roll up (a 市 has 县区 and 成员单位); default the level's main kind. */
    input: z.object({ year: z.number().int().min(2000).max(2100), kind: unitKindSchema.optional() }).strict(),
    output: z.object({
      year: z.number().int(),
      kind: unitKindSchema,
      /** Which finalized quarters the summary covers: 全年, or 截至第三季度. */
      coverage: z.string(),
      rule: z.string(),
      rows: z.array(
        z.object({
          communityId: z.number().int(),
          name: z.string(),
          quarters: z.array(z.object({ quarter: z.number().int(), total: z.number().nullable(), vetoed: z.boolean() })),
          annual: z.number().nullable(),
          missingQuarters: z.array(z.number().int()),
          rank: z.number().int(),
          grade: z.string().nullable(),
          notes: z.array(z.string()),
        }),
      ),
    }),
    roles: ALL_ROLES,
    writes: false,
    summary: '年度汇总',
  }),
  /** Rectification list of a round (generated from its deductions when it was finalized, or live before). */
  'rounds:rectifications': defineChannel({
    input: z.object({ roundId: roundIdSchema }).strict(),
    output: z.array(rectificationDtoSchema),
    roles: ALL_ROLES,
    writes: false,
    summary: '查看整改清单',
  }),
  /** A deduction attachment's bytes (stored in the database) as a staged file, by its sha256. */
  'rounds:attachment': defineChannel({
    input: z.object({ sha256: z.string().trim().min(1).max(80) }).strict(),
    output: stagedFileSchema,
    roles: ALL_ROLES,
    writes: false,
    summary: '下载附件',
  }),
  /** Blank scoring sheets (.xlsx) for field work, one sheet per community. */
  'rounds:exportSheets': defineChannel({
    input: z.object({ roundId: roundIdSchema }).strict(),
    output: z.object({ fileId: z.string(), name: z.string(), sheets: z.number().int() }),
    roles: ALL_ROLES,
    writes: false,
    summary: '导出评分表',
  }),
  /** Import filled scoring sheets; problems as for roster imports. */
  'rounds:importSheets': defineChannel({
    input: z.object({ roundId: roundIdSchema, fileId: z.string().min(1).max(80), dryRun: z.boolean().default(false) }).strict(),
    output: z.object({
      committed: z.boolean(),
      communities: z.number().int(),
      items: z.number().int(),
      deductions: z.number().int(),
      problems: z.array(importProblemSchema),
    }),
    roles: SCORERS,
    writes: true,
    summary: '导入评分表',
  }),
};
