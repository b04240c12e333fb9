/**
 * A Kysely driver for the `sqlite3` package (N-API: the same binary serves Node and Electron, and its
 * calls are asynchronous so the main process stays responsive). Kysely ships no dialect for it.
 * One connection, guarded by a mutex: SQLite has one writer, and a transaction must own the
 * connection from BEGIN to COMMIT so no other query interleaves.
 */
import sqlite3 from 'sqlite3';
import { AppError } from '../../../../shared/ipc/errors';
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';

export interface Sqlite3DialectConfig {
  /** Opens (or receives) the database handle. */
  database: () => Promise<sqlite3.Database>;
  /** Runs once on the connection, e.g. pragmas. */
  onCreateConnection?: (connection: DatabaseConnection) => Promise<void>;
}

export class Sqlite3Dialect implements Dialect {
  constructor(private readonly config: Sqlite3DialectConfig) {}
  createDriver(): Driver {
    return new Sqlite3Driver(this.config);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

class Mutex {
  private tail: Promise<void> = Promise.resolve();
  /** Resolves with the unlock function once every earlier holder has unlocked. */
  lock(): Promise<() => void> {
    let unlock!: () => void;
    const next = new Promise<void>((resolve) => (unlock = resolve));
    const ready = this.tail.then(() => unlock);
    this.tail = this.tail.then(() => next);
    return ready;
  }
}

class Sqlite3Driver implements Driver {
  private db: sqlite3.Database | undefined;
  private connection: Sqlite3Connection | undefined;
  private readonly mutex = new Mutex();
  private unlock: (() => void) | undefined;

  constructor(private readonly config: Sqlite3DialectConfig) {}

  async init(): Promise<void> {
    this.db = await this.config.database();
    this.connection = new Sqlite3Connection(this.db);
    if (this.config.onCreateConnection) await this.config.onCreateConnection(this.connection);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    this.unlock = await this.mutex.lock();
    if (!this.connection) throw new Error('database is closed');
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    // IMMEDIATE takes the write lock up front, so a transaction never fails half-way on SQLITE_BUSY.
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(): Promise<void> {
    const unlock = this.unlock;
    this.unlock = undefined;
    unlock?.();
  }
  async destroy(): Promise<void> {
    const db = this.db;
    this.db = undefined;
    this.connection = undefined;
    if (db) await new Promise<void>((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
  }
}

const READER_SQL = /^\s*(select|with|pragma|values|explain)\b/i;

/** sqlite3 cannot tell us whether a statement returns rows, so we decide from the query. */
function returnsRows(compiled: CompiledQuery): boolean {
  if (SelectQueryNode.is(compiled.query)) return true;
  const node = compiled.query as { returning?: unknown; kind?: string };
  if (node.returning) return true;
  return READER_SQL.test(compiled.sql) || /\breturning\b/i.test(compiled.sql);
}

/** Tries of a statement refused because another process holds the write lock (each waits busy_timeout). */
const BUSY_ATTEMPTS = 3;
const BUSY_PAUSE_MS = 250;

export const DB_BUSY_MESSAGE =
  '数据库文件正被其他程序（另一个窗口、浏览器模式或命令行）占用，本次操作未完成，数据未改变。请稍后重试；若一直如此，请关闭其他正在使用该数据库的程序。';

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

class Sqlite3Connection implements DatabaseConnection {
  constructor(private readonly db: sqlite3.Database) {}

  /**
   * A statement refused with SQLITE_BUSY did nothing, so it is safe to try again; after the last
   * try the user is told the file is in use, never a generic internal error.
   */
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.executeOnce<R>(compiled);
      } catch (err) {
        if (!isBusy(err)) throw err;
        if (attempt >= BUSY_ATTEMPTS) throw new AppError('DB_BUSY', DB_BUSY_MESSAGE);
        await new Promise((resolve) => setTimeout(resolve, BUSY_PAUSE_MS));
      }
    }
  }

  private executeOnce<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const params = compiled.parameters as unknown[];
    if (returnsRows(compiled)) {
      return new Promise((resolve, reject) => {
        this.db.all(compiled.sql, params, (err: Error | null, rows: R[]) => (err ? reject(err) : resolve({ rows })));
      });
    }
    return new Promise((resolve, reject) => {
      this.db.run(compiled.sql, params, function (this: sqlite3.RunResult, err: Error | null) {
        if (err) return reject(err);
        resolve({ rows: [], numAffectedRows: BigInt(this.changes), insertId: BigInt(this.lastID) });
      });
    });
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not supported by the sqlite3 driver');
  }
}

export function openSqlite3(file: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, mode, (err) => (err ? reject(err) : resolve(db)));
  });
}

export { sqlite3 };
