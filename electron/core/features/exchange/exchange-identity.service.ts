/**
 * Who this database speaks for (level, code, name), its signing key, and the senders it trusts.
 */
import { AppError } from '../../../../shared/ipc/errors';
import { normalizeFingerprint, type PackageSource, type UnitLevel } from '../../../../shared/domain/exchange/package-format';
import type { AppContext } from '../../app-context';
import { appendAudit } from '../../platform/audit/audit-log';
import type { DbOrTrx } from '../../platform/db/schema';
import { getUnitSettings } from '../settings/index';
import { deleteSender, findSender, insertIdentity, listSenders, readIdentity, saveSender } from './exchange.repository';
import { generateKeyPair, type KeyPair } from './package-codec';

/** The sending unit: level, 统计用区划代码 and name from 单位设置 (the name of its level: 街道名称, 县区 or 所属城市). */
export async function sourceIdentity(db: DbOrTrx): Promise<PackageSource> {
  const unit = await getUnitSettings(db);
  const level: UnitLevel = unit.level;
  const name = (level === '市' ? unit.city : level === '县区' ? unit.county : unit.street) || unit.issuer;
  if (!name)
    throw new AppError(
      'VALIDATION_FAILED',
      `尚未填写本单位名称，不能上报。请先在 系统设置 → 单位设置 中填写${level === '街道' ? '街道名称' : level}（或 settings set --street …）。`,
    );
  return { level, code: unit.unitCode, name };
}

/** This database's key pair, created (and audited) on first use. */
export async function ensureKeyPair(app: AppContext, actor: string): Promise<KeyPair & { createdAt: string }> {
  const existing = await readIdentity(app.db);
  if (existing)
    return {
      publicKey: existing.public_key,
      privateKey: existing.private_key,
      fingerprint: existing.fingerprint,
      createdAt: existing.created_at,
    };
  const keys = generateKeyPair();
  const now = app.now();
  await app.db.transaction().execute(async (trx) => {
    if (await readIdentity(trx)) return; // another door created it meanwhile
    await insertIdentity(trx, {
      public_key: keys.publicKey,
      private_key: keys.privateKey,
      fingerprint: keys.fingerprint,
      created_at: now.toISOString(),
    });
    await appendAudit(
      trx,
      { actor, action: 'exchange.createKey', entity: 'exchange', entityId: 'key', after: { fingerprint: keys.fingerprint } },
      now,
    );
  });
  const stored = await readIdentity(app.db);
  if (!stored) throw new AppError('INTERNAL', '未能创建数据包签名密钥。');
  return { publicKey: stored.public_key, privateKey: stored.private_key, fingerprint: stored.fingerprint, createdAt: stored.created_at };
}

export interface SenderDto {
  fingerprint: string;
  name: string;
  code: string;
  level: UnitLevel;
  trustedAt: string;
  trustedBy: string;
}

const toSender = (r: {
  fingerprint: string;
  name: string;
  code: string;
  level: string;
  trusted_at: string;
  trusted_by: string;
}): SenderDto => ({
  fingerprint: r.fingerprint,
  name: r.name,
  code: r.code,
  level: r.level as UnitLevel,
  trustedAt: r.trusted_at,
  trustedBy: r.trusted_by,
});

export async function senders(db: DbOrTrx): Promise<SenderDto[]> {
  return (await listSenders(db)).map(toSender);
}

/**
 * Trust a sender's key once (its fingerprint read out by phone or on paper), under the name and
 * code this database will know it by. Trusting the same fingerprint again updates name and code.
 */
export async function trustSender(
  app: AppContext,
  actor: string,
  input: { fingerprint: string; name: string; code: string; level: UnitLevel },
): Promise<SenderDto> {
  const fingerprint = normalizeFingerprint(input.fingerprint);
  if (!fingerprint)
    throw new AppError('VALIDATION_FAILED', '指纹格式不正确：应为对方 exchange key 显示的 64 位十六进制字符（可含空格）。请核对后重试。');
  const own = await readIdentity(app.db);
  if (own?.fingerprint === fingerprint) throw new AppError('VALIDATION_FAILED', '这是本单位自己的指纹，不需要信任。请填写报送单位的指纹。');
  const now = app.now();
  await app.db.transaction().execute(async (trx) => {
    const before = await findSender(trx, fingerprint);
    const others = (await listSenders(trx)).filter((s) => s.code === input.code && s.fingerprint !== fingerprint);
    await saveSender(trx, {
      fingerprint,
      name: input.name,
      code: input.code,
      level: input.level,
      trusted_at: before?.trusted_at ?? now.toISOString(),
      trusted_by: before?.trusted_by ?? actor,
    });
    await appendAudit(
      trx,
      {
        actor,
        action: 'exchange.trust',
        entity: 'exchangeSender',
        entityId: fingerprint,
        before: before ? { name: before.name, code: before.code, level: before.level } : undefined,
        after: { name: input.name, code: input.code, level: input.level },
        // A unit that reinstalled has a new key: both keys stay trusted under the same code.
        reason: others.length > 0 ? `同一代码已信任其他密钥：${others.map((o) => o.fingerprint.slice(0, 16)).join('、')}` : null,
      },
      now,
    );
  });
  const saved = await findSender(app.db, fingerprint);
  if (!saved) throw new AppError('INTERNAL', '未能保存信任的发送方。');
  return toSender(saved);
}

/**
 * Stop trusting a sender's key (a lost USB key, a unit that left): its packages are refused as
 * untrusted from now on. What was already received stays, as the record of what was reported.
 */
export async function untrustSender(app: AppContext, actor: string, rawFingerprint: string): Promise<SenderDto> {
  const fingerprint = normalizeFingerprint(rawFingerprint);
  if (!fingerprint)
    throw new AppError('VALIDATION_FAILED', '指纹格式不正确：应为 64 位十六进制字符（可含空格）。请从“信任的报送单位”列表中复制。');
  const now = app.now();
  return app.db.transaction().execute(async (trx) => {
    const before = await findSender(trx, fingerprint);
    if (!before) throw new AppError('NOT_FOUND', '没有信任过这个指纹的报送单位。请用 exchange senders 查看信任列表。');
    await deleteSender(trx, fingerprint);
    await appendAudit(
      trx,
      {
        actor,
        action: 'exchange.untrust',
        entity: 'exchangeSender',
        entityId: fingerprint,
        before: { name: before.name, code: before.code, level: before.level },
      },
      now,
    );
    return toSender(before);
  });
}
