import { describe, expect, it } from 'vitest';
import { buildPackage, generateKeyPair, openPackage } from '../../../electron/core/features/exchange/package-codec';
import { readZip } from '../../../electron/core/features/exchange/package-zip';
import { writeZip } from '../../../electron/core/platform/io/zip/zip-archive';
import { PACKAGE_ENTRIES, type PackagePayload } from '../../../shared/domain/exchange/package-format';
import { decideImport, previewUnits } from '../../../shared/domain/exchange/import-decision';

const source = { level: '街道' as const, code: '411102001', name: '龙塔街道' };

function unit(name: string, total: number, grade = '达标') {
  return {
    key: name,
    code: null,
    name,
    kind: '社区',
    rank: 1,
    grade,
    total,
    base: total,
    bonus: 0,
    deducted: 0,
    complete: true,
    vetoes: [],
    categories: [],
    items: [],
    deductions: [],
    rectifications: [],
    earlierRectifications: [],
    metrics: { households: 1200 },
    cadres: [{ workUnit: '市民政局', registered: 3, reported: 2 }],
  };
}

function payload(units = [unit('龙塔社区', 91.5), unit('沙北社区', 88)]): PackagePayload {
  return {
    source,
    round: {
      id: '2021Q3',
      year: 2021,
      quarter: 3,
      title: '2021年第三季度',
      revision: 1,
      finalizedAt: '2021-10-15T00:00:00.000Z',
      docNumber: null,
      reportHash: null,
    },
    standard: { version: 1, name: '标准', sha256: 'a'.repeat(64), body: { x: 1 } },
    grades: [],
    units,
    merged: [],
  };
}

const keys = generateKeyPair();
const build = (p = payload()) =>
  buildPackage({ source, round: '2021Q3', revision: 1, exportedAt: '2021-10-16T00:00:00.000Z', payload: p, keys });

describe('exchange package', () => {
  it('opens what it wrote, with the sender fingerprint and the payload hash', () => {
    const { bytes, sha256 } = build();
    const opened = openPackage(bytes);
    expect(opened.fingerprint).toBe(keys.fingerprint);
    expect(opened.sha256).toBe(sha256);
    expect(opened.payload.units.map((u) => u.name)).toEqual(['龙塔社区', '沙北社区']);
    // Re-exporting the same content at another time keeps the identity.
    const again = buildPackage({ source, round: '2021Q3', revision: 1, exportedAt: '2022-01-01T00:00:00.000Z', payload: payload(), keys });
    expect(again.sha256).toBe(sha256);
  });

  it('refuses a payload altered after signing', () => {
    const files = readZip(build().bytes, PACKAGE_ENTRIES);
    const altered = Buffer.from(files.get('payload.json')!.toString('utf8').replace('91.5', '99.5'));
    const bytes = writeZip([
      { name: 'manifest.json', data: files.get('manifest.json')! },
      { name: 'payload.json', data: altered },
      { name: 'signature.sig', data: files.get('signature.sig')! },
    ]);
    expect(() => openPackage(bytes)).toThrow(/签名后被修改/);
  });

  it('refuses a manifest altered after signing and a signature by another key', () => {
    const files = readZip(build().bytes, PACKAGE_ENTRIES);
    const manifest = Buffer.from(files.get('manifest.json')!.toString('utf8').replace('"revision": 1', '"revision": 2'));
    const resigned = buildPackage({ source, round: '2021Q3', revision: 1, exportedAt: 'x', payload: payload(), keys: generateKeyPair() });
    const other = readZip(resigned.bytes, PACKAGE_ENTRIES);
    for (const [m, s] of [
      [manifest, files.get('signature.sig')!],
      [files.get('manifest.json')!, other.get('signature.sig')!],
    ] as const) {
      const bytes = writeZip([
        { name: 'manifest.json', data: m },
        { name: 'payload.json', data: files.get('payload.json')! },
        { name: 'signature.sig', data: s },
      ]);
      expect(() => openPackage(bytes)).toThrow(/签名校验失败/);
    }
  });

  it('refuses flipped bytes, truncation, path traversal, extra entries and bombs', () => {
    const { bytes } = build();
    const flipped = Buffer.from(bytes);
    flipped[200] = (flipped[200] ?? 0) ^ 0xff;
    expect(() => openPackage(flipped)).toThrow(expect.objectContaining({ code: 'INVALID_FILE' }));
    expect(() => openPackage(bytes.subarray(0, bytes.length - 40))).toThrow(expect.objectContaining({ code: 'INVALID_FILE' }));
    expect(() => readZip(writeZip([{ name: '../evil.json', data: Buffer.from('x') }]), PACKAGE_ENTRIES)).toThrow(/不允许的文件路径/);
    expect(() => readZip(writeZip([{ name: 'extra.txt', data: Buffer.from('x') }]), PACKAGE_ENTRIES)).toThrow(/未知文件/);
    // A bomb: 8 MB of zeros (a few KB packed) declaring 10 bytes; and a declared size past the limit.
    const bomb = writeZip([{ name: 'payload.json', data: Buffer.alloc(8 * 1024 * 1024) }]);
    const declare = (zip: Buffer, size: number) => {
      const out = Buffer.from(zip);
      out.writeUInt32LE(size, 22); // local header
      out.writeUInt32LE(size, out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 24); // central directory
      return out;
    };
    expect(() => readZip(declare(bomb, 10), PACKAGE_ENTRIES)).toThrow(/声明的大小不实/);
    expect(() => readZip(declare(bomb, 100 * 1024 * 1024), PACKAGE_ENTRIES)).toThrow(/内容过大/);
    expect(() => openPackage(Buffer.from('PK\u0003\u0004 not really a zip'))).toThrow(expect.objectContaining({ code: 'INVALID_FILE' }));
  });

  it('decides new, identical, replaces, stale and conflict', () => {
    expect(decideImport(null, { revision: 1, sha256: 'a' })).toBe('new');
    expect(decideImport({ revision: 1, sha256: 'a' }, { revision: 1, sha256: 'a' })).toBe('identical');
    expect(decideImport({ revision: 1, sha256: 'a' }, { revision: 2, sha256: 'b' })).toBe('replaces');
    expect(decideImport({ revision: 2, sha256: 'b' }, { revision: 1, sha256: 'a' })).toBe('stale');
    expect(decideImport({ revision: 1, sha256: 'a' }, { revision: 1, sha256: 'b' })).toBe('conflict');
  });

  it('previews per unit what changes', () => {
    const before = payload();
    const after = payload([unit('龙塔社区', 93, '优秀'), unit('新社区', 80)]);
    const rows = previewUnits(before, after);
    expect(rows.map((r) => [r.name, r.change])).toEqual([
      ['龙塔社区', 'changed'],
      ['新社区', 'added'],
      ['沙北社区', 'removed'],
    ]);
    expect(rows[0]?.notes).toContain('总分 91.5 → 93');
    expect(previewUnits(null, before).every((r) => r.change === 'added')).toBe(true);
  });
});
