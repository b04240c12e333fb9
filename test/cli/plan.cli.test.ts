import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from '../../electron/core/platform/io/excel/exceljs';
import { createTestApp } from '../helpers/app-fixture';
import { meetingCommunity, seedPlannerRosters } from '../helpers/planner-seed';
import { runCli } from '../helpers/run-cli';
import { removeDir } from '../helpers/temp-dir';
import { pdfFonts, pdfText } from '../unit/report/poppler';

let dir: string | null = null;
afterEach(() => {
  if (dir) removeDir(dir);
  dir = null;
});

/** A database with 12 communities (3 short of 150 m² each), closed so the CLI can open it. */
async function seeded(): Promise<string> {
  const t = await createTestApp();
  dir = t.dir;
  await seedPlannerRosters(
    t,
    Array.from({ length: 12 }, (_, i) => meetingCommunity(`第${i + 1}社区`, i < 3 ? { facilityArea: 600 } : {})),
  );
  await t.app.close();
  return t.dbFile;
}

describe('plan and stats on the command line', () => {
  it('plan --json prints norms, per-community gaps and the summary; actions move the forecast', async () => {
    const db = await seeded();
    const plan = runCli(['plan', '--db', db, '--json']);
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
    const o = JSON.parse(plan.stdout) as {
      norms: Record<string, number>;
      communities: Record<string, unknown>[];
      summary: Record<string, number>;
    };
    expect(o.norms).toMatchObject({
      areaPer100Households: 50,
      minAreaM2: 300,
      maxHouseholds: 3000,
      gridMinHouseholds: 300,
      gridMaxHouseholds: 500,
      committeeMin: 5,
      committeeMax: 9,
      workersPer10000: 18,
    });
    expect(o.communities).toHaveLength(12);
    expect(Object.keys(o.communities[0] ?? {})).toEqual(
      expect.arrayContaining([
        'name',
        'households',
        'serviceAreaM2',
        'areaGapM2',
        'gridsOutOfRange',
        'committeeSize',
        'committeeGap',
        'workers',
        'workersGap',
        'overHouseholdLimit',
        'meetsAll',
      ]),
    );
    expect(o.summary).toMatchObject({ communities: 12, meetingAll: 9, areaGapM2: 450, workersGap: 0, gridsOutOfRange: 0 });

    for (const [i, q] of [
      [1, '2031Q1'],
      [2, '2031Q2'],
    ] as const) {
      const add = runCli([
        'plan',
        'action',
        'add',
        '--db',
        db,
        '--community',
        `第${i}社区`,
        '--kind',
        'build',
        '--quantity',
        '150',
        '--quarter',
        q,
        '--json',
      ]);
      expect(add.stderr).toBe('');
      expect(add.code).toBe(0);
    }
    const text = runCli(['plan', '--db', db]);
    expect(text.stdout).toContain('规划预测：9 → 11（2031Q2）');

    const bad = runCli([
      'plan',
      'action',
      'add',
      '--db',
      db,
      '--community',
      '不存在社区',
      '--kind',
      'build',
      '--quantity',
      '1',
      '--quarter',
      '2031Q1',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('找不到社区「不存在社区」');
    const badKind = runCli(['plan', 'action', 'add', '--db', db, '--community', '第1社区', '--kind', 'paint', '--quarter', '2031Q1']);
    expect(badKind.code).toBe(1);
    expect(badKind.stderr).toContain('--kind');

    const norms = runCli(['plan', 'norms', '--db', db, '--area-per-100', '40', '--json']);
    expect(JSON.parse(norms.stdout)).toMatchObject({ areaPer100Households: 40 });
    const refused = runCli(['plan', 'norms', '--db', db, '--grid-min', '900']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('网格户数下限不能大于上限');
  });

  it('stats prints the figures and writes the workbook; a round id that does not exist is a clear error', async () => {
    const db = await seeded();
    const out = path.join(path.dirname(db), '统计表.xlsx');
    // On PostgreSQL the database is no file, and nothing made its folder.
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const r = runCli(['stats', '--db', db, '--out', out, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as { stats: Record<string, number>; figures: { key: string; value: number }[]; file: string };
    expect(s.stats).toMatchObject({
      communities: 12,
      grids: 36,
      gridsWithinBand: 36,
      gridStaffFullTime: 36,
      gridStaffPartTime: 12,
      workers: 108,
      committeeMembers: 60,
      oneShoulder: 12,
    });
    expect(s.figures.find((f) => f.key === 'meetingArea')?.value).toBe(9);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(s.file);
    expect(wb.getWorksheet('统计')?.getCell('B2').value).toBe(12);

    const pdf = path.join(path.dirname(db), '统计.pdf');
    const printed = runCli(['stats', '--db', db, '--out', pdf]);
    expect(printed.stderr).toBe('');
    expect(printed.code).toBe(0);
    const text = pdfText(pdf, { mode: 'layout' });
    expect(text).toContain('社区建设统计');
    expect(text).toContain('专职网格员');
    expect(text).toContain('社区工作者岗位与等级');
    expect(text).toMatch(/社区数\s+12/);
    for (const f of pdfFonts(pdf)) expect(f.embedded).toBe(true);

    const missing = runCli(['stats', '2021Q3', '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('找不到考评轮次「2021Q3」');
    const wrong = runCli(['stats', 'abc', '--db', db]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('请指定年份');
  });
});
