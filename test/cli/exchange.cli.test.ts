/**
 * `exchange` through the bundled CLI on real files: key --json, trust, export, import --dry-run
 * (nothing written), import, identical re-import, and exit 2 for altered and untrusted packages.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app-fixture';
import { advanceTo, completeForms, seedCommunities } from '../helpers/round-seed';
import { runCli } from '../helpers/run-cli';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { dropDbTarget } from '../helpers/test-db';

let dir: string;
let street: TestApp;
let streetDb: string;
let countyDb: string;

async function finalizedStreet(): Promise<TestApp> {
  const t = await createTestApp();
  await t.call('settings:update', { street: '龙塔街道' });
  const ids = await seedCommunities(t);
  await t.call('rounds:create', { year: 2021, quarter: 3 });
  await completeForms(t, '2021Q3', ids);
  await advanceTo(t, '2021Q3', 'finalized');
  return t;
}

beforeAll(async () => {
  dir = makeTempDir();
  // The street's database stays where the fixture made it (a SQLite file, or the PostgreSQL
  // database standing for it): the CLI opens the same one with --db.
  street = await finalizedStreet();
  await street.app.close();
  streetDb = street.dbFile;
  countyDb = path.join(dir, '郾城区.sqlite');
  expect(runCli(['settings', 'set', '--county', '郾城区', '--db', countyDb]).code).toBe(0);
});
afterAll(() => {
  dropDbTarget(streetDb);
  dropDbTarget(countyDb);
  removeDir(street.dir);
  removeDir(dir);
});

const json = (stdout: string) => JSON.parse(stdout) as Record<string, unknown>;

describe('exchange CLI', () => {
  it('exports, trusts, previews, imports and re-imports', () => {
    const key = runCli(['exchange', 'key', '--db', streetDb, '--json']);
    expect(key.code).toBe(0);
    const fingerprint = json(key.stdout).fingerprint as string;
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);

    const file = path.join(dir, '龙塔街道-2021Q3.cadx');
    const exported = runCli(['exchange', 'export', '2021Q3', '--out', file, '--db', streetDb, '--json']);
    expect(exported.code).toBe(0);
    expect(json(exported.stdout)).toMatchObject({ round: '2021Q3', revision: 1, units: 3 });

    const untrusted = runCli(['exchange', 'import', file, '--db', countyDb, '--json']);
    expect(untrusted.code).toBe(2);
    expect(untrusted.stderr).toContain('发送方未被信任');

    expect(runCli(['exchange', 'trust', fingerprint, '--name', '龙塔街道', '--code', '411102001', '--db', countyDb]).code).toBe(0);
    const dry = runCli(['exchange', 'import', file, '--dry-run', '--db', countyDb, '--json']);
    expect(dry.code).toBe(0);
    expect(json(dry.stdout)).toMatchObject({
      source: { level: '街道', code: '', name: '龙塔街道' },
      round: '2021Q3',
      revision: 1,
      status: 'new',
      committed: false,
      units: 3,
    });
    expect(runCli(['exchange', 'packages', '--db', countyDb, '--json']).stdout.trim()).toBe('[]');

    const done = runCli(['exchange', 'import', file, '--db', countyDb, '--json']);
    expect(done.code).toBe(0);
    expect(json(done.stdout)).toMatchObject({ status: 'new', committed: true, units: 3 });
    const again = runCli(['exchange', 'import', file, '--db', countyDb, '--json']);
    expect(json(again.stdout)).toMatchObject({ status: 'identical', committed: false });

    const matrix = runCli(['exchange', 'matrix', '2021', '--db', countyDb]);
    expect(matrix.stdout).toContain('411102001 龙塔街道');
  }, 300_000);

  it('exits 2 with a Chinese message for an altered or a non-package file, 1 for a round not finalized', () => {
    const file = path.join(dir, '龙塔街道-2021Q3.cadx');
    const bytes = fs.readFileSync(file);
    bytes[Math.floor(bytes.length / 2)] = (bytes[Math.floor(bytes.length / 2)] ?? 0) ^ 0x10;
    const altered = path.join(dir, 'altered.cadx');
    fs.writeFileSync(altered, bytes);
    const r = runCli(['exchange', 'import', altered, '--db', countyDb, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/数据包/);
    const junk = path.join(dir, 'junk.cadx');
    fs.writeFileSync(junk, 'not a zip');
    expect(runCli(['exchange', 'import', junk, '--db', countyDb]).code).toBe(2);
    expect(runCli(['exchange', 'export', '2021Q4', '--out', path.join(dir, 'x.cadx'), '--db', streetDb]).code).toBe(1);
  }, 120_000);
});
