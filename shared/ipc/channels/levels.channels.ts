/**
 * Levels (issue #15): the appraised units above the community — a 县区's 街道, a 市's 县区 and
 * 成员单位 — listed, imported from a spreadsheet, or created from the trusted senders.
 */
import { z } from 'zod';
import { defineChannel, ALL_ROLES } from '../channel';
import { unitKindSchema } from '../../domain/levels/levels';
import { importProblemSchema } from '../../domain/problems';

export const appraisedUnitSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['街道', '县区', '成员单位']),
  name: z.string(),
  shortName: z.string().nullable(),
  code: z.string().nullable(),
  contact: z.string().nullable(),
  phone: z.string().nullable(),
  /** import: from a spreadsheet; exchange: from a trusted sender; manual. */
  source: z.enum(['import', 'exchange', 'manual']),
});
export type AppraisedUnit = z.infer<typeof appraisedUnitSchema>;

export const unitImportResultSchema = z.object({
  kind: z.enum(['街道', '县区', '成员单位']),
  file: z.string(),
  committed: z.boolean(),
  rows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  problems: z.array(importProblemSchema),
});

export const levelsChannels = {
  /** The appraised units (of one kind, or all), in roster order. */
  'units:list': defineChannel({
    input: z.object({ kind: unitKindSchema.optional() }).strict(),
    output: z.array(appraisedUnitSchema),
    roles: ALL_ROLES,
    writes: false,
    summary: '考评对象名单',
  }),
  /** Import a units roster: 成员单位 (名称, 简称, 联系人) or 街道/县区 with their 统计用区划代码. */
  'units:import': defineChannel({
    input: z.object({ fileId: z.string().min(1).max(80), kind: unitKindSchema, dryRun: z.boolean().optional() }).strict(),
    output: unitImportResultSchema,
    roles: ['admin'],
    writes: true,
    summary: '导入考评对象名单',
  }),
  /** Add the trusted senders (街道 at a 县区, 县区 at a 市) as units; returns the names added. */
  'units:fromSenders': defineChannel({
    input: z.object({}).strict(),
    output: z.object({ added: z.array(z.string()) }),
    roles: ['admin'],
    writes: true,
    summary: '从已信任的上报单位生成考评对象',
  }),
};
