/**
 * The issue of a finalized round's 通报: its 发文字号 (entered, or the next free number of the
 * year) and the content hash printed on every copy, both stored at finalization. A printed copy is
 * checked against what was stored (结果与报告 → 核验, `report verify`), never against data that
 * may have changed after an unlock; unlocking marks the issue superseded.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../../shared/domain/canonical-json';
import { formatDocNumber } from '../../../../shared/domain/settings/document-settings';
import { AppError } from '../../../../shared/ipc/errors';
import type { AppContext } from '../../app-context';
import type { DbOrTrx } from '../../platform/db/schema';
import { getRoundResults } from '../rounds/index';
import { getRound } from '../rounds/index';
import { getDocumentSettings } from '../settings/index';
import * as repo from './report.repository';
import type { IssueRow } from './report.repository';

/** SHA-256 (hex) of the canonical JSON of a value. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}

/** The live (not superseded) issue of a round, if it was finalized since issues were recorded. */
export async function liveIssue(db: DbOrTrx, roundId: string): Promise<IssueRow | undefined> {
  return repo.findLiveIssue(db, roundId);
}

/** The next free 发文 number of a year (numbers of superseded issues are free again). */
export async function nextDocSeq(db: DbOrTrx, year: number): Promise<number> {
  return (await repo.maxLiveDocSeq(db, year)) + 1;
}

/**
 * The number a round would be issued under now: the one asked for (checked), else the number it
 * had before an unlock when still free, else the next free one of the year.
 */
export async function proposeDocNumber(
  app: AppContext,
  roundId: string,
  requested?: number,
): Promise<{ year: number; seq: number; docNumber: string | null }> {
  await getRound(app.db, roundId); // an unknown round is NOT_FOUND, not a number
  const year = app.now().getFullYear();
  let seq = requested;
  if (seq === undefined) {
    const previous = await repo.lastDocSeqOfRound(app.db, roundId, year);
    const free = previous !== null && (await repo.roundHoldingDocSeq(app.db, year, previous)) === undefined;
    seq = free && previous !== null ? previous : await nextDocSeq(app.db, year);
  } else {
    const taken = await repo.roundHoldingDocSeq(app.db, year, seq);
    if (taken !== undefined) {
      throw new AppError(
        'CONFLICT',
        `${year}年第${seq}号文号已用于${taken}的通报。请换一个文号，下一个可用文号是${await nextDocSeq(app.db, year)}号。`,
      );
    }
  }
  const { docPrefix } = await getDocumentSettings(app.db);
  return { year, seq, docNumber: docPrefix ? formatDocNumber(docPrefix, year, seq) : null };
}

/**
 * Records the issue of a just-finalized round: the hash of its results as they are now and its
 * 文号. Called right after the finalizing transaction committed.
 */
export async function recordReportIssue(app: AppContext, actor: string, roundId: string, requestedSeq?: number): Promise<IssueRow> {
  const results = await getRoundResults(app, roundId);
  const number = await proposeDocNumber(app, roundId, requestedSeq);
  const finalizedAt = await repo.roundFinalizedAt(app.db, roundId);
  await repo.insertIssue(app.db, {
    round_id: roundId,
    doc_year: number.year,
    doc_seq: number.seq,
    doc_number: number.docNumber,
    content_hash: contentHash(results),
    finalized_at: finalizedAt ?? app.now().toISOString(),
    issued_by: actor,
    superseded_at: null,
  });
  return (await liveIssue(app.db, roundId)) as IssueRow;
}

/** Unlocking: the issued 通报 no longer stands (kept for the record, its code no longer verifies). */
export async function supersedeReportIssue(trx: DbOrTrx, roundId: string, at: string): Promise<void> {
  await repo.supersedeLiveIssues(trx, roundId, at);
}

export interface VerifyResult {
  match: boolean;
  round?: string;
  finalizedAt?: string;
  docNumber?: string | null;
  /** Why it does not match, in Chinese. */
  reason?: string;
}

/**
 * The hash from what a person typed or scanned: the 64 hex digits (spaces allowed, as printed in
 * groups), the QR payload KPTB:2021Q3:<hash>, or at least the 16 digits of the page footer.
 */
export function normalizeCode(code: string): string | null {
  const payload = /^KPTB:[^:]*:([0-9a-f]+)$/i.exec(code.trim());
  const hex = (payload ? (payload[1] ?? '') : code).replace(/[\s\u3000]/g, '').toLowerCase();
  return /^[0-9a-f]{16,64}$/.test(hex) ? hex : null;
}

/** Checks a 校验码 against the stored issues. */
export async function verifyReportCode(app: AppContext, code: string): Promise<VerifyResult> {
  const hex = normalizeCode(code);
  if (!hex) return { match: false, reason: '校验码格式不正确：应为通报上印的 64 位校验码（可含空格）或页脚的前 16 位。' };
  const rows = await repo.issuesByHash(app.db, hex);
  const live = rows.find((r) => r.superseded_at === null);
  if (live) return { match: true, round: live.round_id, finalizedAt: live.finalized_at, docNumber: live.doc_number };
  const old = rows[0];
  if (old) {
    return {
      match: false,
      round: old.round_id,
      finalizedAt: old.finalized_at,
      docNumber: old.doc_number,
      reason: `该校验码对应的${old.round_id}通报已于解锁时作废，请以重新定稿后印发的通报为准。`,
    };
  }
  // Rounds finalized before issues were recorded: their hash is that of their locked data.
  const legacy = await repo.finalizedRoundsWithoutIssue(app.db);
  for (const r of legacy) {
    if (contentHash(await getRoundResults(app, r.id)).startsWith(hex))
      return { match: true, round: r.id, finalizedAt: r.finalized_at ?? '', docNumber: null };
  }
  return { match: false, reason: '存档中没有这个校验码：纸质件可能被改动，或不是本系统定稿印发的通报。' };
}
