/**
 * Writing and opening signed packages: Ed25519 keys (node:crypto), the manifest's signature and
 * the sha256 of every file. Opening checks everything that can be checked without the database
 * (container, format, signature, hashes, payload shape); whether the key is trusted is the
 * import service's question.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { AppError } from '../../../../shared/ipc/errors';
import { canonicalJson } from '../../../../shared/domain/canonical-json';
import {
  MANIFEST_FILE,
  manifestSchema,
  PACKAGE_ENTRIES,
  PACKAGE_FORMAT,
  PACKAGE_FORMAT_VERSION,
  packagePayloadSchema,
  PAYLOAD_FILE,
  SIGNATURE_FILE,
  type PackageManifest,
  type PackagePayload,
  type PackageSource,
} from '../../../../shared/domain/exchange/package-format';
import { writeZip } from '../../platform/io/zip/zip-archive';
import { readZip } from './package-zip';

export interface KeyPair {
  /** Raw 32-byte Ed25519 public key, base64. */
  publicKey: string;
  /** PKCS#8 PEM. */
  privateKey: string;
  fingerprint: string;
}

export const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** The fingerprint of a raw public key (base64): sha256 of its 32 bytes, hex. */
export function fingerprintOf(publicKey: string): string {
  return sha256Hex(Buffer.from(publicKey, 'base64'));
}

export function generateKeyPair(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  const raw = Buffer.from(jwk.x ?? '', 'base64url').toString('base64');
  return { publicKey: raw, privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), fingerprint: fingerprintOf(raw) };
}

export interface PackageInput {
  source: PackageSource;
  round: string;
  revision: number;
  exportedAt: string;
  payload: PackagePayload;
  keys: Pick<KeyPair, 'publicKey' | 'privateKey'>;
}

/** The payload's bytes: canonical JSON, so the same content always hashes the same. */
export function payloadBytes(payload: PackagePayload): Buffer {
  return Buffer.from(canonicalJson(payload), 'utf8');
}

/** The .cadx bytes: manifest, payload and the manifest's signature. */
export function buildPackage(input: PackageInput): { bytes: Buffer; sha256: string } {
  const payload = payloadBytes(input.payload);
  const sha256 = sha256Hex(payload);
  const manifest: PackageManifest = {
    format: PACKAGE_FORMAT,
    formatVersion: PACKAGE_FORMAT_VERSION,
    source: input.source,
    round: input.round,
    revision: input.revision,
    exportedAt: input.exportedAt,
    publicKey: input.keys.publicKey,
    files: [{ name: PAYLOAD_FILE, sha256, size: payload.length }],
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2), 'utf8');
  const signature = sign(null, manifestBytes, createPrivateKey(input.keys.privateKey)).toString('base64');
  const bytes = writeZip([
    { name: MANIFEST_FILE, data: manifestBytes },
    { name: PAYLOAD_FILE, data: payload },
    { name: SIGNATURE_FILE, data: Buffer.from(signature, 'utf8') },
  ]);
  return { bytes, sha256 };
}

export interface OpenedPackage {
  manifest: PackageManifest;
  payload: PackagePayload;
  /** sha256 of payload.json: the package's identity. */
  sha256: string;
  /** sha256 of the whole file, for the audit log. */
  fileSha256: string;
  fingerprint: string;
  size: number;
}

const refused = (message: string) => new AppError('INVALID_FILE', message);

function parseJson(data: Buffer, what: string): unknown {
  try {
    return JSON.parse(data.toString('utf8')) as unknown;
  } catch {
    throw refused(`数据包的${what}无法读取（已损坏）。请向报送单位重新索取数据包。`);
  }
}

/** Opens and checks a package; every failure is INVALID_FILE with a Chinese message. */
export function openPackage(bytes: Buffer): OpenedPackage {
  const files = readZip(bytes, PACKAGE_ENTRIES);
  const manifestBytes = files.get(MANIFEST_FILE);
  const payloadData = files.get(PAYLOAD_FILE);
  const signature = files.get(SIGNATURE_FILE);
  if (!manifestBytes || !payloadData || !signature)
    throw refused('该文件不是有效的考评数据包（.cadx）：缺少清单、数据或签名。请向报送单位重新索取数据包。');
  const raw = parseJson(manifestBytes, '清单');
  const head = raw as { format?: unknown; formatVersion?: unknown };
  if (head?.format !== PACKAGE_FORMAT) throw refused('该文件不是本系统的考评数据包（格式标识不符）。');
  if (typeof head.formatVersion === 'number' && head.formatVersion > PACKAGE_FORMAT_VERSION)
    throw refused(`该数据包由更新版本的软件生成（格式版本 ${head.formatVersion}），请升级本软件后再接收。`);
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success || parsed.data.formatVersion !== PACKAGE_FORMAT_VERSION)
    throw refused('数据包的清单格式不正确（可能已被修改）。请向报送单位重新索取数据包。');
  const manifest = parsed.data;
  let signatureOk: boolean;
  try {
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(manifest.publicKey, 'base64').toString('base64url') },
      format: 'jwk',
    });
    signatureOk = verify(null, manifestBytes, key, Buffer.from(signature.toString('utf8').trim(), 'base64'));
  } catch {
    signatureOk = false;
  }
  if (!signatureOk) throw refused('数据包签名校验失败：清单在签名后被修改，或签名不属于该发送方。该数据包未被接收。');
  const listed = manifest.files.find((f) => f.name === PAYLOAD_FILE);
  const sha256 = sha256Hex(payloadData);
  if (!listed || manifest.files.length !== 1 || listed.sha256 !== sha256 || listed.size !== payloadData.length)
    throw refused('数据包内容与签名清单不符（数据在签名后被修改）。该数据包未被接收。');
  const payload = packagePayloadSchema.safeParse(parseJson(payloadData, '数据'));
  if (!payload.success) throw refused('数据包的数据格式不正确。请向报送单位重新索取数据包。');
  const p = payload.data;
  if (p.round.id !== manifest.round || p.round.revision !== manifest.revision || canonicalJson(p.source) !== canonicalJson(manifest.source))
    throw refused('数据包的清单与数据不一致（轮次、版本或报送单位不同）。该数据包未被接收。');
  return { manifest, payload: p, sha256, fileSha256: sha256Hex(bytes), fingerprint: fingerprintOf(manifest.publicKey), size: bytes.length };
}
