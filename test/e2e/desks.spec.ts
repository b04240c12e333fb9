import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import type { Page } from '@playwright/test';
import { test, expect, TEST_ADMIN, type HostHandle } from './host-fixture';

const R = '2021Q3';
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const FIRST = 'Chushi2021';
const PASSWORD = 'Kaoping2099';

test.use({ viewport: { width: 1366, height: 768 } });

function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'dist/cli/cli.mjs'), ...args], { cwd: root });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

/** Calls as the administrator through a login of its own (logging out in the page ends the fixture's session). */
async function adminApi(host: HostHandle): Promise<<T>(channel: string, input: unknown) => Promise<T>> {
  const post = async (channel: string, input: unknown, session: string | null): Promise<unknown> => {
    const { origin, searchParams } = new URL(host.url);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-appraisal-token': searchParams.get('token') ?? '' };
    if (session) headers['x-appraisal-session'] = session;
    const response = await fetch(`${origin}/api/${encodeURIComponent(channel)}`, { method: 'POST', headers, body: JSON.stringify(input) });
    const envelope = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    if (!envelope.ok) throw new Error(`${channel}: ${envelope.error?.message}`);
    return envelope.value;
  };
  const { sessionToken } = (await post('auth:login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password }, null)) as {
    sessionToken: string;
  };
  return async <T>(channel: string, input: unknown) => (await post(channel, input, sessionToken)) as T;
}

interface Seeded {
  ids: Record<string, number>;
}

/** Three communities (real roster import), four accounts, a round with 张考评 on 龙塔社区 and 沙北社区's G category. */
async function seed(host: HostHandle): Promise<Seeded> {
  const csv = path.join(host.dir, '社区基本情况.csv');
  fs.writeFileSync(
    csv,
    '\ufeff社区名称,所属街道,户数,常住人口,综合服务设施面积(m²)\n龙塔社区,龙塔街道,2400,7200,1300\n沙北社区,龙塔街道,2600,7800,1300\n受降社区,龙塔街道,2500,7500,1300\n',
  );
  const imported = await cli(['import', 'communities', csv, '--db', host.dbFile, '--json']);
  expect(imported.stderr).toBe('');
  await host.api('settings:update', { city: '漯河市', county: '郾城区', street: '龙塔街道', issuer: '龙塔街道办事处' });
  for (const [username, displayName, role] of [
    ['zhangkp', '张考评', 'assessor'],
    ['shenhe', '沈审核', 'reviewer'],
    ['chakan', '查看员', 'viewer'],
  ] as const) {
    await host.api('users:create', { username, displayName, role, password: FIRST });
  }
  const round = await host.api<{ communities: { id: number; name: string }[] }>('rounds:create', { year: 2021, quarter: 3 });
  const ids = Object.fromEntries(round.communities.map((c) => [c.name, c.id]));
  await host.api('rounds:assign', {
    roundId: R,
    assignments: [
      { assessor: 'zhangkp', communityId: ids['龙塔社区'], categoryCode: null },
      { assessor: 'zhangkp', communityId: ids['沙北社区'], categoryCode: 'G' },
    ],
  });
  return { ids };
}

async function logout(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await expect(page.getByTestId('login-page')).toBeVisible();
}

/** Log in (a first login replaces the administrator's password) and wait for the home desk. */
async function login(page: Page, username: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(FIRST);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('force-password-page')).toBeVisible();
  await page.getByTestId('pw-current').fill(FIRST);
  await page.getByTestId('pw-new').fill(PASSWORD);
  await page.getByTestId('pw-confirm').fill(PASSWORD);
  await page.getByTestId('pw-submit').click();
  await expect(page.getByTestId('home-page')).toHaveAttribute('data-state', 'ready');
}

/** Nothing on the page offers these actions. */
async function expectNoActions(page: Page, names: (string | RegExp)[]): Promise<void> {
  for (const name of names) await expect(page.getByRole('button', { name }), String(name)).toHaveCount(0);
}

test('each role lands on its own desk at 1366×768 and is offered only what it can do', async ({ page, host }) => {
  test.setTimeout(240_000);
  const { ids } = await seed(host);

  // 管理员: the matrix, roster health, backup, audit chain; then leaves the 操作日志 open.
  await page.goto(host.url);
  await expect(page.getByTestId('home-page')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('desk-matrix')).toContainText('龙塔社区');
  await expect(page.getByTestId('desk-matrix')).toContainText('张考评');
  await expect(page.getByTestId('desk-roster-missing')).toContainText('缺网格');
  await expect(page.getByTestId('desk-backup')).toContainText(/最近备份：\d{4}-\d{2}-\d{2} \d{2}:\d{2}（今天）/);
  await expect(page.getByTestId('desk-audit')).toContainText('校验通过');
  await expect(page.getByTestId('home-round')).toContainText('考评期截至 2021年9月30日');
  await page.screenshot({ path: 'test-results/desk-admin.png' });
  await page.getByTestId('nav-audit').click();
  await expect(page.getByTestId('audit-page')).toHaveAttribute('data-state', 'ready');
  await logout(page);

  // 考评员: lands on 我的考评 (not on the administrator's 操作日志), with its own communities only.
  await login(page, 'zhangkp');
  await expect(page.getByTestId('audit-page')).toHaveCount(0);
  const mine = page.getByTestId('desk-assessor');
  await expect(mine).toContainText('我的考评');
  await expect(page.getByTestId('my-龙塔社区')).toContainText('全部指标');
  await expect(page.getByTestId('my-沙北社区')).toContainText('G 群众满意度与平安稳定');
  await expect(page.getByTestId('my-受降社区')).toHaveCount(0);
  await expect(page.getByTestId('nav-audit')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/desk-assessor.png' });
  // Even typing the address of the 操作日志 shows the desk instead.
  await page.goto(`${host.url}#/audit`);
  await expect(page.getByTestId('home-page')).toBeVisible();
  await expect(page.getByTestId('audit-page')).toHaveCount(0);
  await page.goto(`${host.url}#/`);
  await page.getByTestId('my-open-龙塔社区').click();
  await expect(page.getByTestId('scoring-form')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('form-community')).toHaveText('龙塔社区');
  await page.getByTestId('nav-rounds').click();
  await expect(page.getByTestId('round-list')).toHaveAttribute('data-state', 'ready');
  await expectNoActions(page, ['新建季度考评']);
  await page.getByTestId(`round-row-${R}`).click();
  await expect(page.getByTestId('round-page')).toHaveAttribute('data-state', 'ready');
  await expectNoActions(page, ['分配考评员', '重新冻结名册快照', '合议', '解锁']);
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-form')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('settings-save')).toHaveCount(0);
  await expect(page.getByTestId('setting-street')).toHaveAttribute('readonly', '');
  await logout(page);

  // Forms submitted → 审核人 finds them waiting for review.
  const api = await adminApi(host);
  for (const id of Object.values(ids)) {
    const form = await api<{ score: { items: { code: string; status: string; maxTenths: number }[] } }>('rounds:form', {
      roundId: R,
      communityId: id,
    });
    for (const item of form.score.items) {
      if (item.status === 'missing' || item.status === 'invalid') {
        await api('rounds:setItem', {
          roundId: R,
          communityId: id,
          itemCode: item.code,
          override: { tenths: item.maxTenths, reason: '现场核实' },
        });
      }
    }
  }
  await api('rounds:advance', { roundId: R, to: 'submitted' });
  await login(page, 'shenhe');
  await expect(page.getByTestId('desk-to-review')).toContainText('3 个社区的评分表待审核');
  await expect(page.getByTestId('desk-matrix')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/desk-reviewer.png' });
  await page.getByTestId('desk-to-review').getByRole('button', { name: '去审核' }).click();
  await expect(page.getByTestId('round-page')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('advance-reviewed')).toBeVisible();
  await expectNoActions(page, ['分配考评员', '重新冻结名册快照']);
  await page.getByTestId('advance-reviewed').click();
  await expect(page.getByTestId('round-state')).toHaveText('已审核');
  await page.getByTestId('advance-published').click();
  await expect(page.getByTestId('round-state')).toHaveText('公示');
  await logout(page);

  // 查看: the published results, and no action anywhere.
  await login(page, 'chakan');
  await expect(page.getByTestId(`published-${R}`)).toContainText('2021年第三季度');
  await expect(page.getByTestId('desk-assessor')).toHaveCount(0);
  await expect(page.getByTestId('desk-reviewer')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/desk-viewer.png' });
  await page.getByTestId(`published-${R}`).getByRole('button', { name: '查看结果' }).click();
  await expect(page.getByTestId('round-page')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('tab-progress').click();
  await expectNoActions(page, [
    '新建季度考评',
    '提交审核',
    '分配考评员',
    '重新冻结名册快照',
    '导入现场评分表',
    '提交本社区',
    '背靠背评分',
    '合议',
    /^审核通过/,
    '定稿',
    '登记申诉',
  ]);
  await page.getByTestId('tab-appeals').click();
  await expectNoActions(page, ['登记申诉', '采纳', '不予采纳']);
  await expect(page.getByTestId('nav-audit')).toHaveCount(0);
});

test('the 操作日志 reads a score change in plain Chinese and filters by person and community', async ({ page, host }) => {
  test.setTimeout(180_000);
  const { ids } = await seed(host);
  await host.api('rounds:setItem', { roundId: R, communityId: ids['龙塔社区'], itemCode: 'G1', value: { kind: 'manual', tenths: 20 } });
  await host.api('rounds:setItem', { roundId: R, communityId: ids['龙塔社区'], itemCode: 'G1', value: { kind: 'manual', tenths: 40 } });
  await host.api('rounds:setItem', { roundId: R, communityId: ids['沙北社区'], itemCode: 'G1', value: { kind: 'manual', tenths: 20 } });
  await page.goto(`${host.url}#/audit`);
  await expect(page.getByTestId('audit-page')).toHaveAttribute('data-state', 'ready');
  const table = page.getByTestId('audit-table');
  await expect(table).toContainText('G1 居民满意度测评：2 分 → 4 分');
  await expect(table).toContainText('系统管理员');
  await expect(table).toContainText('2021年第三季度 龙塔社区');
  await expect(table).not.toContainText('{');
  await expect(table).not.toContainText('communityId');
  await page.getByTestId('audit-community').getByRole('combobox').click();
  await page.getByRole('option', { name: '沙北社区' }).click();
  await expect(table).toContainText('G1 居民满意度测评：未评分 → 2 分');
  await expect(table).not.toContainText('2 分 → 4 分');
  await page.getByTestId('audit-from').fill('2000-01-01');
  await expect(page.getByTestId('audit-row').first()).toBeVisible();
  await page.getByTestId('audit-from').fill('2999-01-01');
  await expect(table).toContainText('暂无符合条件的记录');
  await page.getByTestId('audit-from').fill('');
  await page.screenshot({ path: 'test-results/desk-audit.png' });
});

test('assessors are picked from the 考评员 accounts (unknown names cannot be entered); versions are chosen from a described list', async ({
  page,
  host,
}) => {
  test.setTimeout(180_000);
  await seed(host);
  await page.goto(`${host.url}#/rounds/${R}`);
  await expect(page.getByTestId('round-page')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('assign-open').click();
  const field = page.getByTestId('assign-受降社区');
  await field.fill('王五');
  await expect(page.getByText('没有更多考评员')).toBeVisible();
  await field.press('Enter');
  await field.fill('张');
  await page.getByRole('option', { name: '张考评（zhangkp）' }).click();
  await page.getByTestId('assign-dialog').screenshot({ path: 'test-results/desk-assign.png' });
  await page.getByTestId('assign-save').click();
  await expect(page.getByTestId('progress-受降社区')).toContainText('张考评');
  const saved = await host.api<{ assessments: { assessor: string; communityId: number | null }[] }>('rounds:get', { roundId: R });
  expect(saved.assessments.map((a) => a.assessor).sort()).toEqual(['zhangkp', 'zhangkp', 'zhangkp']);
  await page.screenshot({ path: 'test-results/desk-round-admin.png' });

  // 背靠背评分 uses the same picker: the blind sheet is the account's own.
  await page.getByTestId('progress-龙塔社区').getByRole('button', { name: '背靠背评分' }).click();
  await page.getByTestId('assessor-picker').fill('张');
  await page.getByRole('option', { name: '张考评（zhangkp）' }).click();
  await page.getByRole('button', { name: '开始评分' }).click();
  await expect(page).toHaveURL(/\/c\/\d+\/zhangkp$/);

  await page.goto(`${host.url}#/rounds`);
  await page.getByTestId('round-new').click();
  await page.getByTestId('round-standard').locator('..').getByRole('combobox').click();
  await expect(page.getByTestId('version-option-1')).toContainText(
    /第1版《社区规范化创建考核标准》 · 发布于\d{4}年\d{1,2}月\d{1,2}日 · 7个一级指标、\d+项 · 满分100 · 已用于 2021Q3/,
  );
  await page.screenshot({ path: 'test-results/desk-round-create.png' });
});

for (const size of [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
]) {
  test(`公示与申诉 and the empty lists fit at ${size.width}×${size.height}`, async ({ page, host }) => {
    test.setTimeout(180_000);
    await page.setViewportSize(size);
    const { ids } = await seed(host);
    for (const id of Object.values(ids)) {
      const form = await host.api<{ score: { items: { code: string; status: string; tenths: number; maxTenths: number }[] } }>(
        'rounds:form',
        { roundId: R, communityId: id },
      );
      for (const item of form.score.items) {
        // Full marks everywhere (a computed shortfall would be a structural 整改 item): the lists stay empty.
        if (item.status === 'missing' || item.status === 'invalid' || item.tenths < item.maxTenths) {
          await host.api('rounds:setItem', {
            roundId: R,
            communityId: id,
            itemCode: item.code,
            override: { tenths: item.maxTenths, reason: '现场核实' },
          });
        }
      }
    }
    for (const to of ['submitted', 'reviewed', 'published']) await host.api('rounds:advance', { roundId: R, to });
    await page.goto(`${host.url}#/rounds/${R}/appeals`);
    await expect(page.getByTestId('round-page')).toHaveAttribute('data-state', 'ready');
    await expect(page.getByText('暂无申诉')).toBeVisible();
    // Every label of the 登记申诉 form shows whole (no ellipsis).
    for (const label of ['指标编码（可选）', '申诉内容']) {
      const el = page.locator('.MuiInputLabel-root').getByText(label, { exact: true }).first();
      const cut = await el.evaluate((e) => e.scrollWidth > e.clientWidth + 1, undefined, { timeout: 10_000 });
      expect(cut, label).toBe(false);
    }
    await page.screenshot({ path: `test-results/desk-appeals-${size.width}.png` });
    await page.getByTestId('tab-rectifications').click();
    await expect(page.getByText('没有需要整改的事项')).toBeVisible();
  });
}
