import { z } from 'zod';
import { defineChannel } from '../channel';
import { auditVerifySchema } from './audit.channels';

export const backupEntrySchema = z.object({
  /** File name inside the backups folder. */
  name: z.string(),
  /** 每日备份, 导入前备份, 手动备份, ... */
  kind: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
});
export type BackupEntry = z.infer<typeof backupEntrySchema>;

/** A backup's file name as listed (no folders, no tricks). */
const backupName = z
  .string()
  .min(1)
  .max(160)
  .refine(
    (v) => !/[\\/\u0000-\u001f]/.test(v) && (v.endsWith('.sqlite') || v.endsWith('.zip')) && !v.startsWith('.'),
    '备份文件名不正确，请从列表中选择。',
  );

/**
 * Backups: automatic ones (before migrations, imports, finalizing a round, and daily) and manual
 * ones; restore from a listed backup or from a chosen file, after checking it.
 */
export const backupChannels = {
  /** The backups folder, newest first, and how many are kept. */
  'backup:list': defineChannel({
    input: z.object({}).strict(),
    output: z.object({ dir: z.string(), keep: z.number().int(), backups: z.array(backupEntrySchema) }),
    roles: ['admin'],
    writes: false,
    summary: '查看备份',
  }),
  /**
   * Back up now. The copy goes to the backups folder and is also staged (fileId) so it can be
   * saved to a chosen place. It reads the data and changes none of it.
   */
  'backup:create': defineChannel({
    input: z.object({}).strict(),
    output: z.object({ backup: backupEntrySchema, fileId: z.string() }),
    roles: ['admin'],
    writes: false,
    summary: '立即备份',
  }),
  /**
   * The health check: SQLite's integrity check, the foreign keys, the schema and the audit log's hash chain.
   * Reads only; `ok` is false when any of them found a problem.
   */
  'backup:check': defineChannel({
    input: z.object({}).strict(),
    output: z.object({
      ok: z.boolean(),
      integrity: z.array(z.string()),
      foreignKeyProblems: z.number().int(),
      /** How the schema differs from what this version's migrations build (a planted trigger, a changed column). */
      schema: z.array(z.string()),
      audit: auditVerifySchema,
    }),
    // Like every backup: channel, the administrator's (the CLI's `check` runs as the local administrator).
    roles: ['admin'],
    writes: false,
    summary: '检查数据库',
  }),
  /** How many backups to keep (older ones are deleted after each new backup). */
  'backup:configure': defineChannel({
    input: z.object({ keep: z.number().int().min(5, '至少保留 5 份备份').max(365, '最多保留 365 份备份') }).strict(),
    output: z.object({ keep: z.number().int() }),
    roles: ['admin'],
    writes: true,
    summary: '设置备份保留份数',
  }),
  /**
   * Replace the whole database with a backup: a listed one (by name) or a chosen file (staged id).
   * The file is checked first and the current database is backed up before it is replaced.
   * Everyone must log in again afterwards (accounts come from the restored file).
   */
  'backup:restore': defineChannel({
    input: z.union([z.object({ backupName }).strict(), z.object({ fileId: z.string().min(1).max(80) }).strict()]),
    output: z.object({ restoredFrom: z.string(), safetyBackup: z.string(), schemaVersion: z.number().int() }),
    roles: ['admin'],
    writes: true,
    summary: '从备份恢复',
  }),
};
