/**
 * Every kind of appraised unit in the outputs (issue #15): a 县区's round over its 街道 and a 市's
 * rounds over 县区 and 成员单位 print their own noun where a 街道's round prints 社区, and the
 * annual roll-up of a 市 is per kind. Real databases, the bundled CLI, PDFs read back with pdftotext.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../electron/core/app-context';
import { createTestApp } from '../helpers/app-fixture';
import { runCli } from '../helpers/run-cli';
import { dbTarget } from '../helpers/test-db';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { pdfText } from '../unit/report/poppler';

const dir = makeTempDir();
afterAll(() => removeDir(dir));

function ok(args: string[]): string {
  const r = runCli(args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

function json<T>(args: string[]): T {
  return JSON.parse(ok([...args, '--json'])) as T;
}

/**
 * Text of a PDF with the line breaks pdftotext puts inside sentences removed, and the 草稿
 * watermark's characters (drawn across the text of a draft) taken out.
 */
function flatText(file: string): string {
  return pdfText(file)
    .replace(/\s+/g, '')
    .replace(/[草稿]/g, '');
}

async function writeUnits(file: string, header: string[], rows: (string | null)[][]): Promise<void> {
  const { default: ExcelJS } = await import('../../electron/core/platform/io/excel/exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
}

/**
 * Creates a round of `standard` in the database file `db`, completes every form as an assessor
 * would (manual items at full marks, deduction items checked without deductions, computed items
 * taken as computed) and finalizes it, through the real contract.
 */
async function finalizeRound(db: string, year: number, quarter: number, standard: number): Promise<void> {
  const t = await createTestApp();
  await t.app.close();
  t.app = await createAppContext({ dbFile: dbTarget(db), door: 'cli' });
  try {
    const { id: round, communities } = await t.call('rounds:create', { year, quarter, standardVersion: standard });
    for (const { id: communityId } of communities) {
      const form = await t.call('rounds:form', { roundId: round, communityId });
      const methods = new Map(form.standard.categories.flatMap((c) => c.items.map((i) => [i.code, i.method.kind] as const)));
      for (const item of form.score.items) {
        if (item.status !== 'missing' && item.status !== 'invalid') continue;
        const method = methods.get(item.code);
        const itemCode = item.code;
        if (method === 'deduct')
          await t.call('rounds:setItem', { roundId: round, communityId, itemCode, value: { kind: 'deduct', deductions: [] } });
        else if (method === 'manual')
          await t.call('rounds:setItem', { roundId: round, communityId, itemCode, value: { kind: 'manual', tenths: item.maxTenths } });
        else
          await t.call('rounds:setItem', {
            roundId: round,
            communityId,
            itemCode,
            override: { tenths: item.maxTenths, reason: '按现场核实结果' },
          });
      }
    }
    for (const to of ['submitted', 'reviewed', 'published', 'finalized'] as const) await t.call('rounds:advance', { roundId: round, to });
  } finally {
    await t.app.close();
    removeDir(t.dir);
  }
}

describe('a 县区 round over its 街道 prints 街道 where a 街道 round prints 社区', () => {
  const db = path.join(dir, '县区.sqlite');
  beforeAll(async () => {
    json(['settings', 'set', '--level', '县区', '--code', '411102', '--city', '漯河市', '--county', '源汇区', '--db', db]);
    const file = path.join(dir, '街道名单.xlsx');
    await writeUnits(
      file,
      ['名称', '统计用区划代码'],
      [
        ['龙塔街道', '411102001'],
        ['马路街街道', '411102002'],
        ['老街街道', '411102003'],
      ],
    );
    json(['units', 'import', file, '--kind', '街道', '--db', db]);
  }, 600_000);

  it('the 通报 (title, sentences, tables) speaks of 街道', async () => {
    await finalizeRound(db, 2021, 3, 2);
    const out = path.join(dir, '县区通报.pdf');
    ok(['report', 'quarterly', '2021Q3', '--out', out, '--db', db]);
    const text = flatText(out);
    expect(text).toContain('源汇区2021年第三季度街道社区规范化创建工作考评情况通报');
    expect(text).toContain('源汇区考评组对辖区3个街道2021年第三季度社区规范化创建工作进行了考评');
    expect(text).toContain('本季度共考评街道3个');
    expect(text).toContain('各街道考评计分卡');
    expect(text).toContain('各街道要对照考评结果和整改清单');
    expect(text).not.toContain('考评社区');
    expect(text).not.toContain('个社区');
    expect(text).not.toContain('各社区');
    expect(text).toContain('各街道党工委、办事处：');
  }, 600_000);

  it('the field score sheets are titled for 街道', async () => {
    const file = path.join(dir, '评分表.xlsx');
    ok(['scores', 'template', '2021Q3', file, '--db', db]);
    const { default: ExcelJS } = await import('../../electron/core/platform/io/excel/exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet('龙塔街道');
    expect(String(sheet?.getCell('A1').value)).toContain('龙塔街道 2021年第三季度街道社区规范化创建工作考评评分表');
  }, 600_000);
});

describe('a 市 rolls up its 县区 and its 成员单位 separately', () => {
  const db = path.join(dir, '市.sqlite');
  beforeAll(async () => {
    json(['settings', 'set', '--level', '市', '--code', '411100', '--city', '漯河市', '--db', db]);
    const counties = path.join(dir, '县区名单.xlsx');
    await writeUnits(
      counties,
      ['名称', '统计用区划代码'],
      [
        ['源汇区', '411102'],
        ['郾城区', '411103'],
      ],
    );
    json(['units', 'import', counties, '--kind', '县区', '--db', db]);
    const members = path.join(dir, '成员单位名单.xlsx');
    await writeUnits(
      members,
      ['名称', '简称'],
      [
        ['漯河市民政局', '民政局'],
        ['中共漯河市委组织部', '组织部'],
        ['漯河市财政局', '财政局'],
      ],
    );
    json(['units', 'import', members, '--kind', '成员单位', '--db', db]);
    // One round per quarter: 县区 in the first quarter, 成员单位 in the second.
    await finalizeRound(db, 2021, 1, 2);
    await finalizeRound(db, 2021, 2, 3);
  }, 600_000);

  it('report annual --kind picks the rounds of that kind; the default is the level’s main kind', () => {
    const pdf = (kind?: string) =>
      json<{ kind: string; communities: number }>([
        'report',
        'annual',
        '2021',
        ...(kind ? ['--kind', kind] : []),
        '--out',
        path.join(dir, `年度-${kind ?? '默认'}.pdf`),
        '--db',
        db,
      ]);
    expect(pdf('县区')).toMatchObject({ kind: '县区', communities: 2 });
    expect(pdf('成员单位')).toMatchObject({ kind: '成员单位', communities: 3 });
    expect(pdf()).toMatchObject({ kind: '县区', communities: 2 });
    expect(runCli(['report', 'annual', '2021', '--kind', '县区', '--out', path.join(dir, 'x.pdf'), '--db', db]).stdout).toContain(
      '个县区）',
    );
    const none = runCli(['report', 'annual', '2021', '--kind', '街道', '--out', path.join(dir, 'y.pdf'), '--db', db]);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('2021年还没有考评街道的季度考评');
    const bad = runCli(['report', 'annual', '2021', '--kind', '省', '--out', path.join(dir, 'z.pdf'), '--db', db]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--kind 只能是');
  }, 600_000);

  it('a round that cannot be submitted says which 县区 are not scored', () => {
    json(['round', 'create', '--year', '2021', '--quarter', '3', '--standard', '2', '--db', db]);
    const r = runCli(['round', 'advance', '2021Q3', 'submitted', '--db', db]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('还有2个县区的评分表未完成');
  }, 600_000);

  it('the annual 通报 of each kind names its own units', () => {
    const countiesPdf = path.join(dir, '县区年度.pdf');
    ok(['report', 'annual', '2021', '--kind', '县区', '--out', countiesPdf, '--db', db]);
    const c = flatText(countiesPdf);
    expect(c).toContain('漯河市2021年度县区社区规范化创建工作考评结果通报');
    expect(c).toContain('参评县区');
    expect(c).toContain('源汇区');
    expect(c).not.toContain('民政局');
    const membersPdf = path.join(dir, '成员单位年度.pdf');
    ok(['report', 'annual', '2021', '--kind', '成员单位', '--out', membersPdf, '--db', db]);
    const m = flatText(membersPdf);
    expect(m).toContain('漯河市2021年度成员单位社区建设工作考评结果通报');
    expect(m).toContain('参评成员单位');
    expect(m).toContain('漯河市民政局');
    expect(m).not.toContain('源汇区');
  }, 600_000);
});
