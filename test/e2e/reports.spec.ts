import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from '../../electron/core/platform/io/excel/exceljs';
import { test, expect, type HostHandle } from './host-fixture';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'dist/cli/cli.mjs'), ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Communities through the real roster import (one with the rare character 𠮷), then a round. */
async function seed(host: HostHandle): Promise<void> {
  const csv = path.join(host.dir, '社区基本情况.csv');
  fs.writeFileSync(
    csv,
    '\ufeff社区名称,所属街道,户数,常住人口,综合服务设施面积(m²)\n龙塔社区,龙塔街道,2400,7200,1300\n𠮷祥社区,龙塔街道,2600,7800,1300\n',
  );
  const imported = await cli(['import', 'communities', csv, '--db', host.dbFile, '--json']);
  expect(imported.stderr).toBe('');
  expect(imported.code).toBe(0);
  await host.api('settings:update', { street: '龙塔街道', issuer: '龙塔街道社区规范化建设工作领导小组办公室' });
  const round = await host.api<{ communities: { id: number; name: string }[] }>('rounds:create', { year: 2021, quarter: 3 });
  const first = round.communities[0];
  if (!first) throw new Error('no community');
  await host.api('rounds:addDeduction', {
    roundId: '2021Q3',
    communityId: first.id,
    itemCode: 'A4',
    reasonCode: null,
    text: '无年度工作计划',
    amountTenths: 10,
    evidence: '查阅资料',
  });
}

test('结果与报告: the quarterly report is generated in the worker, previewed, saved with every character, and the workbook exported', async ({
  page,
  host,
}) => {
  test.setTimeout(240_000);
  await seed(host);
  await page.goto(`${host.url}#/reports`);
  await expect(page.getByTestId('reports-page')).toHaveAttribute('data-state', 'idle');

  await page.getByTestId('report-quarterly').click();
  await expect(page.getByTestId('reports-page')).toHaveAttribute('data-state', 'ready', { timeout: 80_000 });
  const result = page.getByTestId('report-result');
  await expect(result).toHaveAttribute('data-finalized', 'no');
  expect(Number(await result.getAttribute('data-bytes'))).toBeGreaterThan(20_000);
  await expect(page.getByTestId('report-preview')).toHaveAttribute('src', /^blob:/);
  // REPORT_SCREENSHOT=file.png keeps a picture of the page for a person to look at.
  if (process.env.REPORT_SCREENSHOT) await page.screenshot({ path: process.env.REPORT_SCREENSHOT });

  // Save: in the browser the PDF made by the worker arrives as a download; read it back.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-save').click()]);
  expect(download.suggestedFilename()).toMatch(/2021年第三季度社区规范化创建考评情况通报（草稿）\.pdf$/);
  const pdf = path.join(host.dir, 'worker.pdf');
  await download.saveAs(pdf);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
  expect(text).toContain('龙塔街道2021年第三季度');
  expect(text).toContain('社区规范化创建考评情况通报');
  expect(text).toContain('𠮷祥社区');
  expect(text).toContain('无年度工作计划');
  const raw = execFileSync('pdftotext', ['-enc', 'UTF-8', '-raw', pdf, '-'], { encoding: 'utf8' })
    .split('\f')
    .filter((p) => p.trim());
  for (const p of raw) expect(p).toMatch(/草\s*稿/);
  const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
  // 正文 in the 仿宋 stand-in (the shipped serif), headings in the 黑体 stand-in.
  expect(fonts).toMatch(/\+NotoSerifSC-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes/);
  expect(fonts).toMatch(/\+NotoSansSC-Bold\s+CID TrueType/);

  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export-xlsx').click()]);
  const file = path.join(host.dir, 'results.xlsx');
  await xlsx.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '明细', '扣分明细', '整改清单']);
});
