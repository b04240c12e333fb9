import { describe, expect, it } from 'vitest';
import {
  computeRoundResults,
  gradeCommunities,
  quotaLimit,
  rankCommunities,
  type GradeInput,
  type RankInput,
} from '../../../shared/domain/scoring/index';
import type { Grading, GradeBand, Ranking } from '../../../shared/domain/standard/index';
import { METRICS, fullEntries, smallStandard } from './small-standard';

const r = (id: string, totalTenths: number, extra: Partial<RankInput> = {}): RankInput => ({
  id,
  sortKey: id,
  totalTenths,
  vetoed: false,
  ...extra,
});
const plain: Ranking = { vetoedLast: true, tieBreak: [] };
const view = (rs: ReturnType<typeof rankCommunities>) => rs.map((x) => `${x.id}:${x.rank}`);

describe('ranking', () => {
  it('ties share a rank and the next rank skips: 1, 2, 2, 4', () => {
    const out = rankCommunities([r('d', 800), r('c', 850), r('a', 900), r('b', 850)], plain);
    expect(view(out)).toEqual(['a:1', 'b:2', 'c:2', 'd:4']);
    expect(out.map((x) => x.position)).toEqual([1, 2, 3, 4]);
    expect(out.map((x) => x.tied)).toEqual([false, true, true, false]);
  });
  it('the order is deterministic whatever the input order (full ties listed by sort key)', () => {
    const a = rankCommunities([r('x', 500, { sortKey: '02' }), r('y', 500, { sortKey: '01' }), r('z', 500, { sortKey: '03' })], plain);
    const b = rankCommunities([r('z', 500, { sortKey: '03' }), r('x', 500, { sortKey: '02' }), r('y', 500, { sortKey: '01' })], plain);
    expect(a).toEqual(b);
    expect(view(a)).toEqual(['y:1', 'x:1', 'z:1']);
  });
  it('the tie-break order separates equal totals, key by key', () => {
    const ranking: Ranking = {
      vetoedLast: true,
      tieBreak: [{ kind: 'baseScore' }, { kind: 'category', code: 'X' }, { kind: 'fewerDeductions' }],
    };
    const out = rankCommunities(
      [
        r('a', 850, { baseTenths: 830, categoryTenths: new Map([['X', 70]]), deductionCount: 1 }),
        r('b', 850, { baseTenths: 840, categoryTenths: new Map([['X', 60]]), deductionCount: 5 }),
        r('c', 850, { baseTenths: 830, categoryTenths: new Map([['X', 75]]), deductionCount: 9 }),
        r('d', 850, { baseTenths: 830, categoryTenths: new Map([['X', 70]]), deductionCount: 0 }),
        r('e', 850, { baseTenths: 830, categoryTenths: new Map([['X', 70]]), deductionCount: 0 }),
      ],
      ranking,
    );
    expect(view(out)).toEqual(['b:1', 'c:2', 'd:3', 'e:3', 'a:5']);
    expect(out.map((x) => x.decidedBy ?? '')).toEqual(['', '基础分', '一级指标X得分', '', '扣分次数少者优先']);
  });
  it('vetoed communities rank last when the standard says so, else by total', () => {
    const list = [r('a', 950, { vetoed: true }), r('b', 800), r('c', 700, { vetoed: true })];
    expect(view(rankCommunities(list, plain))).toEqual(['b:1', 'a:2', 'c:3']);
    expect(view(rankCommunities(list, { vetoedLast: false, tieBreak: [] }))).toEqual(['a:1', 'b:2', 'c:3']);
  });
});

const BANDS: GradeBand[] = [
  { label: '优秀', minTenths: 900 },
  { label: '良好', minTenths: 800 },
  { label: '合格', minTenths: 600 },
  { label: '不合格', minTenths: 0 },
];
function grade(
  totals: number[],
  bands: GradeBand[] = BANDS,
  quotaTies: Grading['quotaTies'] = 'demoteAll',
  caps: Record<string, number> = {},
) {
  const ranked = rankCommunities(
    totals.map((t, i) => r(`c${i + 1}`, t)),
    plain,
  );
  const inputs: GradeInput[] = ranked.map((x) => ({
    id: x.id,
    totalTenths: totals[Number(x.id.slice(1)) - 1] as number,
    position: x.position,
    rank: x.rank,
    bestAllowedBand: caps[x.id] ?? 0,
  }));
  const g = gradeCommunities(inputs, { bands, quotaTies });
  return Object.fromEntries(
    g.map((x) => [
      x.id,
      x.grade + (x.quotaDemotedFrom ? `(名额,原${x.quotaDemotedFrom})` : '') + (x.cappedFrom ? `(否决,原${x.cappedFrom})` : ''),
    ]),
  );
}

describe('grades', () => {
  it('by the bands, boundaries inclusive', () => {
    expect(grade([950, 900, 899, 800, 799, 600, 599, 0])).toEqual({
      c1: '优秀',
      c2: '优秀',
      c3: '良好',
      c4: '良好',
      c5: '合格',
      c6: '合格',
      c7: '不合格',
      c8: '不合格',
    });
  });
  it('veto effects cap the grade (fail → the last band; noExcellent → at best the second)', () => {
    expect(grade([950, 950, 850], BANDS, 'demoteAll', { c1: 3, c2: 1, c3: 1 })).toEqual({
      c1: '不合格(否决,原优秀)',
      c2: '良好(否决,原优秀)',
      c3: '良好',
    });
  });
  it('a percent quota keeps the best, rounding the allowance down (20 % of 10 = 2)', () => {
    const bands = BANDS.map((b) => (b.label === '优秀' ? { ...b, quota: { percent: 20 } } : b));
    const g = grade([990, 980, 970, 960, 850, 850, 700, 700, 500, 400], bands);
    expect([g.c1, g.c2, g.c3, g.c4]).toEqual(['优秀', '优秀', '良好(名额,原优秀)', '良好(名额,原优秀)']);
    expect(quotaLimit(bands[0] as GradeBand, 4)).toBe(0);
  });
  it('demoted communities compete for the next band’s quota too', () => {
    const bands = BANDS.map((b) =>
      b.label === '优秀' ? { ...b, quota: { count: 1 } } : b.label === '良好' ? { ...b, quota: { count: 1 } } : b,
    );
    expect(grade([950, 930, 910], bands)).toEqual({ c1: '优秀', c2: '良好(名额,原优秀)', c3: '合格(名额,原优秀)' });
  });
  it('percent and count together: the smaller allowance wins', () => {
    expect(quotaLimit({ label: '优秀', minTenths: 900, quota: { percent: 50, count: 1 } }, 10)).toBe(1);
    expect(quotaLimit({ label: '优秀', minTenths: 900, quota: { percent: 10, count: 5 } }, 10)).toBe(1);
  });
  it('a full tie across the quota boundary moves down together (demoteAll) or stays together (admitAll)', () => {
    const bands = BANDS.map((b) => (b.label === '优秀' ? { ...b, quota: { count: 2 } } : b));
    expect(grade([950, 930, 930], bands, 'demoteAll')).toEqual({ c1: '优秀', c2: '良好(名额,原优秀)', c3: '良好(名额,原优秀)' });
    expect(grade([950, 930, 930], bands, 'admitAll')).toEqual({ c1: '优秀', c2: '优秀', c3: '优秀' });
    // A tie that fits inside the quota is untouched.
    expect(grade([950, 950, 930], bands, 'demoteAll')).toEqual({ c1: '优秀', c2: '优秀', c3: '良好(名额,原优秀)' });
  });
});

describe('round results end to end', () => {
  it('scores, ranks and grades communities with vetoes and bonus', () => {
    const std = smallStandard();
    const out = computeRoundResults(std, [
      { id: '1', sortKey: '01', entries: fullEntries(), metrics: METRICS }, // 14.0 → 合格
      {
        id: '2',
        sortKey: '02',
        entries: fullEntries({
          bonus: [
            { code: 'B1', awards: [{ level: '省级', note: '' }] },
            { code: 'B2', tenths: 20 },
          ],
        }),
        metrics: METRICS,
      }, // 14 + 3 (cap) = 17 → 良好
      {
        id: '3',
        sortKey: '03',
        entries: fullEntries({
          bonus: [
            { code: 'B2', tenths: 20 },
            { code: 'B1', awards: [{ level: '省级', note: '' }] },
          ],
          vetoes: [{ code: 'V1', fact: '事故' }],
        }),
        metrics: METRICS,
      }, // 17 but vetoed → last, 不合格
      {
        id: '4',
        sortKey: '04',
        entries: fullEntries({
          bonus: [
            { code: 'B1', awards: [{ level: '市级', note: '' }] },
            { code: 'B2', tenths: 20 },
          ],
        }),
        metrics: { households: 400, facilityArea: 400 },
      }, // Y2 6 → 15.5 + 3 = 18.5 → 优秀
    ]);
    expect(out.map((x) => [x.id, x.score.totalTenths, x.rank, x.grade])).toEqual([
      ['4', 185, 1, '优秀'],
      ['2', 170, 2, '良好'],
      ['1', 140, 3, '合格'],
      ['3', 170, 4, '不合格'],
    ]);
    expect(out[3]?.cappedFrom).toBe('良好');
  });
});
