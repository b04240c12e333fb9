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
  /** Add a unit (no id) or correct one: 名称, 简称, 统计用区划代码 (街道 9 digits, 县区 6), 联系人, 电话. */
  'units:save': defineChannel({
    input: z
      .object({
        id: z.number().int().optional(),
        kind: z.enum(['街道', '县区', '成员单位']),
        name: z.string().trim().min(1, '请填写单位名称').max(40, '单位名称不能超过 40 个字'),
        shortName: z.string().trim().max(20, '简称不能超过 20 个字').nullable().optional(),
        code: z.string().trim().max(12).nullable().optional(),
        contact: z.string().trim().max(20, '联系人不能超过 20 个字').nullable().optional(),
        phone: z.string().trim().max(30, '电话不能超过 30 个字').nullable().optional(),
      })
      .strict(),
    output: appraisedUnitSchema,
    roles: ['admin'],
    writes: true,
    summary: '保存考评对象',
  }),
  /** Remove a unit no round has appraised (one that was appraised is kept, with the reason). */
  'units:remove': defineChannel({
    input: z.object({ id: z.number().int() }).strict(),
    output: z.object({ removed: z.string() }),
    roles: ['admin'],
    writes: true,
    summary: '删除考评对象',
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
