import { describe, expect, it } from 'vitest';
import { compileExpression, evaluateExpression, Rat } from '../../../shared/domain/expression/index';
import {
  DEFAULT_STANDARD,
  METRIC_CATALOGUE,
  defaultStandardCopy,
  standardSchema,
  validateStandard,
} from '../../../shared/domain/standard/index';
import { scoreCommunity } from '../../../shared/domain/scoring/index';
import { REALISTIC_METRICS } from './realistic-metrics';
import { DEFAULT_POST_GRADE_TABLE } from '../../../shared/domain/roster/post-grade';
import { computeRosterMetrics, ROSTER_METRIC_KEYS, type CommunityRosterData } from '../../../shared/domain/roster/roster-metrics';
import { STANDARD_METRICS } from '../../../shared/domain/standard/index';

/** A small community's rosters as the roster feature stores them: 4 grids, 5 workers, 6 两委 members. */
function rosterOfACommunity(): CommunityRosterData {
  const grids = ['W1', 'W2', 'W3', 'W4'].map((code, i) => ({
    code,
    households: [320, 480, 510, 420][i] ?? 0,
    leaderName: i < 3 ? `网格长${i}` : null,
  }));
  return {
    community: { name: '交通路社区', households: 1730, residents: 5120, facilityArea: 720, hallArea: 60, partyOrgType: '党总支' },
    grids,
    groupRows: grids.flatMap((g, i) => [
      { gridCode: g.code, groupName: '一组', groupLeader: '组长', courtyardName: `${i}-1号院`, courtyardLeader: '院长' },
      {
        gridCode: g.code,
        groupName: '二组',
        groupLeader: i === 3 ? null : '组长',
        courtyardName: i === 3 ? null : `${i}-2号院`,
        courtyardLeader: null,
      },
    ]),
    workers: [
      { postCategory: '正职', postGrade: 10, education: '大学本科', qualification: '社会工作师' },
      { postCategory: '副职', postGrade: 8, education: '大学专科', qualification: '助理社会工作师' },
      { postCategory: '工作人员', postGrade: 3, education: '大学专科', qualification: '无' },
      { postCategory: '工作人员', postGrade: 13, education: '高中', qualification: '无' },
      { postCategory: '专职委员', postGrade: 5, education: '大学本科', qualification: '无' },
    ],
    gridStaff: [
      { staffType: '专职', gridRole: '网格员', grids: ['W1', 'W2', 'W3'] },
      { staffType: '兼职', gridRole: '网格员', grids: ['W4', 'W1'] },
    ],
    committee: [
      { birthDate: '1978-03-02', sex: '女', partyPost: '书记', committeePost: '主任' },
      { birthDate: '1992-11-20', sex: '男', partyPost: '委员', committeePost: '副主任' },
      { birthDate: '1985-05-05', sex: '女', partyPost: '副书记', committeePost: '无' },
      { birthDate: '1980-01-01', sex: '男', partyPost: '无', committeePost: '委员' },
      { birthDate: '1975-07-07', sex: '女', partyPost: '无', committeePost: '委员' },
      { birthDate: '1969-09-09', sex: '男', partyPost: '无', committeePost: '委员' },
    ],
    cadres: [
      { firstReportDate: '2021-03-01', lastReportDate: '2021-08-15' },
      { firstReportDate: '2021-02-01', lastReportDate: '2020-12-01' },
      { firstReportDate: '2021-04-10', lastReportDate: null },
    ],
  };
}

describe('default standard, version 1', () => {
  it('has the seven categories A–G with 15/20/12/15/13/15/10 = exactly 100', () => {
    expect(DEFAULT_STANDARD.categories.map((c) => [c.code, c.maxTenths / 10])).toEqual([
      ['A', 15],
      ['B', 20],
      ['C', 12],
      ['D', 15],
      ['E', 13],
      ['F', 15],
      ['G', 10],
    ]);
    expect(DEFAULT_STANDARD.totalTenths).toBe(1000);
    expect(DEFAULT_STANDARD.categories.reduce((s, c) => s + c.maxTenths, 0)).toBe(1000);
    for (const c of DEFAULT_STANDARD.categories) {
      expect(
        c.items.reduce((s, i) => s + i.maxTenths, 0),
        c.code,
      ).toBe(c.maxTenths);
    }
  });

  it('has the items of the handbook with their points', () => {
    const pts = Object.fromEntries(DEFAULT_STANDARD.categories.flatMap((c) => c.items.map((i) => [i.code, i.maxTenths / 10])));
    expect(pts).toEqual({
      A1: 3,
      A2: 2,
      A3: 2,
      A4: 3,
      A5: 3,
      A6: 2,
      B1: 3,
      B2: 4,
      B3: 5,
      B4: 3,
      B5: 2,
      B6: 2,
      B7: 1,
      C1: 2,
      C2: 4,
      C3: 3,
      C4: 1,
      C5: 2,
      D1: 3,
      D2: 3,
      D3: 4,
      D4: 2,
      D5: 3,
      E1: 3,
      E2: 3,
      E3: 2,
      E4: 2,
      E5: 3,
      F1: 4,
      F2: 4,
      F3: 3,
      F4: 2,
      F5: 2,
      G1: 6,
      G2: 4,
    });
  });

  it('passes its own schema and validation with no problem at all', () => {
    expect(standardSchema.safeParse(DEFAULT_STANDARD).success).toBe(true);
    expect(validateStandard(DEFAULT_STANDARD)).toEqual([]);
  });

  it('has bonus H1–H5 capped at 10, vetoes V1–V3, bands 90/80/60/0 and the mean-of-quarters roll-up', () => {
    expect(DEFAULT_STANDARD.bonus.capTenths).toBe(100);
    expect(DEFAULT_STANDARD.bonus.items.map((b) => b.code)).toEqual(['H1', 'H2', 'H3', 'H4', 'H5']);
    const h1 = DEFAULT_STANDARD.bonus.items[0];
    expect(h1?.method.kind === 'levels' && h1.method.levels.map((l) => l.pointsTenths)).toEqual([10, 20, 50, 100]);
    expect(DEFAULT_STANDARD.vetoes.map((v) => [v.code, v.effect])).toEqual([
      ['V1', 'fail'],
      ['V2', 'fail'],
      ['V3', 'fail'],
    ]);
    expect(DEFAULT_STANDARD.grading.bands.map((b) => [b.label, b.minTenths])).toEqual([
      ['优秀', 900],
      ['良好', 800],
      ['合格', 600],
      ['不合格', 0],
    ]);
    expect(DEFAULT_STANDARD.rollUp).toMatchObject({ quartersPercent: 100, yearEndPercent: 0, vetoAnnualGradeCap: '良好' });
    // Each veto's text says what the year loses; the roll-up's cap does exactly that: the best
    // annual grade is the band right below 优秀.
    for (const v of DEFAULT_STANDARD.vetoes) expect(v.guide).toContain('年度不得评为优秀');
    const labels = DEFAULT_STANDARD.grading.bands.map((b) => b.label);
    expect(labels.indexOf(DEFAULT_STANDARD.rollUp.vetoAnnualGradeCap ?? '')).toBe(labels.indexOf('优秀') + 1);
  });

  it('every computed item compiles against the metric catalogue and evaluates on a realistic roster', () => {
    const computed = DEFAULT_STANDARD.categories.flatMap((c) => c.items).filter((i) => i.method.kind === 'computed');
    expect(computed.map((i) => i.code)).toEqual(['A1', 'A2', 'A3', 'A6', 'B7', 'C1', 'C2', 'D1', 'D2', 'D3', 'D4', 'E1', 'E2', 'E3']);
    for (const item of computed) {
      if (item.method.kind !== 'computed') continue;
      const c = compileExpression(item.method.expression, METRIC_CATALOGUE.resolve, 'number');
      expect(c.ok, item.code).toBe(true);
      if (!c.ok) continue;
      for (const key of c.value.metricKeys) expect(REALISTIC_METRICS, `${item.code} reads ${key}`).toHaveProperty(key);
      const v = evaluateExpression(c.value, REALISTIC_METRICS);
      expect(v.ok, item.code).toBe(true);
      if (v.ok && typeof v.value !== 'boolean') {
        expect(Rat.cmp(v.value, Rat.ZERO), item.code).toBeGreaterThanOrEqual(0);
        expect(Rat.toTenthsHalfUp(v.value), item.code).toBeLessThanOrEqual(item.maxTenths);
      }
    }
  });

  it('scores the computed items of a realistic roster to hand-computed values', () => {
    const s = scoreCommunity(DEFAULT_STANDARD, { items: [], bonus: [], vetoes: [] }, REALISTIC_METRICS);
    const got = Object.fromEntries(s.items.filter((i) => i.status === 'computed').map((i) => [i.code, i.tenths]));
    expect(got).toEqual({
      A1: 30, // party org 1 + 7 居委会成员 ∈ [5, 9] → 2
      A2: 20, // 一肩挑 1.5 + 交叉任职 0.5
      A3: 20, // one member under 35
      A6: 19, // 2 × (11/12 ÷ 0.95) = 1.9298 → 1.9
      B7: 9, // (17 + 38) / (18 + 42) = 0.9167 → 0.9
      C1: 20, // 2860 户 ≤ 3000 and 8120 人 ≤ 10000
      C2: 31, // r = 1180 / 28.6 = 41.26 → 2 + 2 × 11.26 / 20 = 3.126 → 3.1
      D1: 26, // 3 × 6/7 = 2.571 → 2.6
      D2: 21, // 3 × 5/7 = 2.143 → 2.1
      D3: 37, // 2 × 7/7 + 2 × 6/7 = 3.714 → 3.7
      D4: 14, // 2 × 5/7 = 1.429 → 1.4
      E1: 29, // 3 × (14 / 8120 × 10000 / 18) = 2.874 → 2.9
      E2: 25, // 3 − 0.5 × 1
      E3: 17, // 11/14/0.8 = 0.982 + 3/14/0.3 = 0.714 → 1.696 → 1.7
    });
  });

  it('computed items hit their edges: thresholds, caps and empty rosters', () => {
    const score = (over: Record<string, number>) => {
      const s = scoreCommunity(DEFAULT_STANDARD, { items: [], bonus: [], vetoes: [] }, { ...REALISTIC_METRICS, ...over });
      return Object.fromEntries(s.items.map((i) => [i.code, i.tenths]));
    };
    // C1: 3000/10000 still full; 3300 within 10 % → 1; beyond → 0.
    expect(score({ households: 3000, residents: 10000 }).C1).toBe(20);
    expect(score({ households: 3300, residents: 10000 }).C1).toBe(10);
    expect(score({ households: 3301, residents: 10000 }).C1).toBe(0);
    // C2: exactly 50 m²/100户 → 4; exactly 30 → 2; below → 0; under 300 m² total capped at 2.
    expect(score({ households: 1000, facilityArea: 500 }).C2).toBe(40);
    expect(score({ households: 1000, facilityArea: 300 }).C2).toBe(20);
    expect(score({ households: 1000, facilityArea: 299 }).C2).toBe(0);
    expect(score({ households: 500, facilityArea: 290 }).C2).toBe(20);
    // A1: 4 or 10 居委会成员 lose the 2 points.
    expect(score({ residentsCommitteeCount: 4 }).A1).toBe(10);
    expect(score({ residentsCommitteeCount: 10, hasPartyOrganization: 0 }).A1).toBe(0);
    // A6: above 95 % is capped at 2.
    expect(score({ cadresRegistered: 10, cadresReported: 10 }).A6).toBe(20);
    // E2: floor at 0.
    expect(score({ workersGradeInvalid: 9 }).E2).toBe(0);
    // Empty grids / workers / residents give 0, not a division by zero.
    const empty = score({
      gridCount: 0,
      gridsFiveLevel: 0,
      gridsWithin300to500: 0,
      gridsWithLeader: 0,
      gridsWithFullTimeWorker: 0,
      gridsWithPartTimeWorker: 0,
      workerCount: 0,
      residents: 0,
      households: 0,
      groupCount: 0,
      yardCount: 0,
      cadresRegistered: 0,
    });
    for (const code of ['D1', 'D2', 'D3', 'D4', 'E1', 'E2', 'E3', 'B7', 'C2', 'A6']) expect(empty[code], code).toBe(0);
  });

  it('a missing roster makes its computed items invalid with the metric named, not a crash', () => {
    const s = scoreCommunity(DEFAULT_STANDARD, { items: [], bonus: [], vetoes: [] }, { ...REALISTIC_METRICS, gridCount: null });
    const d1 = s.items.find((i) => i.code === 'D1');
    expect(d1?.status).toBe('invalid');
    expect(d1?.message).toContain('网格数');
  });

  it('every metric the default standard names is one the roster computes', () => {
    for (const m of STANDARD_METRICS) expect(ROSTER_METRIC_KEYS as readonly string[]).toContain(m.key);
  });

  it('every computed item evaluates on metrics computed from a real roster (2021Q3 quarter end)', () => {
    const metrics = computeRosterMetrics(rosterOfACommunity(), { asOf: '2021-09-30', postGrades: DEFAULT_POST_GRADE_TABLE });
    const s = scoreCommunity(DEFAULT_STANDARD, { items: [], bonus: [], vetoes: [] }, metrics);
    const computed = s.items.filter((i) => i.metricKeys !== undefined);
    expect(computed.map((i) => [i.code, i.status])).toEqual(
      ['A1', 'A2', 'A3', 'A6', 'B7', 'C1', 'C2', 'D1', 'D2', 'D3', 'D4', 'E1', 'E2', 'E3'].map((c) => [c, 'computed']),
    );
    const got = Object.fromEntries(computed.map((i) => [i.code, i.tenths]));
    expect(got).toEqual({
      A1: 30, // 党总支 1 + 5 居委会成员 (主任, 副主任, 3 委员) 2
      A2: 20, // 一肩挑 1.5 + one other member in both bodies 0.5
      A3: 20, // born 1992-11: 28 at the quarter end
      A6: 14, // 2 of 3 reported since 2021-03-30: 2 × (2/3 ÷ 0.95) = 1.40
      B7: 7, // (7 groups with a leader + 4 yards with one) ÷ (8 + 7) = 0.733
      C1: 20, // 1730 户, 5120 人
      C2: 32, // 720 ÷ 17.3 = 41.6 m²/100户 → 2 + 2 × 11.6 / 20 = 3.16
      D1: 23, // W4's 二组 has no 楼院: 3 × 3/4 = 2.25
      D2: 23, // 510 户 is outside 300–500: 3 × 3/4 = 2.25
      D3: 30, // 网格长 3/4, 专职 3/4: 1.5 + 1.5
      D4: 10, // 兼职 in W1, W4: 2 × 2/4
      E1: 16, // 5 ÷ 5120 × 10000 = 9.77 per 10 000 → 3 × 9.77/18 = 1.63
      E2: 25, // one 工作人员 at grade 13 (range 1–12)
      E3: 20, // 4/5 大专+ ≥ 80 %, 2/5 certified ≥ 30 %
    });
  });

  it('copies are deep and independent of the shipped constant', () => {
    const copy = defaultStandardCopy();
    (copy.categories[0]?.items[0] as { maxTenths: number }).maxTenths = 99;
    expect(DEFAULT_STANDARD.categories[0]?.items[0]?.maxTenths).toBe(30);
  });
});
