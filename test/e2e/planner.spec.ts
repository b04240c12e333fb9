import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createAppContext } from '../../electron/core/app-context';
import type { TestApp } from '../helpers/app-fixture';
import { meetingCommunity, seedPlannerRosters, type SeedCommunity } from '../helpers/planner-seed';
import { test, expect, type HostHandle } from './host-fixture';

const SHOTS = process.env.PLANNER_SHOTS;

/** Twelve communities in the host's database (as a roster import leaves them): 7 meet every norm. */
async function seed(host: HostHandle): Promise<void> {
  const app = await createAppContext({ dbFile: host.dbFile, door: 'cli' });
  const list: SeedCommunity[] = [
    meetingCommunity('龙塔社区'),
    meetingCommunity('沙北社区', { facilityArea: 600 }),
    meetingCommunity('受降社区', {
      households: 3400,
      residents: 10_200,
      facilityArea: 1700,
      workers: Array.from({ length: 16 }, () => ({ post: '工作人员', grade: 3 })),
      grids: [
        {
          households: 1150,
          units: [
            ['第一小组', '1号院', 120],
            ['第一小组', '2号院', 130],
            ['第一小组', '3号院', 110],
            ['第二小组', '4号院', 200],
            ['第二小组', '5号院', 190],
            ['第三小组', '6号院', 150],
            ['第三小组', '7号院', 250],
          ],
        },
        ...Array.from({ length: 5 }, () => ({ households: 450 })),
      ],
    }),
    meetingCommunity('解放路社区', { committee: ['1970-01-01', '1980-01-01', '1990-01-01'] }),
    meetingCommunity('黄河路社区', { workers: Array.from({ length: 6 }, () => ({ post: '工作人员', grade: 2 })) }),
    ...['人民路社区', '滨河社区', '嵩山路社区', '淞江社区', '太白社区', '祁山社区', '海河社区'].map((n) => meetingCommunity(n)),
  ];
  await seedPlannerRosters({ app } as TestApp, list);
  await app.close();
}

async function shot(page: import('@playwright/test').Page, name: string) {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

test('达标规划: gaps in colour, an action moves the forecast, split proposals, statistics, and the community page', async ({
  page,
  host,
}) => {
  test.setTimeout(180_000);
  await seed(host);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${host.url}#/planner`);
  await expect(page.getByTestId('planner-page')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('planner-summary')).toContainText('全部达标 8/12');
  const shabei = page.getByTestId('gaps-row-沙北社区');
  await expect(shabei.getByTestId('area-gap')).toHaveText('150 m²');
  await expect(page.getByTestId('gaps-row-受降社区')).toContainText('需拆出2个');
  await shot(page, 'planner-gaps');

  await page.getByTestId('planner-tab-forecast').click();
  await page.getByTestId('add-action').getByRole('combobox', { name: '社区', exact: true }).click();
  await page.getByRole('option', { name: '沙北社区' }).click();
  await expect(page.getByTestId('action-quantity')).toHaveValue('150');
  await page.getByTestId('action-quarter').fill('2031Q2');
  await page.getByTestId('action-add').click();
  await expect(page.getByTestId('forecast-headline')).toContainText('→ 9（2031Q2）');
  await expect(page.getByTestId('actions-table')).toContainText('新建/改扩建服务设施 150m²');
  // A wrong quarter is refused with a Chinese message, nothing added.
  await page.getByTestId('action-quarter').fill('明年');
  await page.getByTestId('action-add').click();
  await expect(page.getByTestId('action-error')).toContainText('目标季度应形如 2022Q4');
  await expect(page.getByTestId('actions-table').locator('tbody tr')).toHaveCount(1);
  await shot(page, 'planner-forecast');

  await page.getByTestId('planner-tab-redivision').click();
  await expect(page.getByTestId('grid-splits')).toContainText('新网格1：360 户');
  await expect(page.getByTestId('community-splits')).toContainText('受降社区（3400 户）');
  await shot(page, 'planner-redivision');

  await page.getByTestId('planner-tab-stats').click();
  await expect(page.getByTestId('stat-workers')).toContainText('112');
  await expect(page.getByTestId('stat-oneShoulderRate')).toContainText('100%');
  await shot(page, 'planner-stats');
  // The printable statistics are made by the PDF worker and arrive as a download.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('stats-pdf').click()]);
  expect(download.suggestedFilename()).toMatch(/社区建设统计（当前名册（\d{4}-\d{2}-\d{2}））\.pdf$/);
  const pdf = path.join(host.dir, 'stats.pdf');
  await download.saveAs(pdf);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', pdf, '-'], { encoding: 'utf8' });
  expect(text).toContain('专职网格员');
  expect(text).toMatch(/社区工作者\s+112/);

  await page.getByTestId('planner-tab-gaps').click();
  await shabei.getByRole('link', { name: '沙北社区' }).click();
  await expect(page.getByTestId('community-plan')).toContainText('服务设施面积尚缺 150 m²');
  await expect(page.getByTestId('community-plan')).toContainText('2031Q2：新建/改扩建服务设施 150m²');
  await shot(page, 'planner-community');
});
