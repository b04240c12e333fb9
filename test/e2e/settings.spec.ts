import { test, expect } from './host-fixture';

test('set the unit in 系统设置, see it in the title bar, and find it after a reload and a restart', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('title-bar')).toHaveText('社区规范化创建考评系统');
  for (const label of ['首页', '组织与名册', '考核标准', '季度考评', '结果与报告', '系统设置']) {
    await expect(page.getByRole('navigation', { name: '主导航' }).getByText(label, { exact: true })).toBeVisible();
  }
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-form')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('setting-city').fill('漯河市');
  await page.getByTestId('setting-county').fill('郾城区');
  await page.getByTestId('setting-street').fill('龙塔街道');
  await page.getByTestId('setting-issuer').fill('龙塔街道办事处');
  // Keyboard: Enter in a field submits the form.
  await page.getByTestId('setting-issuer').press('Enter');
  await expect(page.getByText('已保存')).toBeVisible();
  await expect(page.getByTestId('title-bar')).toHaveText('社区规范化创建考评系统 — 郾城区 龙塔街道');

  await page.reload();
  await expect(page.getByTestId('settings-form')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('setting-street')).toHaveValue('龙塔街道');

  const url = await host.restart();
  await page.goto(url);
  await page.getByTestId('nav-home').click();
  await expect(page.getByTestId('home-unit')).toHaveText('龙塔街道社区规范化创建考评');
  await expect(page.getByTestId('title-bar')).toContainText('龙塔街道');
});

test('an invalid value is explained and not saved', async ({ page, host }) => {
  await page.goto(`${host.url}#/settings`);
  await expect(page.getByTestId('settings-form')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('setting-street').fill('<龙塔>');
  await page.getByTestId('settings-save').click();
  await expect(page.getByText('街道名称含有不允许的字符')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('settings-form')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('setting-street')).toHaveValue('');
});
