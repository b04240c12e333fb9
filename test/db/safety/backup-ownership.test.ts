import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../../electron/core/app-context';
import { backupsDirFor } from '../../../electron/core/platform/paths';
import { createBackup, dailyBackupIfDue, listBackups, setKeep } from '../../../electron/core/features/backup/backup.service';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';

/**
 * Two databases in one folder (the CLI's --db makes this ordinary: 考评2021.sqlite beside the
 * desktop app's appraisal.sqlite): each lists, prunes and schedules only its own backups.
 */
const dir = makeTempDir();
const opened: AppContext[] = [];
afterAll(async () => {
  for (const app of opened) await app.close();
  removeDir(dir);
});

async function open(name: string, clock: () => Date): Promise<AppContext> {
  const app = await createAppContext({ dbFile: path.join(dir, name), door: 'cli', now: clock });
  opened.push(app);
  // dailyBackupIfDue skips an empty database: give it a user.
  await app.db
    .insertInto('users')
    .values({
      username: `u-${opened.length}`,
      display_name: '管理员',
      role: 'admin',
      password_hash: 'x',
      password_salt: 'x',
      created_at: clock().toISOString(),
      updated_at: clock().toISOString(),
    } as never)
    .execute();
  return app;
}

describe('backups belong to one database', () => {
  it('never lists, prunes or counts another database’s backups', async () => {
    let t = new Date('2021-09-30T08:00:00Z');
    const clock = () => t;
    const main = await open('appraisal.sqlite', clock);
    const other = await open('考评2021.sqlite', clock);
    expect(main.paths.backupsDir).not.toBe(other.paths.backupsDir);
    expect(backupsDirFor(path.join(dir, 'appraisal.sqlite'))).toBe(path.join(dir, 'backups'));

    const mine: string[] = [];
    for (let i = 0; i < 3; i++) {
      t = new Date(t.getTime() + 60_000);
      mine.push((await createBackup(main, 'manual')).name);
    }
    expect(listBackups(other)).toEqual([]);
    t = new Date(t.getTime() + 60_000);
    const theirs = (await createBackup(other, 'manual')).name;
    expect(
      listBackups(main)
        .map((b) => b.name)
        .sort(),
    ).toEqual(mine.sort());
    expect(listBackups(other).map((b) => b.name)).toEqual([theirs]);

    // The same day's daily backup of one database does not stand in for the other's.
    expect(await dailyBackupIfDue(main)).not.toBeNull();
    expect(await dailyBackupIfDue(other)).not.toBeNull();

    // Pruning one database keeps the other's backups.
    await setKeep(other, 'admin', 1);
    expect(listBackups(other)).toHaveLength(1);
    expect(listBackups(main)).toHaveLength(4);
    for (const name of [...mine]) expect(fs.existsSync(path.join(main.paths.backupsDir, name))).toBe(true);
  });
});
