/**
 * 结果与报告 → 核验 and 公示 in Chromium: a finalized round's printed code checks out, an altered
 * one does not; the 公示 notice is generated without a watermark; the 公文设置 are saved.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { TestApp } from '../helpers/app-fixture';
import { completeForms } from '../helpers/round-seed';
import { test, expect } from './host-fixture';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

test('结果与报告: 公文设置, 公示 and 核验 of a finalized 通报', async ({ page, host }) => {
  test.setTimeout(240_000);
  const csv = path.join(host.dir, '社区基本情况.csv');
  fs.writeFileSync(
    csv,
    '\ufeff社区名称,所属街道,户数,常住人口,综合服务设施面积(m²)\n龙塔社区,龙塔街道,2400,7200,1300\n沙北社区,龙塔街道,2600,7800,1300\n',
  );
  execFileSync(process.execPath, [path.join(root, 'dist/cli/cli.mjs'), 'import', 'communities', csv, '--db', host.dbFile, '--json'], {
    cwd: root,
  });
  await host.api('settings:update', { street: '龙塔街道', issuer: '龙塔街道办事处' });
  const round = await host.api<{ communities: { id: number }[] }>('rounds:create', { year: 2021, quarter: 3 });
  // The same scoring helper as the database tests, through the host's API.
  const viaHost = { call: (channel: string, input: unknown) => host.api(channel, input) } as unknown as TestApp;
  await completeForms(
    viaHost,
    '2021Q3',
    round.communities.map((c) => c.id),
  );
  for (const to of ['submitted', 'reviewed', 'published'] as const) await host.api('rounds:advance', { roundId: '2021Q3', to });

  await page.goto(`${host.url}#/reports`);
  await expect(page.getByTestId('reports-page')).toHaveAttribute('data-state', 'idle');

  // 公文设置
  await page.getByTestId('doc-settings-open').click();
  await page.getByTestId('doc-setting-docPrefix').fill('龙街办');
  await page.getByTestId('doc-settings-save').click();
  await expect(page.getByTestId('doc-settings-save')).toBeHidden();

  // 公示 of the published round: its own title, no watermark.
  await page.getByTestId('report-notice').click();
  await expect(page.getByTestId('reports-page')).toHaveAttribute('data-state', 'ready', { timeout: 80_000 });
  const [notice] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-save').click()]);
  expect(notice.suggestedFilename()).toMatch(/考评结果的公示\.pdf$/);
  const noticeFile = path.join(host.dir, 'notice.pdf');
  await notice.saveAs(noticeFile);
  const noticeText = execFileSync('pdftotext', ['-enc', 'UTF-8', noticeFile, '-'], { encoding: 'utf8' });
  expect(noticeText).toContain('考评结果的公示');
  expect(noticeText).not.toMatch(/草\s*稿/);

  // Finalize in the round's page: the dialog proposes the next free 文号; 23 is typed instead.
  const year = new Date().getFullYear();
  await page.goto(`${host.url}#/rounds/2021Q3`);
  await page.getByTestId('advance-finalized').click();
  await expect(page.getByTestId('finalize-doc-number')).toHaveText(`通报文号：龙街办〔${year}〕1号`);
  await page.getByTestId('finalize-doc-seq').fill('23');
  await page.getByTestId('finalize-doc-seq').blur();
  await expect(page.getByTestId('finalize-doc-number')).toHaveText(`通报文号：龙街办〔${year}〕23号`);
  await page.getByTestId('reason-ok').click();
  await expect(page.getByTestId('round-state')).toHaveText('定稿');
  await page.goto(`${host.url}#/reports`);
  await expect(page.getByTestId('reports-page')).toHaveAttribute('data-state', 'idle');
  // Then check the printed code in 核验.
  const data = await host.api<{ finalization: { contentHash: string }; document: { docNumber: string } }>('report:quarterlyData', {
    roundId: '2021Q3',
  });
  expect(data.document.docNumber).toBe(`龙街办〔${year}〕23号`);
  const grouped = data.finalization.contentHash.replace(/(.{8})/g, '$1 ').trim();
  await page.getByTestId('verify-code').fill(grouped);
  await page.getByTestId('verify-run').click();
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-match', 'yes');
  await expect(page.getByTestId('verify-result')).toContainText('2021Q3');
  if (process.env.REPORT_SCREENSHOT) await page.screenshot({ path: process.env.REPORT_SCREENSHOT.replace(/\.png$/, '-verify.png') });
  const altered = `${data.finalization.contentHash.slice(0, 63)}${data.finalization.contentHash.endsWith('0') ? '1' : '0'}`;
  await page.getByTestId('verify-code').fill(altered);
  await page.getByTestId('verify-run').click();
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-match', 'no');
});
