import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliCommand, ROOT } from './run-cli';
import { PG_MODE, PG_TEMPLATE, pgDatabaseUrl, psql } from './test-db';

function dropTestDatabases(): void {
  const names = psql(`select datname from pg_database where datname like 't\\_%' or datname = '${PG_TEMPLATE}'`)
    .split('\n')
    .filter(Boolean);
  for (const name of names) psql(`drop database if exists ${name} with (force)`);
}

/**
 * Test setup in PostgreSQL mode (see test-db.ts): a fresh template database migrated once by the
 * real CLI, which every test's database is then cloned from. Teardown drops them all.
 */
export default function pgTemplate(): (() => void) | void {
  if (!PG_MODE) return;
  dropTestDatabases();
  psql(`create database ${PG_TEMPLATE}`);
  // The local folders of PostgreSQL databases (staging, backups) go to a temp folder, not the home folder.
  const dataDir = process.env.APPRAISAL_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'appraisal-pg-data-'));
  process.env.APPRAISAL_DATA_DIR = dataDir;
  const cli = cliCommand();
  execFileSync(cli.command, [...cli.args, 'info', '--db', pgDatabaseUrl(PG_TEMPLATE)], { cwd: ROOT, stdio: 'pipe' });
  return () => {
    dropTestDatabases();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
