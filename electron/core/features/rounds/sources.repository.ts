/**
 * What a round reads of other features' tables for itself: the publication stamp of a standard
 * version (its cache key), the roster rows behind the frozen metrics (the drill-down) and the user
 * accounts that may be assigned to score.
 */
import type { DbOrTrx } from '../../platform/db/schema';

export type DrillRow = Record<string, string | number | null>;

/** Status and publication time of a standard version, or undefined when there is none. */
export async function standardVersionStamp(
  db: DbOrTrx,
  version: number,
): Promise<{ published_at: string | null; status: string } | undefined> {
  return db.selectFrom('standard_versions').select(['published_at', 'status']).where('version', '=', version).executeTakeFirst();
}

/** Every user account, for matching assignment names. */
export async function listAccounts(db: DbOrTrx) {
  return db.selectFrom('users').select(['username', 'display_name', 'role', 'disabled']).execute();
}

export type SourceRows = Record<'community' | 'grids' | 'groups' | 'committee' | 'workers' | 'gridStaff' | 'cadres', DrillRow[]>;

/** The roster rows behind the metrics, per community (names and figures only: no ID numbers or phones). */
export async function drillRows(db: DbOrTrx, ids: readonly number[]): Promise<Map<number, SourceRows>> {
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
