import os from 'node:os';
import path from 'node:path';

/** Folder name under the OS's per-user application data folder. */
export const DATA_FOLDER_NAME = 'CommunityAppraisalDesk';
export const DB_FILE_NAME = 'appraisal.sqlite';

export interface AppPaths {
  dataDir: string;
  dbFile: string;
  stagingDir: string;
  backupsDir: string;
  attachmentsDir: string;
}

/**
 * The per-user data folder the desktop app uses (Electron's main sets userData to it, so the
 * CLI and browser host default to the very same database file).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.APPRAISAL_DATA_DIR) return env.APPRAISAL_DATA_DIR;
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), DATA_FOLDER_NAME);
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', DATA_FOLDER_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), DATA_FOLDER_NAME);
}

/**
 * Backups belong to one database. Several databases may share a folder (考评2021.sqlite and
 * 考评2022.sqlite opened with --db), so each keeps its backups in its own sub-folder named after
 * it; the desktop app's own database keeps the plain backups folder it always had.
 */
export function backupsDirFor(dbFile: string): string {
  const dataDir = path.dirname(path.resolve(dbFile));
  const name = path.basename(dbFile);
  if (name === DB_FILE_NAME) return path.join(dataDir, 'backups');
  const stem = name.replace(/\.[^.]*$/, '') || name;
  return path.join(dataDir, 'backups', stem);
}

/** Everything lives beside the database file: backups, staged files, attachments. */
export function pathsForDb(dbFile: string): AppPaths {
  const resolved = path.resolve(dbFile);
  const dataDir = path.dirname(resolved);
  return {
    dataDir,
    dbFile: resolved,
    stagingDir: path.join(dataDir, 'staging'),
    backupsDir: backupsDirFor(resolved),
    attachmentsDir: path.join(dataDir, 'attachments'),
  };
}

export function defaultDbFile(): string {
  return path.join(defaultDataDir(), DB_FILE_NAME);
}
