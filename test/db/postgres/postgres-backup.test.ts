import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createAppContext } from '../../../electron/core/app-context';
import { dispatch } from '../../../electron/core/dispatch';
import { readZip, writeZip } from '../../../electron/core/platform/io/zip/zip-archive';
import { openDatabase } from '../../../electron/core/platform/db/connection';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/core/platform/db/migrations/index';
import { exportLogicalBackup } from '../../../electron/core/platform/db/logical-backup';
import { LOCAL_ADMIN } from '../../../electron/core/platform/security/local-actor';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/errors';
import type { TestApp } from '../../helpers/app-fixture';
import { advanceTo, completeForms, seedCommunities } from '../../helpers/round-seed';
import { runCli } from '../../helpers/run-cli';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';
import { pgDatabaseUrl, psql } from '../../helpers/test-db';

/**
 * The in-app backup of a PostgreSQL database (a verified zip of JSON per table), restore from it
 * onto PostgreSQL and SQLite, and `check` on PostgreSQL — on a real server (APPRAISAL_TEST_PG_URL;
 * skipped without one).
 */
const HAS_PG = Boolean(process.env.APPRAISAL_TEST_PG_URL);
const dir = makeTempDir();
const created: string[] = [];
const apps: TestApp[] = [];
afterAll(async () => {
  for (const t of apps) await t.app.close().catch(() => undefined);
  for (const name of created) psql(`drop database if exists ${name} with (force)`);
  removeDir(dir);
});

function emptyDatabase(): string {
  const name = `pgbak_${Math.random().toString(36).slice(2, 10)}`;
  psql(`create database ${name}`);
  created.push(name);
  return pgDatabaseUrl(name);
}

/** An app context on a new PostgreSQL database (its local folders under the temp dir). */
async function pgApp(): Promise<TestApp> {
  process.env.APPRAISAL_DATA_DIR = dir;
  const url = emptyDatabase();
  const app = await createAppContext({ dbFile: url, door: 'cli' });
  const t: TestApp = {
    app,
    dir,
    dbFile: url,
    ctx: (actor = LOCAL_ADMIN) => ({ app: t.app, actor }),
    async call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
      const envelope = await dispatch(t.ctx(), channel, input);
      if (!envelope.ok) throw new AppError(envelope.error.code, envelope.error.message, envelope.error.details);
      return envelope.value as never;
    },
    dispose: () => t.app.close(),
  };
  apps.push(t);
  return t;
}

async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const tables = (
    await sql<{
      name: string;
    }>`select relname as name from pg_class where relnamespace = current_schema()::regnamespace and relkind = 'r' order by 1`.execute(
      t.app.db,
    )
  ).rows;
  const out: Record<string, number> = {};
  for (const { name } of tables)
    out[name] = Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(t.app.db)).rows[0]?.n);
  return out;
}

/** A database with a finalized quarter of three communities. */
async function quarter(): Promise<TestApp> {
  const t = await pgApp();
  const ids = await seedCommunities(t);
  await t.call('rounds:create', { year: 2021, quarter: 3 });
  await completeForms(t, '2021Q3', ids);
  await advanceTo(t, '2021Q3', 'finalized');
  return t;
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e as AppError,
  );
  expect(err, 'expected a refusal').not.toBeNull();
  return err as AppError;
}

describe.skipIf(!HAS_PG)('PostgreSQL backup and restore (logical export)', () => {
  let source: TestApp;
  let zipFile: string;

  it('a backup is a zip with a manifest and one JSON file per table, each with its row count and sha256; the list shows it', async () => {
    source = await quarter();
    const { backup } = await source.call('backup:create', {});
    expect(backup.name).toMatch(/^手动备份-.*\.zip$/);
    zipFile = path.join(source.app.paths.backupsDir, backup.name);
    const files = readZip(fs.readFileSync(zipFile), {
      allowed: () => true,
      maxEntries: 500,
      maxEntryBytes: 1e9,
      maxTotalBytes: 2e9,
      refuse: (d) => new Error(d),
    });
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as {
      format: string;
      schemaVersion: number;
      source: string;
      tables: { name: string; file: string; rows: number }[];
    };
    expect(manifest).toMatchObject({ format: 'community-appraisal-logical-backup', schemaVersion: LATEST_SCHEMA_VERSION });
    expect(manifest.source).toContain('postgres://');
    const counts = await rowCounts(source);
    expect(Object.fromEntries(manifest.tables.map((t) => [t.name, t.rows]))).toEqual(counts);
    expect(counts.score_items).toBeGreaterThan(0);
    const audit = JSON.parse(files.get('audit_log.json')!.toString('utf8')) as { columns: string[]; rows: unknown[][] };
    const seqs = audit.rows.map((r) => r[audit.columns.indexOf('seq')] as number);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect((await source.call('backup:list', {})).backups.map((b) => b.name)).toContain(backup.name);
    // No half-written file is left beside it.
    expect(fs.readdirSync(source.app.paths.backupsDir).filter((n) => n.includes('partial'))).toEqual([]);
  });

  it('restores into a new empty database: same rows per table, the audit chain verifies, the same results', async () => {
    const target = await pgApp();
    const staged = target.app.files.stageFromPath(zipFile);
    const result = await target.call('backup:restore', { fileId: staged.fileId });
    expect(result.safetyBackup).toMatch(/^恢复前备份-.*\.zip$/);
    const want = await rowCounts(source);
    const got = await rowCounts(target);
    // The restore itself is logged in the restored database.
    expect(got).toEqual({ ...want, audit_log: want.audit_log! + 1 });
    expect((await target.call('backup:check', {})).ok).toBe(true);
    expect(await target.call('rounds:results', { roundId: '2021Q3' })).toEqual(await source.call('rounds:results', { roundId: '2021Q3' }));
    // New rows get new ids (the sequences follow the restored ids).
    await target.call('rounds:create', { year: 2021, quarter: 4 });
    expect((await target.call('backup:check', {})).audit.ok).toBe(true);
  });

  /** The zip's entries, changed by `edit`, written back as a new file. */
  function tampered(name: string, edit: (files: Map<string, Buffer>) => void): string {
    const files = readZip(fs.readFileSync(zipFile), {
      allowed: () => true,
      maxEntries: 500,
      maxEntryBytes: 1e9,
      maxTotalBytes: 2e9,
      refuse: (d) => new Error(d),
    });
    edit(files);
    const out = path.join(dir, name);
    fs.writeFileSync(out, writeZip([...files].map(([n, data]) => ({ name: n, data }))));
    return out;
  }

  const manifestOf = (files: Map<string, Buffer>) =>
    JSON.parse(files.get('manifest.json')!.toString('utf8')) as {
      schemaVersion: number;
      tables: { name: string; file: string; rows: number; sha256: string }[];
    };
  const setManifest = (files: Map<string, Buffer>, m: unknown) => files.set('manifest.json', Buffer.from(JSON.stringify(m)));

  it('a zip with one byte changed, a table file removed, a newer schema version or an extra table is refused; nothing changes', async () => {
    const target = await quarter();
    await target.call('rounds:create', { year: 2021, quarter: 4 });
    const before = await rowCounts(target);
    const backupsBefore = (await target.call('backup:list', {})).backups.length;
    const oneByte = fs.readFileSync(zipFile);
    // A byte inside the stored data of the first entry (the manifest): the CRC catches it.
    oneByte[60] = oneByte[60]! ^ 0xff;
    const cases: [string, string, RegExp][] = [
      [path.join(dir, '一字节.zip'), '', /已损坏|校验不符|无法解压/],
      [tampered('少一个表.zip', (f) => f.delete('score_items.json')), '', /缺少表「score_items」的数据文件/],
      [
        tampered('新版本.zip', (f) => setManifest(f, { ...manifestOf(f), schemaVersion: LATEST_SCHEMA_VERSION + 1 })),
        'DB_NEWER_VERSION',
        /更新版本/,
      ],
      [
        tampered('多一个表.zip', (f) => {
          const m = manifestOf(f);
          const data = Buffer.from(JSON.stringify({ table: 'evil', columns: ['x'], rows: [] }));
          f.set('evil.json', data);
          m.tables.push({ name: 'evil', file: 'evil.json', rows: 0, sha256: createHash('sha256').update(data).digest('hex') });
          setManifest(f, m);
        }),
        '',
        /未知的表「evil」/,
      ],
      [
        tampered('改了分数.zip', (f) => {
          const text = f.get('score_items.json')!.toString('utf8');
          const changed = text.replace('"2021Q3"', '"2021Q4"');
          expect(changed).not.toBe(text);
          f.set('score_items.json', Buffer.from(changed));
        }),
        '',
        /sha256/,
      ],
    ];
    fs.writeFileSync(cases[0]![0], oneByte);
    for (const [file, code, message] of cases) {
      const staged = target.app.files.stageFromPath(file);
      const err = await refusal(target.call('backup:restore', { fileId: staged.fileId }));
      expect(err.message, path.basename(file)).toMatch(message);
      expect(err.code).toBe(code || 'DB_INVALID');
      expect(err.message).toMatch(message);
      expect(err.message).toContain('数据未改变');
    }
    expect(await rowCounts(target)).toEqual(before);
    // Refused before the before-restore backup: nothing was written for a file that is refused.
    expect((await target.call('backup:list', {})).backups.length).toBe(backupsBefore);
  });

  it('a zip whose rows were changed and re-signed with fresh checksums is refused by the audit chain', async () => {
    const target = await pgApp();
    const file = tampered('改日志.zip', (f) => {
      const m = manifestOf(f);
      const audit = JSON.parse(f.get('audit_log.json')!.toString('utf8')) as { columns: string[]; rows: unknown[][] };
      const actor = audit.columns.indexOf('actor');
      audit.rows[1]![actor] = 'mallory';
      const data = Buffer.from(JSON.stringify(audit));
      f.set('audit_log.json', data);
      m.tables.find((t) => t.name === 'audit_log')!.sha256 = createHash('sha256').update(data).digest('hex');
      setManifest(f, m);
    });
    const before = await rowCounts(target);
    const err = await refusal(target.call('backup:restore', { fileId: target.app.files.stageFromPath(file).fileId }));
    expect(err.message).toMatch(/操作日志校验未通过/);
    expect(await rowCounts(target)).toEqual(before);
  });

  it('restore over a database with other data: a before-restore backup first, then exactly the backup’s rows', async () => {
    const target = await pgApp();
    await seedCommunities(target, ['别的社区']);
    await target.call('rounds:create', { year: 2022, quarter: 1 });
    const result = await target.call('backup:restore', { fileId: target.app.files.stageFromPath(zipFile).fileId });
    const safety = path.join(target.app.paths.backupsDir, result.safetyBackup);
    expect(fs.existsSync(safety)).toBe(true);
    const rounds = await sql<{ id: string }>`select id from rounds order by id`.execute(target.app.db);
    expect(rounds.rows.map((r) => r.id)).toEqual(['2021Q3']);
    const names = await sql<{ name: string }>`select name from communities order by id`.execute(target.app.db);
    expect(names.rows.map((r) => r.name)).toEqual(['龙塔社区', '沙北社区', '受降社区']);
    expect((await target.call('backup:check', {})).ok).toBe(true);
    // The append-only guards are back on.
    await expect(sql`delete from audit_log`.execute(target.app.db)).rejects.toThrow(/append-only/);
    // And the safety backup brings the other data back.
    await target.call('backup:restore', { backupName: result.safetyBackup });
    const back = await sql<{ id: string }>`select id from rounds order by id`.execute(target.app.db);
    expect(back.rows.map((r) => r.id)).toEqual(['2022Q1']);
  });

  it('a restore that fails half-way (a value PostgreSQL refuses) rolls back all of it: rows, foreign keys and append-only guards', async () => {
    // A SQLite backup of ours whose text holds a NUL character: SQLite keeps it, PostgreSQL refuses it
    // only when that row is inserted, after the other tables were already replaced.
    const file = path.join(dir, '含空字符.sqlite');
    const lite = await openDatabase(file, { backupsDir: dir, now: () => new Date() });
    await sql`insert into settings (key, value, updated_at) values ('test.nul', ${'龙塔\u0000街道'}, 'x')`.execute(lite.db);
    await lite.db.destroy();
    const target = await quarter();
    const keys = async () =>
      (
        await sql<{
          n: number;
        }>`select count(*) as n from pg_constraint where contype = 'f' and connamespace = current_schema()::regnamespace`.execute(
          target.app.db,
        )
      ).rows[0]?.n;
    const before = { rows: await rowCounts(target), keys: await keys() };
    const err = await refusal(target.call('backup:restore', { fileId: target.app.files.stageFromPath(file).fileId }));
    expect(err.message).toMatch(/恢复失败，数据库未改变/);
    expect({ rows: await rowCounts(target), keys: await keys() }).toEqual(before);
    expect(Number(before.keys)).toBeGreaterThan(0);
    await expect(sql`delete from audit_log`.execute(target.app.db)).rejects.toThrow(/append-only/);
    expect((await target.call('backup:check', {})).ok).toBe(true);
  });

  it('a backup from an older version is brought up to date by the migrations on restore', async () => {
    const url = emptyDatabase();
    const older = await openDatabase(url, {
      backupsDir: dir,
      now: () => new Date(),
      migrations: MIGRATIONS.filter((m) => m.version < LATEST_SCHEMA_VERSION),
    });
    const file = path.join(dir, '旧版本.zip');
    try {
      fs.writeFileSync(file, await exportLogicalBackup(older.db, { createdAt: new Date(), source: 'old' }));
    } finally {
      await older.db.destroy();
    }
    // Opening it with this version migrates, after a 升级前备份 (a zip that restores like any other).
    const upgraded = await openDatabase(url, { backupsDir: path.join(dir, '升级'), now: () => new Date() });
    await upgraded.db.destroy();
    expect(upgraded.preMigrationBackup).toMatch(/升级前备份-v\d+-.*\.zip$/);
    expect(fs.readdirSync(path.join(dir, '升级'))).toEqual([path.basename(upgraded.preMigrationBackup!)]);
    const target = await pgApp();
    const result = await target.call('backup:restore', { fileId: target.app.files.stageFromPath(file).fileId });
    expect(result.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    await target.call('backup:restore', { fileId: target.app.files.stageFromPath(upgraded.preMigrationBackup!).fileId });
    const versions = await sql<{ v: number }>`select max(version) as v from schema_migrations`.execute(target.app.db);
    expect(versions.rows[0]?.v).toBe(LATEST_SCHEMA_VERSION);
    expect(await target.call('backup:check', {})).toMatchObject({ ok: true, schema: [] });
  });

  it('CLI: backup --out F.zip and restore F.zip onto PostgreSQL and onto a local SQLite file', async () => {
    const url = emptyDatabase();
    const out = path.join(dir, '共享库 备份.zip');
    const made = runCli(['backup', '--out', out, '--db', source.dbFile]);
    expect(made.stderr).toBe('');
    const onto = runCli(['restore', out, '--db', url, '--json']);
    expect(onto.stderr).toBe('');
    expect(runCli(['check', '--db', url]).code).toBe(0);
    const local = path.join(dir, '单机', 'appraisal.sqlite');
    const toFile = runCli(['restore', out, '--db', local, '--json']);
    expect(toFile.stderr).toBe('');
    const results = runCli(['audit', 'verify', '--db', local, '--json']);
    expect(results.code).toBe(0);
    expect(runCli(['check', '--db', local]).code).toBe(0);
  });
});

describe.skipIf(!HAS_PG)('check on PostgreSQL', () => {
  it('is ok on a good database and names a planted trigger and a changed column as schema problems; it leaves no scratch schema', async () => {
    const t = await quarter();
    const good = await t.call('backup:check', {});
    expect(good).toMatchObject({ ok: true, integrity: [], foreignKeyProblems: 0, schema: [] });
    expect(good.audit.ok).toBe(true);
    await sql.raw(`create function evil_fn() returns trigger language plpgsql as $$ begin return new; end $$`).execute(t.app.db);
    await sql.raw(`create trigger evil after insert on score_items for each row execute function evil_fn()`).execute(t.app.db);
    await sql.raw(`alter table communities alter column households type numeric`).execute(t.app.db);
    const bad = await t.call('backup:check', {});
    expect(bad.ok).toBe(false);
    expect(bad.schema).toEqual(
      expect.arrayContaining(['多出的触发器「score_items.evil」', '多出的函数「evil_fn」', '列「communities.households」的定义被修改']),
    );
    const cli = runCli(['check', '--db', t.dbFile]);
    expect(cli.code).toBe(3);
    expect(cli.stdout).toMatch(/数据库结构：发现 \d+ 处不符：.*score_items\.evil/);
    const schemas = await sql<{ n: number }>`select count(*) as n from pg_namespace where nspname like 'appraisal_check_%'`.execute(
      t.app.db,
    );
    expect(Number(schemas.rows[0]?.n)).toBe(0);
  });

  it('finds a row whose parent is missing (forced past the foreign keys)', async () => {
    const t = await quarter();
    // Only a superuser can switch off the foreign keys' own triggers (the test server's user is one).
    await sql.raw(`alter table streets disable trigger all`).execute(t.app.db);
    await sql.raw(`delete from streets`).execute(t.app.db);
    await sql.raw(`alter table streets enable trigger all`).execute(t.app.db);
    const r = await t.call('backup:check', {});
    expect(r.foreignKeyProblems).toBeGreaterThan(0);
    expect(r.ok).toBe(false);
  });
});
