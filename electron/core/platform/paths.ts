import os from 'node:os';
import path from 'node:path';
import { isPostgresUrl, redactUrl } from './db/postgres';

/** Folder name under the OS's per-user application data folder. */
export const DATA_FOLDER_NAME = 'CommunityAppraisalDesk';
export const DB_FILE_NAME = 'appraisal.sqlite';

export interface AppPaths {
  dataDir: string;
  /**
   * The SQLite file. For a PostgreSQL database, a name in its local folder that stands for it
   * (the programs on this PC that hold it open register beside it).
   */
  dbFile: string;
  /** What to show as the database: the file, or the PostgreSQL URL without its password. */
  databaseLabel: string;
  /** The PostgreSQL URL (with its password) when the database is on a server. */
  databaseUrl?: string;
  stagingDir: string;
  backupsDir: string;
  /** Where earlier versions kept deduction attachments: taken into the database on open, no longer written. */
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

/**
 * Everything lives beside the database file: backups and staged files (attachments live in the
 * database itself). A PostgreSQL database (`postgres://…`) gets a local folder of its own under the
 * data folder, named after the server and database: staged files and exports stay on this PC.
 */
export function pathsForDb(dbFile: string): AppPaths {
  if (isPostgresUrl(dbFile)) {
    const url = new URL(dbFile);
    const folder = `${url.hostname}_${url.port || '5432'}_${decodeURIComponent(url.pathname.slice(1)) || 'postgres'}`.replace(
      /[^\p{L}\p{N}._-]/gu,
      '_',
    );
    const dataDir = path.join(defaultDataDir(), 'postgres', folder);
    return {
      dataDir,
      dbFile: path.join(dataDir, 'database'),
      databaseLabel: redactUrl(dbFile),
      databaseUrl: dbFile,
      stagingDir: path.join(dataDir, 'staging'),
      backupsDir: path.join(dataDir, 'backups'),
      attachmentsDir: path.join(dataDir, 'attachments'),
    };
  }
  const resolved = path.resolve(dbFile);
  const dataDir = path.dirname(resolved);
  return {
    dataDir,
    dbFile: resolved,
    databaseLabel: resolved,
    stagingDir: path.join(dataDir, 'staging'),
    backupsDir: backupsDirFor(resolved),
    attachmentsDir: path.join(dataDir, 'attachments'),
  };
}

export function defaultDbFile(): string {
  return path.join(defaultDataDir(), DB_FILE_NAME);
}
