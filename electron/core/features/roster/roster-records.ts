/**
 * Table rows -> roster records: one mapper per table (the way there is roster-rows.ts). Pure.
 */
import type { Selectable } from 'kysely';
import type { FieldValue } from '../../../../shared/domain/roster/field-parse';
import type { RecordValues } from '../../../../shared/domain/roster/row-validate';
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
import { gridCodesOf, PERSON_KEYS, type PeopleRoster, type PersonKey } from './roster-rows';

function boolOf(v: number | null): boolean | null {
  return v === null ? null : v === 1;
}

export type PersonColumns = Pick<
  PersonsTable,
  'id_number' | 'name' | 'sex' | 'birth_date' | 'ethnicity' | 'political' | 'education' | 'phone'
>;

export function personRecord(p: PersonColumns): Record<PersonKey, FieldValue> {
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

export function communityRecord(c: Selectable<CommunitiesTable> & { street: string; district: string | null }): RecordValues {
  return {
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
  };
}

export function gridRecord(g: Selectable<GridsTable> & { community: string }): RecordValues {
  return {
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
  };
}

export function groupRecord(g: Selectable<GridGroupsTable> & { code: string }): RecordValues {
  return {
    gridCode: g.code,
    groupName: g.group_name,
    groupLeader: g.group_leader,
    courtyardName: g.courtyard_name === '' ? null : g.courtyard_name,
    courtyardLeader: g.courtyard_leader,
    households: g.households,
    phone: g.phone,
  };
}

/** A role row as the people select reads it (role columns, plus the cadre's grid code). */
export interface RoleRows {
  workers: Selectable<WorkersTable>;
  'grid-staff': Selectable<GridStaffTable>;
  committee: Selectable<CommitteeMembersTable>;
  cadres: Selectable<CadresTable> & { grid: string | null };
}

/**
 * How each people roster reads: which person fields its records carry (a 下沉干部 record has no
 * 性别/出生日期/…) and the record values of its role row.
 */
export const PEOPLE_RECORDS: { [R in PeopleRoster]: { personKeys: readonly PersonKey[]; role(row: RoleRows[R]): RecordValues } } = {
  workers: {
    personKeys: PERSON_KEYS,
    role: (w) => ({
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
    }),
  },
  'grid-staff': {
    personKeys: PERSON_KEYS,
    role: (s) => ({
      staffType: s.staff_type,
      gridRole: s.grid_role,
      source: s.source,
      grids: gridCodesOf(s.grid_codes),
      hireDate: s.hire_date,
      isWorker: boolOf(s.is_worker),
      note: s.note,
    }),
  },
  committee: {
    personKeys: PERSON_KEYS,
    role: (m) => ({
      partyPost: m.party_post,
      committeePost: m.committee_post,
      oneShoulder: m.one_shoulder === 1,
      cross: m.cross_serving === 1,
      term: m.term,
      termStart: m.term_start,
      isFullTime: boolOf(m.is_full_time),
      note: m.note,
    }),
  },
  cadres: {
    personKeys: ['idNumber', 'name', 'phone', 'political'],
    role: (c) => ({
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
    }),
  },
};

/** The record of a people roster's row: its person fields, 所属社区, then its role fields. */
export function peopleRecord<R extends PeopleRoster>(roster: R, row: RoleRows[R] & PersonColumns & { community: string }): RecordValues {
  const desc = PEOPLE_RECORDS[roster];
  const person = personRecord(row);
  const values: RecordValues = {};
  for (const k of desc.personKeys) values[k] = person[k];
  values.community = row.community;
  return { ...values, ...desc.role(row) };
}
