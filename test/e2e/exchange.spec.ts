/**
 * 上报与接收 in Chromium: a 县区 host trusts a 街道's key, chooses the street's real package,
 * sees per-unit preview (nothing written), receives it, and sees the quarter reported in the matrix.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createTestApp } from '../helpers/app-fixture';
import { advanceTo, completeForms, seedCommunities } from '../helpers/round-seed';
import { test, expect } from './host-fixture';

test('接收: preview per unit, receive, and the reporting matrix', async ({ page, host }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const street = await createTestApp();
  const file = path.join(host.dir, '龙塔街道-2021Q3-第1版.cadx');
  let fingerprint: string;
  try {
    await street.call('settings:update', { street: '龙塔街道' });
    const ids = await seedCommunities(street);
    await street.call('rounds:create', { year: 2021, quarter: 3 });
    await completeForms(street, '2021Q3', ids);
    await advanceTo(street, '2021Q3', 'finalized');
    const out = await street.call('exchange:export', { roundId: '2021Q3' });
    fs.copyFileSync(street.app.files.resolve(out.fileId).path, file);
    fingerprint = (await street.call('exchange:key', {})).fingerprint;
  } finally {
    await street.dispose();
  }
  await host.api('settings:update', { county: '郾城区' });
  await host.api('exchange:trust', { fingerprint, name: '龙塔街道', code: '411102001' });

  await page.goto(`${host.url}#/exchange`);
  await expect(page.getByTestId('exchange-page')).toBeVisible();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('choose-package').click();
  await (await chooser).setFiles(file);
  const preview = page.getByTestId('receive-preview');
  await expect(preview).toHaveAttribute('data-status', 'new');
  await expect(preview.getByTestId('preview-row')).toHaveCount(3);
  await expect(preview).toContainText('龙塔社区');
  await page.screenshot({ path: 'test-results/exchange-preview.png' });
  // The preview wrote nothing.
  expect(await host.api<unknown[]>('exchange:packages', {})).toEqual([]);

  await page.getByTestId('confirm-receive').click();
  await expect(page.getByTestId('receive-done')).toContainText('已接收');
  await expect(page.getByTestId('received-packages')).toContainText('龙塔街道（411102001）');
  await page.screenshot({ path: 'test-results/exchange-received.png' });

  await page.getByTestId('tab-matrix').click();
  const matrix = page.getByTestId('reporting-matrix');
  await expect(matrix).toHaveAttribute('data-state', 'ready');
  await matrix.getByLabel('年度').click();
  await page.getByRole('option', { name: '2021年' }).click();
  await expect(page.getByTestId('cell-411102001-3')).toContainText('已报 第1版');
  await expect(page.getByTestId('cell-411102001-1')).toContainText('未报');
  await expect(page.getByRole('listbox')).toBeHidden();
  await page.screenshot({ path: 'test-results/exchange-matrix.png' });

  // An altered copy is refused with a clear message.
  const bytes = fs.readFileSync(file);
  bytes[Math.floor(bytes.length / 2)] = (bytes[Math.floor(bytes.length / 2)] ?? 0) ^ 0x10;
  const altered = path.join(host.dir, 'altered.cadx');
  fs.writeFileSync(altered, bytes);
  await page.getByTestId('tab-receive').click();
  const again = page.waitForEvent('filechooser');
  await page.getByTestId('choose-package').click();
  await (await again).setFiles(altered);
  await expect(page.getByTestId('receive-error')).toContainText('数据包');

  // 移除 a trusted sender (confirmed, audited): its package is then refused as untrusted.
  await page.getByTestId('tab-matrix').click();
  await page.getByRole('button', { name: '移除 龙塔街道' }).click();
  const confirm = page.getByRole('dialog');
  await expect(confirm).toContainText('确定不再信任“龙塔街道”（411102001）的签名密钥吗');
  await page.screenshot({ path: 'test-results/exchange-untrust-confirm.png' });
  await confirm.getByRole('button', { name: '移除' }).click();
  await expect(page.getByText('信任的报送单位（0）')).toBeVisible();
  expect(await host.api<unknown[]>('exchange:senders', {})).toEqual([]);
  await page.getByTestId('tab-receive').click();
  const third = page.waitForEvent('filechooser');
  await page.getByTestId('choose-package').click();
  await (await third).setFiles(file);
  await expect(page.getByTestId('receive-error')).toContainText('发送方未被信任');
});
