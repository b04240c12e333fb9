import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../../electron/core/platform/io/excel/exceljs';
import { createTestApp } from '../helpers/app-fixture';
import { seedCommunities } from '../helpers/round-seed';
import { runCli } from '../helpers/run-cli';
import { dbTarget } from '../helpers/test-db';
import { makeTempDir, removeDir } from '../helpers/temp-dir';

/**
 * A street with 120 communities: the field sheets exported by `scores template` come back through
 * `scores import` untouched, filled in with ExcelJS, and saved again by LibreOffice (the app's own
 * export was refused as 文件已损坏 from five communities up).
 */
const dir = makeTempDir();
const db = path.join(dir, 'appraisal.sqlite');
const NAMES = Array.from({ length: 120 }, (_, i) => `第${String(i + 1).padStart(3, '0')}社区`);
const MANUAL: Record<string, number> = { B6: 1.5, C5: 2, D5: 2.4, F4: 1.8, F5: 1, G1: 5 };
afterAll(() => removeDir(dir));

beforeAll(async () => {
  const t = await createTestApp();
  await t.app.close();
  const { createAppContext } = await import('../../electron/core/app-context');
  t.app = await createAppContext({ dbFile: dbTarget(db), door: 'cli' });
  await seedCommunities(t, NAMES);
  await t.app.close();
});

interface ImportResult {
  committed: boolean;
  communities: number;
  items: number;
  problems: { severity: string; sheet: string; message: string }[];
}

function cli(args: string[]): { code: number; out: unknown; stderr: string } {
  const r = runCli([...args, '--db', db, '--json'], { timeoutMs: 300_000 });
  return { code: r.code, out: r.stdout ? (JSON.parse(r.stdout) as unknown) : null, stderr: r.stderr };
}

describe('field sheets for 120 communities through the CLI', { timeout: 600_000 }, () => {
  it('export → import untouched, filled by ExcelJS, and saved by LibreOffice', async () => {
    expect(cli(['round', 'create', '--year', '2021', '--quarter', '3']).code).toBe(0);
    const template = path.join(dir, '现场评分表.xlsx');
    expect(cli(['scores', 'template', '2021Q3', template]).out).toMatchObject({ sheets: 120 });

    // The untouched export: readable, every sheet recognised, nothing to commit.
    const untouched = cli(['scores', 'import', '2021Q3', template, '--dry-run']);
    expect(untouched.stderr).toBe('');
    expect(untouched.code).toBe(0);
    expect((untouched.out as ImportResult).problems.filter((p) => p.severity === 'error')).toEqual([]);

    // Filled in (ExcelJS writes xl/workbook.xml after the sheets).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(template);
    expect(wb.worksheets.map((w) => w.name)).toEqual(NAMES);
    for (const ws of wb.worksheets) {
      ws.eachRow((row) => {
        const code = row.getCell(1).value;
        if (typeof code === 'string' && code in MANUAL) row.getCell(5).value = MANUAL[code] ?? null;
      });
    }
    const filled = path.join(dir, '现场评分表-已填.xlsx');
    await wb.xlsx.writeFile(filled);

    // Saved again by LibreOffice (sheets in reverse order, shared strings after them).
    const loDir = path.join(dir, 'lo');
    fs.mkdirSync(loDir);
    const profile = pathToFileURL(path.join(os.tmpdir(), `lo-profile-${process.pid}`)).href;
    spawnSync('soffice', ['--headless', `-env:UserInstallation=${profile}`, '--convert-to', 'xlsx', '--outdir', loDir, filled], {
      timeout: 300_000,
    });
    const viaLibreOffice = path.join(loDir, path.basename(filled));
    expect(fs.existsSync(viaLibreOffice)).toBe(true);
    const lo = cli(['scores', 'import', '2021Q3', viaLibreOffice, '--dry-run']);
    expect(lo.stderr).toBe('');
    expect(lo.code).toBe(0);
    expect(lo.out).toMatchObject({ committed: false, communities: 120, items: 120 * Object.keys(MANUAL).length });
    expect((lo.out as ImportResult).problems.filter((p) => p.severity === 'error')).toEqual([]);

    const imported = cli(['scores', 'import', '2021Q3', filled]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.out).toMatchObject({ committed: true, communities: 120, items: 120 * Object.keys(MANUAL).length });
    expect((imported.out as ImportResult).problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});
