import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../electron/core/app-context';
import { createTestApp } from '../helpers/app-fixture';
import { seedCommunities } from '../helpers/round-seed';
import { runCli } from '../helpers/run-cli';
import { dbTarget } from '../helpers/test-db';
import { makeTempDir, removeDir } from '../helpers/temp-dir';

const dir = makeTempDir();
const db = path.join(dir, '街道 数据', 'appraisal.sqlite');
afterAll(() => removeDir(dir));

beforeAll(async () => {
  const t = await createTestApp();
  await t.app.close();
  t.app = await createAppContext({ dbFile: dbTarget(db), door: 'cli' });
  await seedCommunities(t);
  await t.call('users:create', { username: 'zhangkp', displayName: '张考评', role: 'assessor', password: 'Kaoping2021' });
  await t.call('users:create', { username: 'shenhe', displayName: '沈审核', role: 'reviewer', password: 'Kaoping2021' });
  await t.call('rounds:create', { year: 2021, quarter: 3 });
  await t.app.close();
});

describe('round assign', () => {
  it('assigns a community and one category to a 考评员 account, and refuses unknown names without changing anything', () => {
    const whole = runCli(['round', 'assign', '2021Q3', '--community', '龙塔社区', '--user', 'zhangkp', '--db', db, '--json']);
    expect(whole.stderr).toBe('');
    expect(whole.code).toBe(0);
    const cat = runCli([
      'round',
      'assign',
      '2021Q3',
      '--community',
      '沙北社区',
      '--category',
      'g',
      '--assessor',
      'ZhangKP',
      '--db',
      db,
      '--json',
    ]);
    expect(cat.code).toBe(0);
    const saved = JSON.parse(cat.stdout) as { assignments: { assessor: string; categoryCode: string | null }[] };
    expect(saved.assignments.map((a) => [a.assessor, a.categoryCode])).toEqual([
      ['zhangkp', null],
      ['zhangkp', 'G'],
    ]);

    const unknown = runCli(['round', 'assign', '2021Q3', '--community', '受降社区', '--assessor', '王五', '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/没有这些考评员账号.*王五/);
    const reviewer = runCli(['round', 'assign', '2021Q3', '--community', '受降社区', '--assessor', 'shenhe', '--db', db]);
    expect(reviewer.code).toBe(1);
    expect(reviewer.stderr).toMatch(/不是考评员/);
    const noCommunity = runCli(['round', 'assign', '2021Q3', '--community', '不存在社区', '--assessor', 'zhangkp', '--db', db]);
    expect(noCommunity.code).toBe(1);
    expect(noCommunity.stderr).toMatch(/没有社区“不存在社区”/);

    const status = runCli(['round', 'status', '2021Q3', '--db', db, '--json']);
    expect(status.code).toBe(0);
    const after = runCli(['round', 'assign', '2021Q3', '--community', '龙塔社区', '--assessor', 'zhangkp', '--db', db]);
    expect(after.stdout).toMatch(/龙塔社区 已分配给 zhangkp/);
  });
});
