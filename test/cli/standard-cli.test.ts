import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from '../../electron/core/platform/io/excel/exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli';
import { makeTempDir, removeDir } from '../helpers/temp-dir';

const dir = makeTempDir();
afterAll(() => removeDir(dir));
const db = path.join(dir, '街道 数据', 'appraisal.sqlite');

describe('standard commands', () => {
  it('list shows version 1, the default, published', () => {
    const r = runCli(['standard', 'list', '--db', db, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as Array<{ version: number; status: string; totalPoints: number }>;
    expect(list.map((v) => [v.version, v.status, v.totalPoints])).toEqual([[1, 'published', 100]]);
    expect(runCli(['standard', 'list', '--db', db]).stdout).toContain('第1版  已发布  社区规范化创建考核标准  100分');
  });

  it('export → edit in Excel → import makes a draft and prints the problem report; publish refuses it until fixed', async () => {
    const file = path.join(dir, '考核标准 导出（第1版）.xlsx');
    const ex = runCli(['standard', 'export', file, '--db', db, '--json']);
    expect(ex.code).toBe(0);
    expect(JSON.parse(ex.stdout)).toEqual({ version: 1, file });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    wb.getWorksheet('考核标准')?.eachRow((row) => {
      if (row.getCell(3).value === 'G1') row.getCell(4).value = 5;
    });
    await wb.xlsx.writeFile(file);

    const im = runCli(['standard', 'import', file, '--db', db]);
    expect(im.stderr).toBe('');
    expect(im.code).toBe(0);
    const report = JSON.parse(im.stdout) as { version: number; problems: Array<Record<string, unknown>> };
    expect(report.version).toBe(2);
    expect(report.problems).toHaveLength(2);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        {
          severity: 'error',
          sheet: '考核标准',
          row: 42,
          column: '分值',
          value: '',
          message: '一级指标G“群众满意度与平安稳定”分值为10分，其下二级指标合计9分，两者应相等',
        },
        // G1's bands (6/5/4/2/0) no longer fit its new maximum.
        expect.objectContaining({ severity: 'error', message: 'G1“居民满意度测评”：可选分值6分不在0至5分之间' }),
      ]),
    );

    const pub = runCli(['standard', 'publish', '2', '--db', db]);
    expect(pub.code).toBe(1);
    expect(pub.stderr).toContain('改正后才能发布');
    expect(pub.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('an unchanged export imports cleanly and publishes', () => {
    const file = path.join(dir, 'v1.xlsx');
    expect(runCli(['standard', 'export', file, '--version', '1', '--db', db]).code).toBe(0);
    const im = runCli(['standard', 'import', file, '--db', db]);
    expect(JSON.parse(im.stdout)).toEqual({ version: 3, problems: [] });
    const pub = runCli(['standard', 'publish', '3', '--db', db, '--json']);
    expect(pub.code).toBe(0);
    expect(JSON.parse(pub.stdout)).toMatchObject({ version: 3, status: 'published' });
  });

  it('an unusable file exits 2 with a Chinese message and creates nothing', () => {
    const bad = path.join(dir, '不是表格.xlsx');
    fs.writeFileSync(bad, '这不是 Excel 文件');
    const r = runCli(['standard', 'import', bad, '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^错误：/);
    expect(runCli(['standard', 'import', path.join(dir, '不存在.xlsx'), '--db', db]).code).toBe(2);
    const list = JSON.parse(runCli(['standard', 'list', '--db', db, '--json']).stdout) as unknown[];
    expect(list).toHaveLength(3);
  });

  it('usage errors exit 1', () => {
    expect(runCli(['standard', 'publish', 'abc', '--db', db]).code).toBe(1);
    expect(runCli(['standard', 'export', '--db', db]).code).toBe(1);
  });
});
