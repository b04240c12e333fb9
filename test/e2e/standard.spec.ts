import { test, expect } from './host-fixture';

test('edit an item’s points in a new version, see the validation, publish, and find it in the new version', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('nav-standard').click();
  const editor = page.getByTestId('standard-editor');
  await expect(editor).toHaveAttribute('data-state', 'ready');
  await expect(editor).toHaveAttribute('data-version', '1');
  await expect(page.getByTestId('version-status')).toHaveText('已发布');
  // Version 1 is published: read-only, no point fields to type in.
  await expect(page.getByTestId('points-A1')).toHaveText('3');
  await expect(page.getByText('第1版已发布，不能修改。如需调整，请“复制为新版本”。')).toBeVisible();

  await page.getByTestId('copy-version').click();
  await expect(editor).toHaveAttribute('data-version', '2');
  await expect(editor).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('version-status')).toHaveText('草稿');

  // Raise A1 from 3 to 4: the category no longer adds up, publishing is blocked.
  await page.getByTestId('points-A1').fill('4');
  const problems = page.getByTestId('problems-panel');
  await expect(problems).toContainText('一级指标A“组织建设与党建引领”分值为15分，其下二级指标合计16分，两者应相等');
  await expect(problems).toHaveAttribute('data-errors', '1');
  await expect(page.getByTestId('category-A').getByTestId('row-error')).toBeVisible();
  await expect(page.getByTestId('publish')).toBeDisabled();
  // A typo is refused on the spot and not saved.
  await page.getByTestId('points-A2').fill('1.25');
  await expect(page.getByText('请输入不小于0的数字，最多一位小数')).toBeVisible();
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-save', 'saved');

  // Take the point from A2: valid again.
  await page.getByTestId('points-A2').fill('1');
  await expect(problems).toHaveAttribute('data-errors', '0');
  await expect(problems).toContainText('校验通过');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-save', 'saved');

  await page.getByTestId('publish').click();
  await page.getByTestId('confirm').click();
  await expect(page.getByTestId('version-status')).toHaveText('已发布');
  await expect(page.getByTestId('editor-message')).toContainText('第2版已发布');

  // After a reload the new version is there, published, with the new points; version 1 is unchanged.
  await page.reload();
  await expect(editor).toHaveAttribute('data-state', 'ready');
  await expect(editor).toHaveAttribute('data-version', '2');
  await expect(page.getByTestId('points-A1')).toHaveText('4');
  await expect(page.getByTestId('points-A2')).toHaveText('1');
  await expect(page.getByTestId('version-2')).toContainText('已发布');
  await page.getByTestId('version-1').click();
  await expect(editor).toHaveAttribute('data-version', '1');
  await expect(page.getByTestId('points-A1')).toHaveText('3');

  // The comparison shows exactly the two changed items.
  await page.goto(`${host.url}#/standard/diff/1/2`);
  await expect(page.getByTestId('diff-view')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('diff-summary')).toHaveText('第1版 → 第2版：新增 0 项，删除 0 项，修改 2 项。');
  await expect(page.getByTestId('diff-item-A1')).toContainText('分值：4分');

  const v2 = await host.api<{ status: string; standard: { categories: Array<{ items: Array<{ code: string; maxTenths: number }> }> } }>(
    'standard:get',
    { version: 2 },
  );
  expect(v2.status).toBe('published');
  expect(v2.standard.categories[0]?.items.slice(0, 2).map((i) => [i.code, i.maxTenths])).toEqual([
    ['A1', 40],
    ['A2', 10],
  ]);
});

test('a formula error is shown where it is, and the preview scores like the form', async ({ page, host }) => {
  await host.api('standard:createDraft', { fromVersion: 1 });
  await page.goto(`${host.url}#/standard/2`);
  const editor = page.getByTestId('standard-editor');
  await expect(editor).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('expand-D2').click();
  await page.getByTestId('expression-D2').fill('3 * gridsWithin300to500 / 网格总数');
  await expect(page.getByTestId('problems-panel')).toContainText(
    'D2“网格规模300至500户”的公式有误：第27个字符处：未知的指标名称“网格总数”',
  );
  await expect(page.getByTestId('expression-caret')).toContainText('网格总数');
  await page.getByTestId('expression-D2').fill('if(gridCount = 0, 0, 3 * gridsWithin300to500 / gridCount)');
  await expect(page.getByTestId('problems-panel')).toHaveAttribute('data-errors', '0');

  await page.getByTestId('tab-preview').click();
  await expect(page.getByTestId('form-preview')).toBeVisible();
  await page.getByTestId('preview-input-B6').fill('1.3');
  await expect(page.getByText('得分须按0.5分递增（如0、0.5、1…）')).toBeVisible();
  await page.getByTestId('preview-input-B6').fill('1.5');
  await expect(page.getByTestId('preview-score-B6')).toHaveText('1.5');
});

test('export a version to Excel and import the file back as a new draft', async ({ page, host }) => {
  await page.goto(`${host.url}#/standard/1`);
  await expect(page.getByTestId('standard-editor')).toHaveAttribute('data-state', 'ready');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
  expect(download.suggestedFilename()).toBe('考核标准（第1版）.xlsx');
  const file = `${host.dir}/导出的标准.xlsx`;
  await download.saveAs(file);

  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('import').click()]);
  await chooser.setFiles(file);
  await expect(page.getByRole('dialog')).toContainText('已导入为第2版草稿');
  await expect(page.getByRole('dialog')).toContainText('文件内容完整，没有发现问题');
  await page.getByRole('button', { name: '查看草稿' }).click();
  await expect(page.getByTestId('standard-editor')).toHaveAttribute('data-version', '2');
  await expect(page.getByTestId('version-status')).toHaveText('草稿');
  await expect(page.getByTestId('problems-panel')).toHaveAttribute('data-errors', '0');
  await page.getByTestId('compare').click();
  await expect(page.getByTestId('diff-summary')).toHaveText('第1版 → 第2版：新增 0 项，删除 0 项，修改 0 项。');
});
