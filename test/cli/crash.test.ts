import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/platform/db/connection';
import { integrityCheck } from '../../electron/core/platform/db/dialect';
import { verifyAuditChain } from '../../electron/core/platform/audit/audit-log';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import ExcelJS from '../../electron/core/platform/io/excel/exceljs';
import { createAppContext } from '../../electron/core/app-context';
import { dispatch } from '../../electron/core/dispatch';
import { LOCAL_ADMIN } from '../../electron/core/platform/security/local-actor';
import { makeRosterFixtures, workerRow } from '../fixtures/make-roster-fixtures';
import { FIXTURE_STREET } from '../fixtures/roster-data';

/**
 * Crash safety: the CLI is killed with SIGKILL (no cleanup, like a power cut or a killed process)
 * at several points of a long operation. Afterwards the database must open, pass integrity_check
 * and hold either all or none of the interrupted operation.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = makeTempDir();
afterAll(() => removeDir(dir));
const now = () => new Date('2021-09-30T08:00:00Z');

const FILLER_ROWS = 1500;
const FILLER = 'x'.repeat(40_000);

/** A database of ours with a street name and, optionally, ~60 MB of filler rows. */
async function makeDatabase(file: string, street: string, filler: number): Promise<void> {
  const opened = await openDatabase(file, { backupsDir: path.join(path.dirname(file), 'backups'), now });
  await opened.db.transaction().execute(async (trx) => {
    await trx.insertInto('settings').values({ key: 'unit.street', value: street, updated_at: now().toISOString() }).execute();
    for (let i = 0; i < filler; i += 100) {
      const rows = Array.from({ length: Math.min(100, filler - i) }, (_, k) => ({
        key: `filler.${i + k}`,
        value: FILLER,
        updated_at: now().toISOString(),
      }));
      await trx.insertInto('settings').values(rows).execute();
    }
  });
  await opened.db.destroy();
}

/** Street and filler count of a database after the crash; it must open and be sound. */
async function inspect(file: string): Promise<{ street: string | undefined; filler: number }> {
  const opened = await openDatabase(file, { backupsDir: path.join(path.dirname(file), 'backups'), now });
  try {
    expect(await integrityCheck(opened.db)).toEqual([]);
    expect((await verifyAuditChain(opened.db)).ok).toBe(true);
    const street = (await opened.db.selectFrom('settings').select('value').where('key', '=', 'unit.street').executeTakeFirst())?.value;
    const n = await opened.db
      .selectFrom('settings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('key', 'like', 'filler.%')
      .executeTakeFirst();
    return { street, filler: Number(n?.n ?? 0) };
  } finally {
    await opened.db.destroy();
  }
}

/**
 * Run the bundled CLI with node directly (no launcher process that would survive as a parent
 * while its child kept running) and SIGKILL it as soon as `when()` holds.
 */
function runAndKill(args: string[], when: () => boolean): Promise<'killed' | 'finished'> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'dist/cli/cli.mjs'), ...args], { cwd: root, stdio: 'ignore' });
    let killed = false;
    const timer = setInterval(() => {
      if (!killed && when()) {
        killed = child.kill('SIGKILL');
      }
    }, 2);
    child.on('exit', () => {
      clearInterval(timer);
      resolve(killed ? 'killed' : 'finished');
    });
  });
}

const exists = (file: string) => fs.existsSync(file);
const backupsOf = (db: string) => {
  const backups = path.join(path.dirname(db), 'backups');
  return exists(backups) ? fs.readdirSync(backups) : [];
};

describe('SIGKILL during a restore leaves the old or the new database, whole', { timeout: 600_000 }, () => {
  const source = path.join(dir, '源备份', '备份.sqlite');

  const points: [string, (db: string) => boolean][] = [
    ['while the chosen file is copied in', (db) => exists(`${db}.restoring`)],
    ['while the safety backup is written', (db) => backupsOf(db).some((f) => f.endsWith('.partial'))],
    ['just after the safety backup', (db) => backupsOf(db).some((f) => f.startsWith('恢复前备份') && f.endsWith('.sqlite'))],
    [
      'after the files were swapped, while reopening',
      (db) => !exists(`${db}.restoring`) && backupsOf(db).some((f) => f.startsWith('恢复前备份-') && f.endsWith('.sqlite')),
    ],
  ];

  it('at every point', async () => {
    fs.mkdirSync(path.dirname(source), { recursive: true });
    await makeDatabase(source, '新街道', FILLER_ROWS);
    const outcomes: string[] = [];
    for (const [index, [label, when]] of points.entries()) {
      const db = path.join(dir, `第${index + 1}次`, 'appraisal.sqlite');
      fs.mkdirSync(path.dirname(db), { recursive: true });
      // The current database is large too, so writing its safety backup takes a moment.
      await makeDatabase(db, '旧街道', FILLER_ROWS / 2);
      const outcome = await runAndKill(['restore', source, '--db', db], () => when(db));
      const state = await inspect(db);
      outcomes.push(`${label}: ${outcome}, street ${state.street}`);
      if (state.street === '新街道') expect(state.filler, label).toBe(FILLER_ROWS);
      else {
        expect(state.street, label).toBe('旧街道');
        expect(state.filler, label).toBe(FILLER_ROWS / 2);
      }
      // A half-written safety backup is never left under a backup's name.
      for (const name of backupsOf(db).filter((f) => f.endsWith('.sqlite'))) {
        const copy = await inspect(path.join(path.dirname(db), 'backups', name));
        expect(copy.street, name).toBe('旧街道');
      }
    }
    // The kills really happened part-way (not after the command had finished).
    expect(outcomes.filter((o) => o.includes('killed')).length, outcomes.join('\n')).toBeGreaterThanOrEqual(3);
  });
});

describe('SIGKILL during a roster import leaves all of it or none of it', { timeout: 900_000 }, () => {
  const WORKERS = 20_000;
  const HEADER = [
    '序号',
    '姓名',
    '身份证号',
    '性别',
    '出生年月',
    '政治面貌',
    '学历',
    '所在社区',
    '岗位类别',
    '岗位等级',
    '参加社区工作时间',
    '联系电话',
  ];

  /** A database with the fixture communities, where the workers can be imported. */
  async function seeded(db: string, communities: string): Promise<void> {
    const app = await createAppContext({ dbFile: db, door: 'cli' });
    const ctx = { app, actor: LOCAL_ADMIN };
    await dispatch(ctx, 'settings:update', { street: FIXTURE_STREET });
    const staged = app.files.stageFromPath(communities);
    const started = await dispatch(ctx, 'roster:import', {
      roster: 'communities',
      fileId: staged.fileId,
      strict: false,
      dryRun: false,
      sheetName: null,
    });
    if (!started.ok) throw new Error(started.error.message);
    const done = await app.jobs.wait((started.value as { jobId: string }).jobId);
    expect(done.state).toBe('done');
    await app.close();
  }

  async function workerCount(db: string): Promise<number> {
    await inspect(db);
    const app = await createAppContext({ dbFile: db, door: 'cli' });
    const overview = await dispatch({ app, actor: LOCAL_ADMIN }, 'roster:overview', {});
    await app.close();
    if (!overview.ok) throw new Error(overview.error.message);
    return (overview.value as { counts: Record<string, number> }).counts.workers ?? -1;
  }

  const walSize = (db: string) => (exists(`${db}-wal`) ? fs.statSync(`${db}-wal`).size : 0);
  const points: [string, (db: string) => boolean][] = [
    [
      'right after the automatic backup before the import',
      (db) => backupsOf(db).some((f) => f.startsWith('导入前备份') && f.endsWith('.sqlite')),
    ],
    ['early in the write (WAL over 1 MB)', (db) => walSize(db) > 1024 * 1024],
    ['late in the write (WAL over 6 MB)', (db) => walSize(db) > 6 * 1024 * 1024],
  ];

  it('at several points', async () => {
    const fixtures = path.join(dir, '名册样例');
    await makeRosterFixtures(fixtures);
    const file = path.join(dir, `社区工作者 ${WORKERS} 人.xlsx`);
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
    const ws = writer.addWorksheet('社区工作者');
    ws.addRow(HEADER).commit();
    for (let i = 0; i < WORKERS; i++) ws.addRow(workerRow(i) as unknown[]).commit();
    ws.commit();
    await writer.commit();

    const outcomes: string[] = [];
    for (const [index, [label, when]] of points.entries()) {
      const db = path.join(dir, `导入 第${index + 1}次`, 'appraisal.sqlite');
      await seeded(db, path.join(fixtures, 'communities.xlsx'));
      const outcome = await runAndKill(['import', 'workers', file, '--db', db], () => when(db));
      const count = await workerCount(db);
      outcomes.push(`${label}: ${outcome}, ${count} workers`);
      expect([0, WORKERS], `${label}: ${outcome}`).toContain(count);
    }
    expect(outcomes.filter((o) => o.includes('killed')).length, outcomes.join('\n')).toBeGreaterThanOrEqual(2);
  });
});
