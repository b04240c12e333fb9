/**
 * Exchange storage (migration 0010). Design note, for whoever computes from received packages:
 *
 * - `exchange_identity` (one row): this database's Ed25519 key. `exchange_exports`: the payload of
 *   every revision this database exported (a re-export of the same revision reuses it). `exchange_senders`: who we accept
 *   packages from, by key fingerprint, with the 名称/代码/级别 the receiver registered (the receiver's
 *   word, not the package's, is what identifies a sender).
 * - `exchange_packages`: every package stored, whole (`manifest_json`, `payload_json` — the payload
 *   parses with `packagePayloadSchema` from shared/domain/exchange/package-format). `status`:
 *   `current` (at most one per source_code + round_id: the one in force), `superseded` (an older
 *   revision, kept), `conflict` (same revision, other content: waits for an administrator),
 *   `rejected` (the administrator kept the current one). `source_code` is the trusted sender's code.
 * - Per unit of a package, for plain SQL: `exchange_units` (totals in tenths, grade, rank, counts of
 *   vetoes, 整改 raised, earlier 整改 still open / verified this quarter, 下沉干部 registered and
 *   reported), `exchange_deductions` (every deduction with its reason and the `department` that
 *   imposed a 清单外 task, when recorded) and `exchange_cadres` (下沉干部 by 工作单位 per unit).
 *   Join on `package_id` and filter `exchange_packages.status = 'current'` to read what is in force:
 *   see {@link currentUnits}.
 *
 * All SQL of the feature is here, including the few reads of other features' tables that only an
 * export needs (attachments' hashes, unit codes, the cadres roster, issue history).
 */
import type { DbOrTrx } from '../../platform/db/schema';
import type {
  ExchangeExportsTable,
  ExchangeIdentityTable,
  ExchangePackagesTable,
  ExchangeSendersTable,
} from '../../platform/db/schema/exchange.schema';
import { packagePayloadSchema, type PackagePayload } from '../../../../shared/domain/exchange/package-format';

export type PackageRow = Omit<ExchangePackagesTable, 'id'> & { id: number };
export type PackageStatus = 'current' | 'superseded' | 'conflict' | 'rejected';

const tenths = (points: number) => Math.round(points * 10);

export async function readIdentity(db: DbOrTrx): Promise<ExchangeIdentityTable | undefined> {
  return db.selectFrom('exchange_identity').selectAll().where('id', '=', 1).executeTakeFirst();
}

export async function insertIdentity(db: DbOrTrx, row: Omit<ExchangeIdentityTable, 'id'>): Promise<void> {
  await db
    .insertInto('exchange_identity')
    .values({ id: 1, ...row })
    .execute();
}

export async function listSenders(db: DbOrTrx): Promise<ExchangeSendersTable[]> {
  return db.selectFrom('exchange_senders').selectAll().orderBy('code').orderBy('name').execute();
}

export async function findSender(db: DbOrTrx, fingerprint: string): Promise<ExchangeSendersTable | undefined> {
  return db.selectFrom('exchange_senders').selectAll().where('fingerprint', '=', fingerprint).executeTakeFirst();
}

export async function saveSender(db: DbOrTrx, row: ExchangeSendersTable): Promise<void> {
  const { fingerprint: _key, ...rest } = row;
  await db
    .insertInto('exchange_senders')
    .values(row)
    .onConflict((oc) => oc.column('fingerprint').doUpdateSet(rest))
    .execute();
}

export async function deleteSender(db: DbOrTrx, fingerprint: string): Promise<void> {
  await db.deleteFrom('exchange_senders').where('fingerprint', '=', fingerprint).execute();
}

/** The package in force for a sender (by code) and round. */
export async function currentPackage(db: DbOrTrx, sourceCode: string, roundId: string): Promise<PackageRow | undefined> {
  return db
    .selectFrom('exchange_packages')
    .selectAll()
    .where('source_code', '=', sourceCode)
    .where('round_id', '=', roundId)
    .where('status', '=', 'current')
    .executeTakeFirst();
}

/** A stored package with this content for the sender and round (any status). */
export async function findBySha(db: DbOrTrx, sourceCode: string, roundId: string, sha256: string): Promise<PackageRow | undefined> {
  return db
    .selectFrom('exchange_packages')
    .selectAll()
    .where('source_code', '=', sourceCode)
    .where('round_id', '=', roundId)
    .where('sha256', '=', sha256)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export async function getPackage(db: DbOrTrx, id: number): Promise<PackageRow | undefined> {
  return db.selectFrom('exchange_packages').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listPackages(db: DbOrTrx, filter: { roundId?: string; year?: number } = {}): Promise<PackageRow[]> {
  let q = db.selectFrom('exchange_packages').selectAll();
  if (filter.roundId) q = q.where('round_id', '=', filter.roundId);
  if (filter.year !== undefined) q = q.where('year', '=', filter.year);
  return q.orderBy('round_id', 'desc').orderBy('source_code').orderBy('id', 'desc').execute();
}

export async function setPackageStatus(
  db: DbOrTrx,
  id: number,
  status: PackageStatus,
  decided?: { at: string; by: string },
): Promise<void> {
  await db
    .updateTable('exchange_packages')
    .set(decided ? { status, decided_at: decided.at, decided_by: decided.by } : { status })
    .where('id', '=', id)
    .execute();
}

/** Units per package. */
export async function unitCounts(db: DbOrTrx, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('exchange_units')
    .select(['package_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('package_id', 'in', ids)
    .groupBy('package_id')
    .execute();
  return new Map(rows.map((r) => [r.package_id, Number(r.n)]));
}

/** Stores a package and its per-unit rows; returns its id. */
export async function insertPackage(db: DbOrTrx, row: Omit<PackageRow, 'id'>, payload: PackagePayload): Promise<number> {
  const inserted = await db.insertInto('exchange_packages').values(row).returning('id').executeTakeFirstOrThrow();
  const id = inserted.id;
  for (const u of payload.units) {
    await db
      .insertInto('exchange_units')
      .values({
        package_id: id,
        unit_key: u.key,
        code: u.code,
        name: u.name,
        kind: u.kind,
        rank: u.rank,
        grade: u.grade,
        total_tenths: tenths(u.total),
        base_tenths: tenths(u.base),
        bonus_tenths: tenths(u.bonus),
        deducted_tenths: tenths(u.deducted),
        complete: u.complete ? 1 : 0,
        vetoes: u.vetoes.length,
        rectifications: u.rectifications.length,
        earlier_open: u.earlierRectifications.filter((r) => r.status !== 'verified').length,
        earlier_verified: u.earlierRectifications.filter((r) => r.status === 'verified').length,
        cadres_registered: u.cadres.reduce((s, c) => s + c.registered, 0),
        cadres_reported: u.cadres.reduce((s, c) => s + c.reported, 0),
      })
      .execute();
    if (u.deductions.length > 0)
      await db
        .insertInto('exchange_deductions')
        .values(
          u.deductions.map((d) => ({
            package_id: id,
            unit_key: u.key,
            item_code: d.itemCode,
            item_title: d.itemTitle,
            reason: d.reason,
            points_tenths: tenths(d.points),
            department: d.department,
          })),
        )
        .execute();
    if (u.cadres.length > 0)
      await db
        .insertInto('exchange_cadres')
        .values(
          u.cadres.map((c) => ({ package_id: id, unit_key: u.key, work_unit: c.workUnit, registered: c.registered, reported: c.reported })),
        )
        .execute();
  }
  return id;
}

/** The units in force for a round, with their sender: what a 县区 or 市 computes from. */
export async function currentUnits(db: DbOrTrx, roundId: string) {
  return db
    .selectFrom('exchange_units as u')
    .innerJoin('exchange_packages as p', 'p.id', 'u.package_id')
    .select([
      'p.id as packageId',
      'p.source_level as sourceLevel',
      'p.source_code as sourceCode',
      'p.source_name as sourceName',
      'p.revision',
      'p.received_at as receivedAt',
      'p.finalized_at as finalizedAt',
      'u.unit_key as unitKey',
      'u.code',
      'u.name',
      'u.kind',
      'u.rank',
      'u.grade',
      'u.total_tenths as totalTenths',
      'u.vetoes',
      'u.rectifications',
      'u.earlier_open as earlierOpen',
      'u.earlier_verified as earlierVerified',
      'u.cadres_registered as cadresRegistered',
      'u.cadres_reported as cadresReported',
    ])
    .where('p.round_id', '=', roundId)
    .where('p.status', '=', 'current')
    .orderBy('p.source_code')
    .orderBy('u.rank')
    .execute();
}

export async function findExport(db: DbOrTrx, roundId: string, revision: number) {
  return db.selectFrom('exchange_exports').selectAll().where('round_id', '=', roundId).where('revision', '=', revision).executeTakeFirst();
}

export async function insertExport(db: DbOrTrx, row: ExchangeExportsTable): Promise<void> {
  await db.insertInto('exchange_exports').values(row).execute();
}

/** The payloads in force for a round (one per sender), parsed, with the sender as registered here. */
export async function receivedPayloads(db: DbOrTrx, roundId: string) {
  const rows = await db
    .selectFrom('exchange_packages')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('status', '=', 'current')
    .orderBy('source_code')
    .execute();
  return rows.map((r) => ({
    packageId: r.id,
    sourceCode: r.source_code,
    sourceName: r.source_name,
    sourceLevel: r.source_level,
    revision: r.revision,
    receivedAt: r.received_at,
    payload: packagePayloadSchema.parse(JSON.parse(r.payload_json)),
  }));
}

// ---- Reads an export needs from other features' tables -------------------------------------

/** How many times the round was finalized (each finalization is an issue): the package revision. */
export async function finalizationCount(db: DbOrTrx, roundId: string): Promise<number> {
  const row = await db
    .selectFrom('report_issues')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('round_id', '=', roundId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function liveIssueOf(db: DbOrTrx, roundId: string) {
  return db
    .selectFrom('report_issues')
    .select(['doc_number', 'content_hash', 'finalized_at'])
    .where('round_id', '=', roundId)
    .where('superseded_at', 'is', null)
    .executeTakeFirst();
}

export async function communityCodes(db: DbOrTrx, ids: number[]): Promise<Map<number, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('communities').select(['id', 'code']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.code]));
}

export async function cadresOf(db: DbOrTrx, communityIds: number[]) {
  if (communityIds.length === 0) return [];
  return db
    .selectFrom('cadres')
    .select(['community_id as communityId', 'employer', 'first_report_date as firstReportDate', 'last_report_date as lastReportDate'])
    .where('community_id', 'in', communityIds)
    .execute();
}

/** The packages of a round that this database merged (for a 县区's re-export). */
export async function mergedFor(db: DbOrTrx, roundId: string) {
  return db
    .selectFrom('exchange_packages')
    .select(['source_level', 'source_code', 'source_name', 'round_id', 'revision', 'sha256'])
    .where('round_id', '=', roundId)
    .where('status', '=', 'current')
    .orderBy('source_code')
    .execute();
}
