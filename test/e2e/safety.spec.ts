import { test, expect, TEST_ADMIN } from './host-fixture';

test.describe('first run and login', () => {
  test.use({ autoLogin: false });

  test('create the administrator on first run, log out, mistype, and log in again', async ({ page, host }) => {
    await page.goto(host.url);
    await expect(page.getByTestId('setup-page')).toBeVisible();
    await page.getByTestId('setup-username').fill('wangzr');
    await page.getByTestId('setup-displayName').fill('王主任');
    await page.getByTestId('setup-password').fill('12345678');
    await page.getByTestId('setup-confirm').fill('12345678');
    await page.getByTestId('setup-submit').click();
    await expect(page.getByText('密码需同时包含字母和数字')).toBeVisible();
    await page.getByTestId('setup-password').fill('Longta2021');
    await page.getByTestId('setup-confirm').fill('Longta2021');
    await page.screenshot({ path: 'test-results/safety-setup.png' });
    await page.getByTestId('setup-confirm').press('Enter');
    await expect(page.getByTestId('current-user')).toHaveText('王主任');
    await expect(page.getByTestId('current-role')).toHaveText('管理员');

    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await expect(page.getByTestId('login-page')).toBeVisible();
    await page.getByTestId('login-username').fill('wangzr');
    await page.getByTestId('login-password').fill('wrong-one1');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error')).toContainText('用户名或密码不正确');
    await page.screenshot({ path: 'test-results/safety-login.png' });
    await page.getByTestId('login-password').fill('Longta2021');
    await page.getByTestId('login-password').press('Enter');
    await expect(page.getByTestId('current-user')).toHaveText('王主任');
    // A reload keeps the session (same tab), and nothing of the app shows without one.
    await page.reload();
    await expect(page.getByTestId('current-user')).toHaveText('王主任');
  });
});

test('the administrator adds a 查看 user, who must change the password and cannot change anything', async ({ page, host }) => {
  await page.goto(`${host.url}#/settings`);
  await expect(page.getByTestId('users-section')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('user-add').click();
  await page.getByTestId('user-username').fill('zhangsan');
  await page.getByTestId('user-display-name').fill('张三');
  await page.getByTestId('user-role').click();
  await page.getByTestId('role-option-viewer').click();
  await page.getByTestId('user-password').fill('Chushi2021');
  await page.getByTestId('user-save').click();
  const row = page.getByTestId('user-row-zhangsan');
  await expect(row).toContainText('张三');
  await expect(row).toContainText('查看');
  await expect(row).toContainText('待改密码');
  await page.getByTestId('users-section').screenshot({ path: 'test-results/safety-users.png' });

  // Log out; the fixture's session is gone for good (it was ended on the server).
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await page.getByTestId('login-username').fill('zhangsan');
  await page.getByTestId('login-password').fill('Chushi2021');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('force-password-page')).toBeVisible();
  await page.getByTestId('pw-current').fill('Chushi2021');
  await page.getByTestId('pw-new').fill('Chakan2099');
  await page.getByTestId('pw-confirm').fill('Chakan2099');
  await page.getByTestId('pw-submit').click();
  await expect(page.getByTestId('current-role')).toHaveText('查看');

  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-form')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('users-section')).toHaveCount(0);
  await expect(page.getByTestId('backup-section')).toHaveCount(0);
  // 单位信息 is shown read-only: no save button is offered (and the main side refuses it anyway).
  await expect(page.getByTestId('setting-street')).toHaveAttribute('readonly', '');
  await expect(page.getByTestId('settings-save')).toHaveCount(0);
  const settings = await host.api<{ street: string }>('settings:get', {});
  expect(settings.street).toBe('');
});

test('back up now, change something, restore the backup', async ({ page, host }) => {
  await host.api('settings:update', { street: '龙塔街道' });
  await page.goto(`${host.url}#/settings`);
  await expect(page.getByTestId('backup-section')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('backup-now').click();
  await expect(page.getByText(/^已备份：手动备份-/)).toBeVisible();
  await expect(page.getByTestId('backup-row')).toHaveCount(1);
  await page.getByTestId('setting-street').fill('改错的街道');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('title-bar')).toContainText('改错的街道');
  await page.getByTestId('backup-section').screenshot({ path: 'test-results/safety-backup.png' });

  await page.getByTestId('backup-row').getByRole('button', { name: '恢复' }).click();
  await page.getByTestId('restore-confirm').click();
  // The backup held this very session, so the administrator stays logged in after the restore.
  await expect(page.getByTestId('backup-row')).toHaveCount(2);
  await expect(page.getByTestId('backup-section')).toContainText('恢复前备份');
  const settings = await host.api<{ street: string }>('settings:get', {});
  expect(settings.street).toBe('龙塔街道');
  expect(TEST_ADMIN.username).toBe('admin');
});
