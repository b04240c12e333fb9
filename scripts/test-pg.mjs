// `npm run test:pg`: the database, CLI and host suites a second time, on PostgreSQL
// (test/helpers/test-db.ts). Needs APPRAISAL_TEST_PG_URL (`.ci/run` starts a server and sets it;
// `scripts/pg-test-server.sh start DIR` prints one); without it the run is skipped, so a
// developer without PostgreSQL still runs everything on SQLite.
import { spawnSync } from 'node:child_process';

if (!process.env.APPRAISAL_TEST_PG_URL) {
  console.log('test:pg skipped: APPRAISAL_TEST_PG_URL is not set (scripts/pg-test-server.sh start DIR prints one).');
  process.exit(0);
}

// Suites about the SQLite file itself (copies, WAL, locks, file swaps, crash recovery on the
// file): PostgreSQL has none of it; its own behaviour is tested in test/db/postgres.
const SQLITE_FILE_ONLY = [
  'test/db/core/migrations.test.ts',
  'test/db/core/migration-discipline.test.ts',
  'test/db/safety/backup.test.ts',
  'test/db/safety/backup-ownership.test.ts',
  'test/db/safety/restore-guard.test.ts',
  'test/db/safety/busy-database.test.ts',
  'test/db/safety/staging-cleanup.test.ts',
  'test/cli/crash.test.ts',
  'test/cli/restore-holders.cli.test.ts',
  'test/cli/safety-cli.test.ts',
  // Tamper with the SQLite file (the anchor's own tests). On PostgreSQL: test/db/postgres.
  'test/db/safety/audit-anchor.test.ts',
];

const args = ['vitest', 'run', ...process.argv.slice(2)];
if (process.argv.length <= 2) args.push('test/db', 'test/cli', 'test/host');
for (const file of SQLITE_FILE_ONLY) args.push('--exclude', file);
const result = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, APPRAISAL_TEST_DB: 'postgres' } });
process.exit(result.status ?? 1);
