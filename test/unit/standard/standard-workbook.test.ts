import { describe, expect, it } from 'vitest';
import type { PlainWorkbook, SheetCell } from '../../../shared/domain/roster/sheet-cell';
import {
  DEFAULT_STANDARD,
  defaultStandardCopy,
  diffStandards,
  formatMethodParams,
  parseMethodParams,
  parsePointsText,
  standardFromWorkbook,
  standardToWorkbook,
  type ScoringMethod,
  type SheetLayout,
  type Standard,
} from '../../../shared/domain/standard/index';

/** What the spreadsheet reader would hand back for the written layout (title row 1, header row 2). */
function asRead(sheets: SheetLayout[]): PlainWorkbook {
  return {
    format: 'xlsx',
    date1904: false,
    sheets: sheets.map((s, index) => ({
      name: s.name,
      index,
      hidden: false,
      rows: [
        { rowNumber: 1, cells: [s.title] },
        { rowNumber: 2, cells: [...s.header] },
        ...s.rows.map((r, i) => ({ rowNumber: i + 3, cells: r.map((c): SheetCell => c) })),
      ],
    })),
  };
}

/** A standard using every feature the default does not: tiers, manual bonus, quotas, 70/30, keep policy. */
function richStandard(): Standard {
  const s = defaultStandardCopy();
  s.version = 7;
  const b6 = s.categories[1]?.items.find((i) => i.code === 'B6');
  if (b6)
    b6.method = { kind: 'tiers', criteria: ['已成立居务监督委员会', '监督记录完整', '按季度公开监督结果'], pointsTenths: [0, 10, 15, 20] };
  const a4 = s.categories[0]?.items.find((i) => i.code === 'A4');
  if (a4?.method.kind === 'deduct') a4.method.allowOtherReasons = false;
  const a3 = s.categories[0]?.items.find((i) => i.code === 'A3');
  if (a3) a3.method = { kind: 'yesno' };
  s.grading.bands[0] = { label: '优秀', minTenths: 900, quota: { percent: 20, count: 3 } };
  s.grading.bands[1] = { label: '良好', minTenths: 800, quota: { count: 5 } };
  s.grading.quotaTies = 'admitAll';
  s.rollUp = { quartersPercent: 70, yearEndPercent: 30, yearEndLabel: '民主测评', vetoAnnualGradeCap: null };
  s.naPolicy = 'keep';
  s.ranking = { vetoedLast: false, tieBreak: [{ kind: 'bonus' }, { kind: 'item', code: 'G1' }, { kind: 'fewerDeductions' }] };
  s.vetoes[1] = { code: 'V2', title: '“两委”成员严重违纪违法', effect: 'noExcellent', guide: '' };
  s.vetoes[2] = { code: 'V3', title: '考核材料弄虚作假', effect: 'zero', guide: '多行说明\n第二行' };
  s.note = '第7版：试行';
  return s;
}

describe('参数 text: format → parse is lossless', () => {
  const methods: ScoringMethod[] = [
    { kind: 'manual', minTenths: 0, stepTenths: 5 },
    { kind: 'manual', minTenths: 10, stepTenths: 2 },
    {
      kind: 'deduct',
      reasons: [
        { code: 'A4-1', text: '未制定年度工作计划：含冒号', amountTenths: 10, capTenths: 10 },
        { code: 'X', text: '每项', amountTenths: 2 },
      ],
      allowOtherReasons: true,
    },
    { kind: 'deduct', reasons: [], allowOtherReasons: false },
    { kind: 'tiers', criteria: ['条件：甲', '乙'], pointsTenths: [0, 5, 30] },
    { kind: 'yesno' },
    { kind: 'computed', expression: 'if(gridCount = 0, 0, 3 * gridsWithin300to500 / gridCount)' },
  ];
  for (const m of methods) {
    it(`${m.kind}: ${formatMethodParams(m).split('\n')[0] ?? ''}`, () => {
      const parsed = parseMethodParams(m.kind, formatMethodParams(m));
      expect(parsed).toEqual({ ok: true, method: m });
    });
  }
  it('accepts what people type in WPS: full-width digits and punctuation', () => {
    expect(parseMethodParams('manual', '最低０分，步长０．５分')).toEqual({
      ok: true,
      method: { kind: 'manual', minTenths: 0, stepTenths: 5 },
    });
    expect(parseMethodParams('deduct', '【R1】每次扣1分：原因')).toMatchObject({
      ok: true,
      method: { reasons: [{ code: 'R1', amountTenths: 10 }] },
    });
    expect(parseMethodParams('tiers', '条件1：甲\n得分：0、2')).toEqual({
      ok: true,
      method: { kind: 'tiers', criteria: ['甲'], pointsTenths: [0, 20] },
    });
  });
  it('says what the cell should look like when it cannot read it', () => {
    expect(parseMethodParams('manual', '0-3')).toEqual({ ok: false, message: '手动评分的参数应写成“最低0分，步长0.5分”' });
    expect(parseMethodParams('deduct', '扣1分')).toMatchObject({ ok: false, message: expect.stringContaining('第1行无法识别') });
    expect(parseMethodParams('tiers', '条件2：乙')).toMatchObject({ ok: false });
    expect(parseMethodParams('tiers', '条件1：甲')).toMatchObject({ ok: false, message: expect.stringContaining('缺少“得分') });
    expect(parseMethodParams('computed', ' ')).toMatchObject({ ok: false });
  });
  it('points text: one decimal at most', () => {
    expect(parsePointsText('3')).toBe(30);
    expect(parsePointsText('2.50')).toBe(25);
    expect(parsePointsText('2.25')).toBeUndefined();
    expect(parsePointsText('-1')).toBeUndefined();
    expect(parsePointsText('三')).toBeUndefined();
  });
});

describe('workbook round trip', () => {
  it('the default standard: export → import gives the same standard', () => {
    const r = standardFromWorkbook(asRead(standardToWorkbook(DEFAULT_STANDARD)), 1);
    expect(r.problems).toEqual([]);
    expect(r.standard).toEqual(DEFAULT_STANDARD);
  });
  it('a standard using every option: export → import → export is identical', () => {
    const s = richStandard();
    const first = standardToWorkbook(s);
    const r = standardFromWorkbook(asRead(first), 7);
    expect(r.standard).toEqual(s);
    expect(standardToWorkbook(r.standard as Standard)).toEqual(first);
  });
  it('lays out the items sheet with the agreed columns; a computed item’s 参数 is its expression', () => {
    const [items] = standardToWorkbook(DEFAULT_STANDARD);
    expect(items?.header).toEqual(['一级指标', '二级指标', '编码', '分值', '评分方法', '参数', '考核方式', '频次', '评分细则']);
    expect(items?.rows[0]).toEqual(['组织建设与党建引领', null, 'A', 15, null, null, null, null, null]);
    const d2 = items?.rows.find((r) => r[2] === 'D2');
    expect(d2?.slice(0, 8)).toEqual([
      '网格化治理',
      '网格规模300至500户',
      'D2',
      3,
      '公式计算',
      'if(gridCount = 0, 0, 3 * gridsWithin300to500 / gridCount)',
      '名册数据',
      '名册快照',
    ]);
    expect(standardToWorkbook(DEFAULT_STANDARD).map((s) => s.name)).toEqual(['考核标准', '加分项', '否决项', '等级划分', '考核设置']);
  });
});

describe('importing an edited workbook', () => {
  function edited(fn: (sheets: SheetLayout[]) => void) {
    const sheets = standardToWorkbook(DEFAULT_STANDARD);
    fn(sheets);
    return standardFromWorkbook(asRead(sheets), 2);
  }
  const itemRow = (sheets: SheetLayout[], code: string) => {
    const row = sheets[0]?.rows.find((r) => r[2] === code);
    if (!row) throw new Error(code);
    return row;
  };
  it('a changed item’s points are taken, and the broken category sum is reported on the category’s row', () => {
    const r = edited((s) => (itemRow(s, 'A1')[3] = 4));
    expect(r.standard?.categories[0]?.items[0]?.maxTenths).toBe(40);
    expect(r.problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        sheet: '考核标准',
        row: 3,
        column: '分值',
        message: '一级指标A“组织建设与党建引领”分值为15分，其下二级指标合计16分，两者应相等',
      }),
    ]);
  });
  it('unreadable parameters keep the item as a safe manual item and say so, with row, column and value', () => {
    const r = edited((s) => (itemRow(s, 'B6')[5] = '0到2分'));
    const b6 = r.standard?.categories[1]?.items.find((i) => i.code === 'B6');
    expect(b6?.method).toEqual({ kind: 'manual', minTenths: 0, stepTenths: 1 });
    expect(r.problems[0]).toMatchObject({ severity: 'error', sheet: '考核标准', column: '参数', value: '0到2分' });
    expect(r.problems[0]?.message).toContain('手动评分的参数应写成');
  });
  it('a bad expression is kept and reported with its position', () => {
    const r = edited((s) => (itemRow(s, 'D2')[5] = '3 * gridsWithin300to500 / '));
    expect(r.problems).toEqual([
      expect.objectContaining({ severity: 'error', column: '参数', message: expect.stringContaining('第26个字符处') }),
    ]);
  });
  it('rows without a code or with bad points are skipped and reported', () => {
    const r = edited((s) => {
      itemRow(s, 'G2')[3] = '四分';
      itemRow(s, 'G1')[2] = null;
    });
    expect(r.problems.slice(0, 2).map((p) => [p.row, p.column, p.message])).toEqual([
      [43, '编码', '缺少编码，该行未导入。每个一级指标、二级指标都要有唯一编码（如 A、A1）'],
      [44, '分值', '分值应为不小于0的数字，最多一位小数，该行未导入'],
    ]);
    expect(r.standard?.categories[6]?.items).toEqual([]);
  });
  it('an unknown 评分方法 and an unknown 频次 are explained', () => {
    const r = edited((s) => {
      itemRow(s, 'C5')[4] = '打分';
      itemRow(s, 'C4')[7] = '每月';
    });
    expect(r.problems.map((p) => p.message)).toContain('频次应为：每季度、年度、名册快照，已按“每季度”导入');
    expect(r.problems.some((p) => p.column === '评分方法' && p.value === '打分')).toBe(true);
  });
  it('a workbook without the items sheet gives no standard', () => {
    const r = standardFromWorkbook(
      {
        format: 'xlsx',
        date1904: false,
        sheets: [{ name: 'Sheet1', index: 0, hidden: false, rows: [{ rowNumber: 1, cells: ['姓名', '身份证号'] }] }],
      },
      2,
    );
    expect(r.standard).toBeUndefined();
    expect(r.problems[0]?.message).toContain('没有“考核标准”工作表');
  });
  it('missing side sheets fall back to defaults with warnings', () => {
    const sheets = standardToWorkbook(DEFAULT_STANDARD).filter((s) => s.name === '考核标准' || s.name === '等级划分');
    const r = standardFromWorkbook(asRead(sheets), 2);
    expect(r.standard?.bonus.items).toEqual([]);
    expect(r.standard?.rollUp.quartersPercent).toBe(100);
    expect(r.problems.map((p) => p.severity)).toEqual(['warning', 'warning', 'warning']);
  });
});

describe('diff between versions', () => {
  it('lists added, removed and changed items with points before and after', () => {
    const next = defaultStandardCopy();
    next.version = 2;
    const [a, b] = next.categories;
    if (!a || !b) throw new Error('categories');
    a.items[0] = { ...(a.items[0] as Standard['categories'][number]['items'][number]), maxTenths: 40 };
    a.maxTenths = 160;
    b.items = b.items.filter((i) => i.code !== 'B7');
    b.maxTenths = 190;
    b.items.push({
      code: 'B8',
      title: '新增项',
      maxTenths: 10,
      method: { kind: 'yesno' },
      evidence: ['查阅资料'],
      frequency: 'Q',
      guide: '',
    });
    next.rollUp.quartersPercent = 95;
    next.rollUp.yearEndPercent = 5;
    const d = diffStandards(DEFAULT_STANDARD, next);
    expect(d.entries.map((e) => [e.section, e.code, e.change, e.beforeTenths, e.afterTenths])).toEqual([
      ['category', 'A', 'changed', 150, 160],
      ['category', 'B', 'changed', 200, 190],
      ['item', 'A1', 'changed', 30, 40],
      ['item', 'B8', 'added', null, 10],
      ['item', 'B7', 'removed', 10, null],
      ['setting', '年度汇总', 'changed', null, null],
    ]);
    expect(d.entries[2]?.fields).toEqual([{ field: '分值', before: '3分', after: '4分' }]);
    expect(d.entries[5]?.fields[0]).toEqual({ field: '年度汇总', before: '季度平均100%', after: '季度平均95% + 年终评价5%' });
    expect([d.added, d.removed, d.changed]).toEqual([1, 1, 4]);
  });
  it('identical versions have no differences', () => {
    expect(diffStandards(DEFAULT_STANDARD, defaultStandardCopy()).entries).toEqual([]);
  });
});
