import { test, expect } from './host-fixture';

// The browser host on a shared PostgreSQL database (issue #14): first-run setup, a saved setting,
// a restart of the host — the same screens as on SQLite. Needs APPRAISAL_TEST_PG_URL (.ci/run sets it).
test.skip(!process.env.APPRAISAL_TEST_PG_URL, 'no PostgreSQL test server (APPRAISAL_TEST_PG_URL)');
test.use({ database: 'postgres' });

test('on PostgreSQL: set the unit in 系统设置, find it after a restart, and see the shared database in 系统信息', async ({
  page,
  host,
}) => {
  expect(host.dbFile).toMatch(/^postgres:\/\//);
  await page.goto(host.url);
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-form')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('setting-county').fill('郾城区');
  await page.getByTestId('setting-street').fill('龙塔街道');
  await page.getByTestId('settings-save').click();
  await expect(page.getByText('已保存')).toBeVisible();
  await expect(page.getByTestId('title-bar')).toHaveText('社区规范化创建考评系统 — 郾城区 龙塔街道');

  const url = await host.restart();
  await page.goto(url);
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('setting-street')).toHaveValue('龙塔街道');
  const info = await host.api<{ dbFile: string; schemaVersion: number }>('app:info', {});
  expect(info.dbFile).toBe(host.dbFile);
});
