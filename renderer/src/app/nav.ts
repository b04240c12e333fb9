import type { ChannelName } from '../../../shared/ipc/contract';
import type { Level } from '../../../shared/domain/levels/levels';

/** The product's main navigation, in the order of the quarterly job. Pages are mapped in App.tsx. */
export interface NavItem {
  path: string;
  label: string;
  /** Step in the quarterly job, shown on the home page. */
  step?: number;
  description: string;
  /** Shown only to roles that may call this channel (the page's own data). */
  channel?: ChannelName;
  /** Shown only at these levels (what the page manages exists only there). */
  levels?: readonly Level[];
}

export const NAV_ITEMS: NavItem[] = [
  { path: '/', label: '首页', description: '概览与待办' },
  { path: '/roster', label: '组织与名册', step: 1, description: '社区、网格与人员名册：导入 Excel、校验、导出' },
  { path: '/standard', label: '考核标准', step: 2, description: '《社区规范化创建考核标准》的版本、指标与分值' },
  { path: '/rounds', label: '季度考评', step: 3, description: '创建季度考评、逐项打分、审核、公示与定稿' },
  { path: '/reports', label: '结果与报告', step: 4, description: '排名、等次、季度考评通报与年度汇总' },
  {
    path: '/exchange',
    label: '上报与接收',
    description: '向上级上报已定稿的考评，接收下级的数据包，查看上报情况',
    channel: 'exchange:senders',
  },
  {
    path: '/units',
    label: '单位名单',
    description: '考评对象名单：县区的街道，市的县区和成员单位',
    channel: 'units:list',
    levels: ['县区', '市'],
  },
  { path: '/planner', label: '达标规划', description: '各社区对照规范的缺口、规划措施与达标预测、统计数据' },
  { path: '/settings', label: '系统设置', description: '单位信息、数据位置与操作日志' },
  { path: '/audit', label: '操作日志', description: '谁在何时改了什么：筛选、校验、导出', channel: 'audit:search' },
];
