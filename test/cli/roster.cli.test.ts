import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from '../../electron/core/platform/io/excel/exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { makeRosterFixtures } from '../fixtures/make-roster-fixtures';

let dir = '';
let db = '';
const fx = (name: string) => path.join(dir, 'fixtures', name);

beforeAll(async () => {
  dir = makeTempDir();
  db = path.join(dir, '数据 库', 'appraisal.sqlite');
  await makeRosterFixtures(path.join(dir, 'fixtures'));
});
afterAll(() => removeDir(dir));

function json(stdout: string): Record<string, unknown> {
  return JSON.parse(stdout) as Record<string, unknown>;
}

// Each CLI run starts a fresh tsx process: generous timeouts for a busy machine (not timing assertions).
describe('CLI: import / export / template', { timeout: 400_000 }, () => {
  it('imports communities and grids, printing the documented JSON shape', () => {
    const r = runCli(['import', 'communities', fx('communities.xlsx'), '--db', db, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(Object.keys(out)).toEqual(['roster', 'file', 'committed', 'rows', 'inserted', 'updated', 'unchanged', 'rejected', 'problems']);
    expect(out).toMatchObject({ roster: 'communities', file: fx('communities.xlsx'), committed: true, rows: 3, inserted: 3, rejected: 0 });
    const g = runCli(['import', 'grids', fx('grids-with-groups-sheet.xlsx'), '--db', db, '--json']);
    expect(g.code).toBe(0);
    expect(json(g.stdout)).toMatchObject({ committed: true, inserted: 8 });
  });

  it('checks a messy roster with --dry-run and --strict without writing, then imports its valid rows', () => {
    const dry = runCli(['import', 'workers', fx('workers-messy-all-quirks.xlsx'), '--dry-run', '--db', db, '--json']);
    expect(dry.code).toBe(0);
    expect(json(dry.stdout)).toMatchObject({ committed: false, rows: 7, inserted: 4, rejected: 3 });
    const strict = runCli(['import', 'workers', fx('workers-messy-all-quirks.xlsx'), '--strict', '--db', db, '--json']);
    expect(strict.code).toBe(3);
    expect(json(strict.stdout)).toMatchObject({ committed: false, inserted: 0 });
    const batches = runCli(['roster', 'batches', '--db', db, '--json']);
    expect((JSON.parse(batches.stdout) as unknown[]).length).toBe(2);

    const real = runCli(['import', 'workers', fx('workers-messy-all-quirks.xlsx'), '--db', db, '--json']);
    expect(real.code).toBe(0);
    const out = json(real.stdout);
    expect(out).toMatchObject({ committed: true, inserted: 4, rejected: 3 });
    const problems = out.problems as { severity: string; sheet: string; row: number; column: string; value: string; message: string }[];
    const numericId = problems.find((p) => p.column === '身份证号码' && p.message.includes('设为文本后重新录入'));
    expect(numericId).toMatchObject({ severity: 'error', sheet: '社区工作者花名册' });
    expect(typeof numericId?.row).toBe('number');
  });

  it('prints a readable Chinese summary without --json', () => {
    const r = runCli(['import', 'workers', fx('workers-ids-as-numbers.xlsx'), '--dry-run', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('检查完成（未写入）');
    expect(r.stdout).toMatch(/\[错误\] Sheet1 第3行 身份证号「\d+」：身份证号被存成了数字/);
  });

  it('exits 2 with the message on stderr and writes nothing for an unusable file', () => {
    for (const file of ['legacy-excel-97-2003.xls', 'truncated-download.xlsx', 'zip-bomb-many-entries.xlsx']) {
      const r = runCli(['import', 'workers', fx(file), '--db', db, '--json']);
      expect(r.code, file).toBe(2);
      expect(r.stdout, file).toBe('');
      expect(r.stderr, file).toMatch(/^错误：.*[\u4e00-\u9fff]/);
      expect(r.stderr, file).not.toMatch(/\n\s+at /);
    }
    const legacy = runCli(['import', 'workers', fx('legacy-excel-97-2003.xls'), '--db', db]);
    expect(legacy.stderr).toContain('该文件是旧版 Excel 97-2003 格式（.xls），请用 WPS/Excel 另存为 .xlsx 后再导入');
    const wrong = runCli(['import', 'workers', fx('communities.xlsx'), '--db', db]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('没有在文件中找到');
    const batches = runCli(['roster', 'batches', '--db', db, '--json']);
    expect((JSON.parse(batches.stdout) as unknown[]).length).toBe(3);
  });

  it('exits 1 on usage errors', () => {
    expect(runCli(['import', 'nosuch', fx('communities.xlsx'), '--db', db]).code).toBe(1);
    const missing = runCli(['import', 'workers', '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('请指定要导入的文件');
    expect(runCli(['import', 'workers', path.join(dir, '不存在.xlsx'), '--db', db]).code).toBe(2);
  });

  it('exports a roster and writes a template', async () => {
    const out = path.join(dir, '导出', '社区工作者.xlsx');
    const r = runCli(['export', 'workers', out, '--db', db, '--json']);
    expect(r.code).toBe(0);
    expect(json(r.stdout)).toMatchObject({ roster: 'workers', rows: 4 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets[0]?.rowCount).toBe(5);
    const tpl = path.join(dir, '模板.xlsx');
    const t = runCli(['template', 'grids', tpl, '--db', db]);
    expect(t.code).toBe(0);
    expect(fs.existsSync(tpl)).toBe(true);
    const tb = new ExcelJS.Workbook();
    await tb.xlsx.readFile(tpl);
    expect(tb.worksheets.map((s) => s.name)).toEqual(['填表说明', '网格', '小组楼院', '选项']);
  });
});
