/**
 * The levels cascade end to end (issue #15), through the bundled CLI on real files:
 *
 *   two 街道 (rosters from .xlsx, incl. 下沉干部 whose 工作单位 are city departments) finalize 2021Q3
 *   and export → the 县区 trusts both, previews, imports, re-imports, refuses an altered and an
 *   untrusted package, runs its round over the two 街道, prints its 通报 and exports to the 市 →
 *   the 市 trusts the 县区, imports, sees which streets are missing, runs its 县区 round and its
 *   成员单位 round in the same quarter and prints both 通报.
 *
 * Every `--db` goes through test-db's mapping, so on PostgreSQL each database is its own server
 * database. Nothing here needs a network.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from '../../electron/core/platform/io/excel/exceljs';
import { runCli } from '../helpers/run-cli';
import { makeTempDir, removeDir } from '../helpers/temp-dir';

const dir = makeTempDir();
afterAll(() => removeDir(dir));
const file = (name: string) => path.join(dir, name);

function ok(args: string[]): string {
  const r = runCli(args);
  expect(r.stderr, args.join(' ')).toBe('');
  expect(r.code, args.join(' ')).toBe(0);
  return r.stdout;
}
function json<T = Record<string, unknown>>(args: string[]): T {
  return JSON.parse(ok([...args, '--json'])) as T;
}

interface Street {
  name: string;
  code: string;
  db: string;
  communities: { name: string; households: number }[];
  /** 下沉干部: [name, 工作单位, community, last report (yyyy-mm-dd) or null]. */
  cadres: [string, string, string, string | null][];
}

/** A 街道 the 县区 trusts that never reports: the 县区 scores it 0 on the report items, the 市 sees it missing. */
const SILENT = { name: '天桥街道', code: '411102003', db: file('天桥街道.sqlite') };
const COUNTY = { name: '源汇区', code: '411102', db: file('源汇区.sqlite') };
const CITY = { name: '漯河市', code: '411100', db: file('漯河市.sqlite') };
const STREETS: Street[] = [
  {
    name: '马路街街道',
    code: '411102001',
    db: file('马路街街道.sqlite'),
    communities: [
      { name: '人民路社区', households: 2600 },
      { name: '黄河路社区', households: 2900 },
    ],
    cadres: [
      ['张建国', '漯河市民政局', '人民路社区', '2021-09-10'],
      ['李卫东', '漯河市民政局', '黄河路社区', null],
      ['王秀兰', '中共漯河市委组织部', '人民路社区', '2021-08-02'],
    ],
  },
  {
    name: '顺河街街道',
    code: '411102002',
    db: file('顺河街街道.sqlite'),
    communities: [
      { name: '滨河社区', households: 2400 },
      { name: '受降路社区', households: 3100 },
      { name: '老街社区', households: 1800 },
    ],
    cadres: [
      ['赵红梅', '漯河市民政局', '滨河社区', '2021-07-20'],
      ['孙志强', '漯河市财政局', '老街社区', '2021-09-28'],
    ],
  },
];

/** A roster workbook made from the program's own template, rows appended under its header. */
async function rosterFile(type: 'communities' | 'cadres', out: string, rows: (string | number | Date | null)[][]): Promise<string> {
  ok(['template', type, out]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.worksheets[1];
  if (!ws) throw new Error('template without a data sheet');
  const header = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? '').replace(/\*$/, ''));
  for (const row of rows) {
    const values: (string | number | Date | null)[] = [];
    for (const [i, cell] of row.entries()) values[i] = cell;
    ws.addRow(values);
  }
  expect(header.length).toBeGreaterThan(3);
  await wb.xlsx.writeFile(out);
  return out;
}

/** The column (1-based) of `title` in a template's header row. */
async function columnsOf(type: 'communities' | 'cadres'): Promise<Map<string, number>> {
  const out = file(`${type}-template-probe.xlsx`);
  ok(['template', type, out]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const header = wb.worksheets[1]?.getRow(1).values as unknown[];
  return new Map(header.map((v, i) => [String(v ?? '').replace(/\*$/, ''), i - 1] as [string, number]).filter(([t]) => t));
}

function rowOf(columns: Map<string, number>, values: Record<string, string | number | null>): (string | number | null)[] {
  const row: (string | number | null)[] = [];
  for (const [title, value] of Object.entries(values)) {
    const at = columns.get(title);
    if (at === undefined) throw new Error(`no column ${title}`);
    row[at] = value;
  }
  return row;
}

/**
 * Fills a round's field sheets as assessors would: every manual item `share` of its maximum,
 * deduction items checked with nothing found (full score), computed items as prefilled, and the
 * computed items the sheet could not prefill adjusted with a reason. Then imports them.
 */
async function scoreRound(
  db: string,
  round: string,
  share: number,
  extra?: (sheet: string, code: string) => number | undefined,
): Promise<void> {
  const template = file(`${path.basename(db)}-${round}-评分表.xlsx`);
  ok(['scores', 'template', round, template, '--db', db]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(template);
  for (const ws of wb.worksheets) {
    ws.eachRow((row) => {
      const code = row.getCell(1).value;
      const method = String(row.getCell(4).value ?? '');
      const max = Number(row.getCell(3).value);
      if (typeof code !== 'string' || !Number.isFinite(max)) return;
      const special = extra?.(ws.name, code);
      if (special !== undefined) {
        row.getCell(5).value = special;
        row.getCell(6).value = '现场核查发现问题';
      } else if (method.startsWith('【扣分制')) row.getCell(5).value = max;
      else if (method.includes('未能计算')) {
        row.getCell(5).value = 0;
        row.getCell(6).value = '名册未报送';
      } else if (!method.startsWith('【') && (row.getCell(5).value === null || row.getCell(5).value === undefined)) {
        // Manual items: the banded ones of the 社区 standard take their band values.
        row.getCell(5).value = STREET_MANUAL[code] ?? Math.round(max * share * 2) / 2;
      }
    });
  }
  const filled = file(`${path.basename(db)}-${round}-已填.xlsx`);
  await wb.xlsx.writeFile(filled);
  const imported = json<{ committed: boolean; problems: { severity: string; message: string }[] }>([
    'scores',
    'import',
    round,
    filled,
    '--db',
    db,
  ]);
  expect(imported.problems.filter((p) => p.severity === 'error')).toEqual([]);
  expect(imported.committed).toBe(true);
}

function finalize(db: string, round: string): void {
  for (const state of ['submitted', 'reviewed', 'published', 'finalized'])
    expect(json(['round', 'advance', round, state, '--db', db])).toMatchObject({ state });
}

interface UnitResult {
  kind: string;
  name: string;
  total: number;
  rank: number;
  grade: string;
  veto: boolean;
  items: { code: string; score: number }[];
}
const results = (db: string, round: string) =>
  json<{ round: string; units: UnitResult[]; communities?: unknown }>(['results', round, '--db', db]);
const item = (u: UnitResult | undefined, code: string) => u?.items.find((i) => i.code === code)?.score;

function pdfText(pdf: string): string {
  const r = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return r.stdout.replace(/[ \t]+/g, ' ');
}

/** Manual items of the default 社区 standard and valid values (G1, D5 are banded). */
const STREET_MANUAL: Record<string, number> = { B6: 2, C5: 1.5, D5: 2.4, F4: 1.8, F5: 1, G1: 5 };

/**
 * Where the unit's row is in the 通报's ranking table (附件1): the first place after its heading
 * where the start of its name appears (a long name wraps in its cell, other columns in between).
 */
function rankingLine(text: string, u: UnitResult): number {
  const table = text.slice(text.indexOf('附件1')).replace(/\s+/g, '');
  return table.indexOf(u.name.slice(0, 4));
}

const fingerprints = new Map<string, string>();
const packages = new Map<string, string>();

describe('the levels cascade: 街道 → 县区 → 市 on real files', () => {
  it('two 街道 import their rosters from Excel, finalize 2021Q3 and export signed packages', async () => {
    const communityColumns = await columnsOf('communities');
    const cadreColumns = await columnsOf('cadres');
    for (const [s, street] of STREETS.entries()) {
      json([
        'settings',
        'set',
        '--level',
        '街道',
        '--code',
        street.code,
        '--street',
        street.name,
        '--county',
        COUNTY.name,
        '--city',
        CITY.name,
        '--db',
        street.db,
      ]);
      const communities = await rosterFile(
        'communities',
        file(`${street.name}-社区.xlsx`),
        street.communities.map((c) =>
          rowOf(communityColumns, {
            社区名称: c.name,
            所属街道: street.name,
            户数: c.households,
            常住人口: c.households * 3,
            '综合服务设施面积(m²)': 1500,
          }),
        ),
      );
      expect(json(['import', 'communities', communities, '--db', street.db])).toMatchObject({
        committed: true,
        inserted: street.communities.length,
        rejected: 0,
      });
      const cadres = await rosterFile(
        'cadres',
        file(`${street.name}-下沉干部.xlsx`),
        street.cadres.map(([name, employer, community, last], i) =>
          rowOf(cadreColumns, {
            姓名: name,
            联系电话: `1390395${String(s * 100 + i).padStart(4, '0')}`,
            工作单位: employer,
            下沉社区: community,
            首次报到日期: '2021-03-15',
            最近报到日期: last,
          }),
        ),
      );
      expect(json(['import', 'cadres', cadres, '--db', street.db])).toMatchObject({
        committed: true,
        inserted: street.cadres.length,
        rejected: 0,
      });

      expect(json(['round', 'create', '--year', '2021', '--quarter', '3', '--db', street.db])).toMatchObject({
        round: '2021Q3',
        communities: street.communities.map((c) => c.name),
      });
      // The second street scores lower, and one of its communities loses points on A4.
      await scoreRound(street.db, '2021Q3', s === 0 ? 1 : 0.6, (sheet, code) =>
        s === 1 && sheet === '老街社区' && code === 'A4' ? 1 : undefined,
      );
      if (s === 1) {
        // A 清单外 task the 民政局 imposed on 老街社区: the 市 attributes it to that 成员单位.
        const added = json<{ department: string }>([
          'deduction',
          'add',
          '2021Q3',
          '--community',
          '老街社区',
          '--item',
          'F1',
          '--points',
          '1',
          '--reason',
          '清单外摊派迎检材料',
          '--department',
          '民政局',
          '--db',
          street.db,
        ]);
        expect(added.department).toBe('民政局');
      }
      finalize(street.db, '2021Q3');
      fingerprints.set(street.code, json<{ fingerprint: string }>(['exchange', 'key', '--db', street.db]).fingerprint);
      const out = file(`${street.name}-2021Q3.cadx`);
      expect(json(['exchange', 'export', '2021Q3', '--out', out, '--db', street.db])).toMatchObject({
        round: '2021Q3',
        revision: 1,
        units: street.communities.length,
      });
      packages.set(street.code, out);
    }
  }, 900_000);

  it('the 县区 trusts both, previews, imports, re-imports and refuses an altered and an untrusted package', () => {
    json(['settings', 'set', '--level', '县区', '--code', COUNTY.code, '--county', COUNTY.name, '--city', CITY.name, '--db', COUNTY.db]);
    const [first, second] = STREETS as [Street, Street];
    // Not trusted yet: refused, nothing written.
    const untrusted = runCli(['exchange', 'import', packages.get(first.code) ?? '', '--db', COUNTY.db, '--json']);
    expect(untrusted.code).toBe(2);
    expect(untrusted.stderr).toContain('发送方未被信任');
    expect(json<unknown[]>(['exchange', 'packages', '--db', COUNTY.db])).toEqual([]);

    json(['settings', 'set', '--level', '街道', '--code', SILENT.code, '--street', SILENT.name, '--db', SILENT.db]);
    fingerprints.set(SILENT.code, json<{ fingerprint: string }>(['exchange', 'key', '--db', SILENT.db]).fingerprint);
    for (const street of [...STREETS, SILENT])
      ok(['exchange', 'trust', fingerprints.get(street.code) ?? '', '--name', street.name, '--code', street.code, '--db', COUNTY.db]);
    for (const street of STREETS) {
      const pkg = packages.get(street.code) ?? '';
      const dry = json<{ status: string; committed: boolean; units: number; preview: { name: string; change: string }[] }>([
        'exchange',
        'import',
        pkg,
        '--dry-run',
        '--db',
        COUNTY.db,
      ]);
      expect(dry).toMatchObject({
        source: { level: '街道', code: street.code, name: street.name },
        round: '2021Q3',
        revision: 1,
        status: 'new',
        committed: false,
      });
      expect(dry.preview.map((u) => [u.name, u.change]).sort()).toEqual(street.communities.map((c) => [c.name, 'added']).sort());
    }
    expect(json<unknown[]>(['exchange', 'packages', '--db', COUNTY.db])).toEqual([]);

    for (const street of STREETS)
      expect(json(['exchange', 'import', packages.get(street.code) ?? '', '--db', COUNTY.db])).toMatchObject({
        status: 'new',
        committed: true,
        units: street.communities.length,
      });
    for (const street of STREETS)
      expect(json(['exchange', 'import', packages.get(street.code) ?? '', '--db', COUNTY.db])).toMatchObject({
        status: 'identical',
        committed: false,
      });
    expect(json<unknown[]>(['exchange', 'packages', '--db', COUNTY.db])).toHaveLength(2);

    // One byte changed: refused (exit 2), nothing written.
    const bytes = fs.readFileSync(packages.get(second.code) ?? '');
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    const altered = file('altered.cadx');
    fs.writeFileSync(altered, bytes);
    const refused = runCli(['exchange', 'import', altered, '--db', COUNTY.db, '--json']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^错误：.*数据包/);
    expect(json<unknown[]>(['exchange', 'packages', '--db', COUNTY.db])).toHaveLength(2);
    const matrix = ok(['exchange', 'matrix', '2021', '--db', COUNTY.db]);
    expect(matrix).toContain(`${first.code} ${first.name}：Q1✗ Q2✗ Q3✓(第1版)`);
    expect(matrix).toContain(`${SILENT.code} ${SILENT.name}：Q1✗ Q2✗ Q3✗`);
  }, 600_000);

  it('the 县区 appraises its two 街道 from what they reported, prints its 通报 and exports to the 市', () => {
    const [first, second] = STREETS as [Street, Street];
    // The 街道 to appraise are the trusted senders.
    const names = [first.name, second.name, SILENT.name].sort();
    expect(json<{ added: string[] }>(['units', 'from-senders', '--db', COUNTY.db]).added.sort()).toEqual(names);
    const created = json<{ round: string; communities: string[] }>([
      'round',
      'create',
      '--year',
      '2021',
      '--quarter',
      '3',
      '--db',
      COUNTY.db,
    ]);
    expect(created.round).toBe('2021Q3');
    expect(created.communities.sort()).toEqual(names);
    const streetResults = STREETS.map((s) => results(s.db, '2021Q3').units);
    const before = results(COUNTY.db, '2021Q3').units;
    for (const [i, street] of STREETS.entries()) {
      const u = before.find((x) => x.name === street.name);
      const mine = streetResults[i] ?? [];
      const avg = mine.reduce((sum, c) => sum + c.total, 0) / mine.length;
      const passRate = mine.filter((c) => !c.veto && c.grade !== '不合格').length / mine.length;
      expect(u?.kind).toBe('街道');
      // Computed from the received results: 达标率, average, vetoes, 整改, timeliness.
      expect(item(u, 'A1')).toBeCloseTo(Math.round(20 * passRate * 10) / 10, 5);
      expect(item(u, 'A2')).toBeCloseTo(Math.round((avg >= 90 ? 15 : avg >= 60 ? (15 * (avg - 60)) / 30 : 0) * 10) / 10, 5);
      expect(item(u, 'A3')).toBe(5);
      expect(item(u, 'A4')).toBe(10);
      expect(item(u, 'B1')).toBe(10);
      // Received years after the due date (2021-10-15): no points for timeliness.
      expect(item(u, 'B2')).toBe(0);
    }
    // The street that did not report scores nothing on the report items.
    const silent = before.find((x) => x.name === SILENT.name);
    for (const code of ['A1', 'A2', 'A3', 'A4', 'B1', 'B2']) expect(item(silent, code)).toBe(0);
  }, 600_000);

  it('the 县区 finalizes, prints its 通报 with both streets and exports to the 市 listing the merged packages', async () => {
    const [first, second] = STREETS as [Street, Street];
    // Manual items: the first street better on C1/C3; C2 checked.
    await scoreRound(COUNTY.db, '2021Q3', 0.8, (sheet, code) => (sheet === second.name && code === 'C1' ? 5 : undefined));
    finalize(COUNTY.db, '2021Q3');
    const units = results(COUNTY.db, '2021Q3').units;
    expect(units.map((u) => u.name).sort()).toEqual([first.name, second.name, SILENT.name].sort());
    const pdf = file('源汇区-2021Q3-通报.pdf');
    ok(['report', 'quarterly', '2021Q3', '--out', pdf, '--db', COUNTY.db]);
    const text = pdfText(pdf);
    for (const u of units) {
      expect(text).toContain(u.name);
      expect(text).toContain(u.total.toFixed(1));
    }
    // The ranking lists them in rank order.
    const ranked = [...units].sort((a, b) => a.rank - b.rank);
    expect(ranked.map((u) => u.rank)).toEqual([1, 2, 3]);
    expect(ranked[2]?.name).toBe(SILENT.name);
    const lines = ranked.map((u) => rankingLine(text, u));
    expect(lines[0]).toBeGreaterThanOrEqual(0);
    expect([...lines].sort((a, b) => a - b)).toEqual(lines);
    const pkg = file('源汇区-2021Q3.cadx');
    expect(json(['exchange', 'export', '2021Q3', '--out', pkg, '--db', COUNTY.db])).toMatchObject({
      round: '2021Q3',
      revision: 1,
      units: 3,
    });
    packages.set(COUNTY.code, pkg);
    fingerprints.set(COUNTY.code, json<{ fingerprint: string }>(['exchange', 'key', '--db', COUNTY.db]).fingerprint);
  }, 600_000);

  it('the 市 trusts the 县区, imports, and sees which of its streets did not report', () => {
    json(['settings', 'set', '--level', '市', '--code', CITY.code, '--city', CITY.name, '--db', CITY.db]);
    ok(['exchange', 'trust', fingerprints.get(COUNTY.code) ?? '', '--name', COUNTY.name, '--code', COUNTY.code, '--db', CITY.db]);
    expect(json(['exchange', 'import', packages.get(COUNTY.code) ?? '', '--db', CITY.db])).toMatchObject({
      source: { level: '县区', code: COUNTY.code, name: COUNTY.name },
      status: 'new',
      committed: true,
      units: 3,
    });
    const [pkg] = json<{ sourceName: string; merged: { code: string; revision: number }[]; missing: { code: string; name: string }[] }[]>([
      'exchange',
      'packages',
      '2021Q3',
      '--db',
      CITY.db,
    ]);
    expect(pkg?.merged.map((m) => [m.code, m.revision]).sort()).toEqual(STREETS.map((s) => [s.code, 1]).sort());
    expect(pkg?.missing).toEqual([{ code: SILENT.code, name: SILENT.name }]);
    expect(ok(['exchange', 'packages', '--db', CITY.db])).toContain(`已汇总2个下级上报，未上报：${SILENT.name}`);
    expect(ok(['exchange', 'matrix', '2021', '--db', CITY.db])).toContain(`${COUNTY.code} ${COUNTY.name}：Q1✗ Q2✗ Q3✓(第1版)`);
  }, 300_000);

  it('the 市 runs its 县区 round and its 成员单位 round in the same quarter, finalizes both and prints both 通报', async () => {
    expect(json<{ added: string[] }>(['units', 'from-senders', '--db', CITY.db]).added).toEqual([COUNTY.name]);
    const roster = file('成员单位名单.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('成员单位');
    ws.addRow(['名称', '简称', '联系人']);
    ws.addRow(['漯河市民政局', '民政局', '李明']);
    ws.addRow(['中共漯河市委组织部', '组织部', '王芳']);
    ws.addRow(['漯河市财政局', '财政局', '周静']);
    ws.addRow(['漯河市住房和城乡建设局', '住建局', null]);
    await wb.xlsx.writeFile(roster);
    expect(json(['units', 'import', roster, '--kind', '成员单位', '--db', CITY.db])).toMatchObject({ committed: true, inserted: 4 });

    expect(json(['round', 'create', '--year', '2021', '--quarter', '3', '--db', CITY.db])).toMatchObject({
      round: '2021Q3',
      communities: [COUNTY.name],
    });
    expect(json(['round', 'create', '--year', '2021', '--quarter', '3', '--kind', '成员单位', '--db', CITY.db])).toMatchObject({
      round: '2021Q3-成员单位',
      communities: ['漯河市民政局', '中共漯河市委组织部', '漯河市财政局', '漯河市住房和城乡建设局'],
    });
    // One round per kind and quarter.
    const again = runCli(['round', 'create', '--year', '2021', '--quarter', '3', '--kind', '成员单位', '--db', CITY.db]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('2021Q3-成员单位');
    const wrongKind = runCli(['round', 'create', '--year', '2021', '--quarter', '4', '--kind', '街道', '--db', CITY.db]);
    expect(wrongKind.code).toBe(1);
    expect(wrongKind.stderr).toContain('不考评街道');

    // The 县区 round: computed from the 县区's package (its streets' results as it appraised them).
    const countyUnits = results(COUNTY.db, '2021Q3').units;
    const county = results(CITY.db, '2021Q3').units;
    expect(county.map((u) => [u.kind, u.name])).toEqual([['县区', COUNTY.name]]);
    const avg = countyUnits.reduce((s, u) => s + u.total, 0) / countyUnits.length;
    const pass = countyUnits.filter((u) => !u.veto && u.grade !== '不合格').length / countyUnits.length;
    expect(item(county[0], 'A1')).toBeCloseTo(Math.round(20 * pass * 10) / 10, 5);
    expect(item(county[0], 'A2')).toBeCloseTo(Math.round((avg >= 90 ? 15 : avg >= 60 ? (15 * (avg - 60)) / 30 : 0) * 10) / 10, 5);

    // The 成员单位 round: 下沉干部 report rates by 工作单位 from every street's roster, passed up by the 县区.
    const members = results(CITY.db, '2021Q3-成员单位').units;
    const byName = new Map(members.map((u) => [u.name, u]));
    expect(members.every((u) => u.kind === '成员单位')).toBe(true);
    const rate = (registered: number, reported: number) => Math.round(30 * Math.min(1, reported / registered / 0.95) * 10) / 10;
    // 民政局: 3 registered (张建国, 李卫东, 赵红梅), 2 reported within the half year.
    expect(item(byName.get('漯河市民政局'), 'A1')).toBeCloseTo(rate(3, 2), 5);
    expect(item(byName.get('中共漯河市委组织部'), 'A1')).toBe(30);
    expect(item(byName.get('漯河市财政局'), 'A1')).toBe(30);
    // No 下沉干部 from 住建局: nothing to score.
    expect(item(byName.get('漯河市住房和城乡建设局'), 'A1')).toBe(0);
    // 清单外 tasks: the one deduction naming 民政局 (in a street, passed up by the 县区) costs it 3 points.
    expect(item(byName.get('漯河市民政局'), 'B1')).toBe(27);
    for (const u of members.filter((m) => m.name !== '漯河市民政局')) expect(item(u, 'B1')).toBe(30);

    await scoreRound(CITY.db, '2021Q3', 0.8);
    await scoreRound(CITY.db, '2021Q3-成员单位', 0.7, (sheet, code) => (sheet === '漯河市财政局' && code === 'C1' ? 5 : undefined));
    finalize(CITY.db, '2021Q3');
    finalize(CITY.db, '2021Q3-成员单位');
    const finalCounty = results(CITY.db, '2021Q3').units;
    const finalMembers = results(CITY.db, '2021Q3-成员单位').units;
    expect(finalMembers.map((u) => u.rank).sort()).toEqual([1, 2, 3, 4]);

    for (const [round, units] of [
      ['2021Q3', finalCounty],
      ['2021Q3-成员单位', finalMembers],
    ] as const) {
      const pdf = file(`漯河市-${round}-通报.pdf`);
      const printed = runCli(['report', 'quarterly', round, '--out', pdf, '--db', CITY.db]);
      expect(printed.stderr).toBe('');
      expect(printed.code).toBe(0);
      const text = pdfText(pdf);
      const ranked = [...units].sort((a, b) => a.rank - b.rank);
      for (const u of ranked) {
        expect(text).toContain(u.name);
        expect(text).toContain(u.total.toFixed(1));
      }
      const lines = ranked.map((u) => rankingLine(text, u));
      expect(lines[0]).toBeGreaterThanOrEqual(0);
      expect([...lines].sort((a, b) => a - b)).toEqual(lines);
    }
  }, 900_000);
});
