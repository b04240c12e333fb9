import path from 'node:path';
import ExcelJS from '../../electron/core/platform/io/excel/exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app-fixture';
import { COMMUNITY_NAMES, seedCommunities } from '../helpers/round-seed';
import { runCli } from '../helpers/run-cli';
import { dbTarget } from '../helpers/test-db';
import { makeTempDir, removeDir } from '../helpers/temp-dir';

const dir = makeTempDir();
const db = path.join(dir, '街道 数据', 'appraisal.sqlite');
afterAll(() => removeDir(dir));

beforeAll(async () => {
  // (Each CLI call is a fresh tsx process: seconds each on a busy machine.)
  // Communities as the roster import leaves them, in the database the CLI then opens.
  const t = await createTestApp();
  await t.app.close();
  const { createAppContext } = await import('../../electron/core/app-context');
  t.app = await createAppContext({ dbFile: dbTarget(db), door: 'cli' });
  await seedCommunities(t);
  await t.app.close();
});

function json(args: string[]): unknown {
  const r = runCli([...args, '--db', db, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe('round commands', () => {
  it('create, status, score through sheets, advance, results --json', async () => {
    expect(json(['round', 'create', '--year', '2021', '--quarter', '3', '--communities', '龙塔社区,沙北社区'])).toMatchObject({
      round: '2021Q3',
      standardVersion: 1,
      state: 'draft',
      communities: ['龙塔社区', '沙北社区'],
    });
    // Without --json the created round is printed as JSON too.
    const q4 = runCli(['round', 'create', '--year', '2021', '--quarter', '4', '--standard', '1', '--db', db]);
    expect(q4.code).toBe(0);
    expect(JSON.parse(q4.stdout)).toMatchObject({ round: '2021Q4', standardVersion: 1, communities: COMMUNITY_NAMES });
    const dup = runCli(['round', 'create', '--year', '2021', '--quarter', '3', '--db', db]);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/^错误：.*已经存在/);

    const status = json(['round', 'status', '2021Q3']) as { state: string; communities: { name: string; complete: boolean }[] };
    expect(status.state).toBe('draft');
    expect(status.communities.map((c) => c.name)).toEqual(['龙塔社区', '沙北社区']);

    // Illegal transition: refused, exit 1, Chinese reason.
    const bad = runCli(['round', 'advance', '2021Q3', 'finalized', '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/草稿.*不能直接改为“定稿”/);

    // Field sheets: template, fill every manual item, import.
    const template = path.join(dir, '现场 评分表.xlsx');
    expect(json(['scores', 'template', '2021Q3', template])).toMatchObject({ sheets: 2 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(template);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['龙塔社区', '沙北社区']);
    const manual: Record<string, number> = { B6: 2, C5: 1.5, D5: 2.4, F4: 1.8, F5: 1, G1: 5 };
    for (const ws of wb.worksheets) {
      ws.eachRow((row) => {
        const code = row.getCell(1).value;
        if (typeof code === 'string' && code in manual) row.getCell(5).value = manual[code] ?? null;
        // Deduction items are checked on site: full marks written where nothing was found.
        if (String(row.getCell(4).value).startsWith('【扣分制')) row.getCell(5).value = row.getCell(3).value;
        // Computed items the sheet could not prefill (no grids, no staff): adjust with a reason.
        if (typeof code === 'string' && String(row.getCell(4).value).includes('未能计算')) {
          row.getCell(5).value = 0;
          row.getCell(6).value = '名册未报送';
        }
      });
    }
    const lt = wb.getWorksheet('沙北社区');
    lt?.eachRow((row) => {
      if (row.getCell(1).value === 'A4') {
        row.getCell(5).value = 2.5;
        row.getCell(6).value = '缺少第三季度专题会议记录';
      }
    });
    const filled = path.join(dir, '已填.xlsx');
    await wb.xlsx.writeFile(filled);
    const imported = json(['scores', 'import', '2021Q3', filled]) as { committed: boolean; deductions: number; problems: unknown[] };
    expect(imported).toMatchObject({ committed: true, deductions: 1 });
    expect(imported.problems.filter((p) => (p as { severity: string }).severity === 'error')).toEqual([]);

    for (const state of ['submitted', 'reviewed', 'published', 'finalized']) {
      expect(json(['round', 'advance', '2021Q3', state])).toMatchObject({ state });
    }
    const results = json(['results', '2021Q3']) as {
      round: string;
      standardVersion: number;
      communities: {
        name: string;
        total: number;
        bonus: number;
        veto: boolean;
        rank: number;
        grade: string;
        categories: { code: string; name: string; score: number; max: number }[];
        items: { code: string; score: number }[];
      }[];
    };
    // Issue #15: `units` (each with its kind) beside the communities a 社区 round keeps.
    expect(Object.keys(results).sort()).toEqual(['communities', 'round', 'standardVersion', 'units']);
    expect((results as unknown as { units: unknown[] }).units).toEqual(results.communities.map((c) => ({ kind: '社区', ...c })));
    expect(results.round).toBe('2021Q3');
    expect(results.standardVersion).toBe(1);
    expect(results.communities).toHaveLength(2);
    for (const c of results.communities) {
      expect(Object.keys(c).sort()).toEqual(['bonus', 'categories', 'grade', 'items', 'name', 'rank', 'total', 'veto']);
      expect(['优秀', '良好', '合格', '不合格']).toContain(c.grade);
      expect(typeof c.total).toBe('number');
      expect(c.categories).toHaveLength(7);
      expect(c.categories[0]).toEqual({ code: 'A', name: '组织建设与党建引领', score: expect.any(Number), max: 15 });
      // Total = Σ categories + bonus, exactly to the tenth.
      const sum = Math.round(c.categories.reduce((s, k) => s + k.score * 10, 0) + c.bonus * 10) / 10;
      expect(c.total).toBe(sum);
    }
    const [first, second] = results.communities;
    expect(first?.name).toBe('龙塔社区');
    expect(second?.name).toBe('沙北社区');
    expect(second?.items.find((i) => i.code === 'A4')?.score).toBe(2.5);
    expect(first?.items.find((i) => i.code === 'D5')?.score).toBe(2.4);
    expect((first?.total ?? 0) - (second?.total ?? 0)).toBeCloseTo(0.5, 5);
    expect([first?.rank, second?.rank]).toEqual([1, 2]);

    // Finalized: locked, even for the CLI; the audit chain verifies.
    const locked = runCli(['scores', 'import', '2021Q3', filled, '--db', db]);
    expect(locked.code).toBe(1);
    expect(locked.stderr).toMatch(/定稿锁定/);
    expect(runCli(['audit', 'verify', '--db', db]).code).toBe(0);
    expect(COMMUNITY_NAMES).toContain(first?.name);
  }, 900_000);
});
