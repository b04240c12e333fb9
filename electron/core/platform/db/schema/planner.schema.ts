import type { Generated } from 'kysely';

export interface PlannerActionsTable {
  id: Generated<number>;
  community_id: number;
  kind: string;
  quantity: number;
  grid_code: string | null;
  other_community_id: number | null;
  target_quarter: string;
  note: string;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export interface CommunityLineageTable {
  successor_id: number;
  predecessor_id: number;
  quarter: string;
  kind: string;
  note: string;
  created_at: string;
  created_by: string;
}

export interface PlannerTables {
  planner_actions: PlannerActionsTable;
  community_lineage: CommunityLineageTable;
}
