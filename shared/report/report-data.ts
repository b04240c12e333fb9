/**
 * The data the reports are built from: plain, serialisable DTOs (they cross postMessage to the
 * PDF worker and the IPC boundary). Scores are numbers with at most one decimal (points, e.g. 87.5);
 * builders convert them to integer tenths before any arithmetic.
 *
 * Personal data: a person's 身份证号 and phone never reach a report unmasked. Person fields are
 * masked by the schema itself when parsed, and the builders mask again (masking is idempotent).
 */
import { z } from 'zod';
import { maskIdCard, maskPhone } from '../domain/privacy/mask';
import { unitKindSchema } from '../domain/levels/levels';

/** A score in points with at most one decimal (87.5, not 87.45). */
export const scoreSchema = z.number().refine((v) => Number.isFinite(v) && Math.abs(Math.round(v * 10) - v * 10) < 1e-6, {
  message: '分数须精确到 0.1 分',
});

/** The default standard's grade labels; a standard may name its own bands (the editor allows it). */
export const GRADES = ['优秀', '良好', '合格', '不合格'] as const;
/** A grade band's label as the standard names it (best first in `gradeBands`). */
export const gradeSchema = z.string().trim().min(1).max(10);
export type Grade = z.infer<typeof gradeSchema>;

/**
 * Zero counts for the grade labels in band order (the default four when the data names none), so
 * counts and charts list every band, best first, including empty ones.
 */
export function emptyGradeCounts(labels: readonly string[] | undefined): Record<Grade, number> {
  const out: Record<Grade, number> = {};
  for (const g of labels && labels.length ? labels : GRADES) out[g] = 0;
  return out;
}

/** ISO date (2021-10-15) or date-time. */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}/, '日期格式应为 YYYY-MM-DD');

/**
 * A person who may appear in a report (考评员, 整改责任人). Only the name is printed in full;
 * 身份证号 and phone, when present at all, are masked on parse.
 */
export const reportPersonSchema = z.object({
  name: z.string(),
  idCard: z
    .string()
    .nullish()
    .transform((v) => (v ? maskIdCard(v) : undefined)),
  phone: z
    .string()
    .nullish()
    .transform((v) => (v ? maskPhone(v) : undefined)),
  role: z
    .string()
    .nullish()
    .transform((v) => v ?? undefined),
});
export type ReportPerson = z.output<typeof reportPersonSchema>;

/** The unit from settings: 所属城市, 县区, 街道名称, 报告落款单位. */
export const reportUnitSchema = z.object({
  city: z.string(),
  county: z.string(),
  street: z.string(),
  issuer: z.string(),
});
export type ReportUnit = z.infer<typeof reportUnitSchema>;

/** Whether the data is final; a finalized round carries the hash of its locked content. */
export const finalizationSchema = z
  .object({
    finalized: z.boolean(),
    contentHash: z.string().nullable(),
    finalizedAt: isoDate.nullable().optional(),
  })
  .refine((f) => !f.finalized || (f.contentHash !== null && f.contentHash.length > 0), {
    message: '定稿的考评必须带有内容校验码',
  });
export type Finalization = z.infer<typeof finalizationSchema>;

export const categoryDefSchema = z.object({ code: z.string(), name: z.string(), max: scoreSchema });
export type CategoryDef = z.infer<typeof categoryDefSchema>;

export const categorySubtotalSchema = z.object({
  code: z.string(),
  name: z.string(),
  score: scoreSchema,
  max: scoreSchema,
});
export type CategorySubtotal = z.infer<typeof categorySubtotalSchema>;

export const vetoFactSchema = z.object({
  itemCode: z.string(),
  itemTitle: z.string(),
  fact: z.string(),
});
export type VetoFact = z.infer<typeof vetoFactSchema>;

export const itemChangeSchema = z.object({
  itemCode: z.string(),
  itemTitle: z.string(),
  delta: scoreSchema,
});
export type ItemChange = z.infer<typeof itemChangeSchema>;

/** Change against the previous quarter; `previousTotal` null = not appraised last quarter. */
export const quarterChangeSchema = z.object({
  previousTotal: scoreSchema.nullable(),
  previousRank: z.number().int().positive().nullable(),
  delta: scoreSchema.nullable(),
  topItems: z.array(itemChangeSchema),
});
export type QuarterChange = z.infer<typeof quarterChangeSchema>;

export const deductionSchema = z.object({
  itemCode: z.string(),
  itemTitle: z.string(),
  /** Points deducted, positive (2 = 扣 2 分). */
  points: scoreSchema,
  reason: z.string(),
  evidenceMethod: z.string(),
  assessor: z.string(),
});
export type Deduction = z.infer<typeof deductionSchema>;

export const bonusItemSchema = z.object({
  itemCode: z.string(),
  itemTitle: z.string(),
  points: scoreSchema,
  reason: z.string(),
});
export type BonusItem = z.infer<typeof bonusItemSchema>;

export const RECTIFICATION_STATUSES = ['待整改', '整改中', '已销号', '逾期未改'] as const;

export const rectificationSchema = z.object({
  communityName: z.string(),
  itemCode: z.string(),
  itemTitle: z.string(),
  problem: z.string(),
  requirement: z.string(),
  deadline: isoDate.nullable(),
  status: z.enum(RECTIFICATION_STATUSES),
  /** The round the problem was found in, e.g. 2021年第二季度. */
  sourceRound: z.string(),
  responsible: reportPersonSchema.nullable().optional(),
});
export type Rectification = z.output<typeof rectificationSchema>;

export const commentSchema = z.object({ author: z.string().nullable(), text: z.string() });
export type ReportComment = z.infer<typeof commentSchema>;

export const scorecardSchema = z.object({
  deductions: z.array(deductionSchema),
  /** Points actually lost on deduction items (after caps and floors); the records' sum when absent. */
  deductedTotal: scoreSchema.optional(),
  bonusItems: z.array(bonusItemSchema),
  assessors: z.array(reportPersonSchema),
  comments: z.array(commentSchema),
  openRectifications: z.array(rectificationSchema),
});
export type Scorecard = z.output<typeof scorecardSchema>;

export const quarterlyCommunitySchema = z.object({
  /** 1-based; ties share a rank (1, 2, 2, 4). */
  rank: z.number().int().positive(),
  name: z.string(),
  categories: z.array(categorySubtotalSchema),
  bonus: scoreSchema,
  veto: z.array(vetoFactSchema),
  total: scoreSchema,
  grade: gradeSchema,
  change: quarterChangeSchema,
  scorecard: scorecardSchema,
});
export type QuarterlyCommunity = z.output<typeof quarterlyCommunitySchema>;

export const gradeBandSchema = z.object({ grade: gradeSchema, minScore: scoreSchema.nullable() });

export const signatureSchema = z.object({
  /** 考评组组长; null leaves a line to sign by hand. */
  leader: z.string().nullable(),
  /** 审核人 */
  reviewer: z.string().nullable(),
  /** 日期 of the report (成文日期), ISO date; null leaves it blank. */
  date: isoDate.nullable(),
});
export type Signature = z.infer<typeof signatureSchema>;

/**
 * The 公文 parts of a report (GB/T 9704-2012): 发文字号 (issued at finalization), 主送, 版记
 * (抄送, 印发机关, 印发日期), 公开属性, 联系人 and 电话, and where appeals and reports go.
 */
export const officialDocSchema = z.object({
  docNumber: z.string().nullable().default(null),
  recipients: z.string().default('各社区党组织、居民委员会'),
  cc: z.string().default(''),
  printer: z.string().default(''),
  /** 印发日期, ISO; null = the 成文日期. */
  printDate: isoDate.nullable().default(null),
  publicity: z.string().default('此件公开发布'),
  contact: z.string().default(''),
  phone: z.string().default(''),
  /** Where appeals and rectification reports are handed in. */
  office: z.string().default(''),
});
export type OfficialDoc = z.output<typeof officialDocSchema>;

/** The 公示 period of a round's results (公示 notice): from–to, ISO dates. */
export const noticePeriodSchema = z.object({ from: isoDate, to: isoDate });
export type NoticePeriod = z.infer<typeof noticePeriodSchema>;

export const quarterlyReportDataSchema = z.object({
  document: officialDocSchema.prefault({}),
  /** Set for the 公示 notice only. */
  notice: noticePeriodSchema.nullable().default(null),
  /** What the round(s) appraise: 社区 (today's rounds), or 街道 / 县区 / 成员单位 at a 县区 or 市. */
  unitKind: unitKindSchema.default('社区'),
  unit: reportUnitSchema,
  round: z.object({
    year: z.number().int().min(2000).max(2100),
    quarter: z.number().int().min(1).max(4),
    /** Stable code such as 2021Q3. */
    code: z.string(),
    standardName: z.string(),
    standardVersion: z.string(),
  }),
  finalization: finalizationSchema,
  /** When the report was generated (ISO date-time); passed in, never read from the clock. */
  generatedAt: z.string(),
  /** The standard's categories in order (columns of the ranking table). */
  categories: z.array(categoryDefSchema),
  gradeBands: z.array(gradeBandSchema).optional(),
  communities: z.array(quarterlyCommunitySchema),
  rectifications: z.array(rectificationSchema),
  signature: signatureSchema,
});
/** What the quarterly report builder takes (after parsing: person fields masked). */
export type QuarterlyReportData = z.output<typeof quarterlyReportDataSchema>;
export type QuarterlyReportDataInput = z.input<typeof quarterlyReportDataSchema>;

export const annualQuarterSchema = z.object({
  quarter: z.number().int().min(1).max(4),
  /** null = the community was not appraised that quarter (marked, not counted as zero). */
  total: scoreSchema.nullable(),
  grade: gradeSchema.nullable(),
  vetoed: z.boolean(),
  finalized: z.boolean(),
});
export type AnnualQuarter = z.infer<typeof annualQuarterSchema>;

export const annualCommunitySchema = z.object({
  rank: z.number().int().positive(),
  name: z.string(),
  /** Always four entries, quarter 1..4. */
  quarters: z.array(annualQuarterSchema).length(4),
  annualScore: scoreSchema,
  grade: gradeSchema,
  /** Human-readable effects of vetoes on the year, e.g. 「第二季度一票否决，年度等级不高于合格」. */
  vetoEffects: z.array(z.string()),
});
export type AnnualCommunity = z.infer<typeof annualCommunitySchema>;

export const annualReportDataSchema = z.object({
  document: officialDocSchema.prefault({}),
  /** Quarters whose rounds the year's figures are taken from (finalized ones), e.g. [1, 2, 3]. */
  coveredQuarters: z.array(z.number().int().min(1).max(4)).optional(),
  /** What the round(s) appraise: 社区 (today's rounds), or 街道 / 县区 / 成员单位 at a 县区 or 市. */
  unitKind: unitKindSchema.default('社区'),
  unit: reportUnitSchema,
  year: z.number().int().min(2000).max(2100),
  /** The roll-up rule in words, e.g. 「年度得分 = 各季度总分（含加分）的算术平均；缺考季度不计入」. */
  rule: z.string(),
  finalization: finalizationSchema,
  generatedAt: z.string(),
  communities: z.array(annualCommunitySchema),
  /** The standard's grade labels, best first (the default four when absent). */
  gradeLabels: z.array(gradeSchema).optional(),
  /** Which quarters the annual result covers, e.g. 「截至第三季度」 while the year is not complete. */
  coverage: z.string().optional(),
  signature: signatureSchema,
});
export type AnnualReportData = z.output<typeof annualReportDataSchema>;
export type AnnualReportDataInput = z.input<typeof annualReportDataSchema>;

/** One item of the standard as a column of the 明细 sheet. */
export const workbookItemSchema = z.object({
  code: z.string(),
  title: z.string(),
  categoryCode: z.string(),
  max: scoreSchema,
});

export const workbookDeductionSchema = deductionSchema.extend({
  communityName: z.string(),
  recordedAt: z.string().nullable(),
});

/** What the results workbook (.xlsx) is written from. */
export const resultsWorkbookDataSchema = z.object({
  /** What the round(s) appraise: 社区 (today's rounds), or 街道 / 县区 / 成员单位 at a 县区 or 市. */
  unitKind: unitKindSchema.default('社区'),
  unit: reportUnitSchema,
  round: quarterlyReportDataSchema.shape.round,
  finalization: finalizationSchema,
  generatedAt: z.string(),
  categories: z.array(categoryDefSchema),
  items: z.array(workbookItemSchema),
  communities: z.array(
    z.object({
      rank: z.number().int().positive(),
      name: z.string(),
      categories: z.array(categorySubtotalSchema),
      bonus: scoreSchema,
      vetoed: z.boolean(),
      total: scoreSchema,
      grade: gradeSchema,
      delta: scoreSchema.nullable(),
      /** Item code -> score; null = N/A or not scored. */
      itemScores: z.record(z.string(), scoreSchema.nullable()),
    }),
  ),
  deductions: z.array(workbookDeductionSchema),
  rectifications: z.array(rectificationSchema),
});
export type ResultsWorkbookData = z.output<typeof resultsWorkbookDataSchema>;
export type ResultsWorkbookDataInput = z.input<typeof resultsWorkbookDataSchema>;
