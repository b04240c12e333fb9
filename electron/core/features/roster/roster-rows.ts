/**
 * Roster records -> table rows: one mapper per table (the way back is roster-records.ts), and the
 * identities and table names of the rosters. A record is keyed by the column keys of
 * shared/domain/roster/roster-columns.ts. Pure: no SQL (that is in the *.repository.ts files).
 */
import type { Insertable } from 'kysely';
import type { FieldValue } from '../../../../shared/domain/roster/field-parse';
import type { RosterType } from '../../../../shared/domain/roster/roster-columns';
import { communityKey, type RecordValues } from '../../../../shared/domain/roster/row-validate';
import { compactText } from '../../../../shared/domain/roster/text-normalize';
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
export type PersonKey = (typeof PERSON_KEYS)[number];

export function isPersonKey(key: string): key is PersonKey {
  return (PERSON_KEYS as readonly string[]).includes(key);
}

/** The role table of a people roster. */
export const ROLE_TABLE = {
  workers: 'workers',
  'grid-staff': 'grid_staff',
  committee: 'committee_members',
  cadres: 'cadres',
} as const;

export type PeopleRoster = keyof typeof ROLE_TABLE;
export type RoleTable = (typeof ROLE_TABLE)[PeopleRoster];

export function isPeopleRoster(roster: RosterType): roster is PeopleRoster {
  return roster in ROLE_TABLE;
}

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

/** Grid codes as stored in grid_staff.grid_codes ('、'-joined). */
export function gridCodesOf(stored: string): string[] {
  return stored === '' ? [] : stored.split('、');
}

// ---------------------------------------------------------------------------------------------
// Records -> rows

/** The batch stamp of a written row (see migration 0002). */
export type Stamp = { created_at: string; updated_at: string; created_batch_id: number | null; updated_batch_id: number | null };

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

/** The role row of a people roster's record (the cadre's grid by its code). */
export function roleRow(
  roster: PeopleRoster,
  v: RecordValues,
  personId: number,
  communityId: number,
  gridIds: ReadonlyMap<string, number>,
  stamp: Stamp,
) {
  switch (roster) {
    case 'workers':
      return workerRow(v, personId, communityId, stamp);
    case 'grid-staff':
      return gridStaffRow(v, personId, communityId, stamp);
    case 'committee':
      return committeeRow(v, personId, communityId, stamp);
    case 'cadres':
      return cadreRow(v, personId, communityId, typeof v.grid === 'string' ? (gridIds.get(gridCodeKey(v.grid)) ?? null) : null, stamp);
  }
}
