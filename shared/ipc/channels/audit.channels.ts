import { z } from 'zod';
import { defineChannel } from '../channel';

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  reason: z.string().nullable(),
  hash: z.string(),
});
export type AuditEntryDto = z.infer<typeof auditEntrySchema>;

export const auditVerifySchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  firstBadSeq: z.number().int().nullable(),
  message: z.string(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifySchema>;

/** The append-only, hash-chained audit log of every change. */
export const auditChannels = {
  /** Newest first, optionally for one entity kind. */
  'audit:list': defineChannel({
    input: z
      .object({
        entity: z.string().max(40).optional(),
        limit: z.number().int().min(1).max(1000).default(200),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    output: z.object({ total: z.number().int(), entries: z.array(auditEntrySchema) }),
    roles: ['admin', 'reviewer'],
    writes: false,
    summary: '查看操作日志',
  }),
  /** Recompute the hash chain; any edited or deleted entry is found. */
  'audit:verify': defineChannel({
    input: z.object({}).strict(),
    output: auditVerifySchema,
    roles: ['admin', 'reviewer'],
    writes: false,
    summary: '校验操作日志',
  }),
};
