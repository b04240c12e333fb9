/**
 * Files cross the boundary as ids of copies kept in the staging folder, never as paths the renderer
 * chose: the renderer cannot make the main process read or write an arbitrary path.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/ipc/errors';
import type { StagedFile } from '../../../shared/ipc/channels/files.channels';

/** Largest file we accept at all (a 100,000-row roster is ~10 MB). */
export const MAX_STAGED_BYTES = 200 * 1024 * 1024;

export interface FileStaging {
  stageFromPath(sourcePath: string): StagedFile;
  stageBytes(name: string, bytes: Uint8Array): StagedFile;
  /** A new empty output file to be written by an export; returns its id and path. */
  createOutput(name: string): { fileId: string; path: string };
  /** The staged file's path and original name. */
  resolve(fileId: string): { path: string; name: string };
}

const ID = /^[0-9a-f-]{36}$/;

/** Keep the extension, drop anything that is not a plain file name. */
export function safeFileName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f<>:"|?*]/g, '_').trim();
  return base.length > 0 ? base.slice(-120) : 'file';
}

export function createFileStaging(stagingDir: string): FileStaging {
  const names = new Map<string, string>();

  function newEntry(name: string): { fileId: string; path: string; name: string } {
    fs.mkdirSync(stagingDir, { recursive: true });
    const fileId = randomUUID();
    const clean = safeFileName(name);
    names.set(fileId, clean);
    return { fileId, name: clean, path: path.join(stagingDir, `${fileId}${path.extname(clean).toLowerCase()}`) };
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
      if (bytes.byteLength > MAX_STAGED_BYTES) throw new AppError('INVALID_FILE', '文件超过 200 MB，无法处理。请拆分后分批导入。');
      const entry = newEntry(name);
      fs.writeFileSync(entry.path, bytes);
      return { fileId: entry.fileId, name: entry.name, size: bytes.byteLength };
    },
    createOutput(name) {
      const entry = newEntry(name);
      return { fileId: entry.fileId, path: entry.path };
    },
    resolve(fileId) {
      const name = names.get(fileId);
      if (!ID.test(fileId) || name === undefined) throw new AppError('NOT_FOUND', '找不到该文件，请重新选择文件。');
      const file = path.join(stagingDir, `${fileId}${path.extname(name).toLowerCase()}`);
      if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', '找不到该文件，请重新选择文件。');
      return { path: file, name };
    },
  };
}
