import { describe, expect, it } from 'vitest';
import { scoreCommunity } from '../../../shared/domain/scoring/index';
import { METRICS, fullEntries, smallStandard } from './small-standard';

describe('category and total', () => {
  it('sums items into categories and the base score', () => {
    const s = scoreCommunity(smallStandard(), fullEntries(), METRICS);
    expect(s.items.map((i) => [i.code, i.tenths])).toEqual([
      ['X1', 35],
      ['X2', 10],
      ['X3', 30],
      ['Y1', 20],
      ['Y2', 45],
    ]);
    expect(s.categories.map((c) => [c.code, c.tenths, c.maxTenths])).toEqual([
      ['X', 75, 100],
      ['Y', 65, 100],
    ]);
    expect(s).toMatchObject({
      rawTenths: 140,
      baseTenths: 140,
      bonusTenths: 0,
      totalTenths: 140,
      complete: true,
      deductionCount: 4,
      problems: [],
    });
  });
  it('is incomplete while an item is missing or invalid, and lists the problem', () => {
    const e = fullEntries();
    e.items = e.items.filter((i) => i.itemCode !== 'X1');
    expect(scoreCommunity(smallStandard(), e, METRICS)).toMatchObject({ complete: false, totalTenths: 105 });
    e.items.push({ itemCode: 'X1', value: { kind: 'manual', tenths: 33 } });
    const s = scoreCommunity(smallStandard(), e, METRICS);
    expect(s.complete).toBe(false);
    expect(s.problems).toEqual(['X1：得分须按0.5分递增（如0、0.5、1…）']);
  });
  it('entries for unknown items and duplicates are reported, not counted', () => {
    const e = fullEntries();
    e.items.push({ itemCode: 'Z9', value: { kind: 'manual', tenths: 10 } }, { itemCode: 'X1', value: { kind: 'manual', tenths: 40 } });
    const s = scoreCommunity(smallStandard(), e, METRICS);
    expect(s.totalTenths).toBe(140);
    expect(s.problems).toEqual(['录入的指标“Z9”不在本标准中，已忽略', '指标X1录入了多次，只计第一次']);
  });
});

describe('N/A policy', () => {
  const withNa = () => {
    const e = fullEntries();
    e.items = e.items.map((i) => (i.itemCode === 'X3' ? { itemCode: 'X3', na: { reason: '无此项工作' } } : i));
    return e;
  };
  it('rescale: Σ applicable scores × total ÷ Σ applicable maxima, rounded once half-up (110 × 200 ÷ 170 = 129.4 → 129)', () => {
    const s = scoreCommunity(smallStandard(), withNa(), METRICS);
    expect(s).toMatchObject({ rawTenths: 110, applicableMaxTenths: 170, baseTenths: 129, totalTenths: 129 });
    expect(s.categories[0]).toMatchObject({ tenths: 45, maxTenths: 100, applicableMaxTenths: 70 });
  });
  it('rescale rounds once, half-up, exact halves away from zero', () => {
    // X3, Y1 N/A: X1 3.5 + X2 1 + Y2 4.5 = 9 of 13 → 9 × 20 ÷ 13 = 13.846 → 13.8
    const e = withNa();
    e.items = e.items.map((i) => (i.itemCode === 'Y1' ? { itemCode: 'Y1', na: { reason: '不适用' } } : i));
    expect(scoreCommunity(smallStandard(), e, METRICS).baseTenths).toBe(138);
    // X2, X3, Y2 N/A: X1 3.5 + Y1 2 = 5.5 of 8 → 5.5 × 20 ÷ 8 = 13.75 exactly → 13.8
    const half = fullEntries();
    half.items = half.items.map((i) => (['X2', 'X3'].includes(i.itemCode) ? { itemCode: i.itemCode, na: { reason: '-' } } : i));
    half.items.push({ itemCode: 'Y2', na: { reason: '-' } });
    expect(scoreCommunity(smallStandard(), half, METRICS)).toMatchObject({ rawTenths: 55, applicableMaxTenths: 80, baseTenths: 138 });
    // Only X2 applicable (3 points), 1.5 deducted → 1.5 of 3 → exactly 10.0
    const only = fullEntries({
      items: [
        { itemCode: 'X1', na: { reason: '-' } },
        { itemCode: 'X2', value: { kind: 'deduct', deductions: [{ reasonCode: 'X2-2', text: '未公示', amountTenths: 15 }] } },
        { itemCode: 'X3', na: { reason: '-' } },
        { itemCode: 'Y1', na: { reason: '-' } },
        { itemCode: 'Y2', na: { reason: '-' } },
      ],
    });
    expect(scoreCommunity(smallStandard(), only, METRICS).baseTenths).toBe(100);
  });
  it('keep: N/A items count their full points', () => {
    const s = scoreCommunity(smallStandard({ naPolicy: 'keep' }), withNa(), METRICS);
    expect(s).toMatchObject({ rawTenths: 140, applicableMaxTenths: 200, baseTenths: 140 });
  });
  it('all items N/A under rescale gives 0 and says why', () => {
    const e = fullEntries({ items: ['X1', 'X2', 'X3', 'Y1', 'Y2'].map((c) => ({ itemCode: c, na: { reason: '-' } })) });
    const s = scoreCommunity(smallStandard(), e, METRICS);
    expect(s.baseTenths).toBe(0);
    expect(s.problems).toContain('所有指标均为不适用，无法计算基础分');
  });
});

describe('bonus caps', () => {
  it('per-item cap then overall cap: B1 市级+省级 = 3 → 2; B2 1.5; total 3.5 → 3', () => {
    const s = scoreCommunity(
      smallStandard(),
      fullEntries({
        bonus: [
          {
            code: 'B1',
            awards: [
              { level: '市级', note: '市文明社区' },
              { level: '省级', note: '省示范' },
            ],
          },
          { code: 'B2', tenths: 15 },
        ],
      }),
      METRICS,
    );
    expect(s.bonus).toEqual([
      { code: 'B1', claimedTenths: 30, tenths: 20 },
      { code: 'B2', claimedTenths: 15, tenths: 15 },
    ]);
    expect(s).toMatchObject({ bonusTenths: 30, totalTenths: 170 });
  });
  it('under the caps bonus adds fully', () => {
    const s = scoreCommunity(smallStandard(), fullEntries({ bonus: [{ code: 'B1', awards: [{ level: '市级', note: '' }] }] }), METRICS);
    expect(s).toMatchObject({ bonusTenths: 10, totalTenths: 150 });
  });
  it('unknown levels, off-step manual bonus and unknown codes are refused with messages', () => {
    const s = scoreCommunity(
      smallStandard(),
      fullEntries({
        bonus: [
          { code: 'B1', awards: [{ level: '国家级', note: '' }] },
          { code: 'B2', tenths: 7 },
          { code: 'B9', tenths: 5 },
        ],
      }),
      METRICS,
    );
    expect(s.bonusTenths).toBe(0);
    expect(s.problems).toEqual(['加分项B1没有“国家级”这一级别', '加分项B2的分数应在0至2分之间，按0.5分递增', '加分项“B9”不在本标准中']);
  });
});

describe('veto effects on the total', () => {
  it('zero: the total becomes 0 (bonus included)', () => {
    const s = scoreCommunity(
      smallStandard(),
      fullEntries({ bonus: [{ code: 'B2', tenths: 10 }], vetoes: [{ code: 'V3', fact: '台账后补' }] }),
      METRICS,
    );
    expect(s).toMatchObject({ baseTenths: 140, bonusTenths: 10, totalTenths: 0 });
    expect(s.vetoes).toEqual([{ code: 'V3', title: '造假', effect: 'zero', fact: '台账后补' }]);
  });
  it('fail and noExcellent keep the total (they act on the grade)', () => {
    expect(scoreCommunity(smallStandard(), fullEntries({ vetoes: [{ code: 'V1', fact: '火灾' }] }), METRICS).totalTenths).toBe(140);
    expect(scoreCommunity(smallStandard(), fullEntries({ vetoes: [{ code: 'V2', fact: '—' }] }), METRICS).totalTenths).toBe(140);
  });
  it('an unknown veto code is reported and ignored', () => {
    const s = scoreCommunity(smallStandard(), fullEntries({ vetoes: [{ code: 'V7', fact: '—' }] }), METRICS);
    expect(s.vetoes).toEqual([]);
    expect(s.problems).toEqual(['否决项“V7”不在本标准中，已忽略']);
  });
});
