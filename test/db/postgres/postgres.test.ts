import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { createAppContext } from '../../../electron/core/app-context';
import { dispatch } from '../../../electron/core/dispatch';
import { LOCAL_ADMIN } from '../../../electron/core/platform/security/local-actor';
import { verifyAuditChain } from '../../../electron/core/platform/audit/audit-log';
import { openDatabase } from '../../../electron/core/platform/db/connection';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/platform/db/migrations/index';
import { readZip } from '../../../electron/core/platform/io/zip/zip-archive';
import { cliCommand, ROOT, runCli } from '../../helpers/run-cli';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';
import { pgDatabaseUrl, psql } from '../../helpers/test-db';

/**
 * PostgreSQL's own behaviour, on a real server (APPRAISAL_TEST_PG_URL; skipped without one):
 * the schema the migrations build matches SQLite's, the audit log is append-only, two programs
 * migrating at once migrate once, and parallel writers keep the audit chain whole.
 */
const HAS_PG = Boolean(process.env.APPRAISAL_TEST_PG_URL);
const dir = makeTempDir();
const created: string[] = [];
afterAll(() => {
  for (const name of created) psql(`drop database if exists ${name} with (force)`);
  removeDir(dir);
});

/** A new, empty database (not from the template: these tests migrate it themselves). */
function emptyDatabase(): string {
  const name = `pgtest_${Math.random().toString(36).slice(2, 10)}`;
  psql(`create database ${name}`);
  created.push(name);
  return pgDatabaseUrl(name);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- reads any schema
type AnyDb = Kysely<any>;

async function sqliteColumns(db: AnyDb): Promise<string[]> {
  const tables = (
    await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite%' order by name`.execute(db)
  ).rows;
  const out: string[] = [];
  for (const { name } of tables) {
    const cols = (await sql<{ name: string; notnull: number; pk: number }>`select * from pragma_table_info(${name})`.execute(db)).rows;
    for (const c of cols) out.push(`${name}.${c.name}${c.notnull || c.pk ? ' not null' : ''}`);
  }
  return out.sort();
}

async function postgresColumns(db: AnyDb): Promise<string[]> {
  const cols = (
    await sql<{ table_name: string; column_name: string; is_nullable: string }>`select table_name, column_name, is_nullable
      from information_schema.columns where table_schema = current_schema()`.execute(db)
  ).rows;
  return cols.map((c) => `${c.table_name}.${c.column_name}${c.is_nullable === 'NO' ? ' not null' : ''}`).sort();
}

const now = () => new Date('2021-09-30T08:00:00Z');

describe.skipIf(!HAS_PG)('PostgreSQL', () => {
  it('migrations build the same tables and columns as on SQLite, and the audit log is append-only', async () => {
    const pg = await openDatabase(emptyDatabase(), { backupsDir: dir, now });
    const lite = await openDatabase(path.join(dir, 'same.sqlite'), { backupsDir: dir, now });
    try {
      expect(pg.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(await postgresColumns(pg.db)).toEqual(await sqliteColumns(lite.db));
      for (const statement of ['update audit_log set actor = actor', 'delete from audit_log', 'truncate audit_log']) {
        await expect(sql.raw(statement).execute(pg.db)).rejects.toThrow(/append-only/);
      }
      expect(await verifyAuditChain(pg.db)).toMatchObject({ ok: true, entries: 1 });
    } finally {
      await pg.db.destroy();
      await lite.db.destroy();
    }
  });

  it('two programs opening a new database at once: one migrates, the other waits, each step runs once', async () => {
    const url = emptyDatabase();
    const cli = cliCommand();
    const run = () =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(cli.command, [...cli.args, 'info', '--db', url, '--json'], { cwd: ROOT });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('exit', (code) => resolve({ code, stdout, stderr }));
      });
    const [a, b] = await Promise.all([run(), run()]);
    expect([a.code, b.code]).toEqual([0, 0]);
    for (const r of [a, b]) expect(JSON.parse(r.stdout)).toMatchObject({ schemaVersion: LATEST_SCHEMA_VERSION });
    const name = new URL(url).pathname.slice(1);
    expect(psql('select count(*), count(distinct version) from schema_migrations', name)).toBe(
      `${LATEST_SCHEMA_VERSION}|${LATEST_SCHEMA_VERSION}`,
    );
    expect(psql(`select count(*) from audit_log where action = 'standard.seed'`, name)).toBe('1');
  });

  it('two programs writing at once: nothing lost, the audit chain has no gap and no fork', async () => {
    const url = emptyDatabase();
    const first = await createAppContext({ dbFile: url, door: 'cli', now });
    const second = await createAppContext({ dbFile: url, door: 'host', now });
    try {
      const writes = (app: typeof first, label: string) =>
        Promise.all(
          Array.from({ length: 15 }, async (_, i) => {
            const result = await dispatch({ app, actor: LOCAL_ADMIN }, 'settings:update', { street: `${label}${i}` });
            expect(result.ok).toBe(true);
          }),
        );
      await Promise.all([writes(first, '甲'), writes(second, '乙')]);
      const chain = await verifyAuditChain(first.db);
      expect(chain).toMatchObject({ ok: true, entries: 31 });
      const updates = await first.db.selectFrom('audit_log').select('seq').where('action', 'like', 'settings%').execute();
      expect(updates).toHaveLength(30);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('an id typed with a lower-case x finds the person stored with X (LIKE ignores case as on SQLite)', async () => {
    const pg = await openDatabase(emptyDatabase(), { backupsDir: dir, now });
    try {
      const { containsText } = await import('../../../electron/core/platform/db/dialect');
      await sql`insert into persons (id_number, name, created_at, updated_at) values ('41110219800101123X', '王芳', 'x', 'x')`.execute(
        pg.db,
      );
      const rows = await sql<{ name: string }>`select name from persons where ${containsText('id_number', '123x')}`.execute(pg.db);
      expect(rows.rows.map((r) => r.name)).toEqual(['王芳']);
    } finally {
      await pg.db.destroy();
    }
  });

  it('APPRAISAL_DATABASE_URL opens the shared database for the CLI; the password is never shown; backup and restore', async () => {
    const url = new URL(emptyDatabase());
    url.password = 'geheim-口令';
    const info = runCli(['info', '--json'], { env: { APPRAISAL_DATABASE_URL: url.toString() } });
    expect(info.stderr).toBe('');
    const shown = JSON.parse(info.stdout) as { dbFile: string; schemaVersion: number };
    expect(shown.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(shown.dbFile).toContain(url.pathname);
    expect(info.stdout).not.toContain('geheim');
    // The backup is a logical export (a zip): a name promising a SQLite file is refused, a .zip is
    // written, and it restores onto the shared database itself.
    const wrong = runCli(['backup', '--out', path.join(dir, '共享库 备份.sqlite'), '--db', url.toString()]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/\.zip/);
    const out = path.join(dir, '共享库 备份.zip');
    const backup = runCli(['backup', '--out', out, '--db', url.toString()]);
    expect(backup.stderr).toBe('');
    const manifest = readZip(fs.readFileSync(out), {
      allowed: () => true,
      maxEntries: 500,
      maxEntryBytes: 1e9,
      maxTotalBytes: 2e9,
      refuse: (d) => new Error(d),
    }).get('manifest.json')!;
    expect(JSON.parse(manifest.toString('utf8'))).toMatchObject({ source: expect.stringContaining(url.pathname) as unknown });
    expect(manifest.toString('utf8')).not.toContain('geheim');
    const restore = runCli(['restore', out, '--db', url.toString(), '--json']);
    expect(restore.stderr).toBe('');
    expect(JSON.parse(restore.stdout)).toMatchObject({ restoredFrom: '共享库 备份.zip', schemaVersion: LATEST_SCHEMA_VERSION });
    expect(runCli(['audit', 'verify', '--db', url.toString(), '--json']).code).toBe(0);
  });
});
