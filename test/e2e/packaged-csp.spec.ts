import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, expect } from '@playwright/test';
import { META_CONTENT_SECURITY_POLICY } from '../../shared/security/content-security-policy';

/**
 * The packaged desktop app loads dist/renderer/index.html from disk (file://), where no response
 * header can carry a CSP: the built page must carry it itself, and Chromium must enforce it there.
 */
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const builtIndex = path.join(root, 'dist/renderer/index.html');

test('the built index.html carries the CSP, and Chromium enforces it on the file:// page', async ({ page }) => {
  test.skip(!fs.existsSync(builtIndex), '需要先运行 npm run build:renderer。');
  const html = fs.readFileSync(builtIndex, 'utf8');
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
  expect(meta?.[1]).toBe(META_CONTENT_SECURITY_POLICY);
  // Before any script: a policy after the first script would not cover it.
  expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));

  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
  });
  await page.goto(pathToFileURL(builtIndex).href);
  // An injected inline script is refused (and reported as a CSP violation); the page's own
  // origin is the only script source.
  await page.addScriptTag({ content: 'window.__injected = true;' }).catch(() => undefined);
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true;';
    document.head.append(s);
  });
  expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected === true)).toBe(false);
  await expect.poll(() => violations.length).toBeGreaterThan(0);
});
