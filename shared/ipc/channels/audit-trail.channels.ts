import { z } from 'zod';
import { defineChannel } from '../channel';
import { auditEntrySchema } from './audit.channels';

/** Filters of the 操作日志 page (all optional; dates are ISO days, inclusive). */
export const auditFilterSchema = z
  .object({
    entity: z.string().trim().max(40).optional(),
    actor: z.string().trim().max(40).optional(),
    action: z.string().trim().max(60).optional(),
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2021-09-30').optional(),
    to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2021-09-30').optional(),
    /** Free text found in the entity id, reason or the before/after values. */
    text: z.string().trim().max(100).optional(),
  })
  .strict();
export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** Searching and exporting the audit trail (the chain itself: audit.channels.ts). */
export const auditTrailChannels = {
  'audit:search': defineChannel({
    input: auditFilterSchema.extend({ limit: z.number().int().min(1).max(1000).default(100), offset: z.number().int().min(0).default(0) }),
    output: z.object({ total: z.number().int(), entries: z.array(auditEntrySchema), actors: z.array(z.string()), actions: z.array(z.string()), entities: z.array(z.string()) }),
    roles: ['admin', 'reviewer'],
    writes: false,
    summary: '查询操作日志',
  }),
  /** The filtered log as an Excel workbook (staged file to save). */
  'audit:export': defineChannel({
    input: auditFilterSchema,
    output: z.object({ fileId: z.string(), name: z.string(), entries: z.number().int() }),
    roles: ['admin', 'reviewer'],
    writes: false,
    summary: '导出操作日志',
  }),
};
