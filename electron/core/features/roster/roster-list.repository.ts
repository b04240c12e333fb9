/**
 * Roster lists as the user browses them: counts, filter options, and the ids matching a search in
 * display order (SQL does the filtering; records are then read by id, see roster.repository.ts).
 */
import type { RosterType, SheetDef } from '../../../../shared/domain/roster/roster-columns';
import type { DbOrTrx } from '../../platform/db/schema';
import { containsText } from '../../platform/db/dialect';
import { ROLE_TABLE } from './roster-rows';

type CountedTable = 'communities' | 'grids' | 'workers' | 'grid_staff' | 'committee_members' | 'cadres' | 'grid_groups';

/** Number of rows of a roster table. */
export async function countRows(db: DbOrTrx, table: CountedTable): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Communities with their street, in roster order (the 社区 filter). */
export async function communityOptions(db: DbOrTrx): Promise<{ id: number; name: string; street: string }[]> {
  return db
    .selectFrom('communities')
    .innerJoin('streets', 'streets.id', 'communities.street_id')
    .select(['communities.id', 'communities.name', 'streets.name as street'])
    .orderBy('communities.id')
    .execute();
}

/** Grids by community and code (the 网格 filter). */
export async function gridOptions(db: DbOrTrx): Promise<{ id: number; code: string; name: string; communityId: number }[]> {
  const grids = await db
    .selectFrom('grids')
    .select(['id', 'code', 'name', 'community_id'])
    .orderBy('community_id')
    .orderBy('code')
    .execute();
  return grids.map((g) => ({ id: g.id, code: g.code, name: g.name, communityId: g.community_id }));
}

/** All communities (id, name) in roster order. */
export async function communityNames(db: DbOrTrx): Promise<{ id: number; name: string }[]> {
  return db.selectFrom('communities').select(['id', 'name']).orderBy('id').execute();
}

/** The grids of one community, by code. */
export async function gridsOfCommunity(db: DbOrTrx, communityId: number) {
  return db
    .selectFrom('grids')
    .select(['id', 'code', 'name', 'households', 'leader_name'])
    .where('community_id', '=', communityId)
    .orderBy('code')
    .execute();
}

export interface ListQuery {
  roster: RosterType;
  sheet: SheetDef['key'];
  communityId: number | null;
  gridId: number | null;
  search: string;
  offset: number;
  limit: number;
}

/** Ids of the records matching a search/filter, in display order (SQL does the filtering). */
export async function matchingIds(
  db: DbOrTrx,
  q: ListQuery,
  withCommunityFilter: boolean,
  masked: boolean,
): Promise<{ id: number; communityId: number | null }[]> {
  const search = q.search.trim();
  const hasSearch = search !== '';
  const communityId = withCommunityFilter ? q.communityId : null;
  switch (q.roster) {
    case 'communities': {
      let s = db.selectFrom('communities').select(['id', 'id as communityId']);
      if (hasSearch)
        s = s.where((eb) =>
          eb.or([
            containsText('name', search),
            containsText('code', search),
            containsText('secretary', search),
            containsText('director', search),
          ]),
        );
      if (communityId !== null) s = s.where('id', '=', communityId);
      return s.orderBy('id').execute();
    }
    case 'grids': {
      if (q.sheet === 'groups') {
        let s = db
          .selectFrom('grid_groups')
          .innerJoin('grids', 'grids.id', 'grid_groups.grid_id')
          .select(['grid_groups.id', 'grids.community_id as communityId']);
        if (hasSearch)
          s = s.where((eb) =>
            eb.or([
              containsText('grid_groups.group_name', search),
              containsText('grid_groups.courtyard_name', search),
              containsText('grids.code', search),
            ]),
          );
        if (communityId !== null) s = s.where('grids.community_id', '=', communityId);
        if (q.gridId !== null) s = s.where('grids.id', '=', q.gridId);
        return s.orderBy('grids.code').orderBy('grid_groups.id').execute();
      }
      let s = db.selectFrom('grids').select(['grids.id', 'grids.community_id as communityId']);
      if (hasSearch)
        s = s.where((eb) => eb.or([containsText('code', search), containsText('name', search), containsText('leader_name', search)]));
      if (communityId !== null) s = s.where('community_id', '=', communityId);
      if (q.gridId !== null) s = s.where('id', '=', q.gridId);
      return s.orderBy('community_id').orderBy('code').execute();
    }
    default: {
      const table = ROLE_TABLE[q.roster];
      let s = db
        .selectFrom(table)
        .innerJoin('persons', 'persons.id', `${table}.person_id`)
        .select([`${table}.person_id as id`, `${table}.community_id as communityId`]);
      if (hasSearch) {
        // Who sees 身份证号 and phones masked finds them only by the whole value: a partial match
        // would let them rebuild the hidden digits one search at a time.
        s = s.where((eb) =>
          masked
            ? eb.or([
                containsText('persons.name', search),
                eb('persons.id_number', '=', search.toUpperCase()),
                eb('persons.phone', '=', search),
              ])
            : eb.or([
                containsText('persons.name', search),
                containsText('persons.id_number', search),
                containsText('persons.phone', search),
              ]),
        );
      }
      if (communityId !== null) s = s.where(`${table}.community_id`, '=', communityId);
      if (q.gridId !== null) {
        if (q.roster === 'grid-staff') {
          const gridId = q.gridId;
          s = s.where((eb) =>
            eb.exists(
              eb
                .selectFrom('grid_staff_grids')
                .select('grid_staff_grids.person_id')
                .whereRef('grid_staff_grids.person_id', '=', 'persons.id')
                .where('grid_staff_grids.grid_id', '=', gridId),
            ),
          );
        } else if (q.roster === 'cadres') {
          s = s.where('cadres.grid_id' as never, '=', q.gridId as never);
        }
      }
      return s.orderBy(`${table}.community_id`).orderBy('persons.id').execute();
    }
  }
}
