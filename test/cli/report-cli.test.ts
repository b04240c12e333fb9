import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from '../../electron/core/platform/io/excel/exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../electron/core/app-context';
import { createTestApp } from '../helpers/app-fixture';
import { completeForms, seedCommunities } from '../helpers/round-seed';
import { runCli } from '../helpers/run-cli';
import { dbTarget } from '../helpers/test-db';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { pdfPageCount, pdfText } from '../unit/report/poppler';

const dir = makeTempDir();
const db = path.join(dir, '街道 数据', 'appraisal.sqlite');
afterAll(() => removeDir(dir));

beforeAll(async () => {
  // A scored, finalized 2021Q3 in the database the CLI then opens.
  const t = await createTestApp();
  await t.app.close();
  t.app = await createAppContext({ dbFile: dbTarget(db), door: 'cli' });
  await t.call('settings:update', { street: '龙塔街道', issuer: '龙塔街道社区规范化建设工作领导小组办公室' });
  await t.call('report:updateDocumentSettings', { docPrefix: '龙街办' });
  const ids = await seedCommunities(t);
  await t.call('rounds:create', { year: 2021, quarter: 3 });
  await completeForms(t, '2021Q3', ids);
  await t.call('rounds:addDeduction', {
    roundId: '2021Q3',
    communityId: ids[0] as number,
    itemCode: 'A4',
    reasonCode: null,
    text: '无年度工作计划',
    amountTenths: 10,
    evidence: '查阅资料',
  });
  for (const to of ['submitted', 'reviewed', 'published', 'finalized'] as const) await t.call('rounds:advance', { roundId: '2021Q3', to });
  await t.app.close();
});

describe('report commands', () => {
  it('report quarterly writes the finalized 通报 as PDF', () => {
    const out = path.join(dir, '输出 文件', '2021年第三季度 通报.pdf');
    fs.mkdirSync(path.dirname(out));
    const r = runCli(['report', 'quarterly', '2021Q3', '--out', out, '--db', db, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { file: string; finalized: boolean; contentHash: string; missingGlyphs: string[] };
    expect(json).toMatchObject({ file: out, finalized: true, missingGlyphs: [] });
    const text = pdfText(out);
    expect(text).toContain('社区规范化创建考评情况通报');
    // Issued this year: the first number of the year.
    expect(text).toContain(`龙街办〔${new Date().getFullYear()}〕1号`);
    expect(text).toContain(json.contentHash.slice(0, 8));
    expect(pdfPageCount(out)).toBeGreaterThanOrEqual(3 + 3);

    // The printed code checks out; an altered one does not (exit 3).
    const ok = runCli(['report', 'verify', json.contentHash, '--db', db, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ match: true, round: '2021Q3', finalizedAt: expect.any(String) });
    const altered = json.contentHash.slice(0, 63) + (json.contentHash.endsWith('0') ? '1' : '0');
    const bad = runCli(['report', 'verify', altered, '--db', db, '--json']);
    expect(bad.code).toBe(3);
    expect(JSON.parse(bad.stdout)).toMatchObject({ match: false });
    const unknown = runCli(['report', 'verify', 'abcdef0123456789abcdef', '--db', db]);
    expect(unknown.code).toBe(3);
    expect(unknown.stdout).toContain('校验码不一致');
  }, 180_000);

  it('report annual and results export', async () => {
    const pdf = path.join(dir, '2021 年度.pdf');
    const a = runCli(['report', 'annual', '2021', '--out', pdf, '--db', db]);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/已生成2021年度考评结果通报（草稿，3个社区）/);
    expect(pdfText(pdf)).toContain('未参评');

    const xlsx = path.join(dir, '考评结果.xlsx');
    const x = runCli(['results', 'export', '2021Q3', '--out', xlsx, '--db', db]);
    expect(x.stderr).toBe('');
    expect(x.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '明细', '扣分明细', '整改清单']);
  }, 180_000);

  it('refuses a missing --out, a missing folder and an unknown round in Chinese', () => {
    const noOut = runCli(['report', 'quarterly', '2021Q3', '--db', db]);
    expect(noOut.code).toBe(1);
    expect(noOut.stderr).toMatch(/^错误：请用 --out 指定输出文件/);
    const noDir = runCli(['report', 'quarterly', '2021Q3', '--out', path.join(dir, '不存在', 'a.pdf'), '--db', db]);
    expect(noDir.code).toBe(2);
    expect(noDir.stderr).toMatch(/文件夹不存在/);
    const unknown = runCli(['report', 'quarterly', '2020Q1', '--out', path.join(dir, 'b.pdf'), '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/找不到考评轮次「2020Q1」/);
  }, 180_000);
});
