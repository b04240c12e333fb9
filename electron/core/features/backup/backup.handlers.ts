import fs from 'node:fs';
import path from 'node:path';
import type { HandlerMap } from '../../handler';
import { actorName } from '../../app-context';
import { checkDatabase } from './database-check.service';
import { backupPath, createBackup, getKeep, listBackups, restoreFromFile, setKeep } from './backup.service';

export const backupHandlers: HandlerMap<'backup:list' | 'backup:create' | 'backup:configure' | 'backup:restore' | 'backup:check'> = {
  'backup:list': async ({ app }) => ({ dir: app.paths.backupsDir, keep: await getKeep(app), backups: listBackups(app) }),
  'backup:create': async ({ app }) => {
    const backup = await createBackup(app, 'manual');
    // Staged too, so the user can save a copy anywhere (a USB stick, a network share).
    const staged = app.files.stageFromPath(path.join(app.paths.backupsDir, backup.name));
    return { backup, fileId: staged.fileId };
  },
  'backup:check': async ({ app }) => checkDatabase(app),
  'backup:configure': async ({ app, actor }, { keep }) => ({ keep: await setKeep(app, actorName(actor), keep) }),
  'backup:restore': async ({ app, actor }, input) => {
    if ('backupName' in input) return restoreFromFile(app, actorName(actor), backupPath(app, input.backupName));
    const staged = app.files.resolve(input.fileId);
    const result = await restoreFromFile(app, actorName(actor), staged.path, staged.name);
    fs.rmSync(staged.path, { force: true });
    return result;
  },
};
