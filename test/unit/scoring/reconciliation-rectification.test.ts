import { describe, expect, it } from 'vitest';
import {
  itemSpread,
  medianTenths,
  rectificationsFrom,
  settleItem,
  spreadReport,
  trimmedMeanTenths,
} from '../../../shared/domain/scoring/index';
import { fullEntries, smallStandard } from './small-standard';

const x1 = smallStandard().categories[0]?.items[0];
if (!x1) throw new Error('X1');

describe('blind multi-assessor reconciliation', () => {
  it('spread, mean, median and a flag above the threshold', () => {
    const s = itemSpread(
      'X1',
      [
        { assessorId: '张', tenths: 30 },
        { assessorId: '李', tenths: 35 },
        { assessorId: '王', tenths: 20 },
      ],
      10,
    );
    expect(s).toMatchObject({ count: 3, minTenths: 20, maxTenths: 35, spreadTenths: 15, meanTenths: 28, medianTenths: 30, flagged: true });
    expect(
      itemSpread(
        'X1',
        [
          { assessorId: '张', tenths: 30 },
          { assessorId: '李', tenths: 40 },
        ],
        10,
      ).flagged,
    ).toBe(false);
  });
  it('settles by mean, median, trimmed mean or a chosen value', () => {
    expect(settleItem([30, 35, 20], 'mean')).toBe(28); // 28.33
    expect(settleItem([30, 35, 20], 'median')).toBe(30);
    expect(settleItem([30, 35, 20, 100], 'trimmedMean')).toBe(33); // (30 + 35) ÷ 2 = 32.5 → 33
    expect(settleItem([30, 35], 'trimmedMean')).toBe(33); // fewer than 3: plain mean 32.5 → 33
    expect(settleItem([30, 35, 20], 'chosen', { chosenTenths: 25 })).toBe(25);
    expect(medianTenths([20, 35])).toBe(28); // 27.5 → 28
    expect(trimmedMeanTenths([10, 20, 30, 40, 50])).toBe(30);
    expect(() => settleItem([1], 'chosen')).toThrow(RangeError);
  });
  it('snaps a settled value onto a manual item’s step and range', () => {
    expect(settleItem([30, 35, 20], 'mean', { item: x1 })).toBe(30); // 2.8 → 3.0 on a 0.5 step
    expect(settleItem([20, 25], 'mean', { item: x1 })).toBe(25); // 2.25 → 2.3 → 2.5
    expect(settleItem([], 'chosen', { chosenTenths: 90, item: x1 })).toBe(40); // clamped to max
  });
  it('spread report over several assessors, in standard order, flags per item', () => {
    const rows = spreadReport(
      [
        {
          assessorId: '张',
          items: new Map([
            ['X1', 30],
            ['X2', 20],
            ['Y1', 40],
          ]),
        },
        {
          assessorId: '李',
          items: new Map([
            ['X1', 40],
            ['X2', 20],
          ]),
        },
      ],
      5,
      ['X1', 'X2', 'X3'],
    );
    expect(rows.map((r) => [r.itemCode, r.count, r.spreadTenths, r.flagged])).toEqual([
      ['X1', 2, 10, true],
      ['X2', 2, 0, false],
      ['Y1', 1, 0, false],
    ]);
  });
});

describe('rectification list from deductions', () => {
  it('lists every deduction, unmet tier criterion, failed yes/no and veto, in standard order', () => {
    const e = fullEntries({ vetoes: [{ code: 'V1', fact: '9月3日发生火灾' }] });
    e.items = e.items.map((i) => (i.itemCode === 'X3' ? { itemCode: 'X3', value: { kind: 'yesno', yes: false } } : i));
    e.items.push({ itemCode: 'Y2', na: { reason: '不适用' } });
    const list = rectificationsFrom(smallStandard(), e);
    expect(list.map((r) => [r.kind, r.itemCode, r.text, r.lostTenths])).toEqual([
      ['deduction', 'X2', '缺记录', 5],
      ['deduction', 'X2', '缺记录', 5],
      ['deduction', 'X2', '缺记录', 5],
      ['deduction', 'X2', '未公示', 10],
      ['no', 'X3', '是否未达标', 30],
      ['criterion', 'Y1', '条件二', 0],
      ['veto', 'V1', '9月3日发生火灾', 0],
    ]);
    expect(list[0]).toMatchObject({ categoryCode: 'X', itemTitle: '扣分', reasonCode: 'X2-1' });
  });
  it('an N/A item yields nothing', () => {
    const e = fullEntries();
    e.items = e.items.map((i) => (i.itemCode === 'X2' ? { ...i, na: { reason: '不适用' } } : i));
    expect(rectificationsFrom(smallStandard(), e).filter((r) => r.itemCode === 'X2')).toEqual([]);
  });
});
