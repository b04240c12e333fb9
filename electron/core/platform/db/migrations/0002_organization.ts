import type { Migration } from '../migration';
import { STRICT, runDdl } from '../dialect';

/**
 * Organization (县区 → 街道 → 社区 → 网格 → 小组 → 楼院) and people with their roster roles.
 *
 * A person is one record keyed by 身份证号 (下沉干部 may lack one); roles (社区工作者, 网格员,
 * "两委"成员, 下沉干部) refer to the person, so a 两委 member who is also a 网格长 is one person.
 * Every business row remembers the import batch that created it and the one that last wrote it
 * (created_batch_id / updated_batch_id): undoing a batch deletes what it created and restores the
 * previous values it saved in import_batch_changes, and refuses when a later change touched a row.
 */
export const migration: Migration = {
  version: 2,
  name: 'organization',
  async up(db) {
    const run = (text: string) => runDdl(db, text);
    await run(`create table import_batches (
      id integer primary key,
      roster_type text not null,
      file_name text not null,
      sheets text not null,
      actor text not null,
      created_at text not null,
      status text not null check (status in ('committed', 'undone')),
      undone_at text,
      undone_by text,
      rows_total integer not null,
      inserted integer not null,
      updated integer not null,
      unchanged integer not null,
      rejected integer not null,
      warnings integer not null,
      summary_json text not null
    )${STRICT}`);
    // Previous values of every row an import updated (inserted rows need none: undo deletes them).
    await run(`create table import_batch_changes (
      id integer primary key,
      batch_id integer not null references import_batches(id),
      entity text not null,
      entity_key text not null,
      before_json text not null
    )${STRICT}`);
    await run(`create index import_batch_changes_batch on import_batch_changes(batch_id)`);

    await run(`create table districts (
      id integer primary key,
      name text not null unique
    )${STRICT}`);
    await run(`create table streets (
      id integer primary key,
      district_id integer references districts(id),
      name text not null unique
    )${STRICT}`);
    await run(`create table communities (
      id integer primary key,
      street_id integer not null references streets(id),
      name text not null,
      name_key text not null,
      code text,
      area real,
      households integer,
      residents integer,
      registered_population integer,
      floating_population integer,
      estates integer,
      buildings integer,
      groups_count integer,
      courtyards_count integer,
      grid_count_declared integer,
      party_org_type text,
      party_members integer,
      facility_area real,
      office_area real,
      hall_area real,
      worker_count_declared integer,
      committee_count_declared integer,
      secretary text,
      director text,
      one_shoulder_declared integer check (one_shoulder_declared in (0, 1)),
      phone text,
      address text,
      note text,
      created_batch_id integer references import_batches(id),
      updated_batch_id integer references import_batches(id),
      created_at text not null,
      updated_at text not null,
      unique (street_id, name_key)
    )${STRICT}`);
    await run(`create table grids (
      id integer primary key,
      community_id integer not null references communities(id),
      code text not null,
      code_key text not null unique,
      name text not null,
      grid_type text,
      households integer,
      population integer,
      buildings integer,
      groups_count integer,
      courtyards_count integer,
      leader_name text,
      leader_phone text,
      full_time_staff text,
      liaison text,
      boundary text,
      note text,
      created_batch_id integer references import_batches(id),
      updated_batch_id integer references import_batches(id),
      created_at text not null,
      updated_at text not null
    )${STRICT}`);
    await run(`create index grids_community on grids(community_id)`);
    // One row of the 小组/楼院 sheet: a courtyard (楼院) within a residents' group (小组) of a grid.
    // courtyard_name '' is a group listed without courtyards.
    await run(`create table grid_groups (
      id integer primary key,
      grid_id integer not null references grids(id),
      group_name text not null,
      group_leader text,
      courtyard_name text not null,
      courtyard_leader text,
      households integer,
      phone text,
      created_batch_id integer references import_batches(id),
      updated_batch_id integer references import_batches(id),
      created_at text not null,
      updated_at text not null,
      unique (grid_id, group_name, courtyard_name)
    )${STRICT}`);

    await run(`create table persons (
      id integer primary key,
      id_number text unique,
      name text not null,
      sex text,
      birth_date text,
      ethnicity text,
      political text,
      education text,
      phone text,
      created_batch_id integer references import_batches(id),
      updated_batch_id integer references import_batches(id),
      created_at text not null,
      updated_at text not null
    )${STRICT}`);
    await run(`create table workers (
      person_id integer primary key references persons(id),
      community_id integer not null references communities(id),
      party_join_date text,
      major text,
      position text,
      post_category text,
      post_grade integer,
      work_start_date text,
      current_post_date text,
      is_committee integer check (is_committee in (0, 1)),
      is_cross integer check (is_cross in (0, 1)),
      qualification text,
      contract_start text,
      contract_end text,
      last_appraisal text,
      note text,
      created_batch_id integer references import_batches(id),
      updated_batch_id integer references import_batches(id),
      created_at text not null,
      updated_at text not null
    )${STRICT}`);
    await run(`create index workers_community on workers(community_id)`);
    await run(`create table grid_staff (
      person_id integer primary key references persons(id),
      community_id integer not null references communities(id),
      staff_type text not null,
      grid_role text,
      source text,
      grid_codes text not null,
      hire_date text,
      is_worker integer check (is_worker in (0, 1)),
      note text,
      created_batch_id integer references import_batches(id),
      updated_batch_id integer references import_batches(id),
      created_at text not null,
      updated_at text not null
    )${STRICT}`);
    await run(`create index grid_staff_community on grid_staff(community_id)`);
    await run(`create table grid_staff_grids (
      person_id integer not null references grid_staff(person_id) on delete cascade,
      grid_id integer not null references grids(id),
      primary key (person_id, grid_id)
    )${STRICT}`);
    await run(`create table committee_members (
      person_id integer primary key references persons(id),
      community_id integer not null references communities(id),
      party_post text,
      committee_post text,
      one_shoulder integer not null check (one_shoulder in (0, 1)),
      cross_serving integer not null check (cross_serving in (0, 1)),
      term text,
      term_start text,
      is_full_time integer check (is_full_time in (0, 1)),
      note text,
      created_batch_id integer references import_batches(id),
      updated_batch_id integer references import_batches(id),
      created_at text not null,
      updated_at text not null
    )${STRICT}`);
    await run(`create index committee_members_community on committee_members(community_id)`);
    await run(`create table cadres (
      person_id integer primary key references persons(id),
      community_id integer not null references communities(id),
      grid_id integer references grids(id),
      employer text not null,
      rank text,
      claimed_post text,
      first_report_date text,
      last_report_date text,
      quarter_services integer,
      service_hours real,
      specialty text,
      note text,
      created_batch_id integer references import_batches(id),
      updated_batch_id integer references import_batches(id),
      created_at text not null,
      updated_at text not null
    )${STRICT}`);
    await run(`create index cadres_community on cadres(community_id)`);

    // Column mappings the user confirmed, per roster type and sheet: normalised header -> column key.
    await run(`create table roster_column_mappings (
      roster_type text not null,
      sheet_key text not null,
      header text not null,
      column_key text not null,
      updated_at text not null,
      primary key (roster_type, sheet_key, header)
    )${STRICT}`);
  },
};
