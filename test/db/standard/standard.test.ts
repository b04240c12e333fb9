import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from '../../../electron/core/platform/io/excel/exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/core/platform/audit/audit-log';
import type { Actor } from '../../../electron/core/app-context';
import {
  exportVersionTo,
  getPublishedStandard,
  isVersionInUse,
  latestPublishedVersion,
  markStandardUsed,
} from '../../../electron/core/features/standard/standard.service';
import { DEFAULT_STANDARD, type Standard } from '../../../shared/domain/standard/index';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

const VIEWER: Actor = { userId: 9, username: 'viewer', displayName: '查看员', role: 'viewer' };

function withItemPoints(s: Standard, code: string, tenths: number): Standard {
  const copy = structuredClone(s);
  for (const c of copy.categories) for (const i of c.items) if (i.code === code) i.maxTenths = tenths;
  return copy;
}

/** Every cell of every sheet as text, for comparing two exported files. */
async function cells(file: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((ws) => {
    const out: string[] = [ws.name];
    ws.eachRow((row, n) => row.eachCell((cell, col) => out.push(`${n}:${col}=${JSON.stringify(cell.value)}`)));
    return out;
  });
}

describe('versions', () => {
  it('a fresh database has version 1, the default standard, published', async () => {
    t = await createTestApp();
    const list = await t.call('standard:list', {});
    expect(list.map((v) => [v.version, v.status, v.totalPoints, v.itemCount, v.errorCount, v.editable])).toEqual([
      [1, 'published', 100, 35, 0, false],
    ]);
    const v1 = await t.call('standard:get', { version: 1 });
    expect(v1.standard).toEqual(DEFAULT_STANDARD);
    expect(v1.readOnlyReason).toBe('第1版已发布，不能修改。如需调整，请“复制为新版本”。');
    expect(await latestPublishedVersion(t.app.db)).toBe(1);
    expect(await getPublishedStandard(t.app.db, 1)).toEqual(DEFAULT_STANDARD);
  });

  it('copy → edit with live validation → publish → the new version is the latest', async () => {
    t = await createTestApp();
    const draft = await t.call('standard:createDraft', { fromVersion: 1 });
    expect([draft.version, draft.status, draft.basedOn, draft.revision, draft.editable]).toEqual([2, 'draft', 1, 1, true]);

    // Raise A1 to 4 points: saved, but the category sum is now wrong.
    const edited = await t.call('standard:saveDraft', { version: 2, revision: 1, standard: withItemPoints(draft.standard, 'A1', 40) });
    expect(edited.revision).toBe(2);
    expect(edited.problems.map((p) => p.message)).toEqual(['一级指标A“组织建设与党建引领”分值为15分，其下二级指标合计16分，两者应相等']);
    await expect(t.call('standard:publish', { version: 2 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('改正后才能发布'),
    });
    expect(await getPublishedStandard(t.app.db, 1)).toEqual(DEFAULT_STANDARD);
    await expect(getPublishedStandard(t.app.db, 2)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // Take the point from A2: sums are right again; publish.
    const fixed = await t.call('standard:saveDraft', { version: 2, revision: 2, standard: withItemPoints(edited.standard, 'A2', 10) });
    expect(fixed.problems).toEqual([]);
    const published = await t.call('standard:publish', { version: 2 });
    expect([published.status, published.editable, published.publishedBy]).toEqual(['published', false, 'local-admin']);
    expect(await latestPublishedVersion(t.app.db)).toBe(2);
    const v2 = await getPublishedStandard(t.app.db, 2);
    expect(v2.categories[0]?.items.map((i) => i.maxTenths)).toEqual([40, 10, 20, 30, 30, 20]);
    expect(v2.version).toBe(2);
  });

  it('a published version is immutable: save, delete and a second publish are refused', async () => {
    t = await createTestApp();
    const v1 = await t.call('standard:get', { version: 1 });
    await expect(
      t.call('standard:saveDraft', { version: 1, revision: 1, standard: withItemPoints(v1.standard, 'A1', 20) }),
    ).rejects.toMatchObject({ code: 'LOCKED' });
    await expect(t.call('standard:deleteDraft', { version: 1 })).rejects.toMatchObject({ code: 'LOCKED' });
    await expect(t.call('standard:publish', { version: 1 })).rejects.toMatchObject({ code: 'ILLEGAL_STATE' });
    expect((await t.call('standard:get', { version: 1 })).standard).toEqual(DEFAULT_STANDARD);
  });

  it('a version used by a round says so and stays immutable; drafts cannot be used', async () => {
    t = await createTestApp();
    await t.call('standard:createDraft', { fromVersion: 1 });
    const now = new Date('2021-10-08T09:00:00Z');
    await expect(t.app.db.transaction().execute((trx) => markStandardUsed(trx, 2, '2021Q3', 'tester', now))).rejects.toMatchObject({
      code: 'ILLEGAL_STATE',
    });
    expect(await isVersionInUse(t.app.db, 1)).toBe(false);
    await t.app.db.transaction().execute((trx) => markStandardUsed(trx, 1, '2021Q3', 'tester', now));
    await t.app.db.transaction().execute((trx) => markStandardUsed(trx, 1, '2021Q3', 'tester', now)); // idempotent
    expect(await isVersionInUse(t.app.db, 1)).toBe(true);
    const v1 = await t.call('standard:get', { version: 1 });
    expect(v1.usedBy).toEqual(['2021Q3']);
    expect(v1.readOnlyReason).toContain('已被2021Q3考评使用');
    await expect(t.call('standard:saveDraft', { version: 1, revision: 1, standard: v1.standard })).rejects.toMatchObject({
      code: 'LOCKED',
      message: expect.stringContaining('2021Q3'),
    });
    const uses = await t.call('audit:list', { entity: 'standard' });
    expect(uses.entries.filter((e) => e.action === 'standard.use')).toHaveLength(1);
  });

  it('a stale revision is refused instead of overwriting another window’s edit', async () => {
    t = await createTestApp();
    const d = await t.call('standard:createDraft', { fromVersion: 1 });
    await t.call('standard:saveDraft', { version: 2, revision: 1, standard: { ...d.standard, note: '甲' } });
    await expect(t.call('standard:saveDraft', { version: 2, revision: 1, standard: { ...d.standard, note: '乙' } })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect((await t.call('standard:get', { version: 2 })).standard.note).toBe('甲');
  });

  it('drafts can be deleted; the next copy takes the next number', async () => {
    t = await createTestApp();
    await t.call('standard:createDraft', { fromVersion: 1 });
    await t.call('standard:deleteDraft', { version: 2 });
    expect((await t.call('standard:list', {})).map((v) => v.version)).toEqual([1]);
    expect((await t.call('standard:createDraft', { fromVersion: 1 })).version).toBe(2);
    await expect(t.call('standard:get', { version: 9 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('viewers may read but not change the standard', async () => {
    t = await createTestApp();
    expect(await t.call('standard:list', {}, VIEWER)).toHaveLength(1);
    await expect(t.call('standard:createDraft', { fromVersion: 1 }, VIEWER)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('every change is in the audit log with what changed, and the chain verifies', async () => {
    t = await createTestApp();
    const d = await t.call('standard:createDraft', { fromVersion: 1 });
    await t.call('standard:saveDraft', { version: 2, revision: 1, standard: withItemPoints(d.standard, 'C4', 20) });
    // Saving identical content logs nothing.
    const same = await t.call('standard:get', { version: 2 });
    await t.call('standard:saveDraft', { version: 2, revision: 2, standard: same.standard });
    const log = await t.call('audit:list', { entity: 'standard' });
    expect(log.entries.map((e) => e.action).sort()).toEqual(['standard.createDraft', 'standard.edit', 'standard.seed']);
    const edit = log.entries.find((e) => e.action === 'standard.edit');
    expect(edit?.before).toMatchObject({
      revision: 1,
      changes: expect.arrayContaining([{ section: 'item', code: 'C4', change: 'changed', fields: [{ field: '分值', value: '1分' }] }]),
    });
    expect(edit?.after).toMatchObject({
      revision: 2,
      changes: expect.arrayContaining([{ section: 'item', code: 'C4', change: 'changed', fields: [{ field: '分值', value: '2分' }] }]),
    });
    expect((await verifyAuditChain(t.app.db)).ok).toBe(true);
  });

  it('diff between two versions', async () => {
    t = await createTestApp();
    const d = await t.call('standard:createDraft', { fromVersion: 1 });
    await t.call('standard:saveDraft', { version: 2, revision: 1, standard: withItemPoints(d.standard, 'G1', 50) });
    const diff = await t.call('standard:diff', { from: 1, to: 2 });
    expect(diff.entries.map((e) => [e.code, e.change, e.beforeTenths, e.afterTenths])).toEqual([['G1', 'changed', 60, 50]]);
  });
});

describe('Excel export and import', () => {
  it('export → import → export is lossless (real .xlsx files)', async () => {
    t = await createTestApp();
    const first = path.join(t.dir, '考核标准 第1版.xlsx');
    await exportVersionTo(t.app.db, 1, first);
    const staged = t.app.files.stageFromPath(first);
    const imported = await t.call('standard:import', { fileId: staged.fileId });
    expect(imported).toEqual({ version: 2, problems: [] });
    const v2 = await t.call('standard:get', { version: 2 });
    expect(v2.status).toBe('draft');
    expect({ ...v2.standard, version: 1 }).toEqual(DEFAULT_STANDARD);
    const second = path.join(t.dir, '考核标准 第2版.xlsx');
    await exportVersionTo(t.app.db, 2, second);
    const a = await cells(first);
    const b = await cells(second);
    // Only the titles name the version.
    const strip = (sheets: string[][]) => sheets.map((s) => s.map((c) => c.replace(/（第\d版）/, '')));
    expect(strip(b)).toEqual(strip(a));
    expect(a[0]?.length).toBeGreaterThan(300);
  });

  it('an edited workbook becomes a new draft with the problems row by row', async () => {
    t = await createTestApp();
    const file = path.join(t.dir, '修改后的标准.xlsx');
    await exportVersionTo(t.app.db, 1, file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('考核标准');
    if (!ws) throw new Error('sheet');
    ws.eachRow((row) => {
      if (row.getCell(3).value === 'A1') row.getCell(4).value = 4;
      if (row.getCell(3).value === 'D2') row.getCell(6).value = '3 * gridsWithin300to500 / 网格总数';
    });
    await wb.xlsx.writeFile(file);
    const r = await t.call('standard:import', { fileId: t.app.files.stageFromPath(file).fileId });
    expect(r.version).toBe(2);
    expect(r.problems.map((p) => [p.severity, p.sheet, p.row, p.column])).toEqual([
      ['error', '考核标准', 3, '分值'],
      ['error', '考核标准', 26, '参数'],
    ]);
    expect(r.problems[1]?.message).toContain('未知的指标名称“网格总数”');
    const v2 = await t.call('standard:get', { version: 2 });
    expect(v2.errorCount).toBe(2);
    await expect(t.call('standard:publish', { version: 2 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('an unusable file is refused as INVALID_FILE and creates nothing', async () => {
    t = await createTestApp();
    const file = path.join(t.dir, '名册.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('社区工作者').addRow(['姓名', '身份证号']);
    await wb.xlsx.writeFile(file);
    await expect(t.call('standard:import', { fileId: t.app.files.stageFromPath(file).fileId })).rejects.toMatchObject({
      code: 'INVALID_FILE',
    });
    const text = path.join(t.dir, '说明.txt');
    fs.writeFileSync(text, '这不是表格');
    await expect(t.call('standard:import', { fileId: t.app.files.stageFromPath(text).fileId })).rejects.toMatchObject({
      code: 'INVALID_FILE',
    });
    expect(await t.call('standard:list', {})).toHaveLength(1);
  });

  it('the export channel stages a file with a Chinese name', async () => {
    t = await createTestApp();
    const out = await t.call('standard:export', { version: 1 });
    expect(out.name).toBe('考核标准（第1版）.xlsx');
    expect(fs.statSync(t.app.files.resolve(out.fileId).path).size).toBeGreaterThan(5000);
  });
});
