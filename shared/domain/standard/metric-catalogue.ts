/**
 * The roster metrics that computed items may use, with Chinese names for the editor.
 *
 * The roster side (shared/domain/roster/roster-metrics.ts) computes these per community from a
 * frozen snapshot; this file is the standard's view of them: which names an expression may use and
 * how they are labelled. Keys are stable: published standards store expressions that use them.
 */
import type { NameResolver } from '../expression/expression.compiler';
import { ROSTER_METRICS } from '../roster/roster-metrics';

export interface MetricDefinition {
  /** Stable key used in expressions and in the metrics object (e.g. `households`). */
  key: string;
  /** Chinese name; also accepted in expressions (e.g. 户数). */
  label: string;
  /** Unit shown in the editor (户, 人, m², 个, 1/0 …). */
  unit: string;
  /** Where the number comes from, shown in the editor's metric list. */
  description: string;
}

/**
 * The metrics the default standard's formulas rely on. The roster side computes them (and more,
 * see ROSTER_METRICS); a test checks that every key here is one the roster computes.
 */
export const STANDARD_METRICS: readonly MetricDefinition[] = [
  { key: 'households', label: '户数', unit: '户', description: '社区基本情况：户数' },
  { key: 'residents', label: '常住人口', unit: '人', description: '社区基本情况：常住人口' },
  { key: 'facilityArea', label: '服务设施面积', unit: 'm²', description: '社区基本情况：综合服务设施面积' },
  {
    key: 'hasPartyOrganization',
    label: '已建社区党组织',
    unit: '1/0',
    description: '社区基本情况填有党组织类型，或两委名册中有党组织书记，为1，否则为0',
  },
  { key: 'committeeCount', label: '两委人数', unit: '人', description: '两委名册：人数' },
  { key: 'residentsCommitteeCount', label: '居委会成员数', unit: '人', description: '两委名册：居委会职务不为“无”的人数' },
  {
    key: 'committeeUnder35',
    label: '35岁以下两委人数',
    unit: '人',
    description: '两委名册：季度末年龄不满35周岁（按身份证号出生日期）的人数',
  },
  { key: 'secretaryIsDirector', label: '书记主任一肩挑', unit: '1/0', description: '两委名册：同一人任党组织书记和居委会主任为1，否则为0' },
  { key: 'crossServingCount', label: '交叉任职人数', unit: '人', description: '两委名册：书记以外同时担任党组织和居委会职务的人数' },
  { key: 'cadresRegistered', label: '登记下沉干部数', unit: '人', description: '下沉干部名册：人数' },
  { key: 'cadresReported', label: '已报到下沉干部数', unit: '人', description: '下沉干部名册：最近报到日期在季度末前6个月内的人数' },
  { key: 'groupCount', label: '居民小组数', unit: '个', description: '网格名册（小组/楼院）：居民小组数' },
  { key: 'groupsWithLeader', label: '有组长的小组数', unit: '个', description: '网格名册（小组/楼院）：填有组长的小组数' },
  { key: 'yardCount', label: '楼院数', unit: '个', description: '网格名册（小组/楼院）：楼院数' },
  { key: 'yardsWithLeader', label: '有楼院长的楼院数', unit: '个', description: '网格名册（小组/楼院）：填有楼院长的楼院数' },
  { key: 'gridCount', label: '网格数', unit: '个', description: '网格名册：网格数' },
  {
    key: 'gridsFiveLevel',
    label: '五级体系健全的网格数',
    unit: '个',
    description: '网格名册：至少有1个小组且每个小组至少有1个楼院的网格数',
  },
  {
    key: 'gridsWithin300to500',
    label: '户数在300至500户的网格数',
    unit: '个',
    description: '网格名册：户数在300至500户（含）之间的网格数',
  },
  { key: 'gridsWithLeader', label: '有网格长的网格数', unit: '个', description: '网格名册：填有网格长的网格数' },
  { key: 'gridsWithFullTimeWorker', label: '有专职网格员的网格数', unit: '个', description: '网格员名册：至少有1名专职网格员负责的网格数' },
  { key: 'gridsWithPartTimeWorker', label: '有兼职网格员的网格数', unit: '个', description: '网格员名册：至少有1名兼职网格员负责的网格数' },
  { key: 'workerCount', label: '社区工作者人数', unit: '人', description: '社区工作者名册：人数' },
  {
    key: 'workersGradeInvalid',
    label: '岗位等级不符人数',
    unit: '人',
    description: '社区工作者名册：岗位类别缺失或岗位等级超出该岗位范围（四岗十八级）的人数',
  },
  { key: 'workersCollegeOrAbove', label: '大专及以上学历人数', unit: '人', description: '社区工作者名册：学历为大学专科及以上的人数' },
  {
    key: 'workersCertified',
    label: '持证社工人数',
    unit: '人',
    description: '社区工作者名册：持有社会工作者职业资格（助理社会工作师及以上）的人数',
  },
];

/** Catalogue with lookups by key and label; build once per list of metrics. */
export interface MetricCatalogue {
  metrics: readonly MetricDefinition[];
  byKey: ReadonlyMap<string, MetricDefinition>;
  /** Resolves a key or a Chinese label (for the expression compiler). */
  resolve: NameResolver;
  /** Chinese label of a key (for messages). */
  labelOf: (key: string) => string | undefined;
}

/**
 * Builds a catalogue; later definitions with the same key replace earlier ones (so the roster's
 * list can override labels here without losing metrics only the standard mentions).
 */
export function buildMetricCatalogue(...lists: ReadonlyArray<readonly MetricDefinition[]>): MetricCatalogue {
  const byKey = new Map<string, MetricDefinition>();
  for (const list of lists) for (const m of list) byKey.set(m.key, m);
  const byLabel = new Map<string, MetricDefinition>();
  for (const m of byKey.values()) byLabel.set(m.label, m);
  const metrics = [...byKey.values()];
  return {
    metrics,
    byKey,
    resolve: (name) => {
      const m = byKey.get(name) ?? byLabel.get(name);
      return m ? { key: m.key, label: m.label } : undefined;
    },
    labelOf: (key) => byKey.get(key)?.label,
  };
}

/**
 * The catalogue the editor lists and the validator checks against: the roster's metrics (their
 * labels and descriptions win), plus any the standard names that the roster does not (none today).
 */
export const METRIC_CATALOGUE: MetricCatalogue = buildMetricCatalogue(STANDARD_METRICS, ROSTER_METRICS);
