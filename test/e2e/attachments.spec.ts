import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test, expect } from './host-fixture';

const R = '2021Q3';
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/**
 * A deduction's attachment (佐证附件) in the browser: chosen while recording the deduction, listed on
 * its ledger row with a 下载 action that returns the very bytes stored in the database.
 */
test('attach a photo to a deduction, then download it from the ledger byte for byte', async ({ page, host }) => {
  test.setTimeout(180_000);
  const csv = path.join(host.dir, '社区基本情况.csv');
  fs.writeFileSync(csv, '\ufeff社区名称,所属街道,户数,常住人口,综合服务设施面积(m²)\n龙塔社区,龙塔街道,2400,7200,1300\n');
  const imported = spawnSync(process.execPath, [path.join(root, 'dist/cli/cli.mjs'), 'import', 'communities', csv, '--db', host.dbFile], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(imported.status).toBe(0);
  await host.api('rounds:create', { year: 2021, quarter: 3 });

  await page.goto(`${host.url}#/rounds/${R}`);
  await expect(page.getByTestId('round-page')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('open-龙塔社区').click();
  await expect(page.getByTestId('scoring-form')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('score-A4').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#ded-reason')).toBeFocused();

  const photo = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 31) % 256));
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('ded-attach').click()]);
  await chooser.setFiles({ name: '公开栏 现场照片.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect(page.getByText('公开栏 现场照片.jpg')).toBeVisible();
  await page.getByTestId('ded-add').click();
  await expect(page.getByTestId('ledger-row')).toHaveCount(1);
  await expect(page.getByTestId('ledger-row')).toContainText('附件1个');
  await page.screenshot({ path: test.info().outputPath('ledger.png') });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ledger-attachment').click()]);
  expect(download.suggestedFilename()).toBe('公开栏 现场照片.jpg');
  const saved = path.join(host.dir, '下载的照片.jpg');
  await download.saveAs(saved);
  expect(fs.readFileSync(saved).equals(photo)).toBe(true);
});
