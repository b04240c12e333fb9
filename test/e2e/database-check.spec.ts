import { execFileSync } from 'node:child_process';
import { test, expect } from './host-fixture';

/** Plants changes with the sqlite3 shell, as someone with the file (and no app) would. */
function sqlite(file: string, script: string): void {
  execFileSync('sqlite3', [file], { input: script });
}

test('检查数据库 on a good database shows every part passed', async ({ page, host }) => {
  await host.api('settings:update', { street: '龙塔街道' });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${host.url}#/settings`);
  await expect(page.getByTestId('backup-section')).toHaveAttribute('data-state', 'ready');
  // Keyboard: the button is a real button, started with Enter.
  await page.getByTestId('db-check-run').focus();
  await page.keyboard.press('Enter');
  const result = page.getByTestId('db-check-result');
  await expect(result).toHaveAttribute('data-ok', 'true');
  for (const part of ['integrity', 'foreign-keys', 'schema', 'audit']) {
    await expect(page.getByTestId(`db-check-${part}`)).toHaveAttribute('data-ok', 'true');
    await expect(page.getByTestId(`db-check-${part}`)).toContainText('✓');
  }
  await expect(page.getByTestId('db-check-schema')).toContainText('数据库结构：与本版本一致');
  await expect(page.getByTestId('db-check-audit')).toContainText('操作日志完整');
  await expect(page.getByTestId('db-check-verdict')).toContainText('检查通过');
  await page.getByTestId('db-check').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/database-check-good.png' });
});

test('检查数据库 shows a planted trigger and a tampered audit entry, and what to do', async ({ page, host }) => {
  test.skip(!host.dbFile.endsWith('.sqlite'), 'plants changes in the SQLite file');
  await host.api('settings:update', { street: '龙塔街道' });
  // Changed behind the app's back: a foreign trigger, the audit log's guard dropped and its first entry edited.
  sqlite(
    host.dbFile,
    [
      `create trigger planted_trigger after insert on settings begin select 1; end;`,
      `drop trigger audit_log_no_update;`,
      `update audit_log set actor = '某人' where seq = 1;`,
    ].join('\n'),
  );
  await host.restart();
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${host.url}#/settings`);
  await expect(page.getByTestId('backup-section')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('db-check-run').click();
  await expect(page.getByTestId('db-check-result')).toHaveAttribute('data-ok', 'false');
  await expect(page.getByTestId('db-check-integrity')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('db-check-foreign-keys')).toHaveAttribute('data-ok', 'true');
  const schema = page.getByTestId('db-check-schema');
  await expect(schema).toHaveAttribute('data-ok', 'false');
  await expect(schema).toContainText('✗');
  await expect(schema).toContainText('planted_trigger');
  await expect(schema).toContainText('audit_log_no_update');
  const audit = page.getByTestId('db-check-audit');
  await expect(audit).toHaveAttribute('data-ok', 'false');
  await expect(audit).toContainText('第 1 条');
  await expect(page.getByTestId('db-check-verdict')).toContainText('从最近一次检查通过的备份恢复');
  await expect(page.getByTestId('db-check-verdict')).toContainText('联系技术支持');
  await page.getByTestId('db-check').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/database-check-bad.png' });
});
