/** Attachment contents (migration 0012): the bytes of each distinct file, keyed by sha256. */
import type { DbOrTrx } from '../../platform/db/schema';

export interface AttachmentContent {
  sha256: string;
  size: number;
  content: Uint8Array;
}

/** Stores a content unless the same bytes are already there (deduplicated by hash). */
export async function insertContent(trx: DbOrTrx, file: AttachmentContent, at: string): Promise<void> {
  await trx
    .insertInto('attachment_contents')
    .values({ sha256: file.sha256, size: file.size, content: file.content, created_at: at })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

export async function findContent(db: DbOrTrx, sha256: string): Promise<AttachmentContent | undefined> {
  return db.selectFrom('attachment_contents').select(['sha256', 'size', 'content']).where('sha256', '=', sha256).executeTakeFirst();
}

/** Which of `hashes` have their content stored. */
export async function storedHashes(db: DbOrTrx, hashes: readonly string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const rows = await db
    .selectFrom('attachment_contents')
    .select('sha256')
    .where('sha256', 'in', [...hashes])
    .execute();
  return new Set(rows.map((r) => r.sha256));
}

/** The name a deduction gave this content (the first one recorded), or undefined when none refers to it. */
export async function attachmentName(db: DbOrTrx, sha256: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('deduction_attachments')
    .select('file_name')
    .where('sha256', '=', sha256)
    .orderBy('id')
    .executeTakeFirst();
  return row?.file_name;
}
