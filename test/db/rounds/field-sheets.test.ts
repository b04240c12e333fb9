import path from 'node:path';
import ExcelJS from '../../../electron/core/platform/io/excel/exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { exportScoringSheets } from '../../../electron/core/features/rounds/round-sheets.service';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';
import { COMMUNITY_NAMES, seedCommunities } from '../../helpers/round-seed';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

const R = '2021Q3';

function rowByCode(ws: ExcelJS.Worksheet, code: string): ExcelJS.Row {
  for (let i = 1; i <= ws.rowCount; i++) if (ws.getRow(i).getCell(1).value === code) return ws.getRow(i);
  throw new Error(`no row ${code}`);
}

describe('field scoring sheets', () => {
  it('export one sheet per community with the columns, fill in Excel, import back with a problem report', async () => {
    t = await createTestApp();
    const ids = await seedCommunities(t);
    await t.call('rounds:create', { year: 2021, quarter: 3 });
    const file = path.join(t.dir, '现场 评分表（第三季度）.xlsx');
    await exportScoringSheets(t.app, R, file);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(COMMUNITY_NAMES);
    const ws = wb.getWorksheet('沙北社区');
    if (!ws) throw new Error('sheet missing');
    expect(ws.getRow(2).values).toEqual([undefined, '编码', '二级指标', '分值', '评分细则', '得分', '扣分原因']);
    expect(String(ws.getCell(1, 1).value)).toContain('2021Q3');
    const b6 = rowByCode(ws, 'B6');
    expect(b6.getCell(3).value).toBe(2);
    expect(String(b6.getCell(4).value).length).toBeGreaterThan(5);
    expect(String(rowByCode(ws, 'C1').getCell(4).value)).toContain('由名册数据自动计算');

    // Fill on site: valid manual scores, a deduction item below max with a reason, mistakes.
    b6.getCell(5).value = 1.5;
    rowByCode(ws, 'G1').getCell(5).value = 5;
    const a4 = rowByCode(ws, 'A4');
    a4.getCell(5).value = 2;
    a4.getCell(6).value = '未见年度工作计划';
    rowByCode(ws, 'C5').getCell(5).value = 1.3; // off-step (0.5)
    rowByCode(ws, 'F4').getCell(5).value = 9; // above max 2
    const b1 = rowByCode(ws, 'B1');
    b1.getCell(5).value = 2; // below max without a reason
    ws.addRow(['Z9', '不存在的指标', 1, '', 1, '']);
    const other = wb.getWorksheet('受降社区');
    if (!other) throw new Error('sheet missing');
    rowByCode(other, 'D5').getCell(5).value = '2.4';
    wb.addWorksheet('不存在社区').addRow(['编码', '得分']);
    const filled = path.join(t.dir, '已填 评分表.xlsx');
    await wb.xlsx.writeFile(filled);

    const staged = t.app.files.stageFromPath(filled);
    const dry = await t.call('rounds:importSheets', { roundId: R, fileId: staged.fileId, dryRun: true });
    expect(dry.committed).toBe(false);
    expect((await t.call('rounds:form', { roundId: R, communityId: ids[1] as number })).entries.items).toEqual([]);

    const result = await t.call('rounds:importSheets', { roundId: R, fileId: staged.fileId });
    expect(result).toMatchObject({ committed: true, communities: 2, items: 4, deductions: 1 });
    const errors = result.problems.filter((p) => p.severity === 'error');
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sheet: '沙北社区', column: '得分', value: '1.3', message: expect.stringMatching(/0\.5分递增/) }),
        expect.objectContaining({ sheet: '沙北社区', column: '得分', value: '9', message: expect.stringMatching(/0至2分之间/) }),
        expect.objectContaining({ sheet: '沙北社区', column: '扣分原因', row: b1.number, message: expect.stringMatching(/写明扣分原因/) }),
        expect.objectContaining({ sheet: '沙北社区', column: '编码', value: 'Z9' }),
        expect.objectContaining({ sheet: '不存在社区', row: null, message: expect.stringMatching(/没有名为「不存在社区」的社区/) }),
      ]),
    );
    for (const p of result.problems) expect(Object.keys(p).sort()).toEqual(['column', 'message', 'row', 'severity', 'sheet', 'value']);

    const form = await t.call('rounds:form', { roundId: R, communityId: ids[1] as number });
    const score = (code: string) => form.score.items.find((i) => i.code === code)?.tenths;
    expect(score('B6')).toBe(15);
    expect(score('G1')).toBe(50);
    expect(score('A4')).toBe(20);
    expect(form.score.items.find((i) => i.code === 'C5')?.status).toBe('missing');
    expect(form.ledger).toEqual([
      expect.objectContaining({ itemCode: 'A4', text: '未见年度工作计划', amountTenths: 10, evidence: '现场评分表' }),
    ]);
    const other2 = await t.call('rounds:form', { roundId: R, communityId: ids[2] as number });
    expect(other2.score.items.find((i) => i.code === 'D5')?.tenths).toBe(24);

    // Importing the same sheet again replaces the item's ledger, not appends to it.
    const again = await t.call('rounds:importSheets', { roundId: R, fileId: staged.fileId });
    expect(again.committed).toBe(true);
    expect((await t.call('rounds:form', { roundId: R, communityId: ids[1] as number })).ledger).toHaveLength(1);
    const log = await t.call('audit:search', { action: 'scores.import', limit: 10, offset: 0 });
    expect(log.total).toBe(4);
  });

  it('refuses a sheet exported for another round', async () => {
    t = await createTestApp();
    await seedCommunities(t);
    await t.call('rounds:create', { year: 2021, quarter: 3 });
    await t.call('rounds:create', { year: 2021, quarter: 4 });
    const file = path.join(t.dir, 'q3.xlsx');
    await exportScoringSheets(t.app, R, file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    rowByCode(ws, 'B6').getCell(5).value = 1;
    await wb.xlsx.writeFile(file);
    const staged = t.app.files.stageFromPath(file);
    const r = await t.call('rounds:importSheets', { roundId: '2021Q4', fileId: staged.fileId });
    expect(r.committed).toBe(false);
    expect(r.problems[0]?.message).toMatch(/2021Q3 轮次/);
  });
});
