import { describe, expect, it } from 'vitest';
import { checkManualValue, prepareStandard, scoreItem, type ItemEntry } from '../../../shared/domain/scoring/index';
import { NOT_CHECKED } from '../../../shared/domain/scoring/item-score';
import { validateStandard, type Standard } from '../../../shared/domain/standard/index';
import { METRICS, smallStandard } from './small-standard';

const std = smallStandard();
const ps = prepareStandard(std);
const item = (code: string) => {
  const p = ps.itemByCode.get(code);
  if (!p) throw new Error(code);
  return p;
};
const score = (
  code: string,
  entry?: Omit<ItemEntry, 'itemCode'>,
  metrics: Record<string, number | null> = METRICS,
  policy: 'rescale' | 'keep' = 'rescale',
) => scoreItem(item(code), entry ? { itemCode: code, ...entry } : undefined, metrics, policy);

describe('the test standard itself', () => {
  it('is valid', () => {
    expect(validateStandard(std)).toEqual([]);
  });
});

describe('manual items: range and step', () => {
  it('accepts values on the step grid within [min, max]', () => {
    expect(score('X1', { value: { kind: 'manual', tenths: 35 } })).toMatchObject({ tenths: 35, status: 'scored' });
    expect(score('X1', { value: { kind: 'manual', tenths: 0 } }).tenths).toBe(0);
    expect(score('X1', { value: { kind: 'manual', tenths: 40 } }).tenths).toBe(40);
  });
  it('refuses off-step and out-of-range values with a message, scoring 0', () => {
    expect(score('X1', { value: { kind: 'manual', tenths: 33 } })).toMatchObject({
      tenths: 0,
      status: 'invalid',
      message: '得分须按0.5分递增（如0、0.5、1…）',
    });
    expect(score('X1', { value: { kind: 'manual', tenths: 45 } })).toMatchObject({
      tenths: 0,
      status: 'invalid',
      message: '得分应在0至4分之间',
    });
  });
  it('checkManualValue refuses on the spot (used by the form)', () => {
    const x1 = item('X1').item;
    expect(checkManualValue(x1, 25)).toBeUndefined();
    expect(checkManualValue(x1, 26)).toBe('得分须按0.5分递增（如0、0.5、1…）');
    expect(checkManualValue(x1, -5)).toBe('得分应在0至4分之间');
    expect(checkManualValue(x1, 2.5)).toBe('得分须精确到0.1分');
    const withMin = { ...x1, method: { kind: 'manual' as const, minTenths: 10, stepTenths: 10 } };
    expect(checkManualValue(withMin, 5)).toBe('得分应在1至4分之间');
    expect(checkManualValue(withMin, 30)).toBeUndefined();
  });
  it('nothing recorded is missing and counts 0', () => {
    expect(score('X1')).toMatchObject({ tenths: 0, status: 'missing' });
  });
});

describe('deduction items: ledger, per-reason caps, floor at 0 (扣完为止)', () => {
  const rec = (reasonCode: string | null, amountTenths: number, text = '记录') => ({ reasonCode, text, amountTenths });
  it('no ledger = not checked yet (missing, 0); an empty ledger (核查无扣分) = full marks', () => {
    expect(score('X2')).toMatchObject({ tenths: 0, status: 'missing', message: NOT_CHECKED });
    expect(score('X2', { value: { kind: 'deduct', deductions: [] } }).tenths).toBe(30);
  });
  it('max − Σ deductions', () => {
    expect(score('X2', { value: { kind: 'deduct', deductions: [rec('X2-2', 10), rec('X2-1', 5)] } })).toMatchObject({
      tenths: 15,
      deductedTenths: 15,
      deductionCount: 2,
    });
  });
  it('a reason with a cap deducts at most its cap (3 × 0.5 capped at 1)', () => {
    const r = score('X2', { value: { kind: 'deduct', deductions: [rec('X2-1', 5), rec('X2-1', 5), rec('X2-1', 5)] } });
    expect(r).toMatchObject({ tenths: 20, deductedTenths: 10, deductionCount: 3 });
  });
  it('floors at 0 when deductions exceed the max', () => {
    const r = score('X2', {
      value: { kind: 'deduct', deductions: [rec('X2-2', 10), rec('X2-2', 10), rec('X2-2', 10), rec(null, 15, '其他问题')] },
    });
    expect(r).toMatchObject({ tenths: 0, deductedTenths: 45 });
  });
  it('unknown reason codes and free text when not allowed are invalid', () => {
    expect(score('X2', { value: { kind: 'deduct', deductions: [rec('X9', 5, '乱填')] } })).toMatchObject({
      status: 'invalid',
      message: '扣分记录“乱填”：扣分原因编码“X9”不在该项的扣分原因中',
    });
    const strict: Standard = smallStandard();
    const x2 = strict.categories[0]?.items[1];
    if (x2?.method.kind === 'deduct') x2.method.allowOtherReasons = false;
    const p = prepareStandard(strict).itemByCode.get('X2');
    if (!p) throw new Error('X2');
    expect(
      scoreItem(p, { itemCode: 'X2', value: { kind: 'deduct', deductions: [rec(null, 5, '自由填写')] } }, METRICS, 'rescale').message,
    ).toBe('扣分记录“自由填写”：该项只能选择标准扣分原因');
  });
  it('a value of another kind is refused', () => {
    expect(score('X2', { value: { kind: 'manual', tenths: 10 } })).toMatchObject({
      status: 'invalid',
      message: '录入方式（手动评分）与该项评分方法（扣分制）不符',
    });
    expect(score('X1', { value: { kind: 'yesno', yes: true } })).toMatchObject({ status: 'invalid', tenths: 0 });
  });
});

describe('tiers and yes/no', () => {
  it('tiers: points by the number of criteria met', () => {
    expect(score('Y1', { value: { kind: 'tiers', met: [] } }).tenths).toBe(0);
    expect(score('Y1', { value: { kind: 'tiers', met: [2] } }).tenths).toBe(10);
    expect(score('Y1', { value: { kind: 'tiers', met: [0, 2] } }).tenths).toBe(20);
    expect(score('Y1', { value: { kind: 'tiers', met: [2, 1, 0] } }).tenths).toBe(40);
  });
  it('tiers: duplicate or unknown criteria are invalid', () => {
    expect(score('Y1', { value: { kind: 'tiers', met: [1, 1] } })).toMatchObject({ status: 'invalid', message: '分档条件重复勾选' });
    expect(score('Y1', { value: { kind: 'tiers', met: [3] } })).toMatchObject({ status: 'invalid', message: '勾选了不存在的分档条件' });
  });
  it('yes/no: full or zero', () => {
    expect(score('X3', { value: { kind: 'yesno', yes: true } }).tenths).toBe(30);
    expect(score('X3', { value: { kind: 'yesno', yes: false } }).tenths).toBe(0);
  });
});

describe('computed items', () => {
  it('evaluates the formula on the metrics: 6 × 300/400 = 4.5', () => {
    expect(score('Y2')).toMatchObject({ tenths: 45, status: 'computed', rawValue: '4.5', metricKeys: ['facilityArea', 'households'] });
  });
  it('rounds half-up to 0.1 on the exact value (6 × 89/120 = 4.45 → 4.5; 4.4985 → 4.5; 4.4444 → 4.4)', () => {
    expect(score('Y2', undefined, { households: 120, facilityArea: 89 }).tenths).toBe(45);
    expect(score('Y2', undefined, { households: 400, facilityArea: 299.9 }).tenths).toBe(45);
    expect(score('Y2', undefined, { households: 270, facilityArea: 200 }).tenths).toBe(44);
  });
  it('clamps to [0, max] and says so', () => {
    const s = smallStandard();
    const y2 = s.categories[1]?.items[1];
    if (y2) y2.method = { kind: 'computed', expression: '6 * facilityArea / households' };
    const p = prepareStandard(s).itemByCode.get('Y2');
    if (!p) throw new Error('Y2');
    expect(scoreItem(p, undefined, { households: 400, facilityArea: 500 }, 'rescale')).toMatchObject({
      tenths: 60,
      clamped: true,
      rawValue: '7.5',
    });
    expect(scoreItem(p, undefined, { households: 400, facilityArea: -100 }, 'rescale')).toMatchObject({ tenths: 0, clamped: true });
    expect(scoreItem(p, undefined, { households: 0, facilityArea: 100 }, 'rescale')).toMatchObject({ tenths: 0, status: 'invalid' });
  });
  it('missing metrics make the item invalid with the metric named', () => {
    expect(score('Y2', undefined, { households: 400, facilityArea: null })).toMatchObject({ status: 'invalid', tenths: 0 });
    expect(score('Y2', undefined, { households: 400, facilityArea: null }).message).toContain('服务设施面积');
  });
  it('a broken formula in the standard scores invalid, never throws', () => {
    const s = smallStandard();
    const y2 = s.categories[1]?.items[1];
    if (y2) y2.method = { kind: 'computed', expression: '6 * (' };
    const p = prepareStandard(s).itemByCode.get('Y2');
    if (!p) throw new Error('Y2');
    expect(scoreItem(p, undefined, METRICS, 'rescale').message).toMatch(/^公式有误：/);
  });
});

describe('N/A and overrides', () => {
  it('N/A counts 0 of 0 under rescale and full points under keep', () => {
    expect(score('X1', { na: { reason: '本季度不涉及' } })).toMatchObject({ tenths: 0, status: 'na', reason: '本季度不涉及' });
    expect(score('X1', { na: { reason: '本季度不涉及' } }, METRICS, 'keep')).toMatchObject({ tenths: 40, status: 'na' });
  });
  it('an override replaces the derived score and keeps it visible', () => {
    expect(score('Y2', { override: { tenths: 50, reason: '名册漏报一处设施，经实地核实' } })).toMatchObject({
      tenths: 50,
      status: 'overridden',
      derivedTenths: 45,
      reason: '名册漏报一处设施，经实地核实',
    });
  });
  it('an override can rescue a computed item whose data is missing', () => {
    const r = score('Y2', { override: { tenths: 30, reason: '按纸质台账核定' } }, { households: null, facilityArea: 300 });
    expect(r).toMatchObject({ tenths: 30, status: 'overridden' });
    expect(r.derivedTenths).toBeUndefined();
  });
  it('an override out of range or without a reason is invalid', () => {
    expect(score('X1', { value: { kind: 'manual', tenths: 20 }, override: { tenths: 41, reason: '理由' } })).toMatchObject({
      status: 'invalid',
      message: '调整后的得分应在0至4分之间',
    });
    expect(score('X1', { value: { kind: 'manual', tenths: 20 }, override: { tenths: 30, reason: '  ' } })).toMatchObject({
      status: 'invalid',
      message: '调整得分须填写理由',
    });
  });
});
