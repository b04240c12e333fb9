import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { test, expect, type HostHandle } from './host-fixture';

const R = '2021Q3';
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/**
 * The real CLI in a child process, awaited without blocking this process's event loop (a blocked
 * loop would let the host close the fixture's idle keep-alive connection unnoticed).
 */
function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'dist/cli/cli.mjs'), ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

interface FormLike {
  score: { totalTenths: number; items: { code: string; status: string; maxTenths: number }[] };
  standard: { categories: { items: { code: string; method: { kind: string } }[] }[] };
}

function deductCodes(form: FormLike): Set<string> {
  return new Set(form.standard.categories.flatMap((c) => c.items.filter((i) => i.method.kind === 'deduct').map((i) => i.code)));
}

/** Communities through the real roster import (CLI, same database), then a round with one form filled by the API. */
async function seed(host: HostHandle): Promise<{ ids: Record<string, number> }> {
  const csv = path.join(host.dir, '社区基本情况.csv');
  fs.writeFileSync(
    csv,
    '\ufeff社区名称,所属街道,户数,常住人口,综合服务设施面积(m²)\n龙塔社区,龙塔街道,2400,7200,1300\n沙北社区,龙塔街道,2600,7800,1300\n',
  );
  const imported = await cli(['import', 'communities', csv, '--db', host.dbFile, '--json']);
  expect(imported.stderr).toBe('');
  expect(imported.code).toBe(0);
  const round = await host.api<{ communities: { id: number; name: string }[] }>('rounds:create', { year: 2021, quarter: 3 });
  const ids = Object.fromEntries(round.communities.map((c) => [c.name, c.id]));
  // 沙北社区 is filled through the contract with lower manual scores, so the ranking is decided.
  const other = ids['沙北社区'] as number;
  for (const [itemCode, tenths] of Object.entries({ B6: 10, C5: 10, D5: 18, F4: 10, F5: 5, G1: 40 })) {
    await host.api('rounds:setItem', { roundId: R, communityId: other, itemCode, value: { kind: 'manual', tenths } });
  }
  for (const id of Object.values(ids)) {
    const form = await host.api<FormLike>('rounds:form', { roundId: R, communityId: id });
    for (const item of form.score.items) {
      // 沙北社区's deduction items are checked through the contract too (核查无扣分).
      if (id === other && item.status === 'missing' && deductCodes(form).has(item.code)) {
        await host.api('rounds:setItem', { roundId: R, communityId: id, itemCode: item.code, value: { kind: 'deduct', deductions: [] } });
      }
      if (item.status === 'invalid') {
        await host.api('rounds:setItem', {
          roundId: R,
          communityId: id,
          itemCode: item.code,
          override: { tenths: 0, reason: '名册未报送' },
        });
      }
    }
  }
  return { ids };
}

async function openForm(page: Page, url: string, name: string): Promise<void> {
  await page.goto(`${url}#/rounds/${R}`);
  await expect(page.getByTestId('round-page')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId(`open-${name}`).click();
  await expect(page.getByTestId('scoring-form')).toHaveAttribute('data-state', 'ready');
}

test('score a community by keyboard only, reload, totals and rank persist; submit, return, finalize, edits refused', async ({
  page,
  host,
}) => {
  test.setTimeout(240_000);
  await seed(host);
  await openForm(page, host.url, '龙塔社区');
  await expect(page.getByTestId('form-community')).toHaveText('龙塔社区');
  const before = Number((await page.getByTestId('form-total').textContent())?.replace(/[^\d.]/g, ''));
  const deducts = deductCodes(await host.api<FormLike>('rounds:form', { roundId: R, communityId: 1 }));
  const deductMax = (await host.api<FormLike>('rounds:form', { roundId: R, communityId: 1 })).score.items
    .filter((i) => deducts.has(i.code))
    .reduce((sum, i) => sum + i.maxTenths, 0);
  // Deduction items nobody has checked are not full marks: the header counts them as unfinished.
  await expect(page.getByTestId(`unchecked-A4`)).toBeVisible();

  // Keyboard only from here: focus lands on the first item, ↓ moves, typing scores.
  await page.getByTestId('score-A1').focus();
  const order = await page
    .locator('[data-testid^="score-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')?.slice(6) ?? ''));
  const manual: Record<string, string> = { B6: '2', C5: '1.5', D5: '2.4', F4: '1.8', F5: '2', G1: '6' };
  for (const code of order) {
    if (code === 'B6') {
      // Off-step value is refused on the spot with the rule, then corrected.
      await page.keyboard.type('1.3');
      await expect(page.getByText('得分须按0.5分递增')).toBeVisible();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
    }
    if (code === 'F4') {
      await page.keyboard.type('9');
      await expect(page.getByText('得分应在0至2分之间')).toBeVisible();
      await page.keyboard.press('Backspace');
    }
    if (code === 'D5') {
      // "3" is a band value, "30" is refused: neither the total nor the 未完成 count moves (nothing
      // was saved), and Enter / ↓ leave the focus on the refused value. First let the previous
      // item's value (C5) finish saving, so the header shows everything saved so far.
      await page.waitForTimeout(600);
      await expect(page.getByTestId('save-status')).not.toHaveAttribute('data-state', 'saving');
      const total = await page.getByTestId('form-total').textContent();
      const open = await page.getByTestId('form-complete').textContent();
      await page.keyboard.type('30');
      await expect(page.getByText('得分应在0至3分之间')).toBeVisible();
      await page.keyboard.press('Enter');
      await page.keyboard.press('ArrowDown');
      await expect(page.getByTestId('score-D5')).toBeFocused();
      await page.waitForTimeout(600); // longer than the autosave delay: nothing may be saved
      await expect(page.getByTestId('form-total')).toHaveText(total ?? '');
      await expect(page.getByTestId('form-complete')).toHaveText(open ?? '');
      // 2.2 is within range but between the bands (3/2.4/1.8/0): refused too.
      await page.keyboard.press('Control+A');
      await page.keyboard.type('2.2');
      await expect(page.getByText('只能评3、2.4、1.8、0分')).toBeVisible();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
    }
    if (deducts.has(code) && code !== 'A4') {
      // One key: 核查无扣分.
      await page.keyboard.press(' ');
      await expect(page.getByTestId(`unchecked-${code}`)).toHaveCount(0);
      await expect(page.getByTestId(`score-${code}`)).toBeFocused();
    }
    const value = manual[code];
    if (value) await page.keyboard.type(value);
    if (code === 'A4') {
      // Enter on a deduction item goes to its ledger; Enter in the reason list records the deduction
      // (the first reason, 未制定年度工作计划, with its standard amount 1).
      await page.keyboard.press('Enter');
      await expect(page.locator('#ded-reason')).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('ledger-row')).toHaveCount(1);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('score-A4')).toBeFocused();
    }
    await page.keyboard.press('ArrowDown');
  }
  // ↓ on the last item stays there.
  await expect(page.getByTestId(`score-${order[order.length - 1]}`)).toBeFocused();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await expect(page.getByTestId('score-A4')).toHaveValue('2');
  // 2 + 1.5 + 2.4 + 1.8 + 2 + 6 = 15.7 typed, the deduction items checked (full), 1 deducted.
  const expected = Math.round((before + 15.7 + deductMax / 10 - 1) * 10) / 10;
  await expect(page.getByTestId('form-total')).toHaveText(`总分 ${expected}`);
  await expect(page.getByTestId('form-complete')).toHaveText('已全部评分');

  await page.reload();
  await expect(page.getByTestId('scoring-form')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('form-total')).toHaveText(`总分 ${expected}`);
  await expect(page.getByTestId('score-C5')).toHaveValue('1.5');
  await expect(page.getByTestId('score-A4')).toHaveValue('2');

  await page.getByTestId('form-back').click();
  await page.getByTestId('tab-results').click();
  await expect(page.getByTestId('result-龙塔社区').getByTestId('result-rank')).toHaveText('1');
  await expect(page.getByTestId('result-龙塔社区').getByTestId('result-total')).toHaveText(String(expected));
  await expect(page.getByTestId('result-沙北社区').getByTestId('result-rank')).toHaveText('2');
  // Explainable: the deduction recorded by keyboard shows with its reason and assessor.
  await page.getByTestId('result-open-龙塔社区').click();
  await expect(page.getByRole('dialog')).toContainText('未制定年度工作计划');
  await expect(page.getByRole('dialog')).toContainText('系统管理员');
  await page.keyboard.press('Escape');

  // Workflow: submit, return with a comment, resubmit, review, publish, finalize.
  await page.getByTestId('tab-progress').click();
  await page.getByTestId('advance-submitted').click();
  await expect(page.getByTestId('round-state')).toHaveText('已提交');
  await page.getByTestId('advance-returned').click();
  await page.getByTestId('reason-text').fill('C5 请补充实地照片');
  await page.getByTestId('reason-ok').click();
  await expect(page.getByTestId('round-state')).toHaveText('退回');
  await expect(page.getByText('C5 请补充实地照片')).toBeVisible();
  await page.getByTestId('advance-submitted').click();
  await expect(page.getByTestId('round-state')).toHaveText('已提交');
  await page.getByTestId('advance-reviewed').click();
  await expect(page.getByTestId('round-state')).toHaveText('已审核');
  await page.getByTestId('advance-published').click();
  await expect(page.getByTestId('round-state')).toHaveText('公示');
  await page.getByTestId('advance-finalized').click();
  await page.getByTestId('reason-ok').click();
  await expect(page.getByTestId('round-state')).toHaveText('定稿');

  // Finalized: the form is read-only, and the main process refuses edits whatever the door.
  await page.getByTestId('open-龙塔社区').click();
  await expect(page.getByTestId('scoring-form')).toHaveAttribute('data-editable', 'no');
  await expect(page.getByTestId('form-readonly')).toContainText('定稿锁定');
  await page.getByTestId('score-G1').focus();
  await page.keyboard.type('3');
  await expect(page.getByTestId('score-G1')).toHaveValue('6');
  await expect(
    host.api('rounds:setItem', { roundId: R, communityId: 1, itemCode: 'G1', value: { kind: 'manual', tenths: 30 } }),
  ).rejects.toThrow(/LOCKED/);
  await page.reload();
  await expect(page.getByTestId('form-total')).toHaveText(`总分 ${expected}`);
});

test('the audit page lists score changes, verifies the chain and filters by action', async ({ page, host }) => {
  test.setTimeout(180_000);
  await seed(host);
  await page.goto(`${host.url}#/audit`);
  await expect(page.getByTestId('audit-page')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('audit-table')).toContainText('创建季度考评');
  await expect(page.getByTestId('audit-table')).toContainText('评分');
  await page.getByTestId('audit-verify').click();
  await expect(page.getByTestId('audit-verify-result')).toContainText('校验通过');
  await page.getByLabel('操作', { exact: true }).click();
  await page.getByRole('option', { name: '创建季度考评' }).click();
  await expect(page.getByTestId('audit-table').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('audit-table')).toContainText('2021年第三季度');
});

test('an appeal against one deduction: a double click registers it once, adopting it withdraws the deduction from the results', async ({
  page,
  host,
}) => {
  test.setTimeout(180_000);
  const { ids } = await seed(host);
  const lt = ids['龙塔社区'] as number;
  // 龙塔社区 completed through the contract, with one deduction on A4.
  for (const [itemCode, tenths] of Object.entries({ B6: 20, C5: 20, D5: 30, F4: 20, F5: 20, G1: 60 })) {
    await host.api('rounds:setItem', { roundId: R, communityId: lt, itemCode, value: { kind: 'manual', tenths } });
  }
  const form = await host.api<FormLike>('rounds:form', { roundId: R, communityId: lt });
  for (const code of deductCodes(form))
    await host.api('rounds:setItem', { roundId: R, communityId: lt, itemCode: code, value: { kind: 'deduct', deductions: [] } });
  await host.api('rounds:addDeduction', {
    roundId: R,
    communityId: lt,
    itemCode: 'A4',
    reasonCode: 'A4-3',
    text: '未明确分工或未落实街道包联',
    amountTenths: 10,
  });
  for (const to of ['submitted', 'reviewed', 'published']) await host.api('rounds:advance', { roundId: R, to });
  const before = (
    await host.api<{ communities: { id: number; total: number; deductions: unknown[] }[] }>('rounds:results', { roundId: R })
  ).communities.find((c) => c.id === lt);

  await page.goto(`${host.url}#/rounds/${R}`);
  await expect(page.getByTestId('round-page')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('tab-appeals').click();
  await page.getByLabel('针对的扣分（可选）').click();
  await page.getByRole('option', { name: /A4 −1 未明确分工/ }).click();
  await page.getByLabel('申诉内容').fill('包联已落实，有街道文件为证');
  await page.getByTestId('appeal-add').dblclick();
  await expect(page.getByTestId('appeal-row')).toHaveCount(1);
  await page.waitForTimeout(500);
  await expect(page.getByTestId('appeal-row')).toHaveCount(1);
  const appeals = await host
    .api<{ id: number; deductionId: number | null }[]>('rounds:get', { roundId: R })
    .then((d) => (d as unknown as { appeals: { id: number; deductionId: number | null }[] }).appeals);
  expect(appeals).toHaveLength(1);
  const id = appeals[0]?.id as number;
  await page.getByTestId(`appeal-decision-${id}`).fill('经核实，撤销该扣分');
  await page.getByTestId(`appeal-accept-${id}`).click();
  await expect(page.getByText('采纳：经核实，撤销该扣分（调整+1分）')).toBeVisible();
  const after = (
    await host.api<{ communities: { id: number; total: number; deductions: unknown[] }[] }>('rounds:results', { roundId: R })
  ).communities.find((c) => c.id === lt);
  expect(after?.total).toBe((before?.total ?? 0) + 1);
  expect(after?.deductions).toEqual([]);
});
