/**
 * 单位名单 in Chromium (issue #15): shown only at a 县区 or 市; a 市 imports its 成员单位 from Excel
 * after a preview, adds a 县区 (its 6-digit code checked), removes a unit, and creates a round of its
 * 成员单位 (the kind picked in the new-round dialog).
 */
import path from 'node:path';
import ExcelJS from '../../electron/core/platform/io/excel/exceljs';
import { test, expect } from './host-fixture';

test('单位名单: per kind, import with preview, add with a checked code, remove', async ({ page, host }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  // A 街道 database has no such page.
  await page.goto(`${host.url}#/`);
  const nav = page.getByRole('navigation', { name: '主导航' });
  await expect(nav.getByRole('button', { name: '季度考评' })).toBeVisible();
  await expect(nav.getByRole('button', { name: '单位名单' })).toHaveCount(0);

  await host.api('settings:update', { level: '市', unitCode: '411100', city: '漯河市' });
  const file = path.join(host.dir, '成员单位名单.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('成员单位');
  ws.addRow(['名称', '简称', '联系人']);
  ws.addRow(['漯河市民政局', '民政局', '李明']);
  ws.addRow(['中共漯河市委组织部', '组织部', '王芳']);
  ws.addRow(['漯河市财政局', '财政局', null]);
  await wb.xlsx.writeFile(file);

  await page.reload();
  await nav.getByRole('button', { name: '单位名单' }).click();
  await expect(page.getByTestId('units-page')).toBeVisible();
  await expect(page.getByTestId('units-tab-县区')).toBeVisible();
  await page.getByTestId('units-tab-成员单位').click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('units-import').click();
  await (await chooser).setFiles(file);
  await expect(page.getByTestId('units-preview')).toContainText('新增 3');
  expect(await host.api<unknown[]>('units:list', { kind: '成员单位' })).toEqual([]);
  await page.getByTestId('units-import-confirm').click();
  await expect(page.getByTestId('units-notice')).toContainText('已导入：新增 3');
  await expect(page.getByTestId('unit-漯河市民政局')).toContainText('民政局');
  await page.screenshot({ path: 'test-results/units-members.png' });

  await page.getByRole('button', { name: '删除 漯河市财政局' }).click();
  await expect(page.getByTestId('units-notice')).toContainText('已删除“漯河市财政局”');
  await expect(page.getByTestId('unit-漯河市财政局')).toHaveCount(0);

  await page.getByTestId('units-tab-县区').click();
  await page.getByTestId('unit-add').click();
  await page.getByLabel('名称').fill('源汇区');
  await page.getByTestId('unit-code').fill('41110');
  await page.getByTestId('unit-save').click();
  await expect(page.getByTestId('unit-dialog-error')).toContainText('县区的统计用区划代码应为 6 位数字');
  await page.screenshot({ path: 'test-results/units-code-error.png' });
  await page.getByTestId('unit-code').fill('411102');
  await page.getByTestId('unit-save').click();
  await expect(page.getByTestId('unit-源汇区')).toContainText('411102');
  await page.screenshot({ path: 'test-results/units-counties.png' });

  // A 市 says what a new round appraises: here its 成员单位 (the two left on the list).
  await nav.getByRole('button', { name: '季度考评' }).click();
  await page.getByTestId('round-new').click();
  await page.getByTestId('round-year').fill('2021');
  await page.getByRole('combobox', { name: '季度' }).click();
  await page.getByRole('option', { name: '第三季度' }).click();
  await page.getByRole('combobox', { name: '考评对象' }).click();
  await page.getByRole('option', { name: '成员单位' }).click();
  await page.screenshot({ path: 'test-results/round-create-kind.png' });
  await page.getByTestId('round-create').click();
  await expect(page).toHaveURL(/#\/rounds\/2021Q3/);
  await expect(page.getByTestId('open-中共漯河市委组织部')).toBeVisible();
  await nav.getByRole('button', { name: '季度考评' }).click();
  await expect(page.getByText('0/2 个成员单位已评完')).toBeVisible();
});
