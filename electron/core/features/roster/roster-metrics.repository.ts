/** The roster data the metrics are computed from, per community (read in one pass per table). */
import type { CommunityRosterData } from '../../../../shared/domain/roster/roster-metrics';
import type { DbOrTrx } from '../../platform/db/schema';
import { gridCodesOf } from './roster-rows';

export async function rosterDataFor(db: DbOrTrx, communityIds: readonly number[]): Promise<Map<number, CommunityRosterData>> {
  const ids = [...communityIds];
  const out = new Map<number, CommunityRosterData>();
  if (ids.length === 0) return out;
  const communities = await db
    .selectFrom('communities')
    .select(['id', 'name', 'households', 'residents', 'facility_area', 'hall_area', 'party_org_type', 'one_shoulder_declared'])
    .where('id', 'in', ids)
    .execute();
  const grids = await db
    .selectFrom('grids')
    .select(['id', 'community_id', 'code', 'households', 'leader_name', 'full_time_staff'])
    .where('community_id', 'in', ids)
    .execute();
  const groups = await db
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
    .where('grids.community_id', 'in', ids)
    .execute();
  const workers = await db
    .selectFrom('workers')
    .innerJoin('persons', 'persons.id', 'workers.person_id')
    .select(['workers.community_id', 'workers.post_category', 'workers.post_grade', 'persons.education', 'workers.qualification'])
    .where('workers.community_id', 'in', ids)
    .execute();
  const staff = await db
    .selectFrom('grid_staff')
    .select(['person_id', 'community_id', 'staff_type', 'grid_role', 'grid_codes'])
    .where('community_id', 'in', ids)
    .execute();
  const committee = await db
    .selectFrom('committee_members')
    .innerJoin('persons', 'persons.id', 'committee_members.person_id')
    .select([
      'committee_members.community_id',
      'persons.birth_date',
      'persons.sex',
      'committee_members.party_post',
      'committee_members.committee_post',
    ])
    .where('committee_members.community_id', 'in', ids)
    .execute();
  const cadres = await db
    .selectFrom('cadres')
    .select(['community_id', 'first_report_date', 'last_report_date'])
    .where('community_id', 'in', ids)
    .execute();
  for (const c of communities) {
    out.set(c.id, {
      community: {
        name: c.name,
        households: c.households,
        residents: c.residents,
        facilityArea: c.facility_area,
        hallArea: c.hall_area,
        partyOrgType: c.party_org_type,
        oneShoulderDeclared: c.one_shoulder_declared === null ? null : c.one_shoulder_declared === 1,
      },
      grids: grids
        .filter((g) => g.community_id === c.id)
        .map((g) => ({ code: g.code, households: g.households, leaderName: g.leader_name, fullTimeStaff: g.full_time_staff })),
      groupRows: groups
        .filter((g) => g.community_id === c.id)
        .map((g) => ({
          gridCode: g.code,
          groupName: g.group_name,
          groupLeader: g.group_leader,
          courtyardName: g.courtyard_name === '' ? null : g.courtyard_name,
          courtyardLeader: g.courtyard_leader,
        })),
      workers: workers
        .filter((w) => w.community_id === c.id)
        .map((w) => ({ postCategory: w.post_category, postGrade: w.post_grade, education: w.education, qualification: w.qualification })),
      gridStaff: staff
        .filter((s) => s.community_id === c.id)
        .map((s) => ({ staffType: s.staff_type, gridRole: s.grid_role, grids: gridCodesOf(s.grid_codes) })),
      committee: committee
        .filter((m) => m.community_id === c.id)
        .map((m) => ({ birthDate: m.birth_date, sex: m.sex, partyPost: m.party_post, committeePost: m.committee_post })),
      cadres: cadres
        .filter((x) => x.community_id === c.id)
        .map((x) => ({ firstReportDate: x.first_report_date, lastReportDate: x.last_report_date })),
    });
  }
  return out;
}
