/**
 * 上报: a finalized round as a signed package. The payload of a revision is built once and kept
 * (`exchange_exports`), so exporting it again gives the same content even after roster edits.
 */
import { AppError } from '../../../../shared/ipc/errors';
import { canonicalJson } from '../../../../shared/domain/canonical-json';
import { reportedWithinHalfYear } from '../../../../shared/domain/roster/roster-metrics';
import { unitFactsFromRows } from '../../../../shared/domain/levels/unit-snapshot';
import {
  packageFileName,
  packagePayloadSchema,
  type CadreCount,
  type PackagePayload,
  type PackageUnit,
} from '../../../../shared/domain/exchange/package-format';
import type { AppContext } from '../../app-context';
import { appendAudit } from '../../platform/audit/audit-log';
import { getRound, getRoundResults, loadLedger, loadStandardVersion, roundCommunities, snapshotOf } from '../rounds/index';
import { cadresOf, communityCodes, finalizationCount, findExport, insertExport, liveIssueOf, mergedFor } from './exchange.repository';
import { ensureKeyPair, sourceIdentity } from './exchange-identity.service';
import { buildPackage, sha256Hex } from './package-codec';

const QUARTER_END = ['03-31', '06-30', '09-30', '12-31'];

/** 下沉干部 per community and 工作单位: registered, and reported within the half year to `asOf`. */
function cadreCounts(rows: Awaited<ReturnType<typeof cadresOf>>, asOf: string): Map<number, CadreCount[]> {
  const by = new Map<number, Map<string, CadreCount>>();
  for (const r of rows) {
    const units = by.get(r.communityId) ?? new Map<string, CadreCount>();
    const workUnit = r.employer.trim() || '（未填写单位）';
    const c = units.get(workUnit) ?? { workUnit, registered: 0, reported: 0 };
    c.registered += 1;
    if (reportedWithinHalfYear(r, asOf)) c.reported += 1;
    units.set(workUnit, c);
    by.set(r.communityId, units);
  }
  return new Map([...by].map(([id, m]) => [id, [...m.values()].sort((a, b) => (a.workUnit < b.workUnit ? -1 : 1))]));
}

/** The payload of a finalized round as it stands now. */
export async function buildRoundPayload(app: AppContext, roundId: string, revision: number): Promise<PackagePayload> {
  const db = app.db;
  const round = await getRound(db, roundId);
  const [results, communities, ledger, standard, issue, source, merged] = await Promise.all([
    getRoundResults(app, roundId),
    roundCommunities(db, roundId),
    loadLedger(db, roundId, { assessor: '' }),
    loadStandardVersion(db, round.standard_version),
    liveIssueOf(db, roundId),
    sourceIdentity(db),
    mergedFor(db, roundId),
  ]);
  const ids = communities.map((c) => c.community_id);
  const [codes, cadreRows] = await Promise.all([communityCodes(db, ids), cadresOf(db, ids)]);
  const cadres = cadreCounts(cadreRows, `${round.year}-${QUARTER_END[round.quarter - 1] ?? '12-31'}`);
  const snapshots = new Map(communities.map((c) => [c.community_id, snapshotOf(c)]));
  // A round over 街道 (a 县区's) passes on what it froze of each: its code, and the 下沉干部 and
  // 清单外 tallies the city attributes to its 成员单位. A 社区 round reads its own roster.
  const passOn = round.kind !== '社区';
  const facts = new Map([...snapshots].map(([id, s]) => [id, unitFactsFromRows(s.rows)]));
  const units: PackageUnit[] = results.communities.map((c) => {
    const mine = ledger.filter((l) => l.communityId === c.id);
    const code = (passOn ? facts.get(c.id)?.code : codes.get(c.id)) ?? null;
    return {
      key: code || c.name,
      code,
      name: c.name,
      kind: round.kind,
      rank: c.rank,
      grade: c.grade,
      total: c.total,
      base: c.base,
      bonus: c.bonus,
      deducted: c.deducted,
      complete: c.complete,
      vetoes: c.vetoes,
      categories: c.categories,
      items: c.items.map(({ code: itemCode, title, categoryCode, score, max, status }) => ({
        code: itemCode,
        title,
        categoryCode,
        score,
        max,
        status,
      })),
      // results.deductions are this ledger's rows for the community, in the same order.
      deductions: c.deductions.map((d, i) => {
        const row = mine[i] as ((typeof mine)[number] & { department?: string | null }) | undefined;
        return {
          itemCode: d.itemCode,
          itemTitle: d.itemTitle,
          reason: d.reason,
          points: d.points,
          department: row?.department ?? null,
          evidence: d.evidence,
          files: (row?.attachments ?? []).map((a) => ({ name: a.fileName, sha256: a.sha256, size: a.size })),
        };
      }),
      rectifications: c.rectifications,
      earlierRectifications: c.openRectifications,
      metrics: snapshots.get(c.id)?.metrics ?? {},
      cadres: (passOn ? facts.get(c.id)?.cadres : cadres.get(c.id)) ?? [],
      ...(passOn ? { departmentTasks: facts.get(c.id)?.departmentTasks ?? [] } : {}),
    };
  });
  return packagePayloadSchema.parse({
    source,
    round: {
      id: round.id,
      year: round.year,
      quarter: round.quarter,
      title: results.title,
      revision,
      finalizedAt: issue?.finalized_at ?? round.finalized_at ?? '',
      docNumber: issue?.doc_number ?? null,
      reportHash: issue?.content_hash ?? null,
    },
    standard: { version: round.standard_version, name: standard.name, sha256: sha256Hex(canonicalJson(standard)), body: standard },
    grades: results.grades,
    units,
    merged: merged.map((m) => ({
      level: m.source_level,
      code: m.source_code,
      name: m.source_name,
      round: m.round_id,
      revision: m.revision,
      sha256: m.sha256,
    })),
  });
}

export interface ExportedPackage {
  bytes: Buffer;
  name: string;
  round: string;
  revision: number;
  sha256: string;
  fingerprint: string;
  units: number;
}

/** The signed package of a finalized round (audited). */
export async function exportRoundPackage(app: AppContext, actor: string, roundId: string): Promise<ExportedPackage> {
  const round = await getRound(app.db, roundId);
  if (round.state !== 'finalized')
    throw new AppError('ILLEGAL_STATE', `${roundId}考评尚未定稿，不能上报。请先在 季度考评 中将本轮定稿，再导出上报数据包。`);
  const revision = Math.max(1, await finalizationCount(app.db, roundId));
  const keys = await ensureKeyPair(app, actor);
  const kept = await findExport(app.db, roundId, revision);
  const payload = kept ? packagePayloadSchema.parse(JSON.parse(kept.payload_json)) : await buildRoundPayload(app, roundId, revision);
  const now = app.now();
  const built = buildPackage({ source: payload.source, round: roundId, revision, exportedAt: now.toISOString(), payload, keys });
  await app.db.transaction().execute(async (trx) => {
    if (!kept && !(await findExport(trx, roundId, revision)))
      await insertExport(trx, {
        round_id: roundId,
        revision,
        sha256: built.sha256,
        payload_json: canonicalJson(payload),
        exported_at: now.toISOString(),
        exported_by: actor,
      });
    await appendAudit(
      trx,
      {
        actor,
        action: 'exchange.export',
        entity: 'round',
        entityId: roundId,
        after: { revision, sha256: built.sha256, units: payload.units.length, source: payload.source },
      },
      now,
    );
  });
  return {
    bytes: built.bytes,
    name: packageFileName(payload.source.name, roundId, revision),
    round: roundId,
    revision,
    sha256: built.sha256,
    fingerprint: keys.fingerprint,
    units: payload.units.length,
  };
}
