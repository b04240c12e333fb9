import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli';
import { makeTempDir, removeDir } from '../helpers/temp-dir';

const dir = makeTempDir();
afterAll(() => removeDir(dir));

function json<T>(args: string[]): T {
  const r = runCli([...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
}

describe('levels: settings set --level --code', () => {
  const db = path.join(dir, '县区.sqlite');

  it('a new database is a 街道 with no code; a 县区 gets the default standard for its 街道', () => {
    expect(json<{ level: string; unitCode: string }>(['settings', 'show', '--db', db])).toMatchObject({ level: '街道', unitCode: '' });
    const saved = json<{ level: string; unitCode: string; county: string }>([
      'settings', 'set', '--level', '县区', '--code', '411102', '--county', '源汇区', '--db', db,
    ]);
    expect(saved).toMatchObject({ level: '县区', unitCode: '411102', county: '源汇区' });
    const list = json<Array<{ version: number; status: string; kind: string; name: string }>>(['standard', 'list', '--db', db]);
    expect(list.map((v) => [v.version, v.status, v.kind])).toEqual([
      [1, 'published', '社区'],
      [2, 'published', '街道'],
    ]);
    expect(runCli(['standard', 'list', '--db', db]).stdout).toContain('第2版  已发布  街道社区规范化创建工作考核标准（考评对象：街道）  100分');
    // Choosing the level again adds nothing.
    json(['settings', 'set', '--level', '县区', '--db', db]);
    expect(json<unknown[]>(['standard', 'list', '--db', db])).toHaveLength(2);
  });

  it('refuses a code that does not fit the level, or an unknown level, and changes nothing', () => {
    const bad = runCli(['settings', 'set', '--code', '411102001', '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('县区的统计用区划代码应为 6 位数字');
    const wrongLevel = runCli(['settings', 'set', '--level', '省', '--db', db]);
    expect(wrongLevel.code).toBe(1);
    expect(wrongLevel.stderr).toContain('层级只能是“街道”“县区”或“市”');
    const cityCode = runCli(['settings', 'set', '--level', '市', '--db', db]);
    expect(cityCode.code).toBe(1);
    expect(cityCode.stderr).toContain('市的统计用区划代码以 00 结尾');
    expect(json<{ level: string; unitCode: string }>(['settings', 'show', '--db', db])).toMatchObject({ level: '县区', unitCode: '411102' });
  });

  it('a 市 gets standards for its 县区 and 成员单位', () => {
    const city = path.join(dir, '市.sqlite');
    json(['settings', 'set', '--level', '市', '--code', '411100', '--city', '漯河市', '--db', city]);
    const list = json<Array<{ version: number; kind: string; name: string }>>(['standard', 'list', '--db', city]);
    expect(list.map((v) => [v.version, v.kind, v.name])).toEqual([
      [1, '社区', '社区规范化创建考核标准'],
      [2, '县区', '县区社区规范化创建工作考核标准'],
      [3, '成员单位', '成员单位社区建设工作考核标准'],
    ]);
  });
});
