import { describe, expect, it } from 'vitest';
import { codeWithin, mainKind, unitCodeProblem, unitNameOf } from '../../../shared/domain/levels/levels';
import {
  cadresByWorkUnit,
  departmentTasksOf,
  memberUnitMetrics,
  namesMemberUnit,
  reportDueDate,
  subordinateMetrics,
  type ReceivedUnitFacts,
} from '../../../shared/domain/levels/level-metrics';
import { defaultUnitStandard } from '../../../shared/domain/levels/unit-standards';
import { parseUnitRoster } from '../../../shared/domain/levels/unit-roster';
import { validateStandard } from '../../../shared/domain/standard/standard.validator';
import { scoreCommunity } from '../../../shared/domain/scoring/community-score';

const unit = (over: Partial<ReceivedUnitFacts> = {}): ReceivedUnitFacts => ({
  total: 80,
  grade: '良好',
  vetoes: [],
  earlierRectifications: [],
  cadres: [],
  deductions: [],
  ...over,
});

describe('levels and unit codes', () => {
  it('checks the 统计用区划代码 of each level', () => {
    expect(unitCodeProblem('街道', '411102001')).toBeUndefined();
    expect(unitCodeProblem('县区', '411102')).toBeUndefined();
    expect(unitCodeProblem('市', '411100')).toBeUndefined();
    expect(unitCodeProblem('街道', '411102')).toContain('9 位数字');
    expect(unitCodeProblem('县区', '41110')).toContain('6 位数字');
    expect(unitCodeProblem('县区', '411100')).toContain('市的代码');
    expect(unitCodeProblem('市', '411102')).toContain('00 结尾');
    expect(unitCodeProblem('街道', '41110200A')).toContain('9 位数字');
  });

  it('knows what each level appraises and which codes lie within', () => {
    expect(mainKind('街道')).toBe('社区');
    expect(mainKind('县区')).toBe('街道');
    expect(mainKind('市')).toBe('县区');
    expect(codeWithin('县区', '411102', '411102001')).toBe(true);
    expect(codeWithin('县区', '411102', '411103001')).toBe(false);
    expect(codeWithin('市', '411100', '411102')).toBe(true);
    expect(codeWithin('市', '411100', '410102')).toBe(false);
    expect(unitNameOf('县区', { city: '漯河市', county: '源汇区', street: '' })).toBe('源汇区');
  });
});

describe('metrics of units above the community', () => {
  it('measures a reported round: pass rate, average, change, vetoes, 整改, lateness', () => {
    const current = {
      receivedAt: '2021-10-18T09:00:00.000Z',
      units: [
        unit({ total: 92, grade: '优秀', earlierRectifications: [{ status: 'verified' }, { status: 'open' }] }),
        unit({ total: 70, grade: '合格' }),
        unit({ total: 85, grade: '不合格', vetoes: [{ code: 'V1' }] }),
        unit({ total: 55, grade: '不合格' }),
      ],
    };
    const previous = { receivedAt: '2021-07-10T00:00:00.000Z', units: [unit({ total: 70 }), unit({ total: 80 })] };
    expect(reportDueDate(2021, 3)).toBe('2021-10-15');
    const m = subordinateMetrics(current, previous, reportDueDate(2021, 3), '2021-11-01T00:00:00.000Z');
    expect(m).toEqual({
      reported: 1,
      subUnitCount: 4,
      subPassRate: 0.5,
      subAverageScore: 75.5,
      subAverageChange: 0.5,
      subVetoCount: 1,
      rectificationsDue: 2,
      rectificationsDone: 1,
      rectificationRate: 0.5,
      reportDaysLate: 3,
    });
  });

  it('gives a unit that has not reported zeros and counts its lateness to now', () => {
    const m = subordinateMetrics(null, null, '2021-10-15', '2021-10-25T08:00:00.000Z');
    expect(m.reported).toBe(0);
    expect(m.subPassRate).toBe(0);
    expect(m.reportDaysLate).toBe(10);
  });

  it('attributes 下沉干部 and 清单外 tasks to a 成员单位 by name or 简称', () => {
    const units = [
      unit({
        cadres: [
          { workUnit: '漯河市民政局', registered: 4, reported: 3 },
          { workUnit: '市委组织部', registered: 2, reported: 2 },
        ],
        deductions: [
          { department: '市民政局', points: 1 },
          { department: null, points: 0.5 },
        ],
      }),
      unit({
        cadres: [{ workUnit: '漯河市民政局', registered: 6, reported: 5 }],
        departmentTasks: [{ department: '民政局', count: 2, points: 2 }],
      }),
    ];
    const cadres = cadresByWorkUnit(units);
    expect(cadres).toEqual([
      { workUnit: '市委组织部', registered: 2, reported: 2 },
      { workUnit: '漯河市民政局', registered: 10, reported: 8 },
    ]);
    const tasks = departmentTasksOf(units);
    expect(tasks).toEqual([
      { department: '市民政局', count: 1, points: 1 },
      { department: '民政局', count: 2, points: 2 },
    ]);
    const mz = { name: '漯河市民政局', shortName: '民政局' };
    expect(memberUnitMetrics(mz, cadres, tasks)).toEqual({
      memberCadresRegistered: 10,
      memberCadresReported: 8,
      memberCadreReportRate: 0.8,
      offListTasks: 3,
      offListPoints: 3,
    });
    expect(memberUnitMetrics({ name: '市财政局', shortName: '财政局' }, cadres, tasks).memberCadresRegistered).toBe(0);
    expect(namesMemberUnit('局', mz)).toBe(false);
    expect(namesMemberUnit('市委组织部', { name: '组织部', shortName: null })).toBe(true);
  });
});

describe('default standards of the other kinds', () => {
  for (const kind of ['街道', '县区', '成员单位'] as const) {
    it(`${kind}: validates without errors and scores its computed items from the metrics`, () => {
      const std = defaultUnitStandard(kind);
      expect(std).not.toBeNull();
      if (!std) return;
      expect(validateStandard(std).filter((p) => p.severity === 'error')).toEqual([]);
      const metrics =
        kind === '成员单位'
          ? { memberCadresRegistered: 10, memberCadresReported: 8, memberCadreReportRate: 0.8, offListTasks: 2, offListPoints: 2 }
          : subordinateMetrics(
              { receivedAt: '2021-10-10', units: [unit({ total: 90 }), unit({ total: 75 })] },
              null,
              '2021-10-15',
              '2021-10-20',
            );
      const score = scoreCommunity(std, { items: [], bonus: [], vetoes: [] }, metrics);
      const computed = score.items.filter((i) => i.status === 'computed');
      expect(computed.length).toBeGreaterThan(0);
      expect(score.items.filter((i) => i.status === 'invalid')).toEqual([]);
      if (kind === '成员单位') {
        expect(score.items.find((i) => i.code === 'A1')?.tenths).toBe(253); // 30 × 0.8 / 0.95 = 25.26
        expect(score.items.find((i) => i.code === 'B1')?.tenths).toBe(240);
      } else {
        expect(score.items.find((i) => i.code === 'A1')?.tenths).toBe(200);
        expect(score.items.find((i) => i.code === 'A2')?.tenths).toBe(113); // avg 82.5 → 15 × 22.5 / 30
        expect(score.items.find((i) => i.code === 'B2')?.tenths).toBe(100);
      }
    });
  }
  it('has none of its own for 社区 (the community standard is the default one)', () => {
    expect(defaultUnitStandard('社区')).toBeNull();
  });
});

describe('units roster', () => {
  const wb = (rows: (string | number | null)[][]) => ({
    format: 'xlsx' as const,
    date1904: false,
    sheets: [{ name: '成员单位', index: 0, hidden: false, rows: rows.map((cells, i) => ({ rowNumber: i + 1, cells })) }],
  });

  it('reads 名称, 简称, 联系人 under a title row and rejects duplicates and empty names', () => {
    const parsed = parseUnitRoster(
      wb([
        ['漯河市社区建设领导小组成员单位'],
        ['名称*', '简称', '联系人'],
        ['漯河市民政局', '民政局', '李明'],
        ['中共漯河市委组织部', '组织部', null],
        [null, '财政局', '王强'],
        ['漯河市民政局', '民政', null],
        [null, null, null],
      ]),
      '成员单位',
    );
    expect(parsed.rows.map((r) => [r.row, r.name, r.shortName, r.contact])).toEqual([
      [3, '漯河市民政局', '民政局', '李明'],
      [4, '中共漯河市委组织部', '组织部', null],
    ]);
    expect(parsed.problems.map((p) => [p.row, p.message])).toEqual([
      [5, '名称不能为空。'],
      [6, '名称与第 3 行重复。'],
    ]);
  });

  it('needs a valid code for 街道 and refuses a file without the 名称 column', () => {
    const streets = parseUnitRoster(
      wb([
        ['街道名称', '统计用区划代码'],
        ['龙塔街道', '411102001'],
        ['沙北街道', '4111020'],
      ]),
      '街道',
    );
    expect(streets.rows.map((r) => r.code)).toEqual(['411102001']);
    expect(streets.problems[0]?.message).toContain('9 位数字');
    expect(parseUnitRoster(wb([['姓名', '电话']]), '成员单位').problems[0]?.message).toContain('找不到表头');
  });
});
