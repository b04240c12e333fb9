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
}
