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

/** Everything lives beside the database file: backups, staged files, attachments. */
export function pathsForDb(dbFile: string): AppPaths {
  const resolved = path.resolve(dbFile);
  const dataDir = path.dirname(resolved);
  return {
    dataDir,
    dbFile: resolved,
    stagingDir: path.join(dataDir, 'staging'),
    backupsDir: path.join(dataDir, 'backups'),
    attachmentsDir: path.join(dataDir, 'attachments'),
  };
}

export function defaultDbFile(): string {
  return path.join(defaultDataDir(), DB_FILE_NAME);
}
