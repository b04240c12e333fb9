/**
 * 考核标准: versions of the standard, editing drafts, publishing, diff, Excel export/import.
 * Content travels as the domain `Standard` (points in integer TENTHS, fields named ...Tenths) so
 * the editor validates and previews with the same shared code; summaries carry points as numbers.
 */
import { z } from 'zod';
import { defineChannel, ALL_ROLES } from '../channel';
import { standardSchema } from '../../domain/standard/standard.schema';
import { standardProblemSchema } from '../../domain/standard/standard.problem';
import { unitKindSchema } from '../../domain/levels/levels';

const versionSchema = z.number().int().min(1, '版本号应为正整数').max(100000);

export const standardVersionSummarySchema = z.object({
  version: z.number().int(),
  name: z.string(),
  status: z.enum(['draft', 'published']),
  statusLabel: z.string(),
  basedOn: z.number().int().nullable(),
  revision: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
  /** Rounds using this version (it can never change). */
  usedBy: z.array(z.string()),
  editable: z.boolean(),
  readOnlyReason: z.string().nullable(),
  totalPoints: z.number(),
  categoryCount: z.number().int(),
  itemCount: z.number().int(),
  errorCount: z.number().int(),
  warningCount: z.number().int(),
  /** The kind of unit appraised with this version (社区, 街道, 县区, 成员单位). */
  kind: unitKindSchema,
});
export type StandardVersionSummary = z.infer<typeof standardVersionSummarySchema>;

export const standardVersionDetailSchema = standardVersionSummarySchema.extend({
  standard: standardSchema,
  problems: z.array(standardProblemSchema),
});
export type StandardVersionDetail = z.infer<typeof standardVersionDetailSchema>;

const fieldChangeSchema = z.object({ field: z.string(), before: z.string(), after: z.string() });
export const standardDiffSchema = z.object({
  fromVersion: z.number().int(),
  toVersion: z.number().int(),
  entries: z.array(
    z.object({
      section: z.enum(['category', 'item', 'bonus', 'veto', 'band', 'setting']),
      code: z.string(),
      title: z.string(),
      change: z.enum(['added', 'removed', 'changed']),
      beforeTenths: z.number().int().nullable(),
      afterTenths: z.number().int().nullable(),
      fields: z.array(fieldChangeSchema),
    }),
  ),
  added: z.number().int(),
  removed: z.number().int(),
  changed: z.number().int(),
});

const ADMIN = ['admin'] as const;

export const standardChannels = {
  /** Every version with its status, who uses it and its validation counts. */
  'standard:list': defineChannel({
    input: z.object({}).strict(),
    output: z.array(standardVersionSummarySchema),
    roles: ALL_ROLES,
    writes: false,
    summary: '查看考核标准版本',
  }),
  /** One version's content and live validation problems. */
  'standard:get': defineChannel({
    input: z.object({ version: versionSchema }).strict(),
    output: standardVersionDetailSchema,
    roles: ALL_ROLES,
    writes: false,
    summary: '查看考核标准',
  }),
  /** Copy a version into a new draft ("复制为新版本"). */
  'standard:createDraft': defineChannel({
    input: z.object({ fromVersion: versionSchema }).strict(),
    output: standardVersionDetailSchema,
    roles: ADMIN,
    writes: true,
    summary: '复制为新版本',
  }),
  /** Save a draft's whole content; `revision` must match the stored one (else CONFLICT). */
  'standard:saveDraft': defineChannel({
    input: z.object({ version: versionSchema, revision: z.number().int().min(1), standard: standardSchema }).strict(),
    output: standardVersionDetailSchema,
    roles: ADMIN,
    writes: true,
    summary: '修改考核标准草稿',
  }),
  /** Delete a draft. */
  'standard:deleteDraft': defineChannel({
    input: z.object({ version: versionSchema }).strict(),
    output: z.object({ version: z.number().int() }),
    roles: ADMIN,
    writes: true,
    summary: '删除考核标准草稿',
  }),
  /** Publish a draft without errors; it never changes again. */
  'standard:publish': defineChannel({
    input: z.object({ version: versionSchema }).strict(),
    output: standardVersionDetailSchema,
    roles: ADMIN,
    writes: true,
    summary: '发布考核标准',
  }),
  /** Side-by-side differences between two versions. */
  'standard:diff': defineChannel({
    input: z.object({ from: versionSchema, to: versionSchema }).strict(),
    output: standardDiffSchema,
    roles: ALL_ROLES,
    writes: false,
    summary: '比较考核标准版本',
  }),
  /** Export a version as an Excel workbook (staged file to save). */
  'standard:export': defineChannel({
    input: z.object({ version: versionSchema }).strict(),
    output: z.object({ fileId: z.string(), name: z.string() }),
    roles: ALL_ROLES,
    writes: false,
    summary: '导出考核标准',
  }),
  /** Import an edited workbook as a new draft, with the problem report. */
  'standard:import': defineChannel({
    input: z.object({ fileId: z.string().min(1).max(80), kind: unitKindSchema.optional() }).strict(),
    output: z.object({ version: z.number().int(), problems: z.array(standardProblemSchema) }),
    roles: ADMIN,
    writes: true,
    summary: '导入考核标准',
  }),
};
