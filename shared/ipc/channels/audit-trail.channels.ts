import { z } from 'zod';
import { defineChannel } from '../channel';
import { auditEntrySchema } from './audit.channels';

/** Chinese names of the audit actions of every feature (the page and the Excel export show these). */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'settings.update': '修改单位设置',
  'round.create': '创建季度考评',
  'round.refreeze': '重新冻结名册快照',
  'round.assign': '分配考评员',
  'round.advance': '变更考评状态',
  'round.unlock': '解锁定稿',
  'round.changeStandard': '更换考核标准版本',
  'score.set': '评分',
  'score.na': '标记不适用',
  'score.override': '调整得分',
  'score.settle': '合议定分',
  'scores.import': '导入现场评分表',
  'deduction.add': '记录扣分',
  'deduction.remove': '删除扣分',
  'bonus.set': '加分',
  'veto.set': '否决项',
  'form.submit': '提交评分表',
  'rectification.verify': '整改销号',
  'appeal.add': '登记申诉',
  'appeal.decide': '处理申诉',
  'standard.seed': '内置考核标准',
  'standard.createDraft': '新建标准草稿',
  'standard.edit': '编辑考核标准',
  'standard.import': '导入考核标准',
  'standard.publish': '发布考核标准',
  'standard.deleteDraft': '删除标准草稿',
  'standard.use': '考评使用标准版本',
  'roster.import': '导入名册',
  'roster.undo': '撤销名册导入',
  'roster.edit': '修改名册记录',
  'roster.delete': '删除名册记录',
  'roster.postGrades': '修改岗位等级表',
  'user.setup': '创建管理员',
  'user.create': '新建账号',
  'user.update': '修改账号',
  'user.resetPassword': '重置密码',
  'user.changePassword': '修改密码',
  'user.locked': '账号锁定',
  'backup.configure': '备份设置',
  'backup.restore': '恢复备份',
  'exchange.createKey': '生成数据包签名密钥',
  'exchange.trust': '信任报送单位',
  'exchange.untrust': '移除信任的报送单位',
  'units.add': '添加考评对象',
  'units.update': '修改考评对象',
  'units.remove': '删除考评对象',
  'exchange.export': '导出上报数据包',
  'exchange.import': '接收数据包',
  'exchange.resolveConflict': '处理数据包冲突',
};

/** Filters of the 操作日志 page (all optional; dates are ISO days, inclusive). */
export const auditFilterSchema = z
  .object({
    entity: z.string().trim().max(40).optional(),
    actor: z.string().trim().max(40).optional(),
    action: z.string().trim().max(60).optional(),
    from: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2021-09-30')
      .optional(),
    to: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2021-09-30')
      .optional(),
    /** Entries about this community (by its name: scores, forms, appeals, roster records). */
    community: z.string().trim().max(60).optional(),
    /** Free text found in the entity id, reason or the before/after values. */
    text: z.string().trim().max(100).optional(),
  })
  .strict();
export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** Searching and exporting the audit trail (the chain itself: audit.channels.ts). */
export const auditTrailChannels = {
  'audit:search': defineChannel({
    input: auditFilterSchema.extend({ limit: z.number().int().min(1).max(1000).default(100), offset: z.number().int().min(0).default(0) }),
    output: z.object({
      total: z.number().int(),
      entries: z.array(auditEntrySchema),
      actors: z.array(z.string()),
      actions: z.array(z.string()),
      entities: z.array(z.string()),
    }),
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
