/**
 * What a round takes from the other features: the published standard versions (standard service)
 * and the communities with their roster metrics (roster service). Kept in one place so the rounds
 * service does not depend on how those features store their data.
 */
import type { Standard } from '../../../../shared/domain/standard/standard.schema';
import { LEVEL_METRIC_SOURCES } from '../../../../shared/domain/levels/unit-snapshot';
import type { UnitKind } from '../../../../shared/domain/levels/levels';
import type { DbOrTrx } from '../../platform/db/schema';
import {
  getPublishedStandard,
  isPublishedVersion as standardIsPublished,
  latestPublishedVersion as standardLatest,
  markStandardUsed as standardMarkUsed,
  versionKind,
} from '../standard/index';
import { getRosterMetrics, listCommunities } from '../roster/index';
import { drillRows, standardVersionStamp, type DrillRow } from './sources.repository';
import { appraisedMainKind, listAppraisedUnits, snapshotUnits } from '../levels/index';

export interface RoundCommunitySource {
  id: number;
  name: string;
  /** Display order among full ties. */
  sortKey: string;
}

/** What a round freezes of a community when it is created or re-frozen. */
export interface CommunitySnapshot {
  metrics: Record<string, number | null>;
  /** Roster rows by roster (community, grids, committee …), for the drill-down. */
  rows: Record<string, DrillRow[]>;
}

// Per database handle: a restored or another database file may hold a different "version 3".
const standardCache = new Map<string, Standard>();

/**
 * A published standard version. Published versions never change, so the content is cached; the key
 * includes the publication time because another database (a restored backup, a test) may hold a
 * different version with the same number.
 */
export async function loadStandardVersion(db: DbOrTrx, version: number): Promise<Standard> {
  const row = await standardVersionStamp(db, version);
  const key = row?.status === 'published' ? `${version}|${row.published_at ?? ''}` : null;
  const hit = key ? standardCache.get(key) : undefined;
  if (hit) return hit;
  const standard = await readPublishedStandard(db, version);
  if (key) standardCache.set(key, standard);
  return standard;
}

// Published standard versions come from the standard service (a used version never changes).
async function readPublishedStandard(db: DbOrTrx, version: number): Promise<Standard> {
  return getPublishedStandard(db, version);
}

/**
 * Latest published version of `kind`, by default the kind this database's level appraises first (社区 for a 街道),
 * or null when none is published.
 */
export async function latestPublishedVersion(db: DbOrTrx, kind?: UnitKind): Promise<number | null> {
  return standardLatest(db, kind ?? (await appraisedMainKind(db)));
}

/** What a round with standard `version` appraises (社区, 街道, 县区 or 成员单位). */
export async function roundKind(db: DbOrTrx, version: number): Promise<UnitKind> {
  return versionKind(db, version);
}

/**
 * The rounds among `rounds` that appraise `kind` (the level's main kind when not given): a 市
 * rolls up its 县区 and its 成员单位 separately, and a 街道's rounds are all 社区 rounds.
 */
export async function roundsOfKind<R extends { standard_version: number }>(
  db: DbOrTrx,
  rounds: readonly R[],
  kind?: UnitKind,
): Promise<{ kind: UnitKind; rounds: R[] }> {
  const wanted = kind ?? (await appraisedMainKind(db));
  const kinds = await Promise.all(rounds.map((r) => versionKind(db, r.standard_version)));
  return { kind: wanted, rounds: rounds.filter((_, i) => kinds[i] === wanted) };
}

/** Whether `version` is published (only published versions can be used by a round). */
export async function isPublishedVersion(db: DbOrTrx, version: number): Promise<boolean> {
  return standardIsPublished(db, version);
}

/** Marks a version used by a round, so it can never change again. Call inside the round's transaction. */
export async function markStandardUsed(trx: DbOrTrx, version: number, roundId: string, actor: string, now: Date): Promise<void> {
  await standardMarkUsed(trx, version, roundId, actor, now);
}

/**
 * What a round with standard `version` appraises (all, or the given ids), in the roster's order:
 * communities, or the units of the standard's kind (levels feature) when it appraises 街道, 县区
 * or 成员单位.
 */
export async function listRoundCommunities(db: DbOrTrx, ids?: readonly number[], version?: number): Promise<RoundCommunitySource[]> {
  const kind = version === undefined ? '社区' : await versionKind(db, version);
  if (kind !== '社区') return listAppraisedUnits(db, kind, ids);
  const all = await listCommunities(db);
  if (!ids) return all;
  const wanted = new Set(ids);
  return all.filter((c) => wanted.has(c.id));
}

/** Which roster rows explain which metric (the drill-down of a computed item). */
const SOURCE_OF: Record<string, 'community' | 'grids' | 'groups' | 'committee' | 'workers' | 'gridStaff' | 'cadres'> = {
  households: 'community',
  residents: 'community',
  facilityArea: 'community',
  facilityAreaPer100Households: 'community',
  hallArea: 'community',
  sizeWithinLimit: 'community',
  hasPartyOrganization: 'committee',
  committeeCount: 'committee',
  residentsCommitteeCount: 'committee',
  committeeUnder35: 'committee',
  committeeWomen: 'committee',
  secretaryIsDirector: 'committee',
  crossServingCount: 'committee',
  cadresRegistered: 'cadres',
  cadresReported: 'cadres',
  groupCount: 'groups',
  groupsWithLeader: 'groups',
  yardCount: 'groups',
  yardsWithLeader: 'groups',
  gridCount: 'grids',
  gridHouseholds: 'grids',
  gridsFiveLevel: 'groups',
  gridsWithin300to500: 'grids',
  gridsWithLeader: 'grids',
  gridsWithFullTimeWorker: 'gridStaff',
  gridsWithPartTimeWorker: 'gridStaff',
  gridStaffFullTime: 'gridStaff',
  gridStaffPartTime: 'gridStaff',
  workerCount: 'workers',
  workersPer10000Residents: 'workers',
  workersGradeInvalid: 'workers',
  workersCollegeOrAbove: 'workers',
  workersCertified: 'workers',
};

/** The frozen rows (stored once per roster) behind each metric key, for the form's drill-down. */
export function drillDownByMetric(rows: Record<string, DrillRow[]>): Record<string, DrillRow[]> {
  const out: Record<string, DrillRow[]> = {};
  for (const [key, source] of Object.entries({ ...SOURCE_OF, ...LEVEL_METRIC_SOURCES })) {
    const list = rows[source];
    if (list) out[key] = list;
  }
  return out;
}

/**
 * Frozen per-community metrics (roster service) and drill-down rows, as of the quarter end; for a
 * round whose standard `version` appraises units above the community, theirs (levels feature).
 */
export async function snapshotCommunities(
  db: DbOrTrx,
  ids: readonly number[],
  quarterEnd: string,
  version?: number,
): Promise<Map<number, CommunitySnapshot>> {
  const kind = version === undefined ? '社区' : await versionKind(db, version);
  if (kind !== '社区') return snapshotUnits(db, kind, ids, quarterEnd);
  const [metrics, rows] = await Promise.all([getRosterMetrics(db, ids, quarterEnd), drillRows(db, ids)]);
  return new Map(
    ids.map((id) => {
      const m = metrics.get(id) ?? {};
      return [id, { metrics: { ...m }, rows: rows.get(id) ?? {} }];
    }),
  );
}
