import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli';
import { PG_MODE } from '../helpers/test-db';
import { makeTempDir, removeDir } from '../helpers/temp-dir';

const dir = makeTempDir();
afterAll(() => removeDir(dir));
const db = path.join(dir, '街道 数据', 'appraisal.sqlite');

describe('command line', () => {
  it('lists the commands with --help', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('settings show');
    expect(r.stdout).toContain('settings set');
    expect(r.stdout).toContain('--db');
  });

  it('sets and shows the unit settings in a Chinese path with spaces', () => {
    const set = runCli([
      'settings',
      'set',
      '--db',
      db,
      '--city',
      '漯河市',
      '--county',
      '郾城区',
      '--street',
      '龙塔街道',
      '--issuer',
      '龙塔街道办事处',
    ]);
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    const show = runCli(['settings', 'show', '--db', db, '--json']);
    expect(show.code).toBe(0);
    expect(JSON.parse(show.stdout)).toEqual({
      city: '漯河市',
      county: '郾城区',
      street: '龙塔街道',
      issuer: '龙塔街道办事处',
      level: '街道',
      unitCode: '',
    });
  });

  it('reports malformed input in Chinese on stderr, exit 1, no stack trace', () => {
    const r = runCli(['call', 'settings:update', '--db', db, '--input', '{"city": 5}']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^错误：.*[\u4e00-\u9fff]/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const unknown = runCli(['frobnicate', '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('未知命令');
    const empty = runCli(['settings', 'set', '--db', db]);
    expect(empty.code).toBe(1);
    expect(JSON.parse(runCli(['settings', 'show', '--db', db, '--json']).stdout).city).toBe('漯河市');
  });

  // About a file on disk: with PostgreSQL the --db argument is mapped to a server database.
  it.skipIf(PG_MODE)('refuses a file that is not a database with exit 2 and leaves it alone', () => {
    const notDb = path.join(dir, '名册.xlsx');
    fs.writeFileSync(notDb, 'PK\u0003\u0004 not a database');
    const before = fs.readFileSync(notDb);
    const r = runCli(['settings', 'show', '--db', notDb]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/不是/);
    expect(fs.readFileSync(notDb).equals(before)).toBe(true);
  });
});
