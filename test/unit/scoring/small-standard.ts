/**
 * A small standard whose results are easy to compute by hand (total 20 points):
 *   X (10): X1 manual 0–4 step 0.5 · X2 deduct 3 (X2-1 0.5 each, capped at 1; X2-2 1 each) · X3 yes/no 3
 *   Y (10): Y1 tiers 4 (0/1/2/4 for 0–3 criteria) · Y2 computed 6 = 6 × min(1, facilityArea ÷ households)
 * Bonus cap 3: B1 levels 市级 1 / 省级 2 (item cap 2); B2 manual step 0.5 (cap 2).
 * Vetoes: V1 fail, V2 noExcellent, V3 zero. Bands: 优秀 ≥18, 良好 ≥16, 合格 ≥12, 不合格.
 */
import type { CommunityEntries } from '../../../shared/domain/scoring/index';
import type { Standard } from '../../../shared/domain/standard/index';

export function smallStandard(over: Partial<Standard> = {}): Standard {
  return {
    name: '测试标准',
    version: 1,
    totalTenths: 200,
    categories: [
      {
        code: 'X',
        title: '甲类',
        maxTenths: 100,
        items: [
          {
            code: 'X1',
            title: '手动',
            maxTenths: 40,
            method: { kind: 'manual', minTenths: 0, stepTenths: 5 },
            evidence: ['查阅资料'],
            frequency: 'Q',
            guide: 'g',
          },
          {
            code: 'X2',
            title: '扣分',
            maxTenths: 30,
            method: {
              kind: 'deduct',
              reasons: [
                { code: 'X2-1', text: '缺记录', amountTenths: 5, capTenths: 10 },
                { code: 'X2-2', text: '未公示', amountTenths: 10 },
              ],
              allowOtherReasons: true,
            },
            evidence: ['查阅资料'],
            frequency: 'Q',
            guide: 'g',
          },
          { code: 'X3', title: '是否', maxTenths: 30, method: { kind: 'yesno' }, evidence: ['实地查看'], frequency: 'A', guide: 'g' },
        ],
      },
      {
        code: 'Y',
        title: '乙类',
        maxTenths: 100,
        items: [
          {
            code: 'Y1',
            title: '分档',
            maxTenths: 40,
            method: { kind: 'tiers', criteria: ['条件一', '条件二', '条件三'], pointsTenths: [0, 10, 20, 40] },
            evidence: ['实地查看'],
            frequency: 'Q',
            guide: 'g',
          },
          {
            code: 'Y2',
            title: '公式',
            maxTenths: 60,
            method: { kind: 'computed', expression: 'if(households = 0, 0, 6 * min(1, facilityArea / households))' },
            evidence: ['名册数据'],
            frequency: 'R',
            guide: 'g',
          },
        ],
      },
    ],
    bonus: {
      capTenths: 30,
      items: [
        {
          code: 'B1',
          title: '荣誉',
          capTenths: 20,
          method: {
            kind: 'levels',
            levels: [
              { label: '市级', pointsTenths: 10 },
              { label: '省级', pointsTenths: 20 },
            ],
          },
          guide: '',
        },
        { code: 'B2', title: '特色', capTenths: 20, method: { kind: 'manual', stepTenths: 5 }, guide: '' },
      ],
    },
    vetoes: [
      { code: 'V1', title: '事故', effect: 'fail', guide: '' },
      { code: 'V2', title: '材料', effect: 'noExcellent', guide: '' },
      { code: 'V3', title: '造假', effect: 'zero', guide: '' },
    ],
    grading: {
      bands: [
        { label: '优秀', minTenths: 180 },
        { label: '良好', minTenths: 160 },
        { label: '合格', minTenths: 120 },
        { label: '不合格', minTenths: 0 },
      ],
      quotaTies: 'demoteAll',
    },
    ranking: { vetoedLast: true, tieBreak: [{ kind: 'baseScore' }, { kind: 'category', code: 'X' }] },
    rollUp: { quartersPercent: 100, yearEndPercent: 0, yearEndLabel: '年终评价', vetoAnnualGradeCap: '合格' },
    naPolicy: 'rescale',
    note: '',
    ...over,
  };
}

/** Metrics that give Y2 = 6 × min(1, 300/400) = 4.5. */
export const METRICS = { households: 400, facilityArea: 300 };

/** A full set of entries: X1 3.5, X2 30 − (1 capped + 1) = 1.0, X3 yes 3, Y1 2 criteria 2, Y2 4.5 → raw 14.0. */
export function fullEntries(over: Partial<CommunityEntries> = {}): CommunityEntries {
  return {
    items: [
      { itemCode: 'X1', value: { kind: 'manual', tenths: 35 } },
      {
        itemCode: 'X2',
        value: {
          kind: 'deduct',
          deductions: [
            { reasonCode: 'X2-1', text: '缺记录', amountTenths: 5 },
            { reasonCode: 'X2-1', text: '缺记录', amountTenths: 5 },
            { reasonCode: 'X2-1', text: '缺记录', amountTenths: 5 },
            { reasonCode: 'X2-2', text: '未公示', amountTenths: 10 },
          ],
        },
      },
      { itemCode: 'X3', value: { kind: 'yesno', yes: true } },
      { itemCode: 'Y1', value: { kind: 'tiers', met: [0, 2] } },
    ],
    bonus: [],
    vetoes: [],
    ...over,
  };
}
