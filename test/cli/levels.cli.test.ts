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
      'settings',
      'set',
      '--level',
      '县区',
      '--code',
      '411102',
      '--county',
      '源汇区',
      '--db',
      db,
    ]);
    expect(saved).toMatchObject({ level: '县区', unitCode: '411102', county: '源汇区' });
    const list = json<Array<{ version: number; status: string; kind: string; name: string }>>(['standard', 'list', '--db', db]);
    expect(list.map((v) => [v.version, v.status, v.kind])).toEqual([
      [1, 'published', '社区'],
      [2, 'published', '街道'],
    ]);
    expect(runCli(['standard', 'list', '--db', db]).stdout).toContain(
      '第2版  已发布  街道社区规范化创建工作考核标准（考评对象：街道）  100分',
    );
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
    expect(json<{ level: string; unitCode: string }>(['settings', 'show', '--db', db])).toMatchObject({
      level: '县区',
      unitCode: '411102',
    });
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

describe('levels: the 市 appraises its 成员单位', () => {
  const city = path.join(dir, '市-成员单位.sqlite');

  it('imports the 成员单位 roster from Excel and runs a round over them with their own standard', async () => {
    const { default: ExcelJS } = await import('../../electron/core/platform/io/excel/exceljs');
    json(['settings', 'set', '--level', '市', '--code', '411100', '--city', '漯河市', '--db', city]);
    const file = path.join(dir, '成员单位名单.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('成员单位');
    ws.addRow(['名称', '简称', '联系人']);
    ws.addRow(['漯河市民政局', '民政局', '李明']);
    ws.addRow(['中共漯河市委组织部', '组织部', '王芳']);
    ws.addRow(['漯河市财政局', '财政局', null]);
    await wb.xlsx.writeFile(file);

    const dry = json<{ committed: boolean; inserted: number }>(['units', 'import', file, '--kind', '成员单位', '--dry-run', '--db', city]);
    expect(dry).toMatchObject({ committed: false, inserted: 3 });
    expect(json<unknown[]>(['units', 'list', '--db', city])).toEqual([]);
    expect(json(['units', 'import', file, '--kind', '成员单位', '--db', city])).toMatchObject({
      committed: true,
      inserted: 3,
      rejected: 0,
    });
    const units = json<Array<{ kind: string; name: string; shortName: string | null }>>([
      'units',
      'list',
      '--kind',
      '成员单位',
      '--db',
      city,
    ]);
    expect(units.map((u) => [u.kind, u.name, u.shortName])).toEqual([
      ['成员单位', '漯河市民政局', '民政局'],
      ['成员单位', '中共漯河市委组织部', '组织部'],
      ['成员单位', '漯河市财政局', '财政局'],
    ]);
    // Re-import: nothing new.
    expect(json(['units', 'import', file, '--kind', '成员单位', '--db', city])).toMatchObject({ inserted: 0, unchanged: 3 });
    // A 街道 roster is not what a 市 appraises.
    const wrong = runCli(['units', 'import', file, '--kind', '街道', '--db', city]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('不考评街道');

    const created = json<{ round: string; standardVersion: number; communities: string[] }>([
      'round',
      'create',
      '--year',
      '2021',
      '--quarter',
      '3',
      '--standard',
      '3',
      '--db',
      city,
    ]);
    expect(created).toMatchObject({
      round: '2021Q3',
      standardVersion: 3,
      communities: ['漯河市民政局', '中共漯河市委组织部', '漯河市财政局'],
    });
    const results = json<{ units: Array<{ kind: string; name: string; items: { code: string; score: number }[] }>; communities?: unknown }>(
      ['results', '2021Q3', '--db', city],
    );
    expect(results.communities).toBeUndefined();
    expect(results.units.map((u) => [u.kind, u.name])).toEqual([
      ['成员单位', '漯河市民政局'],
      ['成员单位', '中共漯河市委组织部'],
      ['成员单位', '漯河市财政局'],
    ]);
    // Nothing reported yet: no 下沉干部 of theirs, no 清单外 tasks attributed to them.
    const mz = results.units[0];
    expect(mz?.items.find((i) => i.code === 'A1')?.score).toBe(0);
    expect(mz?.items.find((i) => i.code === 'B1')?.score).toBe(30);
  }, 600_000);
});
