/**
 * 上报与接收 (issue #15): signed exchange packages between 街道, 县区 and 市. Packages cross the
 * boundary as staged files; the key's private half never leaves the main side.
 */
import { z } from 'zod';
import { ALL_ROLES, defineChannel } from '../channel';
import { IMPORT_STATUSES } from '../../domain/exchange/import-decision';
import { UNIT_LEVELS } from '../../domain/exchange/package-format';

const roundIdSchema = z
  .string()
  .trim()
  .regex(/^\d{4}Q[1-4]$/, '考评轮次编号应形如 2021Q3');

const sourceSchema = z.object({ level: z.enum(UNIT_LEVELS), code: z.string(), name: z.string() });

export const senderSchema = z.object({
  fingerprint: z.string(),
  name: z.string(),
  code: z.string(),
  level: z.enum(UNIT_LEVELS),
  trustedAt: z.string(),
  trustedBy: z.string(),
});
export type SenderDto = z.infer<typeof senderSchema>;

export const unitPreviewSchema = z.object({
  key: z.string(),
  name: z.string(),
  change: z.enum(['added', 'changed', 'unchanged', 'removed']),
  total: z.number().nullable(),
  previousTotal: z.number().nullable(),
  grade: z.string().nullable(),
  previousGrade: z.string().nullable(),
  rank: z.number().int().nullable(),
  vetoed: z.boolean(),
  notes: z.array(z.string()),
});
export type UnitPreviewDto = z.infer<typeof unitPreviewSchema>;

export const importResultSchema = z.object({
  source: sourceSchema,
  sender: z.object({ name: z.string(), code: z.string(), fingerprint: z.string() }),
  round: z.string(),
  revision: z.number().int(),
  sha256: z.string(),
  status: z.enum(IMPORT_STATUSES),
  committed: z.boolean(),
  units: z.number().int(),
  packageId: z.number().int().nullable(),
  currentRevision: z.number().int().nullable(),
  preview: z.array(unitPreviewSchema),
});
export type ImportResultDto = z.infer<typeof importResultSchema>;

export const receivedPackageSchema = z.object({
  id: z.number().int(),
  sourceLevel: z.string(),
  sourceCode: z.string(),
  sourceName: z.string(),
  round: z.string(),
  revision: z.number().int(),
  sha256: z.string(),
  status: z.enum(['current', 'superseded', 'conflict', 'rejected']),
  units: z.number().int(),
  finalizedAt: z.string(),
  receivedAt: z.string(),
  receivedBy: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  /** A 县区's package: the street packages it merged, and its 街道 it has none from (missing). */
  merged: z.array(z.object({ code: z.string(), name: z.string(), revision: z.number().int() })),
  missing: z.array(z.object({ code: z.string().nullable(), name: z.string() })),
});
export type ReceivedPackageDto = z.infer<typeof receivedPackageSchema>;

export const matrixSchema = z.object({
  year: z.number().int(),
  quarters: z.array(z.number().int()),
  rows: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      level: z.string(),
      cells: z.array(
        z.object({
          quarter: z.number().int(),
          reported: z.boolean(),
          revision: z.number().int().nullable(),
          receivedAt: z.string().nullable(),
          pendingConflict: z.boolean(),
        }),
      ),
      missingQuarters: z.array(z.number().int()),
    }),
  ),
});
export type ReportingMatrixDto = z.infer<typeof matrixSchema>;

export const exchangeChannels = {
  /** This database's signing key fingerprint (created on first use) and the unit it speaks for. */
  'exchange:key': defineChannel({
    input: z.object({}).strict(),
    output: z.object({ fingerprint: z.string(), createdAt: z.string(), source: sourceSchema.nullable() }),
    roles: ['admin', 'reviewer'],
    writes: true,
    summary: '查看本单位数据包签名指纹',
  }),
  /** The senders whose packages this database accepts. */
  'exchange:senders': defineChannel({
    input: z.object({}).strict(),
    output: z.array(senderSchema),
    roles: ALL_ROLES,
    writes: false,
    summary: '查看信任的报送单位',
  }),
  /** Trust a sender's key (its fingerprint checked with the sender by phone or on paper). */
  'exchange:trust': defineChannel({
    input: z
      .object({
        fingerprint: z.string().trim().min(1).max(200),
        name: z.string().trim().min(1, '请填写单位名称').max(40, '单位名称不能超过 40 个字'),
        code: z
          .string()
          .trim()
          .regex(/^\d{6}(\d{3})?$/, '单位代码应为 6 位（县区、市）或 9 位（街道）统计用区划代码'),
        level: z.enum(UNIT_LEVELS).default('街道'),
      })
      .strict(),
    output: senderSchema,
    roles: ['admin'],
    writes: true,
    summary: '信任报送单位',
  }),
  /** Stop trusting a sender's key: its packages are refused from then on; received ones stay. */
  'exchange:untrust': defineChannel({
    input: z.object({ fingerprint: z.string().trim().min(1).max(200) }).strict(),
    output: senderSchema,
    roles: ['admin'],
    writes: true,
    summary: '移除信任的报送单位',
  }),
  /** 上报: the signed package of a finalized round (staged file to save). */
  'exchange:export': defineChannel({
    input: z.object({ roundId: roundIdSchema }).strict(),
    output: z.object({
      fileId: z.string(),
      name: z.string(),
      round: z.string(),
      revision: z.number().int(),
      sha256: z.string(),
      units: z.number().int(),
    }),
    roles: ['admin', 'reviewer'],
    writes: true,
    summary: '导出上报数据包',
  }),
  /** 接收: check a staged package, preview per unit, and (unless dryRun) store it. */
  'exchange:import': defineChannel({
    input: z.object({ fileId: z.string().min(1).max(80), dryRun: z.boolean().default(false) }).strict(),
    output: importResultSchema,
    roles: ['admin'],
    writes: true,
    summary: '接收数据包',
  }),
  /** Received packages, newest round first (all revisions, with their status). */
  'exchange:packages': defineChannel({
    input: z.object({ roundId: roundIdSchema.optional(), year: z.number().int().min(2000).max(2100).optional() }).strict(),
    output: z.array(receivedPackageSchema),
    roles: ALL_ROLES,
    writes: false,
    summary: '查看已接收的数据包',
  }),
  /** An administrator decides a same-revision conflict: put the new content in force, or keep the current. */
  'exchange:resolveConflict': defineChannel({
    input: z
      .object({
        packageId: z.number().int().positive(),
        decision: z.enum(['accept', 'keep']),
        reason: z.string().trim().min(1, '请填写理由').max(200),
      })
      .strict(),
    output: receivedPackageSchema,
    roles: ['admin'],
    writes: true,
    summary: '处理数据包冲突',
  }),
  /** Who reported for which quarter of a year, and what is missing. */
  'exchange:matrix': defineChannel({
    input: z.object({ year: z.number().int().min(2000).max(2100) }).strict(),
    output: matrixSchema,
    roles: ALL_ROLES,
    writes: false,
    summary: '查看上报情况',
  }),
};
