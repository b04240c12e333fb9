/**
 * Files cross the boundary as ids of copies kept in the staging folder, never as paths the renderer
 * chose: the renderer cannot make the main process read or write an arbitrary path.
 *
 * Staged files hold ID numbers and whole database copies, so they do not linger: an output is
 * released once saved or downloaded, everything this process staged goes when it closes, and
 * anything older than a day (a crash, another process) is swept when staging starts or grows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { currentOwner } from './file-owner';
import { AppError } from '../../../../shared/ipc/errors';
import type { StagedFile } from '../../../../shared/ipc/channels/files.channels';

/** Largest file we accept at all (a 100,000-row roster is ~10 MB). */
export const MAX_STAGED_BYTES = 200 * 1024 * 1024;

export interface FileStaging {
  stageFromPath(sourcePath: string): StagedFile;
  stageBytes(name: string, bytes: Uint8Array): StagedFile;
  /** Stream an upload to disk, refusing it (and keeping nothing) once it passes `maxBytes`. */
  stageStream(name: string, body: Readable, owner: string | null, maxBytes?: number): Promise<StagedFile>;
  /** A new empty output file to be written by an export; returns its id and path. */
  createOutput(name: string): { fileId: string; path: string };
  /**
   * The staged file's path and original name. A file staged during a request belongs to that
   * request's user: anyone else is told it does not exist. `owner` defaults to the current request's.
   */
  resolve(fileId: string, owner?: string | null): { path: string; name: string };
  /** Deletes a staged file that has served its purpose (an output saved or downloaded). */
  release(fileId: string): void;
  /** Deletes every file this process staged (on close). */
  dispose(): void;
}

/** Staged files older than this are left-overs (a crash, a closed session) and are deleted. */
export const STAGED_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** Deletes entries of the staging folder last modified more than `maxAgeMs` ago; returns their names. */
export function sweepStaging(stagingDir: string, now = Date.now(), maxAgeMs = STAGED_MAX_AGE_MS): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(stagingDir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const file = path.join(stagingDir, name);
    try {
      if (now - fs.statSync(file).mtimeMs <= maxAgeMs) continue;
      fs.rmSync(file, { recursive: true, force: true });
      removed.push(name);
    } catch {
      // In use or already gone: the next sweep tries again.
    }
  }
  return removed;
}

const ID = /^[0-9a-f-]{36}$/;

/** Keep the extension, drop anything that is not a plain file name. */
export function safeFileName(name: string): string {
  const base = path
    .basename(name.replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f<>:"|?*]/g, '_')
    .trim();
  return base.length > 0 ? base.slice(-120) : 'file';
}

const TOO_LARGE = '文件超过 200 MB，无法处理。请拆分后分批导入。';

export function createFileStaging(stagingDir: string, clock: () => number = Date.now): FileStaging {
  const names = new Map<string, string>();
  /** fileId -> owner; files staged outside a request (command line, in-process code) have none. */
  const owners = new Map<string, string | null>();
  const pathOf = (fileId: string, name: string) => path.join(stagingDir, `${fileId}${path.extname(name).toLowerCase()}`);
  sweepStaging(stagingDir, clock());
  let lastSweep = clock();

  function newEntry(name: string, owner: string | null | undefined = currentOwner()): { fileId: string; path: string; name: string } {
    fs.mkdirSync(stagingDir, { recursive: true });
    if (clock() - lastSweep > 60 * 60 * 1000) {
      lastSweep = clock();
      sweepStaging(stagingDir, lastSweep);
    }
    const fileId = randomUUID();
    const clean = safeFileName(name);
    names.set(fileId, clean);
    if (owner !== undefined) owners.set(fileId, owner);
    return { fileId, name: clean, path: pathOf(fileId, clean) };
  }

  return {
    stageFromPath(sourcePath) {
      let stat: fs.Stats;
      try {
        stat = fs.statSync(sourcePath);
      } catch {
        throw new AppError('INVALID_FILE', `找不到文件：${sourcePath}。请检查路径是否正确。`);
      }
      if (!stat.isFile()) throw new AppError('INVALID_FILE', `「${sourcePath}」不是文件。请选择一个 Excel 或 CSV 文件。`);
      if (stat.size > MAX_STAGED_BYTES) throw new AppError('INVALID_FILE', '文件超过 200 MB，无法导入。请拆分后分批导入。');
      const entry = newEntry(path.basename(sourcePath));
      fs.copyFileSync(sourcePath, entry.path);
      return { fileId: entry.fileId, name: entry.name, size: stat.size };
    },
    stageBytes(name, bytes) {
      if (bytes.byteLength > MAX_STAGED_BYTES) throw new AppError('INVALID_FILE', TOO_LARGE);
      const entry = newEntry(name);
      fs.writeFileSync(entry.path, bytes);
      return { fileId: entry.fileId, name: entry.name, size: bytes.byteLength };
    },
    async stageStream(name, body, owner, maxBytes = MAX_STAGED_BYTES) {
      const entry = newEntry(name, owner);
      const partial = `${entry.path}.partial`;
      let size = 0;
      const limit = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          done(size > maxBytes ? new AppError('INVALID_FILE', TOO_LARGE) : null, chunk);
        },
      });
      try {
        await pipeline(body, limit, fs.createWriteStream(partial, { flags: 'wx' }));
        fs.renameSync(partial, entry.path);
      } catch (err) {
        fs.rmSync(partial, { force: true });
        names.delete(entry.fileId);
        owners.delete(entry.fileId);
        if (err instanceof AppError) throw err;
        throw new AppError('INVALID_FILE', '文件上传中断，请重新上传。');
      }
      return { fileId: entry.fileId, name: entry.name, size };
    },
    createOutput(name) {
      const entry = newEntry(name);
      return { fileId: entry.fileId, path: entry.path };
    },
    resolve(fileId, owner = currentOwner()) {
      const name = names.get(fileId);
      if (!ID.test(fileId) || name === undefined) throw new AppError('NOT_FOUND', '找不到该文件，请重新选择文件。');
      const fileOwner = owners.get(fileId);
      // Same answer as for an unknown id: another user's file ids reveal nothing.
      if (fileOwner !== undefined && fileOwner !== null && owner !== undefined && owner !== fileOwner) {
        throw new AppError('NOT_FOUND', '找不到该文件，请重新选择文件。');
      }
      const file = pathOf(fileId, name);
      if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', '找不到该文件，请重新选择文件。');
      return { path: file, name };
    },
    release(fileId) {
      const name = names.get(fileId);
      if (name === undefined) return;
      names.delete(fileId);
      owners.delete(fileId);
      fs.rmSync(pathOf(fileId, name), { force: true });
    },
    dispose() {
      for (const [fileId, name] of names) fs.rmSync(pathOf(fileId, name), { force: true });
      names.clear();
      owners.clear();
    },
  };
}
