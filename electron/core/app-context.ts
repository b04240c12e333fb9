/**
 * What every handler and service can reach: the database, the folders, the clock, jobs and staged
 * files, and the door-specific abilities (dialogs exist only in Electron).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Role } from '../../shared/ipc/channel';
import type { StagedFile } from '../../shared/ipc/channels/files.channels';
import { openDatabase } from './platform/db/connection';
import type { Database } from './platform/db/schema';
import { pathsForDb, type AppPaths } from './platform/paths';
import { createJobRegistry, type JobRegistry } from './platform/jobs/job-registry';
import { createFileStaging, type FileStaging } from './platform/files/file-staging';
import { createBackup } from './features/backup/index';
import { adoptAttachmentFolder } from './features/rounds/index';
import { otherHolders, registerHolder, restoreInProgress } from './platform/db/db-holders';
import { removeLeftoverPartials } from './platform/db/startup-cleanup';
import { AppError } from '../../shared/ipc/errors';

export type Door = 'electron' | 'host' | 'cli';

/** Who is making a request. */
export interface Actor {
  userId: number | null;
  username: string;
  displayName: string;
  role: Role;
  /** Set after an administrator's reset: only the password change is allowed until it is done. */
  mustChangePassword?: boolean;
}

/** Abilities only some doors have. */
export interface DoorAbilities {
  pickOpenFile?(title: string, filters: { name: string; extensions: string[] }[]): Promise<StagedFile | null>;
  saveFileAs?(sourcePath: string, suggestedName: string): Promise<string | null>;
  /** 系统设置 → 数据库: store the choice and reopen on it (Electron: safeStorage; host: memory only). */
  databaseSwitch?: {
    passwordStorage: 'safeStorage' | 'memory';
    switchTo(choice: { kind: 'sqlite' } | { kind: 'postgres'; url: string }): Promise<void>;
  };
}

export interface AppContext {
  db: Kysely<Database>;
  paths: AppPaths;
  schemaVersion: number;
  door: Door;
  now: () => Date;
  jobs: JobRegistry;
  files: FileStaging;
  abilities: DoorAbilities;
  appVersion: string;
  /**
   * Back up the database now (e.g. `await app.backup?.('before-import')` before an import or
   * `'before-finalize'` before finalizing a round). Returns the backup's path.
   */
  backup?: (reason: string) => Promise<string>;
  /** This context's entry among the programs holding the database open (see db/db-holders.ts). */
  holderId?: string | null;
  close(): Promise<void>;
}

export interface RequestContext {
  app: AppContext;
  /** null only for public channels called before login. */
  actor: Actor | null;
  /** The session the actor was resolved from (logout and password change need it). */
  sessionToken?: string | null;
}

export const APP_VERSION = '0.1.0';

export interface CreateAppContextOptions {
  dbFile: string;
  door: Door;
  now?: () => Date;
  abilities?: DoorAbilities;
}

export async function createAppContext(options: CreateAppContextOptions): Promise<AppContext> {
  const paths = pathsForDb(options.dbFile);
  const now = options.now ?? (() => new Date());
  if (restoreInProgress(paths.dbFile)) throw new AppError('CONFLICT', '该数据库正在由另一个程序恢复，请等待恢复完成后再打开。');
  fs.mkdirSync(paths.dataDir, { recursive: true });
  const opened = await openDatabase(paths.databaseUrl ?? paths.dbFile, { backupsDir: paths.backupsDir, now });
  fs.mkdirSync(paths.stagingDir, { recursive: true });
  if (otherHolders(paths.dbFile, null).length === 0) removeLeftoverPartials(paths.dbFile, [paths.backupsDir, paths.stagingDir]);
  const holder = registerHolder(paths.dbFile, options.door, now());
  const context: AppContext = {
    db: opened.db,
    paths,
    schemaVersion: opened.schemaVersion,
    door: options.door,
    now,
    jobs: createJobRegistry(),
    files: createFileStaging(paths.stagingDir),
    abilities: options.abilities ?? {},
    appVersion: APP_VERSION,
    backup: async (reason) => path.join(context.paths.backupsDir, (await createBackup(context, reason)).name),
    holderId: holder.id,
    // The current handle: a restore replaces `db`. Staged copies (ID numbers) go with the session.
    close: async () => {
      holder.release();
      context.files.dispose();
      await context.db.destroy();
    },
  };
  try {
    // Attachments an earlier version kept in the data folder are taken into the database.
    await adoptAttachmentFolder(context);
  } catch (err) {
    await context.close();
    throw err;
  }
  return context;
}

/** The audit name of an actor. */
export function actorName(actor: Actor | null): string {
  return actor ? actor.username : 'system';
}
