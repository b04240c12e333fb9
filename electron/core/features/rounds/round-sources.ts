/**
 * What a round takes from the other features: the published standard versions (standard service)
 * and the communities with their roster metrics (roster service). Kept in one place so the rounds
 * service does not depend on how those features store their data.
 */
import type { Standard } from '../../../../shared/domain/standard/standard.schema';
import { LEVEL_METRIC_SOURCES } from '../../../../shared/domain/levels/unit-snapshot';
import type { UnitKind } from '../../../../shared/domain/levels/levels';
import type { DbOrTrx } from '../../platform/db/schema';
import {
  getPublishedStandard,
  isPublishedVersion as standardIsPublished,
  latestPublishedVersion as standardLatest,
  markStandardUsed as standardMarkUsed,
  versionKind,
} from '../standard/index';
import { getRosterMetrics, listCommunities } from '../roster/index';
import { appraisedMainKind, listAppraisedUnits, snapshotUnits } from '../levels/index';

export interface RoundCommunitySource {
  id: number;
  name: string;
  /** Display order among full ties. */
  sortKey: string;
}

export type DrillRow = Record<string, string | number | null>;

export interface CommunitySnapshot {
  metrics: Record<string, number | null>;
  /** Roster rows by roster (community, grids, committee …), for the drill-down. */
  rows: Record<string, DrillRow[]>;
}

// Per database handle: a restored or another database file may hold a different "version 3".
const standardCache = new Map<string, Standard>();

/**
 * A published standard version. Published versions never change, so the content is cached; the key
 * includes the publication time because another database (a restored backup, a test) may hold a
 * different version with the same number.
 */
export async function loadStandardVersion(db: DbOrTrx, version: number): Promise<Standard> {
  const row = await db.selectFrom('standard_versions').select(['published_at', 'status']).where('version', '=', version).executeTakeFirst();
  const key = row?.status === 'published' ? `${version}|${row.published_at ?? ''}` : null;
  const hit = key ? standardCache.get(key) : undefined;
  if (hit) return hit;
  const standard = await readPublishedStandard(db, version);
  if (key) standardCache.set(key, standard);
  return standard;
}

// Published standard versions come from the standard service (a used version never changes).
async function readPublishedStandard(db: DbOrTrx, version: number): Promise<Standard> {
  return getPublishedStandard(db, version);
}

/**
 * Latest published version of the kind this database's level appraises first (社区 for a 街道),
 * or null when none is published.
 */
export async function latestPublishedVersion(db: DbOrTrx): Promise<number | null> {
  return standardLatest(db, await appraisedMainKind(db));
}

/** What a round with standard `version` appraises (社区, 街道, 县区 or 成员单位). */
export async function roundKind(db: DbOrTrx, version: number): Promise<UnitKind> {
  return versionKind(db, version);
}

/** Whether `version` is published (only published versions can be used by a round). */
export async function isPublishedVersion(db: DbOrTrx, version: number): Promise<boolean> {
  return standardIsPublished(db, version);
}

/** Marks a version used by a round, so it can never change again. Call inside the round's transaction. */
export async function markStandardUsed(trx: DbOrTrx, version: number, roundId: string, actor: string, now: Date): Promise<void> {
  await standardMarkUsed(trx, version, roundId, actor, now);
}

/**
 * What a round with standard `version` appraises (all, or the given ids), in the roster's order:
 * communities, or the units of the standard's kind (levels feature) when it appraises 街道, 县区
 * or 成员单位.
 */
export async function listRoundCommunities(db: DbOrTrx, ids?: readonly number[], version?: number): Promise<RoundCommunitySource[]> {
  const kind = version === undefined ? '社区' : await versionKind(db, version);
  if (kind !== '社区') return listAppraisedUnits(db, kind, ids);
  const all = await listCommunities(db);
  if (!ids) return all;
  const wanted = new Set(ids);
  return all.filter((c) => wanted.has(c.id));
}

/** Which roster rows explain which metric (the drill-down of a computed item). */
const SOURCE_OF: Record<string, 'community' | 'grids' | 'groups' | 'committee' | 'workers' | 'gridStaff' | 'cadres'> = {
  households: 'community',
  residents: 'community',
  facilityArea: 'community',
  facilityAreaPer100Households: 'community',
  hallArea: 'community',
  sizeWithinLimit: 'community',
  hasPartyOrganization: 'committee',
  committeeCount: 'committee',
  residentsCommitteeCount: 'committee',
  committeeUnder35: 'committee',
  committeeWomen: 'committee',
  secretaryIsDirector: 'committee',
  crossServingCount: 'committee',
  cadresRegistered: 'cadres',
  cadresReported: 'cadres',
  groupCount: 'groups',
  groupsWithLeader: 'groups',
  yardCount: 'groups',
  yardsWithLeader: 'groups',
  gridCount: 'grids',
  gridHouseholds: 'grids',
  gridsFiveLevel: 'groups',
  gridsWithin300to500: 'grids',
  gridsWithLeader: 'grids',
  gridsWithFullTimeWorker: 'gridStaff',
  gridsWithPartTimeWorker: 'gridStaff',
  gridStaffFullTime: 'gridStaff',
  gridStaffPartTime: 'gridStaff',
  workerCount: 'workers',
  workersPer10000Residents: 'workers',
  workersGradeInvalid: 'workers',
  workersCollegeOrAbove: 'workers',
  workersCertified: 'workers',
};

type SourceRows = Record<'community' | 'grids' | 'groups' | 'committee' | 'workers' | 'gridStaff' | 'cadres', DrillRow[]>;

/** The roster rows behind the metrics, per community (names and figures only: no ID numbers or phones). */
async function drillRows(db: DbOrTrx, ids: readonly number[]): Promise<Map<number, SourceRows>> {
  const list = [...ids];
  const out = new Map<number, SourceRows>(
    list.map((id) => [id, { community: [], grids: [], groups: [], committee: [], workers: [], gridStaff: [], cadres: [] }]),
  );
  if (list.length === 0) return out;
  const push = (id: number, key: keyof SourceRows, row: DrillRow) => out.get(id)?.[key].push(row);
  const [communities, grids, groups, committee, workers, staff, cadres] = await Promise.all([
    db
      .selectFrom('communities')
      .select(['id', 'name', 'households', 'residents', 'facility_area', 'hall_area'])
      .where('id', 'in', list)
      .execute(),
    db
      .selectFrom('grids')
      .select(['community_id', 'code', 'name', 'households', 'leader_name'])
      .where('community_id', 'in', list)
      .orderBy('code')
      .execute(),
    db
      .selectFrom('grid_groups')
      .innerJoin('grids', 'grids.id', 'grid_groups.grid_id')
      .select([
        'grids.community_id',
        'grids.code',
        'grid_groups.group_name',
        'grid_groups.group_leader',
        'grid_groups.courtyard_name',
        'grid_groups.courtyard_leader',
      ])
      .where('grids.community_id', 'in', list)
      .orderBy('grids.code')
      .execute(),
    db
      .selectFrom('committee_members')
      .innerJoin('persons', 'persons.id', 'committee_members.person_id')
      .select([
        'committee_members.community_id',
        'persons.name',
        'persons.sex',
        'persons.birth_date',
        'committee_members.party_post',
        'committee_members.committee_post',
      ])
      .where('committee_members.community_id', 'in', list)
      .execute(),
    db
      .selectFrom('workers')
      .innerJoin('persons', 'persons.id', 'workers.person_id')
      .select([
        'workers.community_id',
        'persons.name',
        'workers.post_category',
        'workers.post_grade',
        'persons.education',
        'workers.qualification',
      ])
      .where('workers.community_id', 'in', list)
      .execute(),
    db
      .selectFrom('grid_staff')
      .innerJoin('persons', 'persons.id', 'grid_staff.person_id')
      .select(['grid_staff.community_id', 'persons.name', 'grid_staff.staff_type', 'grid_staff.grid_role', 'grid_staff.grid_codes'])
      .where('grid_staff.community_id', 'in', list)
      .execute(),
    db
      .selectFrom('cadres')
      .innerJoin('persons', 'persons.id', 'cadres.person_id')
      .select(['cadres.community_id', 'persons.name', 'cadres.first_report_date', 'cadres.last_report_date'])
      .where('cadres.community_id', 'in', list)
      .execute(),
  ]);
  for (const c of communities)
    push(c.id, 'community', {
      社区: c.name,
      户数: c.households,
      常住人口: c.residents,
      服务设施面积: c.facility_area,
      服务大厅面积: c.hall_area,
    });
  for (const g of grids) push(g.community_id, 'grids', { 网格编号: g.code, 网格名称: g.name, 户数: g.households, 网格长: g.leader_name });
  for (const g of groups)
    push(g.community_id, 'groups', {
      网格: g.code,
      小组: g.group_name,
      组长: g.group_leader,
      楼院: g.courtyard_name,
      楼院长: g.courtyard_leader,
    });
  for (const m of committee)
    push(m.community_id, 'committee', {
      姓名: m.name,
      性别: m.sex,
      出生日期: m.birth_date,
      党组织职务: m.party_post,
      居委会职务: m.committee_post,
    });
  for (const w of workers)
    push(w.community_id, 'workers', {
      姓名: w.name,
      岗位类别: w.post_category,
      岗位等级: w.post_grade,
      学历: w.education,
      职业资格: w.qualification,
    });
  for (const s of staff)
    push(s.community_id, 'gridStaff', { 姓名: s.name, 类型: s.staff_type, 网格职务: s.grid_role, 负责网格: s.grid_codes });
  for (const c of cadres) push(c.community_id, 'cadres', { 姓名: c.name, 首次报到: c.first_report_date, 最近报到: c.last_report_date });
  return out;
}

/** The frozen rows (stored once per roster) behind each metric key, for the form's drill-down. */
export function drillDownByMetric(rows: Record<string, DrillRow[]>): Record<string, DrillRow[]> {
  const out: Record<string, DrillRow[]> = {};
  for (const [key, source] of Object.entries({ ...SOURCE_OF, ...LEVEL_METRIC_SOURCES })) {
    const list = rows[source];
    if (list) out[key] = list;
  }
  return out;
}

/**
 * Frozen per-community metrics (roster service) and drill-down rows, as of the quarter end; for a
 * round whose standard `version` appraises units above the community, theirs (levels feature).
 */
export async function snapshotCommunities(
  db: DbOrTrx,
  ids: readonly number[],
  quarterEnd: string,
  version?: number,
): Promise<Map<number, CommunitySnapshot>> {
  const kind = version === undefined ? '社区' : await versionKind(db, version);
  if (kind !== '社区') return snapshotUnits(db, kind, ids, quarterEnd);
  const [metrics, rows] = await Promise.all([getRosterMetrics(db, ids, quarterEnd), drillRows(db, ids)]);
  return new Map(
    ids.map((id) => {
      const m = metrics.get(id) ?? {};
      return [id, { metrics: { ...m }, rows: rows.get(id) ?? {} }];
    }),
  );
}
