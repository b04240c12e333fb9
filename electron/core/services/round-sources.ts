/**
 * What a round takes from the other features: the published standard versions (standard service)
 * and the communities with their roster metrics (roster service). Kept in one place so the rounds
 * service does not depend on how those features store their data.
 */
import { AppError } from '../../../shared/ipc/errors';
import type { Standard } from '../../../shared/domain/standard/standard.schema';
import type { DbOrTrx } from '../db/schema';

export interface RoundCommunitySource {
  id: number;
  name: string;
  /** Display order among full ties. */
  sortKey: string;
}

export type DrillRow = Record<string, string | number | null>;

export interface CommunitySnapshot {
  metrics: Record<string, number | null>;
  /** Roster rows behind each metric, for the drill-down. */
  rows: Record<string, DrillRow[]>;
}

const standardCache = new Map<number, Standard>();

/** A published standard version (immutable, so cached). */
export async function loadStandardVersion(db: DbOrTrx, version: number): Promise<Standard> {
  const hit = standardCache.get(version);
  if (hit) return hit;
  const standard = await readPublishedStandard(db, version);
  standardCache.set(version, standard);
  return standard;
}

// The bodies below bind to the standard and roster services; see the report for their status.
async function readPublishedStandard(_db: DbOrTrx, version: number): Promise<Standard> {
  throw new AppError('NOT_FOUND', `找不到已发布的考核标准第${version}版。`);
}

/** Latest published version number, or null when none is published. */
export async function latestPublishedVersion(_db: DbOrTrx): Promise<number | null> {
  return null;
}

/** Whether `version` is published (only published versions can be used by a round). */
export async function isPublishedVersion(_db: DbOrTrx, _version: number): Promise<boolean> {
  return false;
}

/** Marks a version used by a round, so it can never change again. Call inside the round's transaction. */
export async function markStandardUsed(_trx: DbOrTrx, _version: number, _roundId: string, _actor: string, _now: Date): Promise<void> {}

/** Communities (all, or the given ids, in the roster's order). Unknown ids are reported. */
export async function listRoundCommunities(_db: DbOrTrx, _ids?: readonly number[]): Promise<RoundCommunitySource[]> {
  return [];
}

/** Frozen per-community metrics and drill-down rows, as of the quarter end. */
export async function snapshotCommunities(_db: DbOrTrx, ids: readonly number[], _quarterEnd: string): Promise<Map<number, CommunitySnapshot>> {
  return new Map(ids.map((id) => [id, { metrics: {}, rows: {} }]));
}
