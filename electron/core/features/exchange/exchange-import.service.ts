/**
 * 接收: open a package, check its sender is trusted, decide what it means against what is held
 * (new, identical, replaces, stale, conflict), preview per unit, and store it. Refused packages
 * and dry runs write nothing; every stored package is in the audit log.
 */
import { AppError } from '../../../../shared/ipc/errors';
import {
  formatFingerprint,
  packagePayloadSchema,
  type PackagePayload,
  type PackageSource,
} from '../../../../shared/domain/exchange/package-format';
import {
  decideImport,
  importCommits,
  previewUnits,
  type ImportStatus,
  type UnitPreview,
} from '../../../../shared/domain/exchange/import-decision';
import type { AppContext } from '../../app-context';
import { appendAudit } from '../../platform/audit/audit-log';
import {
  currentPackage,
  findBySha,
  findSender,
  getPackage,
  insertPackage,
  readIdentity,
  setPackageStatus,
  type PackageRow,
} from './exchange.repository';
import { openPackage } from './package-codec';

export interface ImportResult {
  source: PackageSource;
  /** The name and code this database trusts the sender under. */
  sender: { name: string; code: string; fingerprint: string };
  round: string;
  revision: number;
  sha256: string;
  status: ImportStatus;
  committed: boolean;
  units: number;
  /** The stored package (new, replaces, conflict), else null. */
  packageId: number | null;
  /** The revision in force before this import, if any. */
  currentRevision: number | null;
  preview: UnitPreview[];
}

const payloadOf = (row: PackageRow): PackagePayload => packagePayloadSchema.parse(JSON.parse(row.payload_json));

export async function importPackage(app: AppContext, actor: string, bytes: Buffer, options: { dryRun: boolean }): Promise<ImportResult> {
  const opened = openPackage(bytes);
  const { manifest, payload } = opened;
  const sender = await findSender(app.db, opened.fingerprint);
  if (!sender) {
    const own = await readIdentity(app.db);
    if (own?.fingerprint === opened.fingerprint) throw new AppError('INVALID_FILE', '这是本单位自己导出的数据包，不能由本单位接收。');
    throw new AppError(
      'INVALID_FILE',
      `发送方未被信任：数据包来自「${manifest.source.name}」，密钥指纹 ${formatFingerprint(opened.fingerprint)}。` +
        '请先与对方电话或书面核对指纹，再在 接收 页面信任该单位（或 exchange trust <指纹> --name 名称 --code 代码）。该数据包未被接收。',
    );
  }
  if (manifest.source.code && manifest.source.code !== sender.code)
    throw new AppError(
      'INVALID_FILE',
      `数据包的单位代码 ${manifest.source.code} 与信任时登记的 ${sender.code}（${sender.name}）不一致。请核对后重新信任，或向对方索取正确的数据包。`,
    );
  const code = sender.code;
  const current = await currentPackage(app.db, code, manifest.round);
  const status = decideImport(current ? { revision: current.revision, sha256: current.sha256 } : null, {
    revision: manifest.revision,
    sha256: opened.sha256,
  });
  const preview = previewUnits(current ? payloadOf(current) : null, payload);
  const result: ImportResult = {
    source: manifest.source,
    sender: { name: sender.name, code, fingerprint: opened.fingerprint },
    round: manifest.round,
    revision: manifest.revision,
    sha256: opened.sha256,
    status,
    committed: false,
    units: payload.units.length,
    packageId: null,
    currentRevision: current?.revision ?? null,
    preview,
  };
  if (options.dryRun || status === 'identical' || status === 'stale') return result;
  // The same conflicting content again: it already waits for a decision.
  const sameConflict = status === 'conflict' ? await findBySha(app.db, code, manifest.round, opened.sha256) : undefined;
  if (sameConflict) return { ...result, packageId: sameConflict.id };
  const now = app.now();
  const [year, quarter] = [Number(manifest.round.slice(0, 4)), Number(manifest.round.slice(5))];
  const packageId = await app.db.transaction().execute(async (trx) => {
    const inForce = await currentPackage(trx, code, manifest.round);
    if ((inForce?.id ?? null) !== (current?.id ?? null))
      throw new AppError('CONFLICT', '另一个窗口刚刚接收了该单位同一季度的数据包，请刷新后重新接收。');
    if (importCommits(status) && inForce) await setPackageStatus(trx, inForce.id, 'superseded');
    const id = await insertPackage(
      trx,
      {
        sender_fingerprint: opened.fingerprint,
        source_level: manifest.source.level,
        source_code: code,
        source_name: sender.name,
        round_id: manifest.round,
        year,
        quarter,
        revision: manifest.revision,
        sha256: opened.sha256,
        file_sha256: opened.fileSha256,
        status: importCommits(status) ? 'current' : 'conflict',
        finalized_at: payload.round.finalizedAt,
        exported_at: manifest.exportedAt,
        received_at: now.toISOString(),
        received_by: actor,
        decided_at: null,
        decided_by: null,
        manifest_json: JSON.stringify(manifest),
        payload_json: JSON.stringify(payload),
      },
      payload,
    );
    await appendAudit(
      trx,
      {
        actor,
        action: 'exchange.import',
        entity: 'exchangePackage',
        entityId: id,
        before: inForce ? { revision: inForce.revision, sha256: inForce.sha256 } : undefined,
        after: {
          source: sender.name,
          code,
          round: manifest.round,
          revision: manifest.revision,
          sha256: opened.sha256,
          status,
          units: payload.units.length,
        },
      },
      now,
    );
    return id;
  });
  return { ...result, committed: importCommits(status), packageId };
}

/**
 * An administrator's decision on a conflict: `accept` puts the conflicting package in force (the
 * current one is kept as superseded), `keep` keeps the current one (the other is kept as rejected).
 */
export async function resolveConflict(app: AppContext, actor: string, packageId: number, decision: 'accept' | 'keep', reason: string) {
  const now = app.now();
  await app.db.transaction().execute(async (trx) => {
    const pkg = await getPackage(trx, packageId);
    if (!pkg) throw new AppError('NOT_FOUND', `没有编号为 ${packageId} 的数据包。`);
    if (pkg.status !== 'conflict') throw new AppError('ILLEGAL_STATE', '该数据包没有待决定的冲突（可能已被处理），请刷新后查看。');
    const inForce = await currentPackage(trx, pkg.source_code, pkg.round_id);
    const decided = { at: now.toISOString(), by: actor };
    if (decision === 'accept') {
      if (inForce) await setPackageStatus(trx, inForce.id, 'superseded', decided);
      await setPackageStatus(trx, pkg.id, 'current', decided);
    } else {
      await setPackageStatus(trx, pkg.id, 'rejected', decided);
    }
    await appendAudit(
      trx,
      {
        actor,
        action: 'exchange.resolveConflict',
        entity: 'exchangePackage',
        entityId: pkg.id,
        before: inForce ? { current: inForce.id, sha256: inForce.sha256 } : undefined,
        after: { decision, source: pkg.source_name, round: pkg.round_id, revision: pkg.revision, sha256: pkg.sha256 },
        reason,
      },
      now,
    );
  });
  const after = await getPackage(app.db, packageId);
  if (!after) throw new AppError('INTERNAL', '数据包记录丢失。');
  return after;
}
