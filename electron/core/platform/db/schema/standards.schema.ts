import type { ColumnType } from 'kysely';

/** Kysely row types of the standard tables (migration 0003). */
export interface StandardVersionsTable {
  version: number;
  name: string;
  status: 'draft' | 'published';
  based_on: number | null;
  total_tenths: number;
  bonus_cap_tenths: number;
  na_policy: string;
  quota_ties: string;
  vetoed_last: number;
  tie_break_json: string;
  rollup_quarters_percent: number;
  rollup_year_end_percent: number;
  rollup_year_end_label: string;
  rollup_veto_grade_cap: string | null;
  note: string;
  revision: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  published_at: string | null;
  published_by: string | null;
  /** The kind of unit appraised with this standard (migration 0011): 社区, 街道, 县区 or 成员单位. */
  kind: ColumnType<string, string | undefined, string>;
}

export interface StandardCategoriesTable {
  version: number;
  position: number;
  code: string;
  title: string;
  max_tenths: number;
}

export interface StandardItemsTable {
  version: number;
  category_position: number;
  position: number;
  code: string;
  title: string;
  max_tenths: number;
  method: string;
  params_json: string;
  evidence_json: string;
  frequency: string;
  guide: string;
}

export interface StandardBonusItemsTable {
  version: number;
  position: number;
  code: string;
  title: string;
  cap_tenths: number;
  method_json: string;
  guide: string;
}

export interface StandardVetoItemsTable {
  version: number;
  position: number;
  code: string;
  title: string;
  effect: string;
  guide: string;
}

export interface StandardGradeBandsTable {
  version: number;
  position: number;
  label: string;
  min_tenths: number;
  quota_percent: number | null;
  quota_count: number | null;
}

export interface StandardVersionUsesTable {
  version: number;
  used_by: string;
  used_at: string;
  actor: string;
}

export interface StandardsTables {
  standard_versions: StandardVersionsTable;
  standard_categories: StandardCategoriesTable;
  standard_items: StandardItemsTable;
  standard_bonus_items: StandardBonusItemsTable;
  standard_veto_items: StandardVetoItemsTable;
  standard_grade_bands: StandardGradeBandsTable;
  standard_version_uses: StandardVersionUsesTable;
}
