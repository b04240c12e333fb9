import type { Kysely, Transaction } from 'kysely';

/**
 * One schema step. `up` receives a transaction: the whole step commits or none of it does
 * (Kysely does not wrap SQLite migrations itself). Never edit a shipped migration; add a new one.
 */
export interface Migration {
  version: number;
  name: string;
  // Migrations work on the schema as it was then, not on today's typed schema.
  up(trx: Transaction<unknown> | Kysely<unknown>): Promise<void>;
  /**
   * The step rebuilds a table other tables reference (dialect.rebuildTable): on SQLite the runner
   * runs it with foreign keys off and refuses to commit if any link is broken after it.
   */
  rebuildsTables?: boolean;
}
