import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { test, expect, _electron as electron } from '@playwright/test';

/** The desktop shell itself; skipped where Electron's binary cannot be installed (as in CI here). */
const require = createRequire(import.meta.url);
function electronBinary(): string | null {
  try {
    const dir = path.dirname(require.resolve('electron/package.json'));
    const pathFile = path.join(dir, 'path.txt');
    if (!fs.existsSync(pathFile)) return null;
    const binary = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
    return fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

test('the desktop window opens in Chinese with the main navigation', async () => {
  const binary = electronBinary();
  test.skip(binary === null, 'Electron 的可执行文件未安装（此环境无法下载），桌面外壳测试跳过。');
  test.skip(!fs.existsSync(path.join(root, 'dist/electron/main.cjs')), '需要先运行 npm run build。');
  const app = await electron.launch({
    executablePath: binary!,
    args: [root],
    env: { ...process.env, APPRAISAL_DATA_DIR: fs.mkdtempSync('/tmp/考评 electron-') },
  });
  const window = await app.firstWindow();
  // A fresh data folder: the first-run screen creates the administrator (session kept by main).
  await window.getByTestId('setup-displayName').fill('管理员');
  await window.getByTestId('setup-password').fill('Desktop2021');
  await window.getByTestId('setup-confirm').fill('Desktop2021');
  await window.getByTestId('setup-submit').click();
  await expect(window.getByTestId('title-bar')).toContainText('社区规范化创建考评系统');
  await expect(window.getByTestId('current-role')).toHaveText('管理员');
  // contextIsolation + sandbox + no nodeIntegration: the page sees no Node globals, only the contract API.
  const exposed = await window.evaluate(() => ({
    require: 'require' in globalThis,
    process: 'process' in globalThis,
    api: typeof (globalThis as { api?: unknown }).api,
  }));
  expect(exposed).toEqual({ require: false, process: false, api: 'object' });
  await app.close();
});
