/**
 * Roster tables <-> roster records (the column keys of shared/domain/roster/roster-columns.ts).
 * Services work in record space (validation, diff, export, edit); this file is the only place that
 * knows which record key lives in which table column.
 */
import type { Insertable } from 'kysely';
import { bulkInsert } from '../../platform/db/bulk-insert';
import { AppError } from '../../../../shared/ipc/errors';
import type { FieldValue } from '../../../../shared/domain/roster/field-parse';
import type { RosterType } from '../../../../shared/domain/roster/roster-columns';
import {
  communityKey,
  type CommunityRef,
  type GridRef,
  type RecordValues,
  type ReferenceData,
} from '../../../../shared/domain/roster/row-validate';
import { compactText } from '../../../../shared/domain/roster/text-normalize';
import type { DbOrTrx } from '../../platform/db/schema';
import type {
  CadresTable,
  CommitteeMembersTable,
  CommunitiesTable,
  GridGroupsTable,
  GridStaffTable,
  GridsTable,
  PersonsTable,
  WorkersTable,
} from '../../platform/db/schema/organization.schema';

/** Person fields shared by every people roster (stored once in persons). */
export const PERSON_KEYS = ['idNumber', 'name', 'sex', 'birthDate', 'ethnicity', 'political', 'education', 'phone'] as const;

export function str(v: FieldValue | undefined): string | null {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.join('、');
  return typeof v === 'string' ? v : String(v);
}

export function num(v: FieldValue | undefined): number | null {
  return typeof v === 'number' ? v : null;
}

export function bool01(v: FieldValue | undefined): number | null {
  return typeof v === 'boolean' ? (v ? 1 : 0) : null;
}

function boolOf(v: number | null): boolean | null {
  return v === null ? null : v === 1;
}

/** Identity of a grid code (codes compare case-insensitively, without spaces). */
export function gridCodeKey(code: string): string {
  return compactText(code).toUpperCase();
}

/** Identity of a person within a people roster: 身份证号, or 姓名+电话 for a 下沉干部 without one. */
export function personIdentity(values: RecordValues): string | null {
  const id = values.idNumber;
  if (typeof id === 'string' && id !== '') return `id:${id}`;
  const name = values.name;
  const phone = values.phone;
  return typeof name === 'string' && typeof phone === 'string' ? `np:${name}|${phone}` : null;
}

// ---------------------------------------------------------------------------------------------
// References for validation

/** Communities, grids and worker IDs currently in the database. */
export async function loadReferenceData(
  db: DbOrTrx,
): Promise<ReferenceData & { communityIds: Map<string, number>; gridIds: Map<string, number> }> {
  const communities = await db
    .selectFrom('communities')
    .innerJoin('streets', 'streets.id', 'communities.street_id')
    .select(['communities.id', 'communities.name', 'communities.households', 'streets.name as street'])
    .orderBy('communities.id')
    .execute();
  const grids = await db
    .selectFrom('grids')
    .innerJoin('communities', 'communities.id', 'grids.community_id')
    .select(['grids.id', 'grids.code', 'grids.name', 'communities.name as community'])
    .orderBy('grids.id')
    .execute();
  const workers = await db
    .selectFrom('workers')
    .innerJoin('persons', 'persons.id', 'workers.person_id')
    .select('persons.id_number')
    .execute();
  const communityRefs: CommunityRef[] = communities.map((c) => ({ name: c.name, street: c.street, households: c.households }));
  const gridRefs: GridRef[] = grids.map((g) => ({ code: g.code, name: g.name, community: g.community }));
  return {
    communities: communityRefs,
    grids: gridRefs,
    workerIds: new Set(workers.map((w) => w.id_number).filter((x): x is string => x !== null)),
    communityIds: new Map(communities.map((c) => [communityKey(c.name), c.id])),
    gridIds: new Map(grids.map((g) => [gridCodeKey(g.code), g.id])),
  };
}

// ---------------------------------------------------------------------------------------------
// Rows -> records

type PersonRow = Pick<PersonsTable, 'id_number' | 'name' | 'sex' | 'birth_date' | 'ethnicity' | 'political' | 'education' | 'phone'> & {
  id: number;
};

function personRecord(p: PersonRow): RecordValues {
  return {
    idNumber: p.id_number,
    name: p.name,
    sex: p.sex,
    birthDate: p.birth_date,
    ethnicity: p.ethnicity,
    political: p.political,
    education: p.education,
    phone: p.phone,
  };
}

/** One stored record of a roster, with the ids needed to update it. */
export interface StoredRecord {
  /** The id shown to the UI: community id, grid id, grid_groups id, or person id. */
  readonly id: number;
  readonly values: RecordValues;
  readonly communityId: number | null;
}

export interface LoadFilter {
  readonly communityIds?: readonly number[];
  readonly ids?: readonly number[];
}

/** Every record of a roster sheet (optionally of some communities), in display order. */
export async function loadRecords(
  db: DbOrTrx,
  roster: RosterType,
  sheetKey: 'main' | 'groups',
  filter: LoadFilter = {},
): Promise<StoredRecord[]> {
  const cids = filter.communityIds;
  const ids = filter.ids;
  switch (roster) {
    case 'communities': {
      let q = db
        .selectFrom('communities')
        .innerJoin('streets', 'streets.id', 'communities.street_id')
        .leftJoin('districts', 'districts.id', 'streets.district_id')
        .selectAll('communities')
        .select(['streets.name as street', 'districts.name as district']);
      if (cids) q = q.where('communities.id', 'in', cids.length ? cids : [-1]);
      if (ids) q = q.where('communities.id', 'in', ids.length ? ids : [-1]);
      const rows = await q.orderBy('communities.id').execute();
      return rows.map((c) => ({
        id: c.id,
        communityId: c.id,
        values: {
          name: c.name,
          code: c.code,
          street: c.street,
          district: c.district,
          area: c.area,
          households: c.households,
          residents: c.residents,
          registeredPopulation: c.registered_population,
          floatingPopulation: c.floating_population,
          estates: c.estates,
          buildings: c.buildings,
          groupsCount: c.groups_count,
          courtyardsCount: c.courtyards_count,
          gridCount: c.grid_count_declared,
          partyOrgType: c.party_org_type,
          partyMembers: c.party_members,
          facilityArea: c.facility_area,
          officeArea: c.office_area,
          hallArea: c.hall_area,
          workerCountDeclared: c.worker_count_declared,
          committeeCountDeclared: c.committee_count_declared,
          secretary: c.secretary,
          director: c.director,
          oneShoulder: boolOf(c.one_shoulder_declared),
          phone: c.phone,
          address: c.address,
          note: c.note,
        },
      }));
    }
    case 'grids': {
      if (sheetKey === 'groups') {
        let q = db
          .selectFrom('grid_groups')
          .innerJoin('grids', 'grids.id', 'grid_groups.grid_id')
          .selectAll('grid_groups')
          .select(['grids.code', 'grids.community_id']);
        if (cids) q = q.where('grids.community_id', 'in', cids.length ? cids : [-1]);
        if (ids) q = q.where('grid_groups.id', 'in', ids.length ? ids : [-1]);
        const rows = await q.orderBy('grids.code').orderBy('grid_groups.id').execute();
        return rows.map((g) => ({
          id: g.id,
          communityId: g.community_id,
          values: {
            gridCode: g.code,
            groupName: g.group_name,
            groupLeader: g.group_leader,
            courtyardName: g.courtyard_name === '' ? null : g.courtyard_name,
            courtyardLeader: g.courtyard_leader,
            households: g.households,
            phone: g.phone,
          },
        }));
      }
      let q = db
        .selectFrom('grids')
        .innerJoin('communities', 'communities.id', 'grids.community_id')
        .selectAll('grids')
        .select('communities.name as community');
      if (cids) q = q.where('grids.community_id', 'in', cids.length ? cids : [-1]);
      if (ids) q = q.where('grids.id', 'in', ids.length ? ids : [-1]);
      const rows = await q.orderBy('communities.id').orderBy('grids.code').execute();
      return rows.map((g) => ({
        id: g.id,
        communityId: g.community_id,
        values: {
          code: g.code,
          name: g.name,
          community: g.community,
          gridType: g.grid_type,
          households: g.households,
          population: g.population,
          buildings: g.buildings,
          groupsCount: g.groups_count,
          courtyardsCount: g.courtyards_count,
          leaderName: g.leader_name,
          leaderPhone: g.leader_phone,
          fullTimeStaff: g.full_time_staff,
          liaison: g.liaison,
          boundary: g.boundary,
          note: g.note,
        },
      }));
    }
    case 'workers': {
      let q = db
        .selectFrom('workers')
        .innerJoin('persons', 'persons.id', 'workers.person_id')
        .innerJoin('communities', 'communities.id', 'workers.community_id')
        .selectAll('workers')
        .select([
          'persons.id',
          'persons.id_number',
          'persons.name',
          'persons.sex',
          'persons.birth_date',
          'persons.ethnicity',
          'persons.political',
          'persons.education',
          'persons.phone',
          'communities.name as community',
        ]);
      if (cids) q = q.where('workers.community_id', 'in', cids.length ? cids : [-1]);
      if (ids) q = q.where('workers.person_id', 'in', ids.length ? ids : [-1]);
      const rows = await q.orderBy('communities.id').orderBy('persons.id').execute();
      return rows.map((w) => ({
        id: w.id,
        communityId: w.community_id,
        values: {
          ...personRecord(w),
          community: w.community,
          partyJoinDate: w.party_join_date,
          major: w.major,
          position: w.position,
          postCategory: w.post_category,
          postGrade: w.post_grade,
          workStartDate: w.work_start_date,
          currentPostDate: w.current_post_date,
          isCommittee: boolOf(w.is_committee),
          isCross: boolOf(w.is_cross),
          qualification: w.qualification,
          contractStart: w.contract_start,
          contractEnd: w.contract_end,
          lastAppraisal: w.last_appraisal,
          note: w.note,
        },
      }));
    }
    case 'grid-staff': {
      let q = db
        .selectFrom('grid_staff')
        .innerJoin('persons', 'persons.id', 'grid_staff.person_id')
        .innerJoin('communities', 'communities.id', 'grid_staff.community_id')
        .selectAll('grid_staff')
        .select([
          'persons.id',
          'persons.id_number',
          'persons.name',
          'persons.sex',
          'persons.birth_date',
          'persons.ethnicity',
          'persons.political',
          'persons.education',
          'persons.phone',
          'communities.name as community',
        ]);
      if (cids) q = q.where('grid_staff.community_id', 'in', cids.length ? cids : [-1]);
      if (ids) q = q.where('grid_staff.person_id', 'in', ids.length ? ids : [-1]);
      const rows = await q.orderBy('communities.id').orderBy('persons.id').execute();
      return rows.map((s) => ({
        id: s.id,
        communityId: s.community_id,
        values: {
          ...personRecord(s),
          community: s.community,
          staffType: s.staff_type,
          gridRole: s.grid_role,
          source: s.source,
          grids: s.grid_codes === '' ? [] : s.grid_codes.split('、'),
          hireDate: s.hire_date,
          isWorker: boolOf(s.is_worker),
          note: s.note,
        },
      }));
    }
    case 'committee': {
      let q = db
        .selectFrom('committee_members')
        .innerJoin('persons', 'persons.id', 'committee_members.person_id')
        .innerJoin('communities', 'communities.id', 'committee_members.community_id')
        .selectAll('committee_members')
        .select([
          'persons.id',
          'persons.id_number',
          'persons.name',
          'persons.sex',
          'persons.birth_date',
          'persons.ethnicity',
          'persons.political',
          'persons.education',
          'persons.phone',
          'communities.name as community',
        ]);
      if (cids) q = q.where('committee_members.community_id', 'in', cids.length ? cids : [-1]);
      if (ids) q = q.where('committee_members.person_id', 'in', ids.length ? ids : [-1]);
      const rows = await q.orderBy('communities.id').orderBy('persons.id').execute();
      return rows.map((m) => ({
        id: m.id,
        communityId: m.community_id,
        values: {
          ...personRecord(m),
          community: m.community,
          partyPost: m.party_post,
          committeePost: m.committee_post,
          oneShoulder: m.one_shoulder === 1,
          cross: m.cross_serving === 1,
          term: m.term,
          termStart: m.term_start,
          isFullTime: boolOf(m.is_full_time),
          note: m.note,
        },
      }));
    }
    case 'cadres': {
      let q = db
        .selectFrom('cadres')
        .innerJoin('persons', 'persons.id', 'cadres.person_id')
        .innerJoin('communities', 'communities.id', 'cadres.community_id')
        .leftJoin('grids', 'grids.id', 'cadres.grid_id')
        .selectAll('cadres')
        .select([
          'persons.id',
          'persons.id_number',
          'persons.name',
          'persons.sex',
          'persons.birth_date',
          'persons.ethnicity',
          'persons.political',
          'persons.education',
          'persons.phone',
          'communities.name as community',
          'grids.code as grid',
        ]);
      if (cids) q = q.where('cadres.community_id', 'in', cids.length ? cids : [-1]);
      if (ids) q = q.where('cadres.person_id', 'in', ids.length ? ids : [-1]);
      const rows = await q.orderBy('communities.id').orderBy('persons.id').execute();
      return rows.map((c) => ({
        id: c.id,
        communityId: c.community_id,
        values: {
          idNumber: c.id_number,
          name: c.name,
          phone: c.phone,
          political: c.political,
          community: c.community,
          grid: c.grid,
          employer: c.employer,
          rank: c.rank,
          claimedPost: c.claimed_post,
          firstReportDate: c.first_report_date,
          lastReportDate: c.last_report_date,
          quarterServices: c.quarter_services,
          serviceHours: c.service_hours,
          specialty: c.specialty,
          note: c.note,
        },
      }));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Records -> rows (only the columns a record carries; see writableColumns)

type Stamp = { created_at: string; updated_at: string; created_batch_id: number | null; updated_batch_id: number | null };

export function communityRow(v: RecordValues, streetId: number, stamp: Stamp): Insertable<CommunitiesTable> {
  const name = str(v.name) ?? '';
  return {
    street_id: streetId,
    name,
    name_key: communityKey(name),
    code: str(v.code),
    area: num(v.area),
    households: num(v.households),
    residents: num(v.residents),
    registered_population: num(v.registeredPopulation),
    floating_population: num(v.floatingPopulation),
    estates: num(v.estates),
    buildings: num(v.buildings),
    groups_count: num(v.groupsCount),
    courtyards_count: num(v.courtyardsCount),
    grid_count_declared: num(v.gridCount),
    party_org_type: str(v.partyOrgType),
    party_members: num(v.partyMembers),
    facility_area: num(v.facilityArea),
    office_area: num(v.officeArea),
    hall_area: num(v.hallArea),
    worker_count_declared: num(v.workerCountDeclared),
    committee_count_declared: num(v.committeeCountDeclared),
    secretary: str(v.secretary),
    director: str(v.director),
    one_shoulder_declared: bool01(v.oneShoulder),
    phone: str(v.phone),
    address: str(v.address),
    note: str(v.note),
    ...stamp,
  };
}

export function gridRow(v: RecordValues, communityId: number, stamp: Stamp): Insertable<GridsTable> {
  const code = str(v.code) ?? '';
  return {
    community_id: communityId,
    code,
    code_key: gridCodeKey(code),
    name: str(v.name) ?? code,
    grid_type: str(v.gridType),
    households: num(v.households),
    population: num(v.population),
    buildings: num(v.buildings),
    groups_count: num(v.groupsCount),
    courtyards_count: num(v.courtyardsCount),
    leader_name: str(v.leaderName),
    leader_phone: str(v.leaderPhone),
    full_time_staff: str(v.fullTimeStaff),
    liaison: str(v.liaison),
    boundary: str(v.boundary),
    note: str(v.note),
    ...stamp,
  };
}

export function groupRow(v: RecordValues, gridId: number, stamp: Stamp): Insertable<GridGroupsTable> {
  return {
    grid_id: gridId,
    group_name: str(v.groupName) ?? '',
    group_leader: str(v.groupLeader),
    courtyard_name: str(v.courtyardName) ?? '',
    courtyard_leader: str(v.courtyardLeader),
    households: num(v.households),
    phone: str(v.phone),
    ...stamp,
  };
}

export function personRow(v: RecordValues, stamp: Stamp): Insertable<PersonsTable> {
  return {
    id_number: str(v.idNumber),
    name: str(v.name) ?? '',
    sex: str(v.sex),
    birth_date: str(v.birthDate),
    ethnicity: str(v.ethnicity),
    political: str(v.political),
    education: str(v.education),
    phone: str(v.phone),
    ...stamp,
  };
}

export function workerRow(v: RecordValues, personId: number, communityId: number, stamp: Stamp): Insertable<WorkersTable> {
  return {
    person_id: personId,
    community_id: communityId,
    party_join_date: str(v.partyJoinDate),
    major: str(v.major),
    position: str(v.position),
    post_category: str(v.postCategory),
    post_grade: num(v.postGrade),
    work_start_date: str(v.workStartDate),
    current_post_date: str(v.currentPostDate),
    is_committee: bool01(v.isCommittee),
    is_cross: bool01(v.isCross),
    qualification: str(v.qualification),
    contract_start: str(v.contractStart),
    contract_end: str(v.contractEnd),
    last_appraisal: str(v.lastAppraisal),
    note: str(v.note),
    ...stamp,
  };
}

export function gridStaffRow(v: RecordValues, personId: number, communityId: number, stamp: Stamp): Insertable<GridStaffTable> {
  return {
    person_id: personId,
    community_id: communityId,
    staff_type: str(v.staffType) ?? '',
    grid_role: str(v.gridRole),
    source: str(v.source),
    grid_codes: Array.isArray(v.grids) ? (v.grids as readonly string[]).join('、') : '',
    hire_date: str(v.hireDate),
    is_worker: bool01(v.isWorker),
    note: str(v.note),
    ...stamp,
  };
}

export function committeeRow(v: RecordValues, personId: number, communityId: number, stamp: Stamp): Insertable<CommitteeMembersTable> {
  return {
    person_id: personId,
    community_id: communityId,
    party_post: str(v.partyPost),
    committee_post: str(v.committeePost),
    one_shoulder: v.oneShoulder === true ? 1 : 0,
    cross_serving: v.cross === true ? 1 : 0,
    term: str(v.term),
    term_start: str(v.termStart),
    is_full_time: bool01(v.isFullTime),
    note: str(v.note),
    ...stamp,
  };
}

export function cadreRow(
  v: RecordValues,
  personId: number,
  communityId: number,
  gridId: number | null,
  stamp: Stamp,
): Insertable<CadresTable> {
  return {
    person_id: personId,
    community_id: communityId,
    grid_id: gridId,
    employer: str(v.employer) ?? '',
    rank: str(v.rank),
    claimed_post: str(v.claimedPost),
    first_report_date: str(v.firstReportDate),
    last_report_date: str(v.lastReportDate),
    quarter_services: num(v.quarterServices),
    service_hours: num(v.serviceHours),
    specialty: str(v.specialty),
    note: str(v.note),
    ...stamp,
  };
}

/** The role table of a people roster. */
export const ROLE_TABLE = {
  workers: 'workers',
  'grid-staff': 'grid_staff',
  committee: 'committee_members',
  cadres: 'cadres',
} as const;

export type PeopleRoster = keyof typeof ROLE_TABLE;

export function isPeopleRoster(roster: RosterType): roster is PeopleRoster {
  return roster in ROLE_TABLE;
}

/** Multi-row inserts in chunks that stay far below SQLite's 32,766 bound values per statement. */
export function chunk<T>(rows: readonly T[], columns: number): T[][] {
  const size = Math.max(1, Math.min(500, Math.floor(30_000 / Math.max(1, columns))));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * Bulk insert of imported rows (see db/bulk-insert.ts). Columns empty in every row of a statement
 * are left out: an imported roster leaves most optional columns empty.
 */
export async function insertRows(db: DbOrTrx, table: string, rows: readonly object[], signal?: AbortSignal): Promise<void> {
  await bulkInsert(db, table, rows, () => {
    if (signal?.aborted) throw new AppError('CANCELLED', '已取消，未写入任何数据。');
  });
}
