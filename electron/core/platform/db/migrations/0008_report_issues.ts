import type { Migration } from '../migration';
import { STRICT, runDdl } from '../dialect';

/**
 * What was issued when a round was finalized: its 发文字号 and the content hash printed on every
 * copy of its 通报. Stored at finalization so a printed copy is checked against what was issued,
 * never against data recomputed after an unlock. Unlocking marks the issue superseded (kept).
 */
export const migration: Migration = {
  version: 8,
  name: 'report_issues',
  async up(db) {
    const run = (text: string) => runDdl(db, text);
    await run(`create table report_issues (
      id integer primary key,
      round_id text not null,
      doc_year integer not null,
      doc_seq integer check (doc_seq is null or doc_seq > 0),
      doc_number text,
      content_hash text not null check (length(content_hash) = 64),
      finalized_at text not null,
      issued_by text not null,
      superseded_at text
    )${STRICT}`);
    // One live number per year; a round re-finalized after an unlock may take its number again.
    await run(
      `create unique index report_issues_doc on report_issues(doc_year, doc_seq) where doc_seq is not null and superseded_at is null`,
    );
    await run(`create unique index report_issues_live on report_issues(round_id) where superseded_at is null`);
    await run(`create index report_issues_hash on report_issues(content_hash)`);
  },
};
