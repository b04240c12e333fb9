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

test('on PostgreSQL: back up now (a .zip), change something, restore the backup from the list', async ({ page, host }) => {
  await host.api('settings:update', { street: '龙塔街道' });
  await page.goto(`${host.url}#/settings`);
  await expect(page.getByTestId('backup-section')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('backup-now').click();
  await expect(page.getByText(/^已备份：手动备份-.*\.zip$/)).toBeVisible();
  await expect(page.getByTestId('backup-row')).toHaveCount(1);
  await page.getByTestId('setting-street').fill('改错的街道');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('title-bar')).toContainText('改错的街道');
  await page.getByTestId('backup-section').screenshot({ path: 'test-results/postgres-backup.png' });
  // The browser host cannot switch databases and says so plainly.
  await expect(page.getByTestId('database-section')).toContainText('浏览器模式不能在此切换数据库');
  await page.getByTestId('database-section').screenshot({ path: 'test-results/postgres-database-section.png' });

  await page.getByTestId('backup-row').getByRole('button', { name: '恢复' }).click();
  await page.getByTestId('restore-confirm').click();
  await expect(page.getByTestId('backup-row')).toHaveCount(2);
  await expect(page.getByTestId('backup-section')).toContainText('恢复前备份');
  const settings = await host.api<{ street: string }>('settings:get', {});
  expect(settings.street).toBe('龙塔街道');
});
