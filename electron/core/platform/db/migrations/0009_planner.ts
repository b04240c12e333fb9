import type { Migration } from '../migration';
import { STRICT, runDdl } from '../dialect';

/**
 * 达标规划: planned actions per community (build m², hire, elect, split a grid, split or merge a
 * community) with a target quarter, and the lineage linking a community created by a split or a
 * merge to its predecessors, so results carry across re-divisions. The norms live in `settings`.
 */
export const migration: Migration = {
  version: 9,
  name: 'planner',
  async up(db) {
    await runDdl(
      db,
      `create table planner_actions (
          id integer primary key,
          community_id integer not null references communities(id) on delete cascade,
          kind text not null check (kind in ('build', 'hire', 'committee', 'splitGrid', 'splitCommunity', 'mergeCommunity')),
          quantity real not null default 0 check (quantity >= 0),
          grid_code text,
          other_community_id integer references communities(id) on delete cascade,
          target_quarter text not null check (target_quarter glob '[0-9][0-9][0-9][0-9]Q[1-4]'),
          note text not null default '',
          created_at text not null,
          created_by text not null,
          updated_at text not null
        )${STRICT}`,
    );
    await runDdl(db, `create index planner_actions_community on planner_actions(community_id)`);
    await runDdl(
      db,
      `create table community_lineage (
          successor_id integer not null references communities(id) on delete cascade,
          predecessor_id integer not null references communities(id) on delete cascade,
          quarter text not null check (quarter glob '[0-9][0-9][0-9][0-9]Q[1-4]'),
          kind text not null check (kind in ('split', 'merge')),
          note text not null default '',
          created_at text not null,
          created_by text not null,
          primary key (successor_id, predecessor_id),
          check (successor_id <> predecessor_id)
        )${STRICT}`,
    );
    await runDdl(db, `create index community_lineage_predecessor on community_lineage(predecessor_id)`);
  },
};
