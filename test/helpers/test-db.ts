/**
 * Which database engine the suites run on. By default every test opens a SQLite file. With
 * APPRAISAL_TEST_DB=postgres (and APPRAISAL_TEST_PG_URL naming a server, as `.ci/run` and
 * `npm run test:pg` set them) the same tests run on PostgreSQL: each database file a test names is
 * mapped to its own fresh database, cloned from a template the test setup migrated once
 * (test/helpers/pg-template.ts), so opening one costs a CREATE DATABASE, not nine migrations.
 *
 * The mapping is a pure function of the file's path, so the test process and the CLI or host it
 * spawns (run-cli, the host fixture) open the same database for the same `--db FILE`.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';

export const PG_MODE = process.env.APPRAISAL_TEST_DB === 'postgres';
export const PG_TEMPLATE = 'appraisal_template';

export function pgServerUrl(): string {
  const url = process.env.APPRAISAL_TEST_PG_URL;
  if (!url) throw new Error('APPRAISAL_TEST_DB=postgres needs APPRAISAL_TEST_PG_URL (scripts/pg-test-server.sh start DIR prints one)');
  return url;
}

/** The server URL with another database name. */
export function pgDatabaseUrl(name: string): string {
  const url = new URL(pgServerUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** Run SQL on the server's maintenance database with psql (synchronous: run-cli is synchronous too). */
export function psql(statement: string, database = new URL(pgServerUrl()).pathname.slice(1) || 'postgres'): string {
  const result = spawnSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', pgDatabaseUrl(database), '-c', statement], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`psql failed: ${statement}\n${result.stderr}`);
  return result.stdout.trim();
}

function databaseNameFor(file: string): string {
  return `t_${createHash('sha1').update(path.resolve(file)).digest('hex').slice(0, 24)}`;
}

/**
 * What to pass as `--db` / `dbFile` for a test's database file: the file itself on SQLite; on
 * PostgreSQL the URL of the database this file maps to, created from the template the first time.
 */
export function dbTarget(file: string): string {
  if (!PG_MODE || /^postgres(ql)?:\/\//.test(file)) return file;
  const name = databaseNameFor(file);
  if (psql(`select 1 from pg_database where datname = '${name}'`) !== '1') {
    // Two processes may get here at once for the same file: the loser finds it created.
    try {
      psql(`create database ${name} template ${PG_TEMPLATE}`);
    } catch (err) {
      if (psql(`select 1 from pg_database where datname = '${name}'`) !== '1') throw err;
    }
  }
  return pgDatabaseUrl(name);
}

/** Drop the database a test file mapped to (no-op on SQLite). */
export function dropDbTarget(file: string): void {
  if (!PG_MODE) return;
  psql(`drop database if exists ${databaseNameFor(file)} with (force)`);
}

/** `--db X` arguments mapped through dbTarget (for spawning the CLI or the host). */
export function mapDbArgs(args: readonly string[]): string[] {
  return args.map((arg, i) => (i > 0 && args[i - 1] === '--db' ? dbTarget(arg) : arg));
}
