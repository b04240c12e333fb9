/**
 * The PostgreSQL side of the benchmarks (issue #14): the same work on a fresh database of the server
 * APPRAISAL_TEST_PG_URL names, reported as a ratio against SQLite in the same run; without a server
 * the PostgreSQL lines are skipped with a message.
 */
import { pgDatabaseUrl, psql } from '../helpers/test-db';

export interface PgBenchDatabase {
  url: string;
  drop(): void;
}

/** A new empty database for one benchmark, or null (and a message) when no server is configured. */
export function pgBenchDatabase(label: string, localDataDir: string): PgBenchDatabase | null {
  if (!process.env.APPRAISAL_TEST_PG_URL) {
    process.stdout.write('PostgreSQL: skipped (APPRAISAL_TEST_PG_URL is not set; scripts/pg-test-server.sh start DIR prints one)\n');
    return null;
  }
  // A PostgreSQL database's local folder (staging) goes with the benchmark's temp folder.
  process.env.APPRAISAL_DATA_DIR ??= localDataDir;
  const name = `bench_${label}_${Math.random().toString(36).slice(2, 8)}`;
  psql(`create database ${name}`);
  return { url: pgDatabaseUrl(name), drop: () => psql(`drop database if exists ${name} with (force)`) };
}
