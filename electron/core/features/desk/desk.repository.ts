/** What the 工作台 reads across features' tables in one glance: rounds, open rectifications, roster health. */
import type { DbOrTrx } from '../../platform/db/schema';

/** Every round, newest quarter first. */
export async function roundsNewestFirst(db: DbOrTrx) {
  return db.selectFrom('rounds').selectAll().orderBy('year', 'desc').orderBy('quarter', 'desc').execute();
}

/** Rectifications not yet verified, with their round's quarter and the community's name in it. */
export async function openRectifications(db: DbOrTrx) {
  return db
    .selectFrom('rectifications')
    .innerJoin('rounds', 'rounds.id', 'rectifications.round_id')
    .innerJoin('round_communities', (j) =>
      j
        .onRef('round_communities.round_id', '=', 'rectifications.round_id')
        .onRef('round_communities.community_id', '=', 'rectifications.community_id'),
    )
    .select([
      'rectifications.item_code',
      'rectifications.text',
      'rectifications.round_id',
      'rounds.year',
      'rounds.quarter',
      'round_communities.name',
    ])
    .where('rectifications.status', '!=', 'verified')
    .orderBy('rectifications.id')
    .execute();
}

export async function communityHeads(db: DbOrTrx) {
  return db.selectFrom('communities').select(['id', 'name', 'updated_at']).orderBy('id').execute();
}

/** Per community: how many rows a roster table holds and when one last changed. */
export async function rosterCountsByCommunity(
  db: DbOrTrx,
  table: 'grids' | 'workers' | 'committee_members',
): Promise<Map<number, { n: number; last: string }>> {
  const rows = await db
    .selectFrom(table)
    .select(['community_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max<string>('updated_at').as('last')])
    .groupBy('community_id')
    .execute();
  return new Map(rows.map((x) => [x.community_id, { n: Number(x.n), last: x.last }]));
}

export async function latestImportBatches(db: DbOrTrx, limit: number) {
  return db.selectFrom('import_batches').selectAll().orderBy('id', 'desc').limit(limit).execute();
}
