import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createAppContext } from '../../../electron/core/app-context';
import { verifyAuditChain } from '../../../electron/core/platform/audit/audit-log';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';
import { PG_MODE, dbTarget } from '../../helpers/test-db';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

describe('unit settings', () => {
  it('start empty, save, and are still there after reopening the file', async () => {
    t = await createTestApp();
    expect(await t.call('settings:get', {})).toEqual({ city: '', county: '', street: '', issuer: '', level: '街道', unitCode: '' });
    await t.call('settings:update', { city: '漯河市', county: '郾城区', street: '龙塔街道', issuer: '龙塔街道办事处' });
    await t.app.close();
    const reopened = await createAppContext({ dbFile: dbTarget(t.dbFile), door: 'cli' });
    t.app = reopened;
    expect(await t.call('settings:get', {})).toEqual({
      city: '漯河市',
      county: '郾城区',
      street: '龙塔街道',
      issuer: '龙塔街道办事处',
      level: '街道',
      unitCode: '',
    });
  });

  it('change only the given fields and record before/after in the audit log', async () => {
    t = await createTestApp();
    await t.call('settings:update', { city: '漯河市', street: '龙塔街道' });
    const saved = await t.call('settings:update', { street: '马路街街道' });
    expect(saved).toEqual({ city: '漯河市', county: '', street: '马路街街道', issuer: '', level: '街道', unitCode: '' });
    const log = await t.call('audit:list', { entity: 'settings' });
    expect(log.total).toBe(2);
    expect(log.entries[0]).toMatchObject({ action: 'settings.update', before: { street: '龙塔街道' }, after: { street: '马路街街道' } });
    // Saving the same values again changes nothing and logs nothing.
    await t.call('settings:update', { street: '马路街街道' });
    expect((await t.call('audit:list', { entity: 'settings' })).total).toBe(2);
  });

  it('reject invalid values with a Chinese message and keep the stored ones', async () => {
    t = await createTestApp();
    await t.call('settings:update', { street: '龙塔街道' });
    await expect(t.call('settings:update', { street: '长'.repeat(41) })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(t.call('settings:update', { street: '<script>' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect((await t.call('settings:get', {})).street).toBe('龙塔街道');
  });
});

describe('audit chain', () => {
  // These remove the SQLite triggers by name; PostgreSQL's append-only guard is tested in test/db/postgres.
  it.skipIf(PG_MODE)('verifies, and finds an edited entry', async () => {
    t = await createTestApp();
    await t.call('settings:update', { city: '漯河市' });
    await t.call('settings:update', { county: '郾城区' });
    await t.call('settings:update', { street: '龙塔街道' });
    expect((await verifyAuditChain(t.app.db)).ok).toBe(true);
    // The database itself refuses edits of the log...
    await expect(sql`update audit_log set actor = 'mallory' where seq = 2`.execute(t.app.db)).rejects.toThrow(/append-only/);
    // ...and if someone removes that guard, verification still finds the tampering.
    await sql`drop trigger audit_log_no_update`.execute(t.app.db);
    await sql`update audit_log set after_json = '{"county":"源汇区"}' where seq = 2`.execute(t.app.db);
    const result = await t.call('audit:verify', {});
    expect(result).toMatchObject({ ok: false, firstBadSeq: 2 });
  });

  it.skipIf(PG_MODE)('finds a deleted entry', async () => {
    t = await createTestApp();
    await t.call('settings:update', { city: '漯河市' });
    await t.call('settings:update', { county: '郾城区' });
    await t.call('settings:update', { street: '龙塔街道' });
    await sql`drop trigger audit_log_no_delete`.execute(t.app.db);
    await sql`delete from audit_log where seq = 2`.execute(t.app.db);
    const result = await verifyAuditChain(t.app.db);
    expect(result.ok).toBe(false);
    expect(result.firstBadSeq).toBe(2);
  });
});
