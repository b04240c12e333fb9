import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from '../../../electron/core/platform/io/excel/exceljs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  rosterAnalysisSchema,
  rosterImportResultSchema,
  rosterPreviewSchema,
  stagedOutputSchema,
  type RosterImportResultDto,
} from '../../../shared/ipc/channels/roster.channels';
import type { RosterType } from '../../../shared/domain/roster/roster-columns';
import { commitRosterImport } from '../../../electron/core/features/roster/import-session.service';
import { getRosterMetrics } from '../../../electron/core/features/roster/roster.service';
import { AppError } from '../../../shared/ipc/errors';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';
import { makeRosterFixtures, workerRow } from '../../fixtures/make-roster-fixtures';
import { FIXTURE_STREET, makePerson } from '../../fixtures/roster-data';

let fixtureDir = '';
beforeAll(async () => {
  fixtureDir = makeTempDir();
  await makeRosterFixtures(fixtureDir);
});
afterAll(() => removeDir(fixtureDir));

let t: TestApp;
beforeEach(async () => {
  // A fixed clock: validation's "today" and the 35-year/half-year rules do not drift.
  t = await createTestApp({ now: () => new Date('2024-06-30T10:00:00+08:00') });
  await t.call('settings:update', { street: FIXTURE_STREET });
});
afterEach(async () => t.dispose());

async function runJob(jobId: string): Promise<unknown> {
  const snapshot = await t.app.jobs.wait(jobId);
  if (snapshot.state !== 'done') throw new AppError((snapshot.error?.code ?? 'INTERNAL') as never, snapshot.error?.message ?? 'failed');
  return snapshot.result;
}

async function importFile(
  roster: RosterType,
  file: string,
  options: { strict?: boolean; dryRun?: boolean; sheetName?: string } = {},
): Promise<RosterImportResultDto> {
  const staged = t.app.files.stageFromPath(file.includes(path.sep) ? file : path.join(fixtureDir, file));
  const { jobId } = await t.call('roster:import', {
    roster,
    fileId: staged.fileId,
    strict: options.strict ?? false,
    dryRun: options.dryRun ?? false,
    sheetName: options.sheetName ?? null,
  });
  return rosterImportResultSchema.parse(await runJob(jobId));
}

async function count(roster: RosterType): Promise<number> {
  return (await t.call('roster:overview', {})).counts[roster];
}

async function writeWorkers(name: string, rows: (string | number | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('社区工作者');
  ws.addRow([
    '序号',
    '姓名',
    '身份证号',
    '性别',
    '出生年月',
    '政治面貌',
    '学历',
    '所在社区',
    '岗位类别',
    '岗位等级',
    '参加社区工作时间',
    '联系电话',
  ]);
  for (const r of rows) ws.addRow(r);
  const file = path.join(t.dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

async function seedOrganization(): Promise<void> {
  expect((await importFile('communities', 'communities.xlsx')).committed).toBe(true);
  expect((await importFile('grids', 'grids-with-groups-sheet.xlsx')).committed).toBe(true);
}

describe('roster import on a real database', () => {
  it('imports communities, then reports the same file as unchanged and a changed figure as updated', async () => {
    const first = await importFile('communities', 'communities.xlsx');
    expect(first).toMatchObject({ committed: true, rows: 3, inserted: 3, updated: 0, rejected: 0 });
    const again = await importFile('communities', 'communities.xlsx');
    expect(again).toMatchObject({ committed: true, inserted: 0, updated: 0, unchanged: 3 });
    const list = await t.call('roster:list', { roster: 'communities' });
    expect(list.rows.map((r) => r.values.name)).toEqual(['人民路社区', '黄河路社区', '滨河社区']);
    expect(list.rows[0]?.values.street).toBe(FIXTURE_STREET);
  });

  it('imports grids with their 小组/楼院 sheet and computes the community metrics', async () => {
    await seedOrganization();
    const overview = await t.call('roster:overview', {});
    expect(overview.counts.grids).toBe(4);
    expect(overview.groupRows).toBe(4);
    const community = overview.communities.find((c) => c.name === '人民路社区');
    if (!community) throw new Error('community');
    const detail = await t.call('roster:community', { communityId: community.id });
    const metric = (key: string) => detail.metrics.find((m) => m.key === key)?.value;
    expect(metric('gridCount')).toBe(3);
    expect(metric('gridsWithin300to500')).toBe(3);
    expect(metric('groupCount')).toBe(2);
    expect(metric('yardCount')).toBe(3);
    expect(metric('facilityAreaPer100Households')).toBe(58.33);
    const metrics = await getRosterMetrics(t.app.db, [community.id], '2024-06-30');
    expect(metrics.get(community.id)?.gridsFiveLevel).toBe(2);
  });

  it('imports the messy roster: valid rows written, rejected rows explained, people findable', async () => {
    await seedOrganization();
    const result = await importFile('workers', 'workers-messy-all-quirks.xlsx');
    expect(result).toMatchObject({ committed: true, rows: 7, inserted: 4, rejected: 3 });
    const errors = result.problems.filter((p) => p.severity === 'error');
    expect(errors.find((p) => p.column === '身份证号码')?.message).toContain('设为文本后重新录入');
    expect(errors.find((p) => p.column === '所在社区')?.value).toBe('不存在的社区');
    expect(result.problems.find((p) => p.column === '岗位等级（级）' && p.message.includes('7–18'))).toMatchObject({
      severity: 'warning',
      message: expect.stringContaining('已导入'),
    });
    expect(errors.some((p) => p.message.includes('与第 4 行'))).toBe(true);
    const found = await t.call('roster:list', { roster: 'workers', search: '张伟' });
    expect(found.total).toBe(1);
    expect(found.rows[0]?.values).toMatchObject({ name: '张伟', idNumber: makePerson(40).id, political: '中共党员' });
    const byId = await t.call('roster:list', { roster: 'workers', search: makePerson(45).id.slice(-6) });
    expect(byId.rows[0]?.values.workStartDate).toBe('2019-03-01');
    // The numeric ID was never stored, not even "repaired".
    const lost = String(Number(makePerson(41).id.slice(0, 15)) * 1000);
    expect((await t.call('roster:list', { roster: 'workers', search: lost.slice(0, 15) })).total).toBe(0);
  });

  it('imports a Mac Excel file with the 1904 date system with the right dates', async () => {
    await seedOrganization();
    const r = await importFile('workers', 'workers-1904-date-system.xlsx');
    expect(r).toMatchObject({ committed: true, inserted: 2, rejected: 0 });
    const list = await t.call('roster:list', { roster: 'workers' });
    expect(list.rows.map((x) => x.values.workStartDate)).toEqual(['2019-03-01', '2019-03-01']);
  });

  it('strict mode and dry runs write nothing', async () => {
    await seedOrganization();
    const strict = await importFile('workers', 'workers-messy-all-quirks.xlsx', { strict: true });
    expect(strict).toMatchObject({ committed: false, inserted: 0, rejected: 3 });
    const dry = await importFile('workers', 'workers-messy-all-quirks.xlsx', { dryRun: true });
    expect(dry).toMatchObject({ committed: false, inserted: 4 });
    expect(await count('workers')).toBe(0);
    expect(await t.call('roster:batches', {})).toHaveLength(2);
  });

  it('refuses unusable files with INVALID_FILE and writes nothing', async () => {
    for (const file of ['legacy-excel-97-2003.xls', 'truncated-download.xlsx', 'empty-file.xlsx', 'zip-bomb-declared-size.xlsx']) {
      await expect(importFile('workers', file)).rejects.toMatchObject({ code: 'INVALID_FILE' });
    }
    await expect(importFile('workers', 'communities.xlsx')).rejects.toMatchObject({
      code: 'INVALID_FILE',
      message: expect.stringContaining('表头'),
    });
    expect(await t.call('roster:batches', {})).toHaveLength(0);
  });

  it('rejects references that do not exist (社区, 网格) and links one person across rosters', async () => {
    await seedOrganization();
    const staff = await importFile('grid-staff', 'grid-staff.xlsx');
    expect(staff).toMatchObject({ committed: true, inserted: 4 });
    const p = makePerson(300);
    const bad = await writeWorkers('bad-refs.xlsx', [workerRow(300, { 所在社区: '月亮社区' }) as (string | number | null)[]]);
    const r = await importFile('workers', bad);
    expect(r.problems[0]).toMatchObject({ severity: 'error', column: '所在社区', value: '月亮社区' });
    const good = await writeWorkers('link.xlsx', [workerRow(300) as (string | number | null)[]]);
    expect((await importFile('workers', good)).inserted).toBe(1);
    const persons = await t.app.db.selectFrom('persons').select(['id']).where('id_number', '=', p.id).execute();
    expect(persons).toHaveLength(1);
  });

  it('diffs a second import: changed fields, unchanged rows and people missing from the file; undo restores', async () => {
    await seedOrganization();
    const file1 = await writeWorkers(
      'v1.xlsx',
      [0, 1, 2].map((i) => workerRow(i, { 所在社区: '人民路社区' }) as (string | number | null)[]),
    );
    const first = await importFile('workers', file1);
    expect(first.inserted).toBe(3);
    const file2 = await writeWorkers('v2.xlsx', [
      workerRow(0, { 所在社区: '人民路社区', 联系电话: '13900001111' }),
      workerRow(1, { 所在社区: '人民路社区' }),
    ] as (string | number | null)[][]);
    const staged = t.app.files.stageFromPath(file2);
    const analysis = rosterAnalysisSchema.parse(
      await runJob((await t.call('roster:analyze', { roster: 'workers', fileId: staged.fileId })).jobId),
    );
    expect(analysis.sheets[0]?.columns.find((c) => c.header === '联系电话')?.key).toBe('phone');
    const preview = rosterPreviewSchema.parse(await runJob((await t.call('roster:preview', { analysisId: analysis.analysisId })).jobId));
    expect(preview).toMatchObject({ inserted: 0, updated: 1, unchanged: 1, missing: 1, canCommit: true });
    expect(preview.changes[0]).toMatchObject({ kind: 'changed', fields: ['联系电话'] });
    expect(preview.missingList[0]?.label).toContain(makePerson(2).name);
    const committed = rosterImportResultSchema.parse(
      await runJob((await t.call('roster:commit', { analysisId: analysis.analysisId })).jobId),
    );
    expect(committed).toMatchObject({ committed: true, updated: 1 });
    const phoneOf0 = async () => (await t.call('roster:list', { roster: 'workers', search: makePerson(0).id })).rows[0]?.values.phone;
    expect(await phoneOf0()).toBe('13900001111');
    // Undo the update: the previous phone is back.
    await t.call('roster:undo', { batchId: committed.batchId ?? -1 });
    expect(await phoneOf0()).toBe(makePerson(0).phone);
    // Undo the first import: its people are gone again.
    await t.call('roster:undo', { batchId: first.batchId ?? -1 });
    expect(await count('workers')).toBe(0);
    expect(
      Number(
        (
          await t.app.db
            .selectFrom('persons')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirst()
        )?.n,
      ),
    ).toBe(0);
    await expect(t.call('roster:undo', { batchId: first.batchId ?? -1 })).rejects.toMatchObject({ code: 'ILLEGAL_STATE' });
    const audit = await t.app.db.selectFrom('audit_log').select('action').where('action', 'like', 'roster.%').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['roster.import', 'roster.undo']));
  });

  it('refuses to undo a batch whose rows were edited afterwards', async () => {
    await seedOrganization();
    const file = await writeWorkers('w.xlsx', [workerRow(5, { 所在社区: '人民路社区' }) as (string | number | null)[]]);
    const batch = await importFile('workers', file);
    const list = await t.call('roster:list', { roster: 'workers' });
    const id = list.rows[0]?.id ?? -1;
    const edit = await t.call('roster:update', { roster: 'workers', id, values: { phone: '13700002222' } });
    expect(edit.saved).toBe(true);
    await expect(t.call('roster:undo', { batchId: batch.batchId ?? -1 })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('single-record edit uses the import validation', async () => {
    await seedOrganization();
    await importFile('workers', await writeWorkers('w.xlsx', [workerRow(6, { 所在社区: '人民路社区' }) as (string | number | null)[]]));
    const id = (await t.call('roster:list', { roster: 'workers' })).rows[0]?.id ?? -1;
    const bad = await t.call('roster:update', {
      roster: 'workers',
      id,
      values: { idNumber: '411102199001011234', postCategory: '正职', postGrade: 2 },
    });
    expect(bad.saved).toBe(false);
    expect(bad.problems.map((p) => p.column)).toEqual(expect.arrayContaining(['身份证号', '岗位等级']));
    // A grade that is not a whole number is refused, typed as text (the edit dialog) or as a number.
    for (const postGrade of ['12.5', 12.5]) {
      const half = await t.call('roster:update', { roster: 'workers', id, values: { postGrade } });
      expect(half.saved, String(postGrade)).toBe(false);
      expect(half.problems.find((p) => p.column === '岗位等级')).toMatchObject({
        severity: 'error',
        message: expect.stringContaining('不是整数'),
      });
    }
    const good = await t.call('roster:update', {
      roster: 'workers',
      id,
      values: { postCategory: '副职', postGrade: 6, education: '本科' },
    });
    expect(good).toMatchObject({ saved: true, record: { values: { postCategory: '副职', postGrade: 6, education: '大学本科' } } });
    const audit = await t.app.db
      .selectFrom('audit_log')
      .select(['action', 'before_json', 'after_json'])
      .where('action', '=', 'roster.edit')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after_json).toContain('副职');
  });

  it('keeps a worker whose grade is outside the post range, warns with the range, and E2 counts them; the edited table applies (audited)', async () => {
    await seedOrganization();
    const file = await writeWorkers('grade.xlsx', [
      workerRow(60, { 所在社区: '人民路社区', 岗位类别: '正职', 岗位等级: 3 }) as (string | number | null)[],
    ]);
    const dry = await importFile('workers', file, { dryRun: true });
    expect(dry.rejected).toBe(0);
    expect(dry.problems.find((p) => p.column === '岗位等级')).toMatchObject({
      severity: 'warning',
      message: expect.stringContaining('7–18 级'),
    });
    expect((await importFile('workers', file)).committed).toBe(true);
    const community = (await t.call('roster:list', { roster: 'communities' })).rows.find((r) => r.values.name === '人民路社区');
    const metricsOf = async () => (await getRosterMetrics(t.app.db, [community?.id ?? -1], '2024-06-30')).get(community?.id ?? -1);
    expect((await metricsOf())?.workersGradeInvalid).toBe(1);
    const table = await t.call('roster:postGrades', {});
    await t.call('roster:setPostGrades', {
      ...table,
      name: '本市四岗十八级',
      posts: table.posts.map((p) => (p.post === '正职' ? { ...p, min: 1 } : p)),
    });
    const again = await importFile('workers', file, { dryRun: true });
    expect(again.rejected).toBe(0);
    expect(again.problems.filter((p) => p.column === '岗位等级' && p.message.includes('范围'))).toEqual([]);
    expect((await metricsOf())?.workersGradeInvalid).toBe(0);
    await expect(
      t.call('roster:setPostGrades', { ...table, posts: [{ post: '正职', min: 9, max: 3, holders: '' }] }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const audit = await t.app.db.selectFrom('audit_log').select('action').where('action', '=', 'roster.postGrades').execute();
    expect(audit).toHaveLength(1);
  });

  it('reads 是否一肩挑 and 专职网格员 from the communities and grids files while the detailed rosters are absent', async () => {
    await seedOrganization();
    const community = (await t.call('roster:list', { roster: 'communities' })).rows.find((r) => r.values.name === '人民路社区');
    const id = community?.id ?? -1;
    const before = (await getRosterMetrics(t.app.db, [id], '2024-06-30')).get(id);
    expect(before).toMatchObject({ secretaryIsDirector: 0, gridsWithFullTimeWorker: 0 });
    await t.app.db.updateTable('communities').set({ one_shoulder_declared: 1 }).where('id', '=', id).execute();
    await t.app.db.updateTable('grids').set({ full_time_staff: '王五' }).where('community_id', '=', id).execute();
    const after = (await getRosterMetrics(t.app.db, [id], '2024-06-30')).get(id);
    expect(after?.secretaryIsDirector).toBe(1);
    expect(after?.gridsWithFullTimeWorker).toBe(after?.gridCount);
    expect(after?.gridCount).toBeGreaterThan(0);
  });

  it('cancelling a commit writes nothing', async () => {
    await seedOrganization();
    const staged = t.app.files.stageFromPath(path.join(fixtureDir, 'workers-title-rows.xlsx'));
    const analysis = rosterAnalysisSchema.parse(
      await runJob((await t.call('roster:analyze', { roster: 'workers', fileId: staged.fileId })).jobId),
    );
    const controller = new AbortController();
    controller.abort();
    await expect(
      commitRosterImport(t.app, 'test', analysis.analysisId, {}, { strict: false, remember: true }, () => undefined, controller.signal),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await count('workers')).toBe(0);
    expect(await t.call('roster:batches', {})).toHaveLength(2);
  });

  it('remembers an adjusted column mapping for the next file of the same roster type', async () => {
    await seedOrganization();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    const p = makePerson(7);
    ws.addRow(['姓名', '证件', '政治面貌', '学历', '所在社区', '岗位类别', '岗位等级', '参加社区工作时间', '手机']);
    ws.addRow([p.name, p.id, '群众', '本科', '人民路社区', '工作人员', 2, '2020-01', p.phone]);
    const file = path.join(t.dir, 'odd-headers.xlsx');
    await wb.xlsx.writeFile(file);
    const analyze = async () =>
      rosterAnalysisSchema.parse(
        await runJob((await t.call('roster:analyze', { roster: 'workers', fileId: t.app.files.stageFromPath(file).fileId })).jobId),
      );
    const a1 = await analyze();
    expect(a1.sheets[0]?.missingRequired).toEqual(['idNumber']);
    const mapping = Object.fromEntries((a1.sheets[0]?.columns ?? []).filter((c) => c.key).map((c) => [c.key as string, c.index]));
    mapping.idNumber = 1;
    const result = rosterImportResultSchema.parse(
      await runJob((await t.call('roster:commit', { analysisId: a1.analysisId, mappings: { main: mapping } })).jobId),
    );
    expect(result.inserted).toBe(1);
    const a2 = await analyze();
    expect(a2.sheets[0]?.missingRequired).toEqual([]);
    expect(a2.sheets[0]?.columns[1]?.key).toBe('idNumber');
  });

  it('exports rosters with IDs and phones as text, real dates, a frozen styled header; templates have dropdowns', async () => {
    await seedOrganization();
    await importFile('workers', 'workers-title-rows.xlsx');
    const exported = stagedOutputSchema.parse(await runJob((await t.call('roster:export', { roster: 'workers' })).jobId));
    expect(exported.rows).toBe(3);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(t.app.files.resolve(exported.fileId).path);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('sheet');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['姓名', '身份证号', '性别']);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    const idCell = ws.getRow(2).getCell(2);
    expect(typeof idCell.value).toBe('string');
    expect(idCell.value).toBe(makePerson(0).id);
    expect(idCell.numFmt).toBe('@');
    const dateColumn = header.indexOf('参加社区工作时间') + 1;
    expect(ws.getRow(2).getCell(dateColumn).value).toBeInstanceOf(Date);
    expect(ws.getColumn(2).width).toBeGreaterThan(15);

    const template = await t.call('roster:template', { roster: 'workers' });
    const tb = new ExcelJS.Workbook();
    await tb.xlsx.readFile(t.app.files.resolve(template.fileId).path);
    expect(tb.worksheets.map((s) => s.name)).toEqual(['填表说明', '社区工作者', '选项']);
    const main = tb.getWorksheet('社区工作者');
    const politicalColumn = ((main?.getRow(1).values as unknown[]) ?? []).indexOf('政治面貌*');
    expect(politicalColumn).toBeGreaterThan(0);
    const validation = main?.getRow(5).getCell(politicalColumn).dataValidation;
    expect(validation?.type).toBe('list');
    const info = tb.getWorksheet('填表说明');
    expect(String(info?.getCell(1, 1).value)).toContain('社区工作者名册导入模板');
    expect(fs.statSync(t.app.files.resolve(template.fileId).path).size).toBeGreaterThan(1000);
  });
});
