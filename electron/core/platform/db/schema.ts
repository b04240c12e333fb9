/**
 * Kysely's view of the database: one interface per feature, merged here.
 * Add `extends XxxTables` for a new feature's tables.
 */
import type { Kysely, Transaction } from 'kysely';
import type { CoreTables } from './schema/core.schema';
import type { AuthTables } from './schema/auth.schema';
import type { StandardsTables } from './schema/standards.schema';
import type { RoundsTables } from './schema/rounds.schema';
import type { OrganizationTables } from './schema/organization.schema';
import type { PlannerTables } from './schema/planner.schema';
import type { ReportIssuesTables } from './schema/report-issues.schema';
import type { LevelsTables } from './schema/levels.schema';
import type { ExchangeTables } from './schema/exchange.schema';

export interface Database
  extends
    CoreTables,
    AuthTables,
    RoundsTables,
    StandardsTables,
    OrganizationTables,
    PlannerTables,
    ReportIssuesTables,
    ExchangeTables,
    LevelsTables {}

/** A transaction or the database: repositories accept either. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;
