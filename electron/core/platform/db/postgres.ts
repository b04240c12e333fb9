/**
 * The shared PostgreSQL database (issue #14): Kysely's PostgresDialect over `pg`, set up so the
 * services written for SQLite behave the same without a second copy of any of them:
 * - one connection per program and one writing transaction at a time across all programs: every
 *   transaction first takes a transaction-level advisory lock, as SQLite's BEGIN IMMEDIATE takes
 *   the write lock. A round's state change and a form save never interleave; the audit chain's
 *   head is read and extended by one writer at a time (no gaps, no forks).
 * - a transaction that fails for a transient reason (a dropped connection…) runs again, in one
 *   place: postgres-retry.ts.
 * - bigint and numeric results (count(*), sum, max of bigint columns) come back as numbers.
 */
import pg from 'pg';
import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresDriver,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Transaction,
  type TransactionBuilder,
  type TransactionSettings,
} from 'kysely';
import { AppError } from '../../../../shared/ipc/errors';
import { commitLost, isConnectionLoss, withTransientRetry } from './postgres-retry';

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** The URL without its password: for messages, logs and the settings page. */
export function redactUrl(target: string): string {
  if (!isPostgresUrl(target)) return target;
  try {
    const url = new URL(target);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://…';
  }
}

/** Advisory lock keys (any constants; two of ours must differ). */
const WRITE_LOCK = 7_301_001;
export const MIGRATION_LOCK = 7_301_002;

const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

export function connectionConfig(url: string): pg.ClientConfig {
  return { connectionString: url, types, application_name: 'community-appraisal-desk', connectionTimeoutMillis: 10_000 };
}

class SerialisedPostgresDriver extends PostgresDriver {
  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await super.beginTransaction(connection, settings);
    await connection.executeQuery(CompiledQuery.raw(`select pg_advisory_xact_lock(${WRITE_LOCK})`));
  }
  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.commitTransaction(connection);
    } catch (err) {
      throw isConnectionLoss(err) ? commitLost(err) : err;
    }
  }
  override async rollbackTransaction(connection: Parameters<PostgresDriver['rollbackTransaction']>[0]): Promise<void> {
    try {
      await super.rollbackTransaction(connection);
    } catch (err) {
      // A lost connection's transaction is rolled back by the server; the original error is what counts.
      if (!isConnectionLoss(err)) throw err;
    }
  }
}

/** Kysely whose transactions run again after a transient failure (postgres-retry.ts). */
class RetryingKysely<DB> extends Kysely<DB> {
  override transaction(): TransactionBuilder<DB> {
    const builder = super.transaction();
    const execute = builder.execute.bind(builder);
    // (setIsolationLevel returns a plain builder: only the export's read-only snapshot uses it.)
    builder.execute = <T>(callback: (trx: Transaction<DB>) => Promise<T>) => withTransientRetry(() => execute(callback));
    return builder;
  }
}

class AppPostgresDialect implements Dialect {
  constructor(private readonly pool: pg.Pool) {}
  createDriver(): Driver {
    return new SerialisedPostgresDriver({ pool: this.pool });
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createAdapter() {
    return new PostgresAdapter();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}

export function createPostgresKysely<DB>(url: string): Kysely<DB> {
  // One connection, as with SQLite: requests of one program queue, a transaction owns it throughout.
  const pool = new pg.Pool({ ...connectionConfig(url), max: 1 });
  // A dropped connection must not crash the program: an idle one is replaced on the next query; one
  // in use fails its query, and the transaction runs again (postgres-retry.ts). pg emits the drop
  // as an 'error' event on the client as well, which without a listener would end the process.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new RetryingKysely<DB>({ dialect: new AppPostgresDialect(pool) });
}

export function connectionError(url: string, err: unknown): AppError {
  const detail = err instanceof Error ? err.message : String(err);
  return new AppError(
    'DB_INVALID',
    `无法连接到 PostgreSQL 数据库 ${redactUrl(url)}。请检查服务器地址、端口、数据库名、用户名和密码，以及网络是否畅通。（${detail}）`,
  );
}

/**
 * Hold the migration lock while `fn` runs: the first program migrates, others wait (told through
 * `onWait`) and then find nothing left to do.
 */
export async function withMigrationLock<T>(url: string, onWait: (message: string) => void, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client(connectionConfig(url));
  try {
    await client.connect();
  } catch (err) {
    throw connectionError(url, err);
  }
  try {
    const got = await client.query<{ ok: boolean }>(`select pg_try_advisory_lock(${MIGRATION_LOCK}) as ok`);
    if (!got.rows[0]?.ok) {
      onWait('另一个程序正在升级该数据库的结构，请稍候（完成后自动继续）……');
      await client.query(`select pg_advisory_lock(${MIGRATION_LOCK})`);
    }
    return await fn();
  } finally {
    await client.end().catch(() => undefined);
  }
}
