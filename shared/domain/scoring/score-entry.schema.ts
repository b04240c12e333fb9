/**
 * What assessors record for one community in one round, as plain data the engine scores.
 * All point amounts are integer tenths. Computed items need no entry (they come from the metrics)
 * unless overridden or marked N/A.
 */
import { z } from 'zod';
import { codeSchema, tenthsSchema } from '../standard/standard.schema';

const reasonText = z.string().trim().min(1, '请填写理由').max(1000, '理由不能超过1000个字');

/** One 扣分 in a deduction item's ledger. */
export const deductionRecordSchema = z.object({
  /** Standard reason code from the item's list, or null for another reason (free text). */
  reasonCode: codeSchema.nullable(),
  /** Reason as shown (the standard text, or the assessor's own words). */
  text: z.string().trim().min(1, '请填写扣分原因').max(1000),
  /** Points deducted by this record (e.g. 2 occurrences × 0.5 = 10). */
  amountTenths: tenthsSchema.min(1, '扣分须大于0'),
});
export type DeductionRecord = z.infer<typeof deductionRecordSchema>;

export const itemValueSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('manual'), tenths: tenthsSchema }),
  z.object({ kind: z.literal('deduct'), deductions: z.array(deductionRecordSchema).max(200) }),
  /** Indices (0-based) of the tier criteria met. */
  z.object({ kind: z.literal('tiers'), met: z.array(z.number().int().min(0)).max(50) }),
  z.object({ kind: z.literal('yesno'), yes: z.boolean() }),
]);
export type ItemValue = z.infer<typeof itemValueSchema>;

export const itemEntrySchema = z.object({
  itemCode: codeSchema,
  value: itemValueSchema.optional(),
  /** Marked not applicable (不适用), with the reason. */
  na: z.object({ reason: reasonText }).optional(),
  /** Replaces the derived score (e.g. a computed item the roster got wrong), with the reason. */
  override: z.object({ tenths: tenthsSchema, reason: reasonText }).optional(),
});
export type ItemEntry = z.infer<typeof itemEntrySchema>;

/** A bonus claim: awards at levels (levels method) or a manual amount. */
export const bonusEntrySchema = z.object({
  code: codeSchema,
  awards: z
    .array(z.object({ level: z.string().trim().min(1), note: z.string().max(1000) }))
    .max(50)
    .optional(),
  tenths: tenthsSchema.optional(),
});
export type BonusEntry = z.infer<typeof bonusEntrySchema>;

/** A veto item that applies this quarter, with the fact that triggered it. */
export const vetoEntrySchema = z.object({
  code: codeSchema,
  fact: z.string().trim().min(1, '请填写否决事实').max(2000),
});
export type VetoEntry = z.infer<typeof vetoEntrySchema>;

export const communityEntriesSchema = z.object({
  items: z.array(itemEntrySchema),
  bonus: z.array(bonusEntrySchema),
  vetoes: z.array(vetoEntrySchema),
});
export type CommunityEntries = z.infer<typeof communityEntriesSchema>;

export const EMPTY_ENTRIES: CommunityEntries = Object.freeze({ items: [], bonus: [], vetoes: [] }) as CommunityEntries;
