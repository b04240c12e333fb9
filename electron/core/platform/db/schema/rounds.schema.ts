import type { ColumnType, Generated } from 'kysely';
import type { FormStatus, RoundState } from '../../../../../shared/domain/round/round-workflow';
import type { UnitKind } from '../../../../../shared/domain/levels/levels';
import type { SettleMethod } from '../../../../../shared/domain/scoring/reconciliation';

export type AppealStatus = 'open' | 'accepted' | 'rejected';
export type RectificationStatus = 'open' | 'verified' | 'unresolved';
/** A comment is left by a transition (its target state) or by an unlock. */
export type RoundCommentKind = RoundState | 'unlock';

export interface RoundsTable {
  id: string;
  year: number;
  quarter: number;
  standard_version: number;
  state: RoundState;
  snapshot_at: string;
  first_submitted_at: string | null;
  finalized_at: string | null;
  spread_threshold_tenths: Generated<number>;
  created_at: string;
  created_by: string;
  updated_at: string;
  /** What the round appraises: the kind of its standard (migration 0013). */
  kind: Generated<UnitKind>;
}

export interface RoundCommunitiesTable {
  round_id: string;
  community_id: number;
  name: string;
  sort_key: string;
  status: FormStatus;
  metrics_json: string;
  rows_json: string;
}

export interface RoundAssessorsTable {
  id: Generated<number>;
  round_id: string;
  assessor: string;
  community_id: number | null;
  category_code: string | null;
}

export interface ScoreItemsTable {
  round_id: string;
  community_id: number;
  assessor: string;
  item_code: string;
  value_json: string | null;
  na_reason: string | null;
  override_tenths: number | null;
  override_reason: string | null;
  updated_at: string;
  updated_by: string;
  /** Round an annual item's value was carried from (null once edited this quarter). */
  carried_from: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface DeductionsTable {
  id: Generated<number>;
  round_id: string;
  community_id: number;
  assessor: string;
  item_code: string;
  reason_code: string | null;
  text: string;
  amount_tenths: number;
  evidence: string;
  created_at: string;
  created_by: string;
  /** Client id of the create action (idempotent creation). */
  request_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The adopted appeal that withdrew this deduction. */
  withdrawn_by_appeal: ColumnType<number | null, number | null | undefined, number | null>;
  /** Round an annual item's deduction was carried from. */
  carried_from: ColumnType<string | null, string | null | undefined, string | null>;
  /** The department that imposed a 清单外 task (migration 0011). */
  department: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface DeductionAttachmentsTable {
  id: Generated<number>;
  deduction_id: number;
  file_name: string;
  stored_name: string;
  sha256: string;
  size: number;
  created_at: string;
}

/** An attachment's bytes, once per distinct content (migration 0012). */
export interface AttachmentContentsTable {
  sha256: string;
  size: number;
  content: Uint8Array;
  created_at: string;
}

export interface BonusEntriesTable {
  round_id: string;
  community_id: number;
  assessor: string;
  code: string;
  awards_json: string | null;
  tenths: number | null;
  updated_at: string;
}

export interface VetoEntriesTable {
  round_id: string;
  community_id: number;
  assessor: string;
  code: string;
  fact: string;
  updated_at: string;
}

export interface RoundCommentsTable {
  id: Generated<number>;
  round_id: string;
  community_id: number | null;
  kind: RoundCommentKind;
  text: string;
  actor: string;
  at: string;
}

export interface SettlementsTable {
  round_id: string;
  community_id: number;
  item_code: string;
  method: SettleMethod;
  tenths: number;
  note: string;
  settled_by: string;
  settled_at: string;
}

export interface AppealsTable {
  id: Generated<number>;
  round_id: string;
  community_id: number;
  item_code: string | null;
  claim: string;
  status: AppealStatus;
  decision: string | null;
  adjustment_tenths: number | null;
  created_at: string;
  created_by: string;
  decided_at: string | null;
  decided_by: string | null;
  /** Client id of the create action (idempotent creation). */
  request_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The deduction this appeal contests, if it names one. */
  deduction_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface RectificationsTable {
  id: Generated<number>;
  round_id: string;
  community_id: number;
  item_code: string;
  kind: string;
  text: string;
  lost_tenths: number;
  status: RectificationStatus;
  verified_round_id: string | null;
  verified_note: string | null;
  verified_at: string | null;
  verified_by: string | null;
}

export interface RoundsTables {
  rounds: RoundsTable;
  round_communities: RoundCommunitiesTable;
  round_assessors: RoundAssessorsTable;
  score_items: ScoreItemsTable;
  deductions: DeductionsTable;
  deduction_attachments: DeductionAttachmentsTable;
  attachment_contents: AttachmentContentsTable;
  bonus_entries: BonusEntriesTable;
  veto_entries: VetoEntriesTable;
  round_comments: RoundCommentsTable;
  settlements: SettlementsTable;
  appeals: AppealsTable;
  rectifications: RectificationsTable;
}
