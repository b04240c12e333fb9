import type { Generated } from 'kysely';

/** One finalization of a round: its 发文字号 and the content hash printed on its 通报. */
export interface ReportIssuesTable {
  id: Generated<number>;
  round_id: string;
  doc_year: number;
  doc_seq: number | null;
  doc_number: string | null;
  content_hash: string;
  finalized_at: string;
  issued_by: string;
  superseded_at: string | null;
}

export interface ReportIssuesTables {
  report_issues: ReportIssuesTable;
}
