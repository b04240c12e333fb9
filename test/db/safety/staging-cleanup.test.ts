import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../../electron/core/app-context';
import { createFileStaging, STAGED_MAX_AGE_MS } from '../../../electron/core/platform/files/file-staging';
import { systemHandlers } from '../../../electron/core/features/system/system.handlers';
import { backupHandlers } from '../../../electron/core/features/backup/backup.handlers';
import { AppError } from '../../../shared/ipc/errors';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';

/** staging/ holds copies with ID numbers and whole databases: nothing lingers. */
const dir = makeTempDir();
afterAll(() => removeDir(dir));

function age(file: string, ms: number): void {
  const t = new Date(Date.now() - ms);
  fs.utimesSync(file, t, t);
}

describe('the staging folder is cleaned', () => {
  it('sweeps left-overs older than a day when staging starts, and keeps another process’s fresh files', () => {
    const staging = path.join(dir, 'sweep', 'staging');
    fs.mkdirSync(staging, { recursive: true });
    const old = path.join(staging, '11111111-1111-1111-1111-111111111111.xlsx');
    const fresh = path.join(staging, '22222222-2222-2222-2222-222222222222.xlsx');
    fs.writeFileSync(old, '411102199001011234');
    fs.writeFileSync(fresh, 'in use by the desktop app');
    age(old, STAGED_MAX_AGE_MS + 60_000);
    age(fresh, 60_000);
    createFileStaging(staging);
    expect(fs.readdirSync(staging)).toEqual([path.basename(fresh)]);
  });

  it('releases a used file and removes everything the session staged when it closes', async () => {
    const db = path.join(dir, 'session', 'appraisal.sqlite');
    const src = path.join(dir, '名册.xlsx');
    fs.writeFileSync(src, 'roster bytes');
    const app = await createAppContext({ dbFile: db, door: 'cli' });
    const a = app.files.stageFromPath(src);
    const b = app.files.stageBytes('上传.xlsx', Buffer.from('upload'));
    const out = app.files.createOutput('导出.xlsx');
    fs.writeFileSync(out.path, 'export');
    app.files.release(a.fileId);
    expect(() => app.files.resolve(a.fileId)).toThrow(AppError);
    expect(fs.readdirSync(app.paths.stagingDir).sort()).toEqual([`${b.fileId}.xlsx`, `${out.fileId}.xlsx`].sort());
    await app.close();
    expect(fs.readdirSync(app.paths.stagingDir)).toEqual([]);
  });

  it('a backup staged for saving is gone once saved (no whole database copy lingers)', async () => {
    const db = path.join(dir, 'saved', 'appraisal.sqlite');
    const target = path.join(dir, 'U盘', '备份.sqlite');
    const app = await createAppContext({
      dbFile: db,
      door: 'electron',
      abilities: {
        saveFileAs: async (source: string) => {
          fs.mkdirSync(path.dirname(target), { recursive: true });
          fs.copyFileSync(source, target);
          return target;
        },
      },
    });
    try {
      const ctx = { app, actor: null } as never;
      const made = await backupHandlers['backup:create'](ctx, {} as never);
      expect(fs.readdirSync(app.paths.stagingDir)).toHaveLength(1);
      await systemHandlers['files:saveAs'](ctx, { fileId: made.fileId, suggestedName: '备份.sqlite' } as never);
      expect(fs.existsSync(target)).toBe(true);
      expect(fs.readdirSync(app.paths.stagingDir)).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
