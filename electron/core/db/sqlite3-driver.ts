/**
 * A Kysely driver for the `sqlite3` package (N-API: the same binary serves Node and Electron, and its
 * calls are asynchronous so the main process stays responsive). Kysely ships no dialect for it.
 * One connection, guarded by a mutex: SQLite has one writer, and a transaction must own the
 * connection from BEGIN to COMMIT so no other query interleaves.
 */
import sqlite3 from 'sqlite3';
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

class Sqlite3Connection implements DatabaseConnection {
  constructor(private readonly db: sqlite3.Database) {}

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
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
