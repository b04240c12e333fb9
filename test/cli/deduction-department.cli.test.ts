/**
 * The department that imposed a 清单外 task (issue #15): entered with a deduction (CLI
 * `deduction add --department`), shown in the form's ledger, carried in the exchange package and
 * read back by the receiver; a package written before the field existed still reads (as null).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../electron/core/app-context';
import { openPackage } from '../../electron/core/features/exchange/package-codec';
import { receivedPayloads } from '../../electron/core/features/exchange/index';
import { unitDeductionSchema } from '../../shared/domain/exchange/package-format';
import { createTestApp, type TestApp } from '../helpers/app-fixture';
import { advanceTo, completeForms, seedCommunities } from '../helpers/round-seed';
import { runCli } from '../helpers/run-cli';
import { dbTarget } from '../helpers/test-db';
import { makeTempDir, removeDir } from '../helpers/temp-dir';

const dir = makeTempDir();
const db = path.join(dir, '街道.sqlite');
const R = '2021Q3';

/** The street's database opened in-process (closed again before the CLI runs on it). */
async function openStreet(): Promise<TestApp> {
  const t = await createTestApp();
  await t.app.close();
  t.app = await createAppContext({ dbFile: dbTarget(db), door: 'cli' });
  return t;
}

beforeAll(async () => {
  const t = await openStreet();
  await t.call('settings:update', { city: '漯河市', county: '源汇区', street: '龙塔街道' });
  const ids = await seedCommunities(t);
  await t.call('rounds:create', { year: 2021, quarter: 3 });
  await completeForms(t, R, ids);
  await t.app.close();
}, 600_000);
afterAll(() => removeDir(dir));

describe('deduction add --department', () => {
  it('records the department with the deduction; bad input records nothing', () => {
    const bad = runCli([
      'deduction',
      'add',
      R,
      '--community',
      '龙塔社区',
      '--item',
      'A4',
      '--points',
      '0',
      '--reason',
      '迎检材料',
      '--db',
      db,
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--points 应为大于0');
    const unknown = runCli([
      'deduction',
      'add',
      R,
      '--community',
      '无此社区',
      '--item',
      'A4',
      '--points',
      '1',
      '--reason',
      'x',
      '--db',
      db,
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('本轮考评中没有「无此社区」');

    const r = runCli([
      'deduction',
      'add',
      R,
      '--community',
      '龙塔社区',
      '--item',
      'A4',
      '--points',
      '1.5',
      '--reason',
      '清单外摊派迎检材料',
      '--department',
      ' 民政局 ',
      '--db',
      db,
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ round: R, community: '龙塔社区', itemCode: 'A4', points: 1.5, department: '民政局' });
    const plain = runCli([
      'deduction',
      'add',
      R,
      '--community',
      '沙北社区',
      '--item',
      'A4',
      '--points',
      '1',
      '--reason',
      '台账不全',
      '--db',
      db,
    ]);
    expect(plain.stdout).toContain('已记录扣分：沙北社区 A4 扣1分（台账不全）。');
  }, 600_000);

  it('shows it in the ledger and carries it in the exchange package to the receiver', async () => {
    const street = await openStreet();
    const county = await createTestApp();
    try {
      const detail = await street.call('rounds:get', { roundId: R });
      const id = (name: string) => detail.communities.find((c) => c.name === name)?.id as number;
      const lt = await street.call('rounds:form', { roundId: R, communityId: id('龙塔社区') });
      expect(lt.ledger.map((d) => [d.text, d.amountTenths, d.department])).toEqual([['清单外摊派迎检材料', 15, '民政局']]);
      const sb = await street.call('rounds:form', { roundId: R, communityId: id('沙北社区') });
      expect(sb.ledger.map((d) => d.department)).toEqual([null]);
      const audit = await street.app.db.selectFrom('audit_log').select('after_json').where('action', '=', 'deduction.add').execute();
      expect(audit.some((a) => String(a.after_json).includes('民政局'))).toBe(true);

      await advanceTo(street, R, 'finalized');
      const exported = await street.call('exchange:export', { roundId: R });
      const file = path.join(dir, '龙塔街道.cadx');
      fs.copyFileSync(street.app.files.resolve(exported.fileId).path, file);
      const pkg = openPackage(fs.readFileSync(file));
      const deductions = pkg.payload.units.flatMap((u) => u.deductions.map((d) => [u.name, d.reason, d.department]));
      expect(deductions).toContainEqual(['龙塔社区', '清单外摊派迎检材料', '民政局']);
      expect(deductions).toContainEqual(['沙北社区', '台账不全', null]);

      await county.call('settings:update', { city: '漯河市', county: '源汇区' });
      const { fingerprint } = await street.call('exchange:key', {});
      await county.call('exchange:trust', { fingerprint, name: '龙塔街道', code: '411102001' });
      await county.call('exchange:import', { fileId: county.app.files.stageFromPath(file).fileId, dryRun: false });
      const [received] = await receivedPayloads(county.app.db, R);
      const got = received?.payload.units.flatMap((u) => u.deductions.filter((d) => d.department).map((d) => [u.name, d.department]));
      expect(got).toEqual([['龙塔社区', '民政局']]);
    } finally {
      await street.app.close();
      removeDir(street.dir);
      await county.dispose();
    }
  }, 600_000);

  it('a deduction in a package written before departments existed reads as without one', () => {
    const old = { itemCode: 'A4', itemTitle: '工作计划', reason: '无计划', points: 1, evidence: '查阅资料', files: [] };
    expect(unitDeductionSchema.parse(old).department).toBeNull();
  });
});
