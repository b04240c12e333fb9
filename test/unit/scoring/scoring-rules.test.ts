import { describe, expect, it } from 'vitest';
import { annualCoverage } from '../../../shared/domain/scoring/annual-rollup';
import { pointsLostToDeductions } from '../../../shared/domain/scoring/deduction-total';
import { checkManualValue, prepareStandard, scoreCommunity } from '../../../shared/domain/scoring/index';
import { settleItem } from '../../../shared/domain/scoring/reconciliation';
import { structuralRectifications } from '../../../shared/domain/scoring/structural-gaps';
import { DEFAULT_STANDARD } from '../../../shared/domain/standard/default-standard';
import { formatMethodParams, parseMethodParams } from '../../../shared/domain/standard/method-params';
import type { StandardItem } from '../../../shared/domain/standard/standard.schema';
import { validateStandard } from '../../../shared/domain/standard/standard.validator';

const ps = prepareStandard(DEFAULT_STANDARD);
const itemOf = (code: string): StandardItem => {
  const p = ps.itemByCode.get(code);
  if (!p) throw new Error(code);
  return p.item;
};

describe('banded manual items', () => {
  it('allow only the band values, and the 参数 text round-trips them', () => {
    const g1 = itemOf('G1');
    expect(checkManualValue(g1, 50)).toBeUndefined();
    expect(checkManualValue(g1, 30)).toBe('该项按档次评分，只能评6、5、4、2、0分');
    const text = formatMethodParams(g1.method);
    expect(text).toBe('最低0分，步长0.1分\n可选分值：6/5/4/2/0分');
    expect(parseMethodParams('manual', text)).toEqual({ ok: true, method: g1.method });
    expect(parseMethodParams('manual', '最低0分，步长0.1分\n可选分值：6/x分').ok).toBe(false);
  });
  it('are validated against the item range, and blind scores settle to the nearest band', () => {
    const std = structuredClone(DEFAULT_STANDARD);
    const d5 = std.categories.flatMap((c) => c.items).find((i) => i.code === 'D5');
    if (!d5 || d5.method.kind !== 'manual') throw new Error('D5');
    d5.method.allowedTenths = [30, 24, 40];
    expect(validateStandard(std).map((p) => p.message)).toContain(
      'D5“网格员履职（信息采集、巡查、事件上报、入户走访）”：可选分值4分不在0至3分之间',
    );
    expect(settleItem([30, 18], 'mean', { item: itemOf('D5') })).toBe(24);
    expect(settleItem([24, 18, 18], 'mean', { item: itemOf('D5') })).toBe(18);
  });
});

describe('deduction totals', () => {
  it('count points actually lost: per-reason caps and the item floor apply', () => {
    const rec = (reasonCode: string, amountTenths: number) => ({ reasonCode, text: reasonCode, amountTenths });
    const entries = {
      items: [
        { itemCode: 'A4', value: { kind: 'deduct' as const, deductions: [rec('A4-1', 10), rec('A4-1', 10)] } },
        { itemCode: 'G2', value: { kind: 'deduct' as const, deductions: [rec('G2-2', 20), rec('G2-2', 20), rec('G2-2', 20)] } },
      ],
      bonus: [],
      vetoes: [],
    };
    // A4-1 capped at 1; G2 (max 4) floors at 0 after 6 recorded.
    expect(pointsLostToDeductions(scoreCommunity(ps, entries, {}))).toBe(10 + 40);
  });
});

describe('annual coverage', () => {
  it('says which quarters an annual summary covers', () => {
    expect(annualCoverage([1, 2, 3, 4])).toBe('全年');
    expect(annualCoverage([1, 2, 3])).toBe('截至第三季度');
    expect(annualCoverage([1, 3])).toBe('截至第三季度（第二季度未定稿或未考评）');
  });
});

describe('structural gaps', () => {
  it('are silent when the norms are met or the data is missing', () => {
    const ok = {
      households: 2000,
      residents: 6000,
      facilityArea: 1000,
      gridCount: 5,
      gridsWithin300to500: 5,
      workerCount: 11,
      residentsCommitteeCount: 7,
    };
    expect(structuralRectifications(ps, { items: [], bonus: [], vetoes: [] }, ok)).toEqual([]);
    expect(structuralRectifications(ps, { items: [], bonus: [], vetoes: [] }, {})).toEqual([]);
    // 200 households still need 300 m² in all.
    const small = structuralRectifications(ps, { items: [], bonus: [], vetoes: [] }, { ...ok, households: 200, facilityArea: 250 });
    expect(small.map((r) => r.text)).toEqual(['综合服务设施面积250m²，按每百户50m²且不少于300m²应达300m²，差50m²']);
  });
});
