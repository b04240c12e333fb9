import type { Generated } from 'kysely';
import type { RosterType } from '../../../../../shared/domain/roster/roster-columns';

/** Columns every imported business row has (see migration 0002). */
interface BatchStamped {
  created_batch_id: number | null;
  updated_batch_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface ImportBatchesTable {
  id: Generated<number>;
  roster_type: RosterType;
  file_name: string;
  sheets: string;
  actor: string;
  created_at: string;
  status: 'committed' | 'undone';
  undone_at: string | null;
  undone_by: string | null;
  rows_total: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: number;
  summary_json: string;
}

/** The tables an import batch writes (and its undo restores), leaves first. */
export const BATCH_ENTITIES = [
  'cadres',
  'committee_members',
  'grid_staff',
  'workers',
  'grid_groups',
  'grids',
  'communities',
  'persons',
] as const;
export type BatchEntity = (typeof BATCH_ENTITIES)[number];

export interface ImportBatchChangesTable {
  id: Generated<number>;
  batch_id: number;
  entity: BatchEntity;
  entity_key: string;
  before_json: string;
}

export interface DistrictsTable {
  id: Generated<number>;
  name: string;
}

export interface StreetsTable {
  id: Generated<number>;
  district_id: number | null;
  name: string;
}

export interface CommunitiesTable extends BatchStamped {
  id: Generated<number>;
  street_id: number;
  name: string;
  name_key: string;
  code: string | null;
  area: number | null;
  households: number | null;
  residents: number | null;
  registered_population: number | null;
  floating_population: number | null;
  estates: number | null;
  buildings: number | null;
  groups_count: number | null;
  courtyards_count: number | null;
  grid_count_declared: number | null;
  party_org_type: string | null;
  party_members: number | null;
  facility_area: number | null;
  office_area: number | null;
  hall_area: number | null;
  worker_count_declared: number | null;
  committee_count_declared: number | null;
  secretary: string | null;
  director: string | null;
  one_shoulder_declared: number | null;
  phone: string | null;
  address: string | null;
  note: string | null;
}

export interface GridsTable extends BatchStamped {
  id: Generated<number>;
  community_id: number;
  code: string;
  code_key: string;
  name: string;
  grid_type: string | null;
  households: number | null;
  population: number | null;
  buildings: number | null;
  groups_count: number | null;
  courtyards_count: number | null;
  leader_name: string | null;
  leader_phone: string | null;
  full_time_staff: string | null;
  liaison: string | null;
  boundary: string | null;
  note: string | null;
}

export interface GridGroupsTable extends BatchStamped {
  id: Generated<number>;
  grid_id: number;
  group_name: string;
  group_leader: string | null;
  courtyard_name: string;
  courtyard_leader: string | null;
  households: number | null;
  phone: string | null;
}

export interface PersonsTable extends BatchStamped {
  id: Generated<number>;
  id_number: string | null;
  name: string;
  sex: string | null;
  birth_date: string | null;
  ethnicity: string | null;
  political: string | null;
  education: string | null;
  phone: string | null;
}

export interface WorkersTable extends BatchStamped {
  person_id: number;
  community_id: number;
  party_join_date: string | null;
  major: string | null;
  position: string | null;
  post_category: string | null;
  post_grade: number | null;
  work_start_date: string | null;
  current_post_date: string | null;
  is_committee: number | null;
  is_cross: number | null;
  qualification: string | null;
  contract_start: string | null;
  contract_end: string | null;
  last_appraisal: string | null;
  note: string | null;
}

export interface GridStaffTable extends BatchStamped {
  person_id: number;
  community_id: number;
  staff_type: string;
  grid_role: string | null;
  source: string | null;
  /** The grid codes as imported, joined with 、 (the link rows are in grid_staff_grids). */
  grid_codes: string;
  hire_date: string | null;
  is_worker: number | null;
  note: string | null;
}

export interface GridStaffGridsTable {
  person_id: number;
  grid_id: number;
}

export interface CommitteeMembersTable extends BatchStamped {
  person_id: number;
  community_id: number;
  party_post: string | null;
  committee_post: string | null;
  one_shoulder: number;
  cross_serving: number;
  term: string | null;
  term_start: string | null;
  is_full_time: number | null;
  note: string | null;
}

export interface CadresTable extends BatchStamped {
  person_id: number;
  community_id: number;
  grid_id: number | null;
  employer: string;
  rank: string | null;
  claimed_post: string | null;
  first_report_date: string | null;
  last_report_date: string | null;
  quarter_services: number | null;
  service_hours: number | null;
  specialty: string | null;
  note: string | null;
}

export interface RosterColumnMappingsTable {
  roster_type: RosterType;
  sheet_key: 'main' | 'groups';
  header: string;
  column_key: string;
  updated_at: string;
}

export interface OrganizationTables {
  import_batches: ImportBatchesTable;
  import_batch_changes: ImportBatchChangesTable;
  districts: DistrictsTable;
  streets: StreetsTable;
  communities: CommunitiesTable;
  grids: GridsTable;
  grid_groups: GridGroupsTable;
  persons: PersonsTable;
  workers: WorkersTable;
  grid_staff: GridStaffTable;
  grid_staff_grids: GridStaffGridsTable;
  committee_members: CommitteeMembersTable;
  cadres: CadresTable;
  roster_column_mappings: RosterColumnMappingsTable;
}
