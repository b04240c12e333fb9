import { defineConfig } from '@playwright/test';

/**
 * E2E tests drive the built renderer through the browser host in Debian's Chromium
 * (never a downloaded browser). Each test starts its own host on a temp database.
 */
export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/helpers/build-bundles.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  reporter: [['list']],
  use: {
    headless: true,
    locale: 'zh-CN',
    viewport: { width: 1366, height: 860 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
