/**
 * Deduction attachments (佐证附件) live in the database (migration 0012), not in one PC's folder: on
 * a shared PostgreSQL database every PC reads the photo another recorded, and a backup holds them.
 * Earlier versions copied them into the data folder's attachments/ as `<sha256><ext>`; those files
 * are taken in when the database is opened (adoptAttachmentFolder), and the folder is no longer written.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../../shared/ipc/errors';
import type { StagedFile } from '../../../../shared/ipc/channels/files.channels';
import type { AppContext } from '../../app-context';
import type { DbOrTrx } from '../../platform/db/schema';
import { attachmentName, findContent, insertContent, storedHashes } from './attachments.repository';

export interface AttachmentFile {
  fileName: string;
  /** The name recorded in deduction_attachments.stored_name: `<sha256><ext>`. */
  stored: string;
  hash: string;
  size: number;
  content: Uint8Array;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads staged files (before the transaction) with their hashes. */
export function readStagedAttachments(app: AppContext, fileIds: readonly string[]): AttachmentFile[] {
  return fileIds.map((fileId) => {
    const staged = app.files.resolve(fileId);
    const content = fs.readFileSync(staged.path);
    const hash = sha256(content);
    return { fileName: staged.name, stored: `${hash}${path.extname(staged.name).toLowerCase()}`, hash, size: content.length, content };
  });
}

/** Stores the files' bytes in the caller's transaction (a content already there is kept once). */
export async function storeAttachmentContents(trx: DbOrTrx, files: readonly AttachmentFile[], at: string): Promise<void> {
  for (const f of files) await insertContent(trx, { sha256: f.hash, size: f.size, content: f.content }, at);
}

const HASH = /^[0-9a-f]{64}$/;

/** An attachment's bytes as a staged file (the doors deliver it: a download, `--out`). */
export async function attachmentFile(app: AppContext, hash: string): Promise<StagedFile> {
  const wanted = hash.trim().toLowerCase();
  if (!HASH.test(wanted)) throw new AppError('INVALID_INPUT', `附件编号应为64位十六进制的 SHA-256 校验值，收到「${hash.slice(0, 80)}」。`);
  const row = await findContent(app.db, wanted);
  if (!row) throw new AppError('NOT_FOUND', '数据库中没有该附件。请核对附件编号（SHA-256），或从备份恢复。');
  const name = (await attachmentName(app.db, wanted)) ?? `${wanted}.bin`;
  return app.files.stageBytes(name, row.content);
}

/**
 * Takes the files an earlier version left in attachments/ into the database, so nothing is lost
 * when the folder is no longer read. Only files whose bytes match the hash they are named by; the
 * folder itself is left as it is (a copy, never deleted by us). Cheap when there is nothing to do.
 */
export async function adoptAttachmentFolder(app: AppContext): Promise<number> {
  const dir = app.paths.attachmentsDir;
  if (!fs.existsSync(dir)) return 0;
  const byHash = new Map<string, string>();
  for (const name of fs.readdirSync(dir)) {
    const hash = name.slice(0, 64).toLowerCase();
    if (HASH.test(hash) && /^(\.[^.]*)?$/.test(name.slice(64))) byHash.set(hash, path.join(dir, name));
  }
  const have = await storedHashes(app.db, [...byHash.keys()]);
  const missing = [...byHash].filter(([hash]) => !have.has(hash));
  if (missing.length === 0) return 0;
  const at = app.now().toISOString();
  // (The count lives inside: a transaction may run again after a dropped connection.)
  return app.db.transaction().execute(async (trx) => {
    let adopted = 0;
    for (const [hash, file] of missing) {
      const content = fs.readFileSync(file);
      if (sha256(content) !== hash) continue; // damaged or not ours: left in the folder, not taken in
      await insertContent(trx, { sha256: hash, size: content.length, content }, at);
      adopted++;
    }
    return adopted;
  });
}
