import type { Generated } from 'kysely';

/** Units above the community that a 县区 or 市 appraises (migration 0011). */
export interface AppraisedUnitsTable {
  id: Generated<number>;
  kind: '街道' | '县区' | '成员单位';
  name: string;
  short_name: string | null;
  code: string | null;
  contact: string | null;
  phone: string | null;
  position: number;
  source: 'import' | 'exchange' | 'manual';
  created_at: string;
  updated_at: string;
}

export interface LevelsTables {
  appraised_units: AppraisedUnitsTable;
}
