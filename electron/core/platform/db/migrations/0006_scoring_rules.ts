import type { Migration } from '../migration';
import { runDdl } from '../dialect';

/**
 * Scoring rules of issue #10:
 * - `request_id` on deductions and appeals: the client's id of one create action, unique per round,
 *   so a double click or a retried request records one row (the service returns the first).
 * - `appeals.deduction_id` / `deductions.withdrawn_by_appeal`: an adopted appeal against one
 *   deduction withdraws it; withdrawn deductions count nowhere (score, ledger, 整改清单, carry).
 * - `score_items.carried_from` / `deductions.carried_from`: an annual (年度) item scored earlier in
 *   the year is carried into the next quarter, marked with the round it came from until edited.
 */
export const migration: Migration = {
  version: 6,
  name: 'scoring_rules',
  async up(db) {
    const run = (text: string) => runDdl(db, text);
    await run(`alter table deductions add column request_id text`);
    await run(`alter table deductions add column withdrawn_by_appeal integer references appeals(id)`);
    await run(`alter table deductions add column carried_from text`);
    await run(`create unique index deductions_request on deductions(round_id, request_id) where request_id is not null`);
    await run(`alter table appeals add column request_id text`);
    await run(`alter table appeals add column deduction_id integer references deductions(id)`);
    await run(`create unique index appeals_request on appeals(round_id, request_id) where request_id is not null`);
    await run(`alter table score_items add column carried_from text`);
  },
};
