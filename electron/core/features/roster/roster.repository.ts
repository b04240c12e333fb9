/**
 * Roster records as stored: reading a roster sheet as records (see roster-rows.ts for the mapping),
 * the reference data validation checks against, persons by identity and identity clashes.
 */
import type { RosterType } from '../../../../shared/domain/roster/roster-columns';
import {
  communityKey,
  type CommunityRef,
  type GridRef,
  type RecordValues,
  type ReferenceData,
} from '../../../../shared/domain/roster/row-validate';
import type { DbOrTrx } from '../../platform/db/schema';
import { communityRecord, gridRecord, groupRecord, peopleRecord, personRecord, type PersonColumns, type RoleRows } from './roster-records';
import { gridCodeKey, personIdentity, ROLE_TABLE, type PeopleRoster } from './roster-rows';

/** Validation's reference data plus the ids a write needs. */
export type RosterReferences = ReferenceData & { communityIds: Map<string, number>; gridIds: Map<string, number> };

/** Communities, grids and worker IDs currently in the database. */
export async function loadReferenceData(db: DbOrTrx): Promise<RosterReferences> {
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

/** Grid id by code key (gridCodeKey), for linking rows to grids. */
export async function gridIdsByCode(db: DbOrTrx): Promise<Map<string, number>> {
  const grids = await db.selectFrom('grids').select(['id', 'code_key']).execute();
  return new Map(grids.map((g) => [g.code_key, g.id]));
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

/** `in` over a possibly empty list (SQL has no empty list). */
function idList(ids: readonly number[]): readonly number[] {
  return ids.length ? ids : [-1];
}

const PERSON_SELECT = [
  'persons.id',
  'persons.id_number',
  'persons.name',
  'persons.sex',
  'persons.birth_date',
  'persons.ethnicity',
  'persons.political',
  'persons.education',
  'persons.phone',
] as const;

/**
 * Every record of a people roster: one select for all four, driven by the roster's role table and
 * its record description (PEOPLE_RECORDS). The role table is aliased `role` so one query text fits
 * each of them; the cadre's grid code comes with it.
 */
async function loadPeople(db: DbOrTrx, roster: PeopleRoster, filter: LoadFilter): Promise<StoredRecord[]> {
  const table = ROLE_TABLE[roster];
  let q = db
    // The alias keeps the column references the same for every role table (typed as one of them).
    .selectFrom(`${table} as role` as 'workers as role')
    .innerJoin('persons', 'persons.id', 'role.person_id')
    .innerJoin('communities', 'communities.id', 'role.community_id')
    .selectAll('role')
    .select([...PERSON_SELECT, 'communities.name as community'])
    .$if(roster === 'cadres', (qb) =>
      qb.select((eb) =>
        eb
          .selectFrom('grids')
          .select('grids.code')
          .whereRef('grids.id', '=', 'role.grid_id' as never)
          .as('grid'),
      ),
    );
  if (filter.communityIds) q = q.where('role.community_id', 'in', idList(filter.communityIds));
  if (filter.ids) q = q.where('role.person_id', 'in', idList(filter.ids));
  const rows = await q.orderBy('communities.id').orderBy('persons.id').execute();
  return rows.map((row) => {
    const r = row as unknown as RoleRows[PeopleRoster] & PersonColumns & { id: number; community: string; community_id: number };
    return { id: r.id, communityId: r.community_id, values: peopleRecord(roster, r as never) };
  });
}

/** Every record of a roster sheet (optionally of some communities), in display order. */
export async function loadRecords(
  db: DbOrTrx,
  roster: RosterType,
  sheetKey: 'main' | 'groups',
  filter: LoadFilter = {},
): Promise<StoredRecord[]> {
  const { communityIds: cids, ids } = filter;
  if (roster === 'communities') {
    let q = db
      .selectFrom('communities')
      .innerJoin('streets', 'streets.id', 'communities.street_id')
      .leftJoin('districts', 'districts.id', 'streets.district_id')
      .selectAll('communities')
      .select(['streets.name as street', 'districts.name as district']);
    if (cids) q = q.where('communities.id', 'in', idList(cids));
    if (ids) q = q.where('communities.id', 'in', idList(ids));
    const rows = await q.orderBy('communities.id').execute();
    return rows.map((c) => ({ id: c.id, communityId: c.id, values: communityRecord(c) }));
  }
  if (roster === 'grids' && sheetKey === 'groups') {
    let q = db
      .selectFrom('grid_groups')
      .innerJoin('grids', 'grids.id', 'grid_groups.grid_id')
      .selectAll('grid_groups')
      .select(['grids.code', 'grids.community_id']);
    if (cids) q = q.where('grids.community_id', 'in', idList(cids));
    if (ids) q = q.where('grid_groups.id', 'in', idList(ids));
    const rows = await q.orderBy('grids.code').orderBy('grid_groups.id').execute();
    return rows.map((g) => ({ id: g.id, communityId: g.community_id, values: groupRecord(g) }));
  }
  if (roster === 'grids') {
    let q = db
      .selectFrom('grids')
      .innerJoin('communities', 'communities.id', 'grids.community_id')
      .selectAll('grids')
      .select('communities.name as community');
    if (cids) q = q.where('grids.community_id', 'in', idList(cids));
    if (ids) q = q.where('grids.id', 'in', idList(ids));
    const rows = await q.orderBy('communities.id').orderBy('grids.code').execute();
    return rows.map((g) => ({ id: g.id, communityId: g.community_id, values: gridRecord(g) }));
  }
  return loadPeople(db, roster, filter);
}

/** A person as the import's diff sees it: id and person fields. */
export interface PersonInfo {
  readonly id: number;
  readonly values: RecordValues;
}

/** Every person by identity (personIdentity). */
export async function loadPersons(db: DbOrTrx): Promise<Map<string, PersonInfo>> {
  const rows = await db
    .selectFrom('persons')
    .select(['id', 'id_number', 'name', 'sex', 'birth_date', 'ethnicity', 'political', 'education', 'phone'])
    .execute();
  const map = new Map<string, PersonInfo>();
  for (const p of rows) {
    const values: RecordValues = personRecord(p);
    const key = personIdentity(values);
    if (key) map.set(key, { id: p.id, values });
  }
  return map;
}

/** Whether another person (not `id`) has this 身份证号. */
export async function idNumberTaken(db: DbOrTrx, idNumber: string, id: number): Promise<boolean> {
  const other = await db.selectFrom('persons').select('id').where('id_number', '=', idNumber).where('id', '!=', id).executeTakeFirst();
  return other !== undefined;
}

/** Whether another grid (not `id`) has this code. */
export async function gridCodeTaken(db: DbOrTrx, code: string, id: number): Promise<boolean> {
  const other = await db
    .selectFrom('grids')
    .select('id')
    .where('code_key', '=', gridCodeKey(code))
    .where('id', '!=', id)
    .executeTakeFirst();
  return other !== undefined;
}

/** Whether another community (not `id`) has this name. */
export async function communityNameTaken(db: DbOrTrx, name: string, id: number): Promise<boolean> {
  const other = await db
    .selectFrom('communities')
    .select('id')
    .where('name_key', '=', communityKey(name))
    .where('id', '!=', id)
    .executeTakeFirst();
  return other !== undefined;
}
