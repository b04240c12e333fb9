import { describe, expect, it } from 'vitest';
import {
  compareWithPrevious,
  computeAnnualResults,
  rollUpAnnual,
  scoreCommunity,
  whatIf,
  type QuarterResult,
} from '../../../shared/domain/scoring/index';
import type { Standard } from '../../../shared/domain/standard/index';
import { METRICS, fullEntries, smallStandard } from './small-standard';

const q = (quarter: 1 | 2 | 3 | 4, totalTenths: number, vetoed = false): QuarterResult => ({ quarter, totalTenths, vetoed });

describe('change against the previous quarter', () => {
  it('reports the total change and the items that moved it most', () => {
    const prev = scoreCommunity(smallStandard(), fullEntries(), METRICS); // X1 3.5, X2 1, X3 3, Y1 2, Y2 4.5 = 14
    const curEntries = fullEntries();
    curEntries.items = [
      { itemCode: 'X1', value: { kind: 'manual', tenths: 40 } }, // +0.5
      { itemCode: 'X2', value: { kind: 'deduct', deductions: [] } }, // +2
      { itemCode: 'X3', value: { kind: 'yesno', yes: false } }, // −3
      { itemCode: 'Y1', value: { kind: 'tiers', met: [0, 2] } }, // 0
    ];
    const cur = scoreCommunity(smallStandard(), curEntries, { households: 400, facilityArea: 320 }); // Y2 4.8: +0.3
    const change = compareWithPrevious({ ...cur, rank: 3 }, { ...prev, rank: 5 }, 3);
    expect(change).toMatchObject({
      previousTotalTenths: 140,
      currentTotalTenths: 138,
      deltaTotalTenths: -2,
      deltaBaseTenths: -2,
      deltaBonusTenths: 0,
      rankMove: 2,
    });
    expect(change.movers).toEqual([
      { code: 'X3', previousTenths: 30, currentTenths: 0, deltaTenths: -30, presence: 'both' },
      { code: 'X2', previousTenths: 10, currentTenths: 30, deltaTenths: 20, presence: 'both' },
      { code: 'X1', previousTenths: 35, currentTenths: 40, deltaTenths: 5, presence: 'both' },
    ]);
  });
  it('matches items by code across versions; new and removed items are marked', () => {
    const base = { totalTenths: 0, baseTenths: 0, bonusTenths: 0 };
    const mk = (items: Array<[string, number]>) => items.map(([code, tenths]) => ({ code, tenths }));
    const change = compareWithPrevious(
      {
        ...base,
        items: mk([
          ['A1', 20],
          ['A7', 10],
        ]),
      } as never,
      {
        ...base,
        items: mk([
          ['A1', 20],
          ['A6', 15],
        ]),
      } as never,
    );
    expect(change.movers).toEqual([
      { code: 'A6', previousTenths: 15, currentTenths: 0, deltaTenths: -15, presence: 'removed' },
      { code: 'A7', previousTenths: 0, currentTenths: 10, deltaTenths: 10, presence: 'added' },
    ]);
  });
  it('no previous quarter: no deltas, no movers', () => {
    const cur = scoreCommunity(smallStandard(), fullEntries(), METRICS);
    expect(compareWithPrevious(cur, undefined)).toEqual({ currentTotalTenths: 140, movers: [] });
  });
});

describe('annual roll-up', () => {
  const std = smallStandard();
  const weighted = (qp: number, yp: number): Standard =>
    smallStandard({ rollUp: { quartersPercent: qp, yearEndPercent: yp, yearEndLabel: '年终评价', vetoAnnualGradeCap: '合格' } });

  it('mean of the four quarters, rounded half-up: (85 + 90 + 88.5 + 91.2) ÷ 4 = 88.675 → 88.7', () => {
    expect(rollUpAnnual(std, { quarters: [q(1, 850), q(2, 900), q(3, 885), q(4, 912)] })).toMatchObject({
      annualTenths: 887,
      missingQuarters: [],
      vetoed: false,
    });
  });
  it('a missing quarter is marked and left out, not counted as 0: (85 + 88.5 + 91.2) ÷ 3 = 88.23 → 88.2', () => {
    const r = rollUpAnnual(std, { quarters: [q(4, 912), q(1, 850), q(3, 885)] });
    expect(r).toMatchObject({ annualTenths: 882, missingQuarters: [2] });
    expect(r.problems).toEqual(['缺少第2季度结果，按已有季度平均']);
  });
  it('quarters 95 % + year-end 5 %: 0.95 × 85.5 + 0.05 × 90 = 85.725 → 85.7', () => {
    expect(rollUpAnnual(weighted(95, 5), { quarters: [q(1, 800), q(2, 900), q(3, 850), q(4, 870)], yearEndTenths: 900 }).annualTenths).toBe(
      857,
    );
  });
  it('70/30 rounds the exact half up: 0.7 × 85.5 + 0.3 × 86 = 85.65 → 85.7', () => {
    expect(rollUpAnnual(weighted(70, 30), { quarters: [q(1, 855)], yearEndTenths: 860 }).annualTenths).toBe(857);
  });
  it('a missing year-end score is marked; the quarters carry the weight meanwhile', () => {
    const r = rollUpAnnual(weighted(70, 30), { quarters: [q(1, 800), q(2, 900)] });
    expect(r).toMatchObject({ annualTenths: 850, yearEndMissing: true });
    expect(r.problems).toContain('缺少年终评价分数，暂按季度平均计算');
  });
  it('no quarter at all gives no annual score', () => {
    expect(rollUpAnnual(std, { quarters: [] })).toMatchObject({ annualTenths: null, missingQuarters: [1, 2, 3, 4] });
  });
  it('annual results: ranks with ties, grades by bands, a vetoed quarter caps the grade at 合格', () => {
    const out = computeAnnualResults(std, [
      { id: 'a', sortKey: '1', quarters: [q(1, 190), q(2, 190), q(3, 190), q(4, 190, true)] }, // 19 but vetoed → last among scored, 合格
      { id: 'b', sortKey: '2', quarters: [q(1, 170), q(2, 180)] }, // 17.5 良好
      { id: 'c', sortKey: '3', quarters: [q(1, 175), q(3, 175)] }, // 17.5 良好 (tie with b)
      { id: 'd', sortKey: '4', quarters: [] },
      { id: 'e', sortKey: '5', quarters: [q(1, 185), q(2, 185), q(3, 185), q(4, 185)] }, // 18.5 优秀
    ]);
    expect(out.map((r) => [r.id, r.annualTenths, r.rank, r.grade, r.cappedFrom ?? ''])).toEqual([
      ['e', 185, 1, '优秀', ''],
      ['b', 175, 2, '良好', ''],
      ['c', 175, 2, '良好', ''],
      ['a', 190, 4, '合格', '优秀'],
      ['d', null, 0, null, ''],
    ]);
    expect(out.find((r) => r.id === 'c')?.missingQuarters).toEqual([2, 4]);
  });
});

describe('what-if: another version on the same entries', () => {
  // New version: X3 removed, Y3 (yes/no, 3 points) added → X 7, Y 13.
  const newer = (): Standard => {
    const s = smallStandard({ version: 2 });
    const [x, y] = s.categories;
    if (!x || !y) throw new Error('categories');
    x.items = x.items.filter((i) => i.code !== 'X3');
    x.maxTenths = 70;
    y.items.push({
      code: 'Y3',
      title: '新增',
      maxTenths: 30,
      method: { kind: 'yesno' },
      evidence: ['查阅资料'],
      frequency: 'Q',
      guide: '',
    });
    y.maxTenths = 130;
    return s;
  };
  it('shows old vs new total, rank and grade, and what did not carry over', () => {
    const c2 = fullEntries();
    c2.items = c2.items.map((i) => (i.itemCode === 'X1' ? { itemCode: 'X1', value: { kind: 'manual', tenths: 40 } } : i));
    c2.items.push({ itemCode: 'Y3', value: { kind: 'yesno', yes: true } });
    const res = whatIf(smallStandard(), newer(), [
      { id: 'c1', sortKey: '1', entries: fullEntries(), metrics: METRICS },
      { id: 'c2', sortKey: '2', entries: c2, metrics: METRICS },
    ]);
    expect(res.rows).toEqual([
      {
        id: 'c2',
        old: { totalTenths: 145, rank: 1, grade: '合格' },
        new: { totalTenths: 145, rank: 1, grade: '合格' },
        deltaTenths: 0,
        rankMove: 0,
        gradeChanged: false,
        unmatchedItems: [],
        droppedItems: ['X3'],
      },
      {
        id: 'c1',
        old: { totalTenths: 140, rank: 2, grade: '合格' },
        new: { totalTenths: 110, rank: 2, grade: '不合格' },
        deltaTenths: -30,
        rankMove: 0,
        gradeChanged: true,
        unmatchedItems: ['Y3'],
        droppedItems: ['X3'],
      },
    ]);
  });
  it('the same version gives identical results', () => {
    const res = whatIf(smallStandard(), smallStandard(), [{ id: 'c1', sortKey: '1', entries: fullEntries(), metrics: METRICS }]);
    expect(res.rows[0]).toMatchObject({ deltaTenths: 0, rankMove: 0, gradeChanged: false, unmatchedItems: [], droppedItems: [] });
  });
});
