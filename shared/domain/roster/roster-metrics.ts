/**
 * Figures derived per community from the rosters (domain.md (c)/(a)): always computed, never typed.
 * Quarterly rounds freeze a snapshot of these; computed standard items reference them by key
 * (see shared/domain/standard/metric-catalogue.ts, which lists the same keys for the editor).
 */
import { addMonths, ageAt, compareIsoLoose } from './date.parser';
import { checkGradeInPost, type PostGradeTable } from './post-grade';
import { isCollegeOrAbove } from './roster-enums';

/** A metric's catalogue entry (same shape as the standard's MetricDefinition). */
export interface RosterMetricDefinition {
  readonly key: RosterMetricKey;
  readonly label: string;
  readonly unit: string;
  readonly description: string;
}

export const ROSTER_METRIC_KEYS = [
  'households',
  'residents',
  'facilityArea',
  'facilityAreaPer100Households',
  'hallArea',
  'sizeWithinLimit',
  'hasPartyOrganization',
  'committeeCount',
  'residentsCommitteeCount',
  'committeeUnder35',
  'committeeWomen',
  'secretaryIsDirector',
  'crossServingCount',
  'cadresRegistered',
  'cadresReported',
  'groupCount',
  'groupsWithLeader',
  'yardCount',
  'yardsWithLeader',
  'gridCount',
  'gridHouseholds',
  'gridsFiveLevel',
  'gridsWithin300to500',
  'gridsWithLeader',
  'gridsWithFullTimeWorker',
  'gridsWithPartTimeWorker',
  'gridStaffFullTime',
  'gridStaffPartTime',
  'workerCount',
  'workersPer10000Residents',
  'workersGradeInvalid',
  'workersCollegeOrAbove',
  'workersCertified',
] as const;

export type RosterMetricKey = (typeof ROSTER_METRIC_KEYS)[number];

/** Metric values of one community; null where the input is missing (e.g. 户数 not yet imported). */
export type RosterMetrics = Readonly<Record<RosterMetricKey, number | null>>;

/** The catalogue: stable ASCII key, Chinese label, unit and where the number comes from. */
export const ROSTER_METRICS: readonly RosterMetricDefinition[] = [
  { key: 'households', label: '户数', unit: '户', description: '社区基本情况：户数' },
  { key: 'residents', label: '常住人口', unit: '人', description: '社区基本情况：常住人口' },
  { key: 'facilityArea', label: '服务设施面积', unit: 'm²', description: '社区基本情况：综合服务设施面积' },
  { key: 'facilityAreaPer100Households', label: '每百户服务设施面积', unit: 'm²', description: '服务设施面积 ÷ (户数/100)，保留两位小数' },
  { key: 'hallArea', label: '一站式大厅面积', unit: 'm²', description: '社区基本情况：一站式大厅面积' },
  { key: 'sizeWithinLimit', label: '社区规模达标', unit: '1/0', description: '户数不超过3000且常住人口不超过10000为1，否则为0' },
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
  { key: 'committeeWomen', label: '两委女性人数', unit: '人', description: '两委名册：女性人数' },
  {
    key: 'secretaryIsDirector',
    label: '书记主任一肩挑',
    unit: '1/0',
    description: '两委名册：同一人任党组织书记和居委会主任为1，否则为0；未导入两委名册时按社区基本情况的“是否一肩挑”',
  },
  { key: 'crossServingCount', label: '交叉任职人数', unit: '人', description: '两委名册：书记以外同时担任党组织和居委会职务的人数' },
  { key: 'cadresRegistered', label: '登记下沉干部数', unit: '人', description: '下沉干部名册：人数' },
  { key: 'cadresReported', label: '已报到下沉干部数', unit: '人', description: '下沉干部名册：最近报到日期在季度末前6个月内的人数' },
  { key: 'groupCount', label: '居民小组数', unit: '个', description: '网格名册（小组/楼院）：居民小组数' },
  { key: 'groupsWithLeader', label: '有组长的小组数', unit: '个', description: '网格名册（小组/楼院）：填有组长的小组数' },
  { key: 'yardCount', label: '楼院数', unit: '个', description: '网格名册（小组/楼院）：楼院数' },
  { key: 'yardsWithLeader', label: '有楼院长的楼院数', unit: '个', description: '网格名册（小组/楼院）：填有楼院长的楼院数' },
  { key: 'gridCount', label: '网格数', unit: '个', description: '网格名册：网格数' },
  { key: 'gridHouseholds', label: '网格户数合计', unit: '户', description: '网格名册：各网格户数之和' },
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
  { key: 'gridsWithLeader', label: '有网格长的网格数', unit: '个', description: '网格名册填有网格长，或网格员名册中有网格长负责的网格数' },
  {
    key: 'gridsWithFullTimeWorker',
    label: '有专职网格员的网格数',
    unit: '个',
    description: '网格员名册：至少有1名专职网格员负责的网格数；未导入网格员名册时按网格名册的“专职网格员”列',
  },
  { key: 'gridsWithPartTimeWorker', label: '有兼职网格员的网格数', unit: '个', description: '网格员名册：至少有1名兼职网格员负责的网格数' },
  {
    key: 'gridStaffFullTime',
    label: '专职网格员人数',
    unit: '人',
    description: '网格员名册：类型为专职的人数；未导入网格员名册时按网格名册“专职网格员”列中的姓名',
  },
  { key: 'gridStaffPartTime', label: '兼职网格员人数', unit: '人', description: '网格员名册：类型为兼职的人数' },
  { key: 'workerCount', label: '社区工作者人数', unit: '人', description: '社区工作者名册：人数' },
  {
    key: 'workersPer10000Residents',
    label: '每万人社区工作者数',
    unit: '人',
    description: '社区工作者人数 ÷ 常住人口 × 10000，保留两位小数',
  },
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

/** A3's 不满35周岁: younger than 35 full years on the given day (turning 35 that day is not). */
export function isUnder35(birthDate: string, at: string): boolean {
  return ageAt(birthDate, at) < 35;
}

export interface MetricsCommunity {
  readonly name: string;
  readonly households: number | null;
  readonly residents: number | null;
  readonly facilityArea: number | null;
  readonly hallArea: number | null;
  readonly partyOrgType: string | null;
  /** 社区基本情况's 是否一肩挑: the source of 书记主任一肩挑 while no 两委名册 is imported. */
  readonly oneShoulderDeclared?: boolean | null;
}

export interface MetricsGrid {
  readonly code: string;
  readonly households: number | null;
  readonly leaderName: string | null;
  /** 网格名册's 专职网格员 (names): the source of the 专职网格员 figures while no 网格员名册 is imported. */
  readonly fullTimeStaff?: string | null;
}

/** One row of the 小组/楼院 sheet: a courtyard within a group (courtyard may be absent). */
export interface MetricsGroupRow {
  readonly gridCode: string;
  readonly groupName: string;
  readonly groupLeader: string | null;
  readonly courtyardName: string | null;
  readonly courtyardLeader: string | null;
}

export interface MetricsWorker {
  readonly postCategory: string | null;
  readonly postGrade: number | null;
  readonly education: string | null;
  readonly qualification: string | null;
}

export interface MetricsGridStaff {
  readonly staffType: string | null;
  readonly gridRole: string | null;
  readonly grids: readonly string[];
}

export interface MetricsCommitteeMember {
  readonly birthDate: string | null;
  readonly sex: string | null;
  readonly partyPost: string | null;
  readonly committeePost: string | null;
}

export interface MetricsCadre {
  readonly firstReportDate: string | null;
  readonly lastReportDate: string | null;
}

/** Everything one community's metrics are computed from. */
export interface CommunityRosterData {
  readonly community: MetricsCommunity;
  readonly grids: readonly MetricsGrid[];
  readonly groupRows: readonly MetricsGroupRow[];
  readonly workers: readonly MetricsWorker[];
  readonly gridStaff: readonly MetricsGridStaff[];
  readonly committee: readonly MetricsCommitteeMember[];
  readonly cadres: readonly MetricsCadre[];
}

export interface MetricsOptions {
  /** ISO date the figures are taken at (quarter end for rounds, today for the live view). */
  readonly asOf: string;
  readonly postGrades: PostGradeTable;
}

const CERTIFIED = new Set(['助理社会工作师', '社会工作师', '高级社会工作师']);

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function held(post: string | null): boolean {
  return post !== null && post !== '' && post !== '无';
}

/** True when the person reported within the six months up to and including `asOf`. */
export function reportedWithinHalfYear(cadre: MetricsCadre, asOf: string): boolean {
  const latest = cadre.lastReportDate ?? cadre.firstReportDate;
  if (!latest) return false;
  return compareIsoLoose(latest, addMonths(asOf, -6)) >= 0 && compareIsoLoose(latest, asOf) <= 0;
}

/**
 * Computes the {@link RosterMetrics} of one community. Pure: pass `asOf` (the quarter end for a
 * frozen snapshot) and the post-grade table in effect.
 */
export function computeRosterMetrics(data: CommunityRosterData, options: MetricsOptions): RosterMetrics {
  const { community } = data;
  const { asOf } = options;
  const households = community.households;
  const residents = community.residents;

  const gridCodes = new Set(data.grids.map((g) => g.code.toUpperCase()));
  const groups = new Map<string, { gridCode: string; hasLeader: boolean; courtyards: number }>();
  const yards = new Map<string, boolean>();
  for (const row of data.groupRows) {
    const gk = `${row.gridCode.toUpperCase()}|${row.groupName}`;
    const g = groups.get(gk) ?? { gridCode: row.gridCode.toUpperCase(), hasLeader: false, courtyards: 0 };
    if (row.groupLeader) g.hasLeader = true;
    if (row.courtyardName) {
      const yk = `${gk}|${row.courtyardName}`;
      if (!yards.has(yk)) g.courtyards += 1;
      yards.set(yk, (yards.get(yk) ?? false) || row.courtyardLeader !== null);
    }
    groups.set(gk, g);
  }
  let gridsFiveLevel = 0;
  for (const code of gridCodes) {
    const own = [...groups.values()].filter((g) => g.gridCode === code);
    if (own.length > 0 && own.every((g) => g.courtyards > 0)) gridsFiveLevel += 1;
  }

  const leaderGrids = new Set<string>();
  for (const g of data.grids) if (g.leaderName) leaderGrids.add(g.code.toUpperCase());
  const fullTimeGrids = new Set<string>();
  const partTimeGrids = new Set<string>();
  let fullTime = 0;
  let partTime = 0;
  for (const s of data.gridStaff) {
    if (s.staffType === '专职') fullTime += 1;
    if (s.staffType === '兼职') partTime += 1;
    for (const code of s.grids) {
      const c = code.toUpperCase();
      if (!gridCodes.has(c)) continue;
      if (s.staffType === '专职') fullTimeGrids.add(c);
      if (s.staffType === '兼职') partTimeGrids.add(c);
      if (s.gridRole === '网格长') leaderGrids.add(c);
    }
  }

  // No 网格员名册 for this community: the grids file's 专职网格员 column is the source, rather than
  // scoring "没有专职网格员" against a roster that was never imported.
  if (data.gridStaff.length === 0) {
    const names = new Set<string>();
    for (const g of data.grids) {
      const listed = (g.fullTimeStaff ?? '').split(/[、,，;；/\s]+/).filter((n) => n !== '' && n !== '无');
      if (listed.length === 0) continue;
      fullTimeGrids.add(g.code.toUpperCase());
      for (const n of listed) names.add(n);
    }
    fullTime = names.size;
  }

  let gridHouseholds = 0;
  let within = 0;
  for (const g of data.grids) {
    if (g.households === null) continue;
    gridHouseholds += g.households;
    if (g.households >= 300 && g.households <= 500) within += 1;
  }

  const committee = data.committee;
  // Without a 两委名册 the communities file's 是否一肩挑 is the source (A2 would otherwise be 0).
  const secretaryIsDirector =
    committee.length > 0
      ? committee.some((m) => m.partyPost === '书记' && m.committeePost === '主任')
      : community.oneShoulderDeclared === true;
  const workers = data.workers;
  const workerCount = workers.length;

  return {
    households,
    residents,
    facilityArea: community.facilityArea,
    facilityAreaPer100Households:
      community.facilityArea !== null && households !== null && households > 0 ? round2(community.facilityArea / (households / 100)) : null,
    hallArea: community.hallArea,
    sizeWithinLimit: households === null || residents === null ? null : households <= 3000 && residents <= 10000 ? 1 : 0,
    hasPartyOrganization: community.partyOrgType || committee.some((m) => m.partyPost === '书记') ? 1 : 0,
    committeeCount: committee.length,
    residentsCommitteeCount: committee.filter((m) => held(m.committeePost)).length,
    committeeUnder35: committee.filter((m) => m.birthDate !== null && isUnder35(m.birthDate, asOf)).length,
    committeeWomen: committee.filter((m) => m.sex === '女').length,
    secretaryIsDirector: secretaryIsDirector ? 1 : 0,
    crossServingCount: committee.filter((m) => held(m.partyPost) && held(m.committeePost) && m.partyPost !== '书记').length,
    cadresRegistered: data.cadres.length,
    cadresReported: data.cadres.filter((c) => reportedWithinHalfYear(c, asOf)).length,
    groupCount: groups.size,
    groupsWithLeader: [...groups.values()].filter((g) => g.hasLeader).length,
    yardCount: yards.size,
    yardsWithLeader: [...yards.values()].filter(Boolean).length,
    gridCount: data.grids.length,
    gridHouseholds,
    gridsFiveLevel,
    gridsWithin300to500: within,
    gridsWithLeader: leaderGrids.size,
    gridsWithFullTimeWorker: fullTimeGrids.size,
    gridsWithPartTimeWorker: partTimeGrids.size,
    gridStaffFullTime: fullTime,
    gridStaffPartTime: partTime,
    workerCount,
    workersPer10000Residents: residents !== null && residents > 0 ? round2((workerCount / residents) * 10000) : null,
    workersGradeInvalid: workers.filter(
      (w) => w.postCategory === null || w.postGrade === null || !checkGradeInPost(options.postGrades, w.postCategory, w.postGrade).ok,
    ).length,
    workersCollegeOrAbove: workers.filter((w) => isCollegeOrAbove(w.education)).length,
    workersCertified: workers.filter((w) => w.qualification !== null && CERTIFIED.has(w.qualification)).length,
  };
}

export interface CommunityWarning {
  readonly metric: RosterMetricKey;
  readonly message: string;
}

/**
 * Warnings for the community detail page, from the metrics and the per-grid households: what
 * falls short of the reference figures of domain.md (c).
 */
export function communityWarnings(metrics: RosterMetrics, grids: readonly MetricsGrid[]): CommunityWarning[] {
  const out: CommunityWarning[] = [];
  const m = metrics;
  if (m.households === null) out.push({ metric: 'households', message: '尚未导入社区基本情况（户数、常住人口、服务设施面积）' });
  if (m.households !== null && m.households > 3000)
    out.push({ metric: 'households', message: `户数 ${m.households} 超过 3000 户的规模标准` });
  if (m.residents !== null && m.residents > 10000)
    out.push({ metric: 'residents', message: `常住人口 ${m.residents} 超过 10000 人的规模标准` });
  if (m.facilityAreaPer100Households !== null && m.facilityAreaPer100Households < 50) {
    out.push({
      metric: 'facilityAreaPer100Households',
      message: `每百户服务设施面积 ${m.facilityAreaPer100Households} 平方米，低于 50 平方米`,
    });
  }
  if (m.facilityArea !== null && m.facilityArea < 300)
    out.push({ metric: 'facilityArea', message: `服务设施总面积 ${m.facilityArea} 平方米，低于 300 平方米` });
  for (const g of grids) {
    if (g.households !== null && (g.households < 300 || g.households > 500)) {
      out.push({ metric: 'gridsWithin300to500', message: `网格 ${g.code} 有 ${g.households} 户，不在 300–500 户之间` });
    }
  }
  if (m.gridCount !== null && m.gridsWithLeader !== null && m.gridsWithLeader < m.gridCount) {
    out.push({ metric: 'gridsWithLeader', message: `${m.gridCount - m.gridsWithLeader} 个网格没有网格长` });
  }
  if (m.gridCount !== null && m.gridsWithFullTimeWorker !== null && m.gridsWithFullTimeWorker < m.gridCount) {
    out.push({ metric: 'gridsWithFullTimeWorker', message: `${m.gridCount - m.gridsWithFullTimeWorker} 个网格没有专职网格员` });
  }
  if (m.workersPer10000Residents !== null && m.workersPer10000Residents < 18) {
    out.push({ metric: 'workersPer10000Residents', message: `每万人社区工作者 ${m.workersPer10000Residents} 人，少于 18 人` });
  }
  if (m.residentsCommitteeCount !== null && (m.residentsCommitteeCount < 5 || m.residentsCommitteeCount > 9)) {
    out.push({ metric: 'residentsCommitteeCount', message: `居委会成员 ${m.residentsCommitteeCount} 人，应为 5–9 人` });
  }
  if (m.committeeCount !== null && m.committeeCount > 0 && m.committeeUnder35 === 0) {
    out.push({ metric: 'committeeUnder35', message: '“两委”成员中没有 35 岁以下的成员' });
  }
  if (m.workersGradeInvalid !== null && m.workersGradeInvalid > 0) {
    out.push({ metric: 'workersGradeInvalid', message: `${m.workersGradeInvalid} 名社区工作者岗位类别缺失或等级超出范围` });
  }
  if (m.cadresRegistered !== null && m.cadresReported !== null && m.cadresReported < m.cadresRegistered) {
    out.push({ metric: 'cadresReported', message: `${m.cadresRegistered - m.cadresReported} 名下沉干部半年内未报到` });
  }
  return out;
}
