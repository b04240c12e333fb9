/**
 * The kinds of planned action and their names: plain data without schemas, so the command line's
 * help (which lists them) loads without zod. actions.ts re-exports them with the rules.
 */
export const PLAN_ACTION_KINDS = ['build', 'hire', 'committee', 'splitGrid', 'splitCommunity', 'mergeCommunity'] as const;
export type PlanActionKind = (typeof PLAN_ACTION_KINDS)[number];

export const PLAN_ACTION_LABELS: Record<PlanActionKind, string> = {
  build: '新建/改扩建服务设施',
  hire: '招聘社区工作者',
  committee: '补选居委会成员',
  splitGrid: '拆分网格',
  splitCommunity: '分设社区',
  mergeCommunity: '合并社区',
};
