/**
 * Exchange packages between two real databases: a 街道 finalizes and exports, a 县区 trusts it,
 * previews (writing nothing), imports, re-imports, takes a higher revision, refuses a lower one,
 * records a same-revision conflict for an administrator, and refuses altered and untrusted files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';
import { advanceTo, completeForms, seedCommunities } from '../../helpers/round-seed';
import { buildPackage, openPackage } from '../../../electron/core/features/exchange/package-codec';
import { currentUnits, receivedPayloads } from '../../../electron/core/features/exchange/index';
import { writeSetting } from '../../../electron/core/features/settings/index';
import { tableNames } from '../../../electron/core/platform/db/dialect';

const R = '2021Q3';
let street: TestApp;
let county: TestApp;

/** Every row of every table (in any order: PostgreSQL returns rows unordered), as one hash. */
async function dbFingerprint(t: TestApp): Promise<string> {
  const hash = createHash('sha256');
  for (const name of (await tableNames(t.app.db)).sort()) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(t.app.db);
    hash.update(
      name +
        rows.rows
          .map((r) => JSON.stringify(r))
          .sort()
          .join('\n'),
    );
  }
  return hash.digest('hex');
}

async function exportTo(t: TestApp, name: string): Promise<string> {
  const r = await street.call('exchange:export', { roundId: R });
  const file = path.join(t.dir, name);
  fs.copyFileSync(t.app.files.resolve(r.fileId).path, file);
  return file;
}

const importFile = (file: string, dryRun = false) =>
  county.call('exchange:import', { fileId: county.app.files.stageFromPath(file).fileId, dryRun });

beforeAll(async () => {
  street = await createTestApp();
  county = await createTestApp();
  await street.call('settings:update', { city: '漯河市', county: '郾城区', street: '龙塔街道' });
  await county.call('settings:update', { city: '漯河市', county: '郾城区' });
  const ids = await seedCommunities(street);
  await street.call('rounds:create', { year: 2021, quarter: 3 });
  await completeForms(street, R, ids);
});
afterAll(async () => {
  await street.dispose();
  await county.dispose();
});

describe('exchange packages', () => {
  it('refuses to export a round that is not finalized', async () => {
    await expect(street.call('exchange:export', { roundId: R })).rejects.toMatchObject({ code: 'ILLEGAL_STATE' });
  });

  it('exports, previews without writing, imports, and re-imports as identical', async () => {
    await advanceTo(street, R, 'finalized');
    const file = await exportTo(street, 'v1.cadx');
    const opened = openPackage(fs.readFileSync(file));
    expect(opened.manifest.revision).toBe(1);
    expect(opened.manifest.source).toEqual({ level: '街道', code: '', name: '龙塔街道' });
    expect(opened.payload.units.map((u) => u.name).sort()).toEqual(['受降社区', '沙北社区', '龙塔社区']);
    expect(opened.payload.standard.sha256).toMatch(/^[0-9a-f]{64}$/);

    // Untrusted: refused, nothing written.
    const before = await dbFingerprint(county);
    await expect(importFile(file)).rejects.toMatchObject({ code: 'INVALID_FILE', message: expect.stringContaining('发送方未被信任') });
    expect(await dbFingerprint(county)).toBe(before);

    const { fingerprint } = await street.call('exchange:key', {});
    await county.call('exchange:trust', { fingerprint, name: '龙塔街道', code: '411102001' });

    const trusted = await dbFingerprint(county);
    const dry = await importFile(file, true);
    expect(dry).toMatchObject({ round: R, revision: 1, status: 'new', committed: false, units: 3 });
    expect(dry.preview.every((u) => u.change === 'added')).toBe(true);
    expect(await dbFingerprint(county)).toBe(trusted);

    const done = await importFile(file);
    expect(done).toMatchObject({ status: 'new', committed: true, sender: { name: '龙塔街道', code: '411102001' } });
    const units = await currentUnits(county.app.db, R);
    expect(units).toHaveLength(3);
    expect(units.every((u) => u.sourceCode === '411102001' && u.totalTenths > 0)).toBe(true);

    // The same package again, and a second export of the same revision: identical, nothing written.
    const afterImport = await dbFingerprint(county);
    expect(await importFile(file)).toMatchObject({ status: 'identical', committed: false });
    expect(await importFile(await exportTo(street, 'v1-again.cadx'))).toMatchObject({ status: 'identical', committed: false });
    expect(await dbFingerprint(county)).toBe(afterImport);

    const audit = await county.app.db.selectFrom('audit_log').select('action').where('action', '=', 'exchange.import').execute();
    expect(audit).toHaveLength(1);
  });

  it('takes a higher revision after an unlock, keeps the old one, and refuses the lower one', async () => {
    await street.call('rounds:unlock', { roundId: R, reason: '更正扣分' });
    await street.call('rounds:advance', { roundId: R, to: 'finalized' });
    const v2 = await exportTo(street, 'v2.cadx');
    const r = await importFile(v2);
    expect(r).toMatchObject({ revision: 2, status: 'replaces', committed: true, currentRevision: 1 });
    const list = await county.call('exchange:packages', { roundId: R });
    expect(list.map((p) => [p.revision, p.status])).toEqual([
      [2, 'current'],
      [1, 'superseded'],
    ]);
    const v1 = path.join(street.dir, 'v1.cadx');
    expect(await importFile(v1)).toMatchObject({ status: 'stale', committed: false });
    expect((await receivedPayloads(county.app.db, R))[0]?.revision).toBe(2);
  });

  it('records a same-revision conflict for an administrator to decide', async () => {
    const key = await street.app.db.selectFrom('exchange_identity').selectAll().executeTakeFirstOrThrow();
    const current = openPackage(fs.readFileSync(path.join(street.dir, 'v2.cadx')));
    const payload = { ...current.payload, units: current.payload.units.map((u, i) => (i === 0 ? { ...u, total: u.total - 1 } : u)) };
    const { bytes } = buildPackage({
      source: current.manifest.source,
      round: R,
      revision: 2,
      exportedAt: new Date().toISOString(),
      payload,
      keys: { publicKey: key.public_key, privateKey: key.private_key },
    });
    const file = path.join(county.dir, 'conflict.cadx');
    fs.writeFileSync(file, bytes);
    const r = await importFile(file);
    expect(r).toMatchObject({ status: 'conflict', committed: false });
    expect(r.preview.filter((u) => u.change === 'changed')).toHaveLength(1);
    expect(r.packageId).not.toBeNull();
    const matrix = await county.call('exchange:matrix', { year: 2021 });
    expect(matrix.rows[0]?.cells.find((c) => c.quarter === 3)).toMatchObject({ reported: true, revision: 2, pendingConflict: true });
    expect(matrix.rows[0]?.missingQuarters).toEqual([1, 2, 4]);

    const decided = await county.call('exchange:resolveConflict', {
      packageId: r.packageId!,
      decision: 'accept',
      reason: '经电话核实以新包为准',
    });
    expect(decided.status).toBe('current');
    const statuses = (await county.call('exchange:packages', { roundId: R })).map((p) => p.status).sort();
    expect(statuses).toEqual(['current', 'superseded', 'superseded']);
  });

  it('refuses altered bytes and a package signed by an untrusted key, writing nothing', async () => {
    const good = fs.readFileSync(path.join(street.dir, 'v2.cadx'));
    const before = await dbFingerprint(county);
    const altered = Buffer.from(good);
    const at = Math.floor(altered.length / 3);
    altered[at] = (altered[at] ?? 0) ^ 0x01;
    const file = path.join(county.dir, 'altered.cadx');
    fs.writeFileSync(file, altered);
    await expect(importFile(file)).rejects.toMatchObject({ code: 'INVALID_FILE' });
    const other = await createTestApp();
    try {
      await other.call('settings:update', { street: '龙塔街道' });
      const ids = await seedCommunities(other, ['假社区']);
      await other.call('rounds:create', { year: 2021, quarter: 3 });
      await completeForms(other, R, ids);
      await advanceTo(other, R, 'finalized');
      const r = await other.call('exchange:export', { roundId: R });
      const forged = path.join(county.dir, 'forged.cadx');
      fs.copyFileSync(other.app.files.resolve(r.fileId).path, forged);
      await expect(importFile(forged)).rejects.toMatchObject({ code: 'INVALID_FILE', message: expect.stringContaining('未被信任') });
    } finally {
      await other.dispose();
    }
    expect(await dbFingerprint(county)).toBe(before);
  });

  it('a 县区 re-export lists the street packages it merged (code, revision, sha256)', async () => {
    // A round over roster rows, made while the database is still a 街道 (so it is the main-kind
    // round 2021Q3); the level is then set to 县区 directly. The whole 县区 path through its own
    // round over 街道 units is test/cli/cascade.cli.test.ts.
    const ids = await seedCommunities(county, ['龙塔街道', '沙北街道']);
    await county.call('rounds:create', { year: 2021, quarter: 3, standardVersion: 1 });
    await completeForms(county, R, ids);
    await advanceTo(county, R, 'finalized');
    await writeSetting(county.app.db, 'unit.level', '县区', new Date());
    const r = await county.call('exchange:export', { roundId: R });
    const opened = openPackage(fs.readFileSync(county.app.files.resolve(r.fileId).path));
    expect(opened.manifest.source).toMatchObject({ level: '县区', name: '郾城区' });
    const inForce = (await county.call('exchange:packages', { roundId: R })).find((p) => p.status === 'current');
    expect(opened.payload.merged).toEqual([
      { level: '街道', code: '411102001', name: '龙塔街道', round: R, revision: inForce?.revision, sha256: inForce?.sha256 },
    ]);
  });
});
