import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/connection';
import { integrityCheck } from '../../electron/core/db/dialect';
import { verifyAuditChain } from '../../electron/core/audit/audit-log';
import { makeTempDir, removeDir } from '../helpers/temp-dir';

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
      const rows = Array.from({ length: Math.min(100, filler - i) }, (_, k) => ({ key: `filler.${i + k}`, value: FILLER, updated_at: now().toISOString() }));
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
    const n = await opened.db.selectFrom('settings').select((eb) => eb.fn.countAll<number>().as('n')).where('key', 'like', 'filler.%').executeTakeFirst();
    return { street, filler: Number(n?.n ?? 0) };
  } finally {
    await opened.db.destroy();
  }
}

/**
 * Run the CLI with node directly (not through the tsx launcher, which would survive as a parent
 * while its child kept running) and SIGKILL it as soon as `when()` holds.
 */
function runAndKill(args: string[], when: () => boolean): Promise<'killed' | 'finished'> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'electron/cli/main.ts'), ...args], { cwd: root, stdio: 'ignore' });
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
    ['after the files were swapped, while reopening', (db) => !exists(`${db}.restoring`) && backupsOf(db).some((f) => f.startsWith('恢复前备份-') && f.endsWith('.sqlite'))],
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
