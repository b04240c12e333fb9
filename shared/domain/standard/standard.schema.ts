/**
 * The 《社区规范化创建考核标准》 as data: one version = categories (一级指标) → items (二级指标) plus
 * bonus (加分) and veto (一票否决) items, grade bands, ranking, N/A policy and the annual roll-up.
 *
 * Every point amount in this model is an integer number of TENTHS of a point (3.5 分 → 35), so sums
 * are exact; convert to points only at the edges (DTOs, Excel, reports).
 */
import { z } from 'zod';
import { fromNumber, toTenthsHalfUp } from '../expression/rational';

/** Integer tenths of a point, bounded so sums stay small integers. */
export const tenthsSchema = z.number().int('分值须精确到0.1分').min(0, '分值不能为负数').max(100000, '分值过大');
const positiveTenths = tenthsSchema.min(1, '分值须大于0');

/** Stable code of a category/item (A, A1, H1, V1, A4-1 …): letters, digits, '.', '-', '_'. */
export const codeSchema = z
  .string()
  .trim()
  .min(1, { message: '编码不能为空', abort: true })
  .max(16, { message: '编码不能超过16个字符', abort: true })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, '编码只能包含字母、数字、点、短横线和下划线');

const titleSchema = z.string().trim().min(1, '名称不能为空').max(200, '名称不能超过200个字');
const textSchema = z.string().max(4000, '文字不能超过4000个字');

export const EVIDENCE_METHODS = ['查阅资料', '实地查看', '入户调查', '名册数据'] as const;
export type EvidenceMethod = (typeof EVIDENCE_METHODS)[number];

/** Q = scored every quarter; A = annual item (scored once, carried); R = computed from the roster snapshot. */
export const FREQUENCIES = ['Q', 'A', 'R'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const FREQUENCY_LABELS: Record<Frequency, string> = { Q: '每季度', A: '年度', R: '名册快照' };

/**
 * Manual score in [minTenths, item max] on a grid of stepTenths from minTenths. When the 评分细则
 * gives bands (满意率90%及以上6分，85%至90%5分 …) `allowedTenths` lists the only values they allow.
 */
export const manualMethodSchema = z.object({
  kind: z.literal('manual'),
  minTenths: tenthsSchema,
  stepTenths: positiveTenths,
  allowedTenths: z.array(tenthsSchema).min(2, '可选分值至少2个').max(20, '可选分值最多20个').optional(),
});

/** A standard deduction reason: amount per occurrence, optional cap on the total for this reason. */
export const deductionReasonSchema = z.object({
  code: codeSchema,
  text: z.string().trim().min(1, '扣分原因不能为空').max(500, '扣分原因不能超过500个字'),
  amountTenths: positiveTenths,
  capTenths: positiveTenths.optional(),
});

/** Deduction ledger: start at the item max, subtract each record, floor 0 (扣完为止). */
export const deductMethodSchema = z.object({
  kind: z.literal('deduct'),
  reasons: z.array(deductionReasonSchema).max(50, '扣分原因最多50条'),
  /** Whether assessors may record a deduction with a reason not on the list. */
  allowOtherReasons: z.boolean(),
});

/** Points by the number of sub-criteria met: pointsTenths[k] for k criteria met. */
export const tiersMethodSchema = z.object({
  kind: z.literal('tiers'),
  criteria: z.array(z.string().trim().min(1, '分档条件不能为空').max(500)).min(1, '分档计分至少要有1个条件').max(20, '分档条件最多20个'),
  pointsTenths: z.array(tenthsSchema).min(2).max(21),
});

/** Full points or zero. */
export const yesNoMethodSchema = z.object({ kind: z.literal('yesno') });

/** Points from an expression over roster metrics, rounded half-up to 0.1 and clamped to [0, max]. */
export const computedMethodSchema = z.object({
  kind: z.literal('computed'),
  expression: z.string().max(2000, '公式不能超过2000个字符'),
});

export const scoringMethodSchema = z.discriminatedUnion('kind', [
  manualMethodSchema,
  deductMethodSchema,
  tiersMethodSchema,
  yesNoMethodSchema,
  computedMethodSchema,
]);
export type ScoringMethod = z.infer<typeof scoringMethodSchema>;
export type MethodKind = ScoringMethod['kind'];
export type ManualMethod = z.infer<typeof manualMethodSchema>;
export type DeductMethod = z.infer<typeof deductMethodSchema>;
export type DeductionReason = z.infer<typeof deductionReasonSchema>;
export type TiersMethod = z.infer<typeof tiersMethodSchema>;
export type ComputedMethod = z.infer<typeof computedMethodSchema>;

export const METHOD_LABELS: Record<MethodKind, string> = {
  manual: '手动评分',
  deduct: '扣分制',
  tiers: '分档计分',
  yesno: '是否达标',
  computed: '公式计算',
};

export const itemSchema = z.object({
  code: codeSchema,
  title: titleSchema,
  maxTenths: positiveTenths,
  method: scoringMethodSchema,
  evidence: z.array(z.enum(EVIDENCE_METHODS)).max(4),
  frequency: z.enum(FREQUENCIES),
  /** 评分细则 shown to assessors next to the item. */
  guide: textSchema,
});
export type StandardItem = z.infer<typeof itemSchema>;

export const categorySchema = z.object({
  code: codeSchema,
  title: titleSchema,
  maxTenths: positiveTenths,
  items: z.array(itemSchema).max(100, '每个一级指标最多100个二级指标'),
});
export type StandardCategory = z.infer<typeof categorySchema>;

/** A bonus level (e.g. 省级 +5): each award recorded at a level earns its points. */
export const bonusLevelSchema = z.object({
  label: z.string().trim().min(1, '级别名称不能为空').max(50),
  pointsTenths: positiveTenths,
});
export const bonusMethodSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('levels'), levels: z.array(bonusLevelSchema).min(1, '加分项至少要有1个级别').max(20) }),
  z.object({ kind: z.literal('manual'), stepTenths: positiveTenths }),
]);
export type BonusMethod = z.infer<typeof bonusMethodSchema>;

export const bonusItemSchema = z.object({
  code: codeSchema,
  title: titleSchema,
  method: bonusMethodSchema,
  /** Most this item can add in one quarter (the manual maximum for manual items). */
  capTenths: positiveTenths,
  guide: textSchema,
});
export type BonusItem = z.infer<typeof bonusItemSchema>;

export const VETO_EFFECTS = ['fail', 'noExcellent', 'zero'] as const;
export type VetoEffect = (typeof VETO_EFFECTS)[number];
export const VETO_EFFECT_LABELS: Record<VetoEffect, string> = {
  fail: '等次定为不合格',
  noExcellent: '不得评为最高等次',
  zero: '总分记为0分',
};

export const vetoItemSchema = z.object({
  code: codeSchema,
  title: titleSchema,
  effect: z.enum(VETO_EFFECTS),
  guide: textSchema,
});
export type VetoItem = z.infer<typeof vetoItemSchema>;

/** At most `percent` % (rounded down) and/or `count` communities may hold the band. */
export const quotaSchema = z.object({
  percent: z.number().int().min(1, '名额比例至少1%').max(100, '名额比例不能超过100%').optional(),
  count: z.number().int().min(0, '名额不能为负数').max(10000).optional(),
});
export type Quota = z.infer<typeof quotaSchema>;

/** Grade band, ordered best first: total ≥ minTenths earns it (the last band has minTenths 0). */
export const gradeBandSchema = z.object({
  label: z.string().trim().min(1, '等次名称不能为空').max(10, '等次名称不能超过10个字'),
  minTenths: tenthsSchema,
  quota: quotaSchema.optional(),
});
export type GradeBand = z.infer<typeof gradeBandSchema>;

export const gradingSchema = z.object({
  bands: z.array(gradeBandSchema).min(2, '至少要有2个等次').max(8, '等次最多8个'),
  /**
   * When communities fully tied at a quota boundary do not all fit: 'demoteAll' keeps the quota
   * (all of them drop to the next band), 'admitAll' keeps the tie (all stay, quota exceeded).
   */
  quotaTies: z.enum(['demoteAll', 'admitAll']),
});
export type Grading = z.infer<typeof gradingSchema>;

/** Tie-break keys, applied in order when totals are equal (higher wins unless noted). */
export const tieBreakKeySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('baseScore') }),
  z.object({ kind: z.literal('bonus') }),
  z.object({ kind: z.literal('category'), code: codeSchema }),
  z.object({ kind: z.literal('item'), code: codeSchema }),
  /** Fewer deduction records wins. */
  z.object({ kind: z.literal('fewerDeductions') }),
]);
export type TieBreakKey = z.infer<typeof tieBreakKeySchema>;

export const rankingSchema = z.object({
  /** Communities with a veto rank after all others regardless of total. */
  vetoedLast: z.boolean(),
  tieBreak: z.array(tieBreakKeySchema).max(30),
});
export type Ranking = z.infer<typeof rankingSchema>;

/**
 * Annual result = quartersPercent % × mean of available quarters + yearEndPercent % × year-end score.
 * Presets: mean of quarters (100/0), 95/5, 70/30.
 */
export const rollUpSchema = z.object({
  quartersPercent: z.number().int().min(0).max(100),
  yearEndPercent: z.number().int().min(0).max(100),
  /** Name of the year-end part, e.g. 年终评价 / 民主测评. */
  yearEndLabel: z.string().trim().max(20),
  /** A quarter with a veto caps the annual grade at this band (label), or null for no cap. */
  vetoAnnualGradeCap: z.string().trim().max(10).nullable(),
});
export type RollUp = z.infer<typeof rollUpSchema>;

export const ROLL_UP_PRESETS: ReadonlyArray<{ label: string; quartersPercent: number; yearEndPercent: number }> = [
  { label: '四个季度平均', quartersPercent: 100, yearEndPercent: 0 },
  { label: '季度95%＋年终5%', quartersPercent: 95, yearEndPercent: 5 },
  { label: '平时70%＋年终30%', quartersPercent: 70, yearEndPercent: 30 },
];

/** N/A items: 'rescale' scales the base score to the full total; 'keep' awards the item's points. */
export const NA_POLICIES = ['rescale', 'keep'] as const;
export type NaPolicy = (typeof NA_POLICIES)[number];
export const NA_POLICY_LABELS: Record<NaPolicy, string> = { rescale: '按适用项折算为满分制', keep: '不适用项按满分计' };

export const standardSchema = z.object({
  /** Title, e.g. 社区规范化创建考核标准. */
  name: titleSchema,
  version: z.number().int().min(1),
  /** Full base score (1000 = 100 分). */
  totalTenths: positiveTenths,
  categories: z.array(categorySchema).max(30, '一级指标最多30个'),
  bonus: z.object({ capTenths: tenthsSchema, items: z.array(bonusItemSchema).max(30) }),
  vetoes: z.array(vetoItemSchema).max(30),
  grading: gradingSchema,
  ranking: rankingSchema,
  rollUp: rollUpSchema,
  naPolicy: z.enum(NA_POLICIES),
  /** Free note about this version (what changed, source document). */
  note: textSchema,
});
export type Standard = z.infer<typeof standardSchema>;

/**
 * Points (number) → tenths, for edges that take user numbers. Rounds half-up on the number's
 * shortest decimal text (2.45 → 25), so binary-float noise never decides the rounding.
 * NaN/Infinity → NaN (callers validate).
 */
export function pointsToTenths(points: number): number {
  const r = fromNumber(points);
  return r ? toTenthsHalfUp(r) : Number.NaN;
}

/** Tenths → points as a number for display/DTOs (e.g. 875 → 87.5). */
export function tenthsToPoints(tenths: number): number {
  return tenths / 10;
}

/** Tenths → text without trailing zeros (875 → "87.5", 30 → "3"). */
export function formatTenths(tenths: number): string {
  const sign = tenths < 0 ? '-' : '';
  const a = Math.abs(tenths);
  const whole = Math.floor(a / 10);
  const frac = a % 10;
  return `${sign}${whole}${frac ? `.${frac}` : ''}`;
}
