/**
 * Removing a trusted sender (issue #15): `exchange untrust <fingerprint>` removes the key from the
 * trusted list (audited), the sender's package is then refused as untrusted with nothing written,
 * and what was received before stays.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../electron/core/app-context';
import { createTestApp } from '../helpers/app-fixture';
import { dbTarget } from '../helpers/test-db';
import { advanceTo, completeForms, seedCommunities } from '../helpers/round-seed';
import { runCli } from '../helpers/run-cli';
import { makeTempDir, removeDir } from '../helpers/temp-dir';

const dir = makeTempDir();
const county = path.join(dir, '县区.sqlite');
const pkg = path.join(dir, '龙塔街道.cadx');
let fingerprint = '';
afterAll(() => removeDir(dir));

beforeAll(async () => {
  const street = await createTestApp();
  try {
    await street.call('settings:update', { street: '龙塔街道' });
    const ids = await seedCommunities(street);
    await street.call('rounds:create', { year: 2021, quarter: 3 });
    await completeForms(street, '2021Q3', ids);
    await advanceTo(street, '2021Q3', 'finalized');
    const out = await street.call('exchange:export', { roundId: '2021Q3' });
    fs.copyFileSync(street.app.files.resolve(out.fileId).path, pkg);
    fingerprint = (await street.call('exchange:key', {})).fingerprint;
  } finally {
    await street.dispose();
  }
}, 600_000);

function json<T>(args: string[]): T {
  const r = runCli([...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
}

describe('exchange untrust', () => {
  it('removes the sender; its package is then refused and what was received stays', () => {
    json(['settings', 'set', '--level', '县区', '--code', '411102', '--county', '源汇区', '--db', county]);
    json(['exchange', 'trust', fingerprint, '--name', '龙塔街道', '--code', '411102001', '--db', county]);
    expect(json(['exchange', 'import', pkg, '--db', county])).toMatchObject({ status: 'new', committed: true });

    const removed = runCli(['exchange', 'untrust', fingerprint, '--db', county]);
    expect(removed.stderr).toBe('');
    expect(removed.stdout).toContain('已移除信任：街道 龙塔街道（411102001）');
    expect(json<unknown[]>(['exchange', 'senders', '--db', county])).toEqual([]);

    const refused = runCli(['exchange', 'import', pkg, '--db', county, '--json']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('发送方未被信任');
    // The package received while trusted is still there.
    expect(json<unknown[]>(['exchange', 'packages', '--db', county])).toHaveLength(1);

    const again = runCli(['exchange', 'untrust', fingerprint, '--db', county]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('没有信任过这个指纹的报送单位');
  }, 600_000);

  it('is in the audit log with the sender it removed', async () => {
    const app = await createAppContext({ dbFile: dbTarget(county), door: 'cli' });
    try {
      const rows = await app.db
        .selectFrom('audit_log')
        .select(['action', 'before_json'])
        .where('action', '=', 'exchange.untrust')
        .execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]?.before_json).toContain('龙塔街道');
    } finally {
      await app.close();
    }
  });
});
