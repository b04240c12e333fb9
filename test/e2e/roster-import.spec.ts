import fs from 'node:fs';
import path from 'node:path';
import { test, expect, type HostHandle } from './host-fixture';
import { makeRosterFixtures } from '../fixtures/make-roster-fixtures';
import { makePerson } from '../fixtures/roster-data';

/** Seed a roster through the contract (stage bytes, import job) so the test starts from real data. */
async function seed(host: HostHandle, roster: string, file: string): Promise<void> {
  const staged = await host.api<{ fileId: string }>('files:stageBytes', {
    name: path.basename(file),
    base64: fs.readFileSync(file).toString('base64'),
  });
  const { jobId } = await host.api<{ jobId: string }>('roster:import', { roster, fileId: staged.fileId });
  for (;;) {
    const job = await host.api<{ state: string; result?: { committed: boolean } }>('jobs:get', { jobId });
    if (job.state !== 'running') {
      expect(job.state).toBe('done');
      expect(job.result?.committed).toBe(true);
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('import a messy roster through the UI: rejected rows explained, commit, find the people', async ({ page, host }) => {
  // Several steps, each waiting on the host: more than the default budget on a busy machine.
  test.setTimeout(240_000);
  const fixtures = path.join(host.dir, '名册 样例');
  await makeRosterFixtures(fixtures);
  await seed(host, 'communities', path.join(fixtures, 'communities.xlsx'));

  await page.goto(`${host.url}#/roster/workers`);
  await expect(page.getByTestId('roster-page')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('roster-table')).toHaveAttribute('data-total', '0');

  await page.getByTestId('import-open').click();
  await expect(page.getByTestId('import-wizard')).toBeVisible();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-pick').click();
  await (await chooser).setFiles(path.join(fixtures, 'workers-messy-all-quirks.xlsx'));

  // Mapping screen: the two-row header under a title row was recognised.
  const mapping = page.getByTestId('import-mapping');
  await expect(mapping).toHaveAttribute('data-state', 'ready');
  await expect(mapping).toContainText('表头在第 3 行（第 2 行是分组表头）');
  await expect(mapping).toContainText('社区工作者花名册');
  await page.getByTestId('import-validate').click();

  // Preview: every rejected row is explained with sheet, row, column, value and what to do.
  const preview = page.getByTestId('import-preview');
  await expect(preview).toHaveAttribute('data-state', 'ready');
  // (The out-of-range 岗位等级 row is imported with a warning: E2 deducts for it.)
  await expect(page.getByTestId('preview-valid')).toHaveText('可导入 4 行');
  await expect(page.getByTestId('preview-rejected')).toHaveText('有错误 3 行');
  const errors = page.locator('[data-testid="problem-row"][data-severity="error"]');
  await expect(errors).toHaveCount(3);
  await expect(errors.filter({ hasText: '设为文本后重新录入' })).toContainText('身份证号码');
  await expect(errors.filter({ hasText: '不存在的社区' })).toContainText('请先导入社区基本情况');
  await expect(errors.filter({ hasText: '重复' })).toContainText('与第 4 行');
  // Every cell, the fixed-width value cell included, draws 汉字 with the bundled font (no boxes).
  const fonts = await errors
    .first()
    .locator('td')
    .evaluateAll((tds) => tds.map((td) => getComputedStyle(td).fontFamily));
  for (const font of fonts) expect(font).toContain('Noto Sans SC');
  // The grade outside its post's range is a 提示 under 全部问题, naming the range.
  await page.getByRole('tab', { name: /全部问题/ }).click();
  await expect(page.locator('[data-testid="problem-row"][data-severity="warning"]').filter({ hasText: '7–18' }).first()).toContainText(
    '岗位等级',
  );

  await page.getByTestId('import-commit').click();
  const summary = page.getByTestId('import-summary');
  await expect(summary).toHaveAttribute('data-state', 'committed');
  await expect(summary).toContainText('新增 4');
  // The wizard ends with the next step: after 社区工作者 come the 网格员.
  await expect(page.getByTestId('import-next-step')).toHaveText('下一步：导入网格员名册。');
  await expect(page.getByTestId('import-next')).toHaveText('下一步：导入网格员');
  await page.screenshot({ path: 'test-results/desk-roster-next.png' });
  await page.getByTestId('import-close').click();

  // Find the people.
  await expect(page.getByTestId('roster-table')).toHaveAttribute('data-total', '4');
  // All ten columns of 社区工作者 fit a 1366-px office laptop: no sideways scrolling to reach 联系电话.
  const overflow = await page
    .getByTestId('roster-table')
    .locator('> div')
    .first()
    .evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.getByTestId('roster-search').fill('张伟');
  await expect(page.getByTestId('roster-table')).toHaveAttribute('data-total', '1');
  await expect(page.getByTestId('roster-row').first()).toContainText(makePerson(40).id);
  await page.getByTestId('roster-search').fill(makePerson(42).id.slice(-8));
  await expect(page.getByTestId('roster-table')).toHaveAttribute('data-total', '1');
  await expect(page.getByTestId('roster-row').first()).toContainText('中共党员');

  // Keyboard: Enter on a row opens the edit dialog with the same validation.
  await page.getByTestId('roster-row').first().focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('record-dialog')).toBeVisible();
  await page.getByTestId('field-postGrade').fill('99');
  await page.getByTestId('record-save').click();
  await expect(page.getByTestId('record-dialog')).toContainText('岗位等级 99 超出范围');
  await page.getByTestId('record-dialog').getByRole('button', { name: '取消' }).click();
  await expect(page.getByTestId('record-dialog')).toBeHidden();

  // The import is listed and can be undone.
  await page.getByTestId('roster-tab-batches').click();
  await expect(page.getByTestId('import-batches')).toContainText('workers-messy-all-quirks.xlsx');
});
