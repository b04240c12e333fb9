import { describe, expect, it } from 'vitest';
import { applyMapping, detectHeader, rememberMapping } from '../../../shared/domain/roster/header-detect';
import { mainSheetDef, ROSTER_DEFS, type RosterType } from '../../../shared/domain/roster/roster-columns';
import { DEFAULT_POST_GRADE_TABLE } from '../../../shared/domain/roster/post-grade';
import { classifyRow } from '../../../shared/domain/roster/row-classify';
import type { ReferenceData, RosterValidationContext } from '../../../shared/domain/roster/row-validate';
import { detectRosterSheets, validateRoster } from '../../../shared/domain/roster/roster-workbook';
import type { PlainSheet, PlainWorkbook, SheetCell } from '../../../shared/domain/roster/sheet-cell';
import { makePerson } from '../../fixtures/roster-data';

const TODAY = '2024-06-30';
const REFS: ReferenceData = {
  communities: [
    { name: '人民路社区', street: '马路街街道', households: 1000 },
    { name: '黄河路社区', street: '马路街街道', households: 800 },
  ],
  grids: [
    { code: 'RM01', name: '第一网格', community: '人民路社区' },
    { code: 'RM02', name: '第二网格', community: '人民路社区' },
    { code: 'HH01', name: '第一网格', community: '黄河路社区' },
  ],
  workerIds: new Set([makePerson(1).id]),
};
const CTX: RosterValidationContext = {
  today: TODAY,
  date1904: false,
  postGrades: DEFAULT_POST_GRADE_TABLE,
  references: REFS,
  configuredStreet: '马路街街道',
};

function sheet(rows: SheetCell[][], name = 'Sheet1', index = 0): PlainSheet {
  return { name, index, hidden: false, rows: rows.map((cells, i) => ({ rowNumber: i + 1, cells })) };
}

function book(...sheets: PlainSheet[]): PlainWorkbook {
  return { format: 'xlsx', date1904: false, sheets };
}

function run(type: RosterType, wb: PlainWorkbook, ctx: RosterValidationContext = CTX) {
  const detected = detectRosterSheets(wb, type);
  if (!detected.ok) throw new Error(detected.message);
  return validateRoster(wb, type, detected.sheets, ctx);
}

const WORKER_HEADER = [
  '序号',
  '姓名',
  '身份证号',
  '性别',
  '政治面貌',
  '学历',
  '所在社区',
  '岗位类别',
  '岗位等级',
  '参加社区工作时间',
  '联系电话',
];
function workerRow(i: number, overrides: Partial<Record<string, SheetCell>> = {}): SheetCell[] {
  const p = makePerson(i);
  const base: Record<string, SheetCell> = {
    序号: i,
    姓名: p.name,
    身份证号: p.id,
    性别: p.sex,
    政治面貌: '党员',
    学历: '大专',
    所在社区: '人民路社区',
    岗位类别: '工作人员',
    岗位等级: 3,
    参加社区工作时间: '2018.03',
    联系电话: p.phone,
    ...overrides,
  };
  return WORKER_HEADER.map((h) => base[h] ?? null);
}

describe('header detection', () => {
  it('skips title rows and finds the header with synonyms, spaces and line breaks', () => {
    const s = sheet([
      ['马路街街道社区工作者花名册'],
      [null, null, null, '填报日期：2024年6月'],
      [
        '序号',
        '姓 名',
        '公民身份\n号码',
        '政治面貌',
        '学历',
        '所在社区',
        '岗位类别',
        '岗位等级（级）',
        '参加社区工作时间',
        '联系电话（手机）',
      ],
      [1, '张三', makePerson(1).id],
    ]);
    const d = detectHeader(s, mainSheetDef('workers'));
    expect(d?.headerRowNumber).toBe(3);
    expect(d?.mapping).toMatchObject({ name: 1, idNumber: 2, political: 3, postGrade: 7, phone: 9 });
    expect(d?.missingRequired).toEqual([]);
    expect(d?.columns.find((c) => c.index === 0)?.key).toBeNull();
  });

  it('handles a merged two-row header: group row above, vertically merged cells carried only in the top row', () => {
    const s = sheet([
      ['社区工作者名册'],
      ['姓名', '身份证号', '基本信息', null, null, '岗位情况', null, null, '联系方式', null],
      [null, null, '政治面貌', '学历', '所在社区', '岗位类别', '岗位等级', '参加社区工作时间', '手机', '固话'],
      ['李四', makePerson(2).id, '群众', '本科', '人民路社区', '工作人员', 2, '2020-01', makePerson(2).phone, '0395-3123456'],
    ]);
    const d = detectHeader(s, mainSheetDef('workers'));
    expect(d?.headerRowNumber).toBe(3);
    expect(d?.groupRowNumber).toBe(2);
    expect(d?.mapping).toMatchObject({ name: 0, idNumber: 1, political: 2, phone: 8 });
    expect(d?.dataStartIndex).toBe(3);
  });

  it('returns null for a sheet that is not this roster', () => {
    expect(
      detectHeader(
        sheet([
          ['Name', 'Age'],
          ['Tom', 3],
        ]),
        mainSheetDef('workers'),
      ),
    ).toBeNull();
    expect(detectHeader(sheet([]), mainSheetDef('workers'))).toBeNull();
  });

  it('applies remembered and manual mappings', () => {
    const s = sheet([
      ['姓名', '证件', '手机号码', '政治面貌', '学历', '所在社区'],
      ['王五', makePerson(3).id, makePerson(3).phone, '群众', '高中', '人民路社区'],
    ]);
    const def = mainSheetDef('workers');
    const first = detectHeader(s, def);
    expect(first?.mapping.idNumber).toBeUndefined();
    const remembered = { 证件: 'idNumber' };
    const second = detectHeader(s, def, remembered);
    expect(second?.mapping.idNumber).toBe(1);
    expect(second && rememberMapping(second)).toMatchObject({ 证件: 'idNumber', 姓名: 'name' });
    const manual = first ? applyMapping(first, def, { name: 0, idNumber: 1, phone: 2 }) : null;
    expect(manual?.mapping).toEqual({ name: 0, idNumber: 1, phone: 2 });
    expect(
      detectHeader(
        sheet([
          ['社区名称', '联系电话'],
          ['人民路社区', '13812345678'],
        ]),
        def,
      ),
    ).toBeNull();
    expect(manual?.missingRequired).toContain('political');
  });

  it('finds the roster on the second sheet', () => {
    const wb = book(sheet([['填表说明'], ['1. 身份证号请设为文本']], '说明', 0), sheet([WORKER_HEADER, workerRow(1)], '社区工作者', 1));
    const d = detectRosterSheets(wb, 'workers');
    expect(d.ok && d.sheets[0]?.detection.sheetName).toBe('社区工作者');
    const bad = detectRosterSheets(wb, 'workers', { sheetName: '不存在' });
    expect(!bad.ok && bad.message).toContain('“说明”');
  });
});

describe('row classification', () => {
  const def = mainSheetDef('workers');
  const mapping = { name: 1, idNumber: 2 };
  const row = (cells: SheetCell[]) => ({ rowNumber: 9, cells });
  it.each([
    [[null, null, '  '], 'blank'],
    [[15, null, null], 'blank'],
    [['合 计', null, null, 30], 'total'],
    [[null, '总计：', 12], 'total'],
    [['注：身份证号须为18位', null], 'note'],
    [['填表人：王五', null, null, '审核人：赵六'], 'note'],
    [['序号', '姓名', '身份证号'], 'header'],
    [[1, '张三', '411102'], 'data'],
  ] as [SheetCell[], string][])('%j is %s', (cells, kind) => {
    expect(classifyRow(row(cells), mapping, def)).toBe(kind);
  });
});

describe('row validation: workers', () => {
  it('accepts good rows, derives sex and birth date and normalises values', () => {
    const result = run('workers', book(sheet([WORKER_HEADER, workerRow(1), workerRow(2, { 姓名: '张  三 ', 学历: '本科' })])));
    expect(result.errorCount).toBe(0);
    expect(result.validRows).toBe(2);
    const second = result.sheets[0]?.records[1]?.values;
    expect(second).toMatchObject({
      name: '张三',
      political: '中共党员',
      education: '大学本科',
      postCategory: '工作人员',
      workStartDate: '2018-03',
    });
    expect(second?.birthDate).toBe(`${makePerson(2).birth.slice(0, 4)}-${makePerson(2).birth.slice(4, 6)}-${makePerson(2).birth.slice(6)}`);
  });

  it('rejects an ID in a numeric cell with the text-format explanation and never keeps it', () => {
    const numeric = Number(makePerson(3).id.slice(0, 15) + '000');
    const result = run('workers', book(sheet([WORKER_HEADER, workerRow(3, { 身份证号: numeric })])));
    expect(result.rejectedRows).toBe(1);
    const p = result.problems.find((x) => x.column === '身份证号');
    expect(p).toMatchObject({ severity: 'error', sheet: 'Sheet1', row: 2 });
    expect(p?.message).toContain('设为文本后重新录入');
    expect(result.sheets[0]?.records[0]?.values.idNumber).toBeUndefined();
  });

  it('reports each rule with sheet, row, column, value and a Chinese message', () => {
    const p1 = makePerson(4);
    const rows = [
      WORKER_HEADER,
      workerRow(4, { 性别: p1.sex === '男' ? '女' : '男' }), // 2: sex mismatch
      workerRow(5, { 岗位类别: '正职', 岗位等级: 3 }), // 3: grade out of range (kept, with a warning: E2 counts it)
      workerRow(6, { 所在社区: '不存在社区' }), // 4: unknown community
      workerRow(7, { 政治面貌: '党外人士' }), // 5: bad enum
      workerRow(8, { 联系电话: '0395-3123456' }), // 6: landline where mobile required
      workerRow(9, { 参加社区工作时间: '2030-01-01' }), // 7: future (kept, with a warning: the worker still counts)
      workerRow(4), // 8: duplicate of row 2
      workerRow(10, { 姓名: null }), // 9: required missing
      ['合计', null, null], // skipped
      [null], // skipped
      ['注：本表由社区填报'], // skipped
    ];
    const result = run('workers', book(sheet(rows, '名册')));
    const byRow = (row: number) => result.problems.filter((p) => p.row === row && p.severity === 'error');
    expect(byRow(2)[0]).toMatchObject({ column: '性别', message: expect.stringContaining('与身份证号不一致') });
    expect(byRow(3)).toEqual([]);
    expect(result.problems.find((p) => p.row === 3 && p.severity === 'warning' && p.column === '岗位等级')).toMatchObject({
      value: '3',
      message: expect.stringContaining('7–18'),
    });
    expect(byRow(4)[0]).toMatchObject({ column: '所在社区', value: '不存在社区', message: expect.stringContaining('请先导入') });
    expect(byRow(5)[0]).toMatchObject({ column: '政治面貌', message: expect.stringContaining('请填写') });
    expect(byRow(6)[0]).toMatchObject({ column: '联系电话', message: expect.stringContaining('手机号') });
    expect(byRow(7)).toEqual([]);
    expect(result.problems.find((p) => p.row === 7 && p.column === '参加社区工作时间')).toMatchObject({
      severity: 'warning',
      message: expect.stringContaining('晚于今天'),
    });
    expect(byRow(8)[0]).toMatchObject({ column: '身份证号', message: expect.stringContaining('与第 2 行') });
    expect(byRow(9)[0]).toMatchObject({ column: '姓名', message: '姓名为必填项，请填写' });
    expect(result.rejectedRows).toBe(6);
    expect(result.sheets[0]?.rowCounts).toMatchObject({ data: 8, total: 1, note: 1 });
    for (const p of result.problems) {
      expect(p.sheet).toBe('名册');
      expect(p.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('warns (without rejecting) on grade far from seniority and on missing 入党时间', () => {
    const result = run('workers', book(sheet([WORKER_HEADER, workerRow(11, { 岗位等级: 12, 参加社区工作时间: '2023-01' })])));
    expect(result.rejectedRows).toBe(0);
    expect(result.problems.filter((p) => p.severity === 'warning').map((p) => p.column)).toEqual(expect.arrayContaining(['岗位等级']));
  });

  it('reports a missing required column once, at the header row', () => {
    const header = WORKER_HEADER.filter((h) => h !== '岗位类别');
    const rows = [header, workerRow(1).filter((_, i) => WORKER_HEADER[i] !== '岗位类别')];
    const wb = book(sheet(rows));
    const detected = detectRosterSheets(wb, 'workers');
    expect(detected.ok).toBe(true);
    const result = validateRoster(wb, 'workers', detected.ok ? detected.sheets : [], CTX);
    expect(result.problems.filter((p) => p.message.includes('缺少必填列'))).toHaveLength(1);
    expect(result.validRows).toBe(0);
  });
});

describe('row validation: other rosters', () => {
  it('communities: street must match the configured street; scale warnings', () => {
    const header = ['社区名称', '所属街道', '户数', '常住人口', '综合服务设施面积（㎡）'];
    const result = run(
      'communities',
      book(sheet([header, ['人民路社区', '马路街街道', 3500, 9000, 1200], ['东城', '别的街道', 1000, 800, 500]])),
    );
    expect(result.problems.find((p) => p.row === 2 && p.column === '户数')?.severity).toBe('warning');
    expect(result.problems.find((p) => p.row === 3 && p.column === '所属街道')?.severity).toBe('error');
    expect(result.problems.find((p) => p.row === 3 && p.column === '常住人口')?.message).toContain('少于户数');
    expect(result.problems.find((p) => p.row === 3 && p.column === '社区名称')?.severity).toBe('warning');
  });

  it('grids with a 小组/楼院 sheet referring to grids of the same file; 300–500 warning', () => {
    const grids = sheet(
      [
        ['网格编号', '网格名称', '所属社区', '户数', '网格长'],
        ['RM09', '第九网格', '人民路社区', 620, '王五'],
        ['XX01', '第一网格', '无此社区', 400, null],
      ],
      '网格',
      0,
    );
    const groups = sheet(
      [
        ['网格编号', '小组名称', '组长', '楼院名称', '楼院长'],
        ['RM09', '一组', '赵六', '1号院', '钱七'],
        ['RM01', '二组', null, '2号楼', null],
        ['ZZ99', '三组', null, null, null],
      ],
      '小组楼院',
      1,
    );
    const result = run('grids', book(grids, groups));
    expect(result.sheets.map((s) => s.sheet)).toEqual(['网格', '小组楼院']);
    expect(result.problems.find((p) => p.sheet === '网格' && p.row === 2)?.severity).toBe('warning');
    expect(result.problems.find((p) => p.sheet === '网格' && p.row === 3)?.message).toContain('社区“无此社区”不存在');
    const groupErrors = result.problems.filter((p) => p.sheet === '小组楼院' && p.severity === 'error');
    expect(groupErrors.map((p) => p.row)).toEqual([4]);
  });

  it('grid staff: grids must exist and belong to the community; 专职 with several grids warns', () => {
    const p = makePerson(20);
    const header = ['姓名', '身份证号', '联系电话', '类型', '所属社区', '负责网格编号', '是否社区工作者'];
    const result = run(
      'grid-staff',
      book(
        sheet([
          header,
          [p.name, p.id, p.phone, '专职网格员', '人民路社区', 'RM01、RM02', '是'],
          [makePerson(21).name, makePerson(21).id, makePerson(21).phone, '兼职', '人民路社区', 'HH01', null],
        ]),
      ),
    );
    expect(
      result.problems
        .filter((x) => x.row === 2)
        .map((x) => x.severity)
        .sort(),
    ).toEqual(['warning', 'warning']);
    expect(result.problems.find((x) => x.row === 3)?.message).toContain('属于“黄河路社区”');
    expect(result.sheets[0]?.records[0]?.values.grids).toEqual(['RM01', 'RM02']);
  });

  it('committee: party post requires a party member; derived 一肩挑/交叉任职; community-level warnings', () => {
    const header = ['姓名', '身份证号', '政治面貌', '所在社区', '党组织职务', '居委会职务'];
    const m = (i: number) => makePerson(i);
    const result = run(
      'committee',
      book(
        sheet([
          header,
          [m(30).name, m(30).id, '党员', '人民路社区', '书记', '主任'],
          [m(31).name, m(31).id, '群众', '人民路社区', '委员', '副主任'],
          [m(32).name, m(32).id, '党员', '人民路社区', '副书记', '委员'],
        ]),
      ),
    );
    // A warning, not a rejection: the member still counts in the 两委 figures.
    expect(result.problems.find((p) => p.row === 3 && p.severity === 'warning')?.message).toContain('须为中共党员');
    expect(result.sheets[0]?.records).toHaveLength(3);
    expect(result.sheets[0]?.records[0]?.values).toMatchObject({ oneShoulder: true, cross: true });
    expect(result.sheets[0]?.records[2]?.values).toMatchObject({ oneShoulder: false, cross: true });
    expect(result.problems.some((p) => p.row === null && p.message.includes('5–9 人'))).toBe(true);
  });

  it('cadres: ID optional, dates ordered, half-year report warning, grid must exist', () => {
    const header = ['姓名', '联系电话', '工作单位', '下沉社区', '包联网格编号', '首次报到日期', '最近报到日期'];
    const result = run(
      'cadres',
      book(
        sheet([
          header,
          ['周八', '13912345678', '市民政局', '人民路社区', 'RM01', '2023-01-05', '2023-03-01'],
          ['吴九', '13912345679', '市财政局', '黄河路社区', 'RM01', '2024-03-01', '2024-01-01'],
        ]),
      ),
    );
    expect(result.problems.find((p) => p.row === 2)?.severity).toBe('warning');
    const row3 = result.problems.filter((p) => p.row === 3 && p.severity === 'error').map((p) => p.column);
    expect(row3).toEqual(['包联网格编号']);
    // Dates out of order warn: the cadre is still registered.
    expect(result.problems.find((p) => p.row === 3 && p.column === '最近报到日期')).toMatchObject({
      severity: 'warning',
      message: expect.stringContaining('早于首次报到日期'),
    });
  });
});

describe('roster definitions', () => {
  it('every roster type has a main sheet with required columns', () => {
    for (const def of Object.values(ROSTER_DEFS)) expect(def.sheets[0]?.key).toBe('main');
  });
});
