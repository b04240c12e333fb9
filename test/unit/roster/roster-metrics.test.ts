import { describe, expect, it } from 'vitest';
import { DEFAULT_POST_GRADE_TABLE } from '../../../shared/domain/roster/post-grade';
import {
  communityWarnings,
  computeRosterMetrics,
  ROSTER_METRIC_KEYS,
  ROSTER_METRICS,
  type CommunityRosterData,
} from '../../../shared/domain/roster/roster-metrics';
import { METRIC_CATALOGUE, STANDARD_METRICS } from '../../../shared/domain/standard/metric-catalogue';

const AS_OF = '2024-06-30';
const OPTS = { asOf: AS_OF, postGrades: DEFAULT_POST_GRADE_TABLE };

const DATA: CommunityRosterData = {
  community: { name: '人民路社区', households: 2000, residents: 6000, facilityArea: 900, hallArea: 60, partyOrgType: null },
  grids: [
    { code: 'G1', households: 300, leaderName: '甲' },
    { code: 'G2', households: 500, leaderName: null },
    { code: 'G3', households: 620, leaderName: null },
    { code: 'G4', households: null, leaderName: null },
  ],
  groupRows: [
    { gridCode: 'G1', groupName: '一组', groupLeader: '乙', courtyardName: '1号院', courtyardLeader: '丙' },
    { gridCode: 'G1', groupName: '一组', groupLeader: null, courtyardName: '2号院', courtyardLeader: null },
    { gridCode: 'g2', groupName: '一组', groupLeader: null, courtyardName: '3号楼', courtyardLeader: '丁' },
    { gridCode: 'G2', groupName: '二组', groupLeader: null, courtyardName: null, courtyardLeader: null },
  ],
  workers: [
    { postCategory: '正职', postGrade: 9, education: '大学本科', qualification: '社会工作师' },
    { postCategory: '工作人员', postGrade: 14, education: '高中', qualification: '无' },
    { postCategory: null, postGrade: 3, education: '大学专科', qualification: null },
  ],
  gridStaff: [
    { staffType: '专职', gridRole: '网格员', grids: ['G1', 'G2'] },
    { staffType: '兼职', gridRole: '网格长', grids: ['G3', 'ELSEWHERE'] },
  ],
  committee: [
    { birthDate: '1989-06-30', sex: '女', partyPost: '书记', committeePost: '主任' },
    { birthDate: '1988-07-01', sex: '男', partyPost: '委员', committeePost: '委员' },
    { birthDate: '1970-01', sex: '女', partyPost: '无', committeePost: '副主任' },
    { birthDate: null, sex: null, partyPost: '副书记', committeePost: null },
  ],
  cadres: [
    { firstReportDate: '2023-01-01', lastReportDate: '2024-01-15' },
    { firstReportDate: '2023-12-31', lastReportDate: null },
    { firstReportDate: '2023-12-29', lastReportDate: '2023-12-29' },
    { firstReportDate: '2024-07-01', lastReportDate: null },
  ],
};

describe('roster metrics', () => {
  it('computes every figure of one community', () => {
    const m = computeRosterMetrics(DATA, OPTS);
    expect(m).toMatchObject({
      households: 2000,
      residents: 6000,
      facilityArea: 900,
      facilityAreaPer100Households: 45,
      sizeWithinLimit: 1,
      hasPartyOrganization: 1,
      committeeCount: 4,
      residentsCommitteeCount: 3,
      // 1989-06-30 turns 35 on the day, 1988-07-01 is 35: neither is 不满35周岁 (A3).
      committeeUnder35: 0,
      committeeWomen: 2,
      secretaryIsDirector: 1,
      crossServingCount: 1,
      cadresRegistered: 4,
      cadresReported: 2,
      gridCount: 4,
      gridHouseholds: 1420,
      gridsWithin300to500: 2,
      gridsWithLeader: 2,
      gridsWithFullTimeWorker: 2,
      gridsWithPartTimeWorker: 1,
      gridStaffFullTime: 1,
      gridStaffPartTime: 1,
      groupCount: 3,
      groupsWithLeader: 1,
      yardCount: 3,
      yardsWithLeader: 2,
      gridsFiveLevel: 1,
      workerCount: 3,
      workersPer10000Residents: 5,
      workersGradeInvalid: 2,
      workersCollegeOrAbove: 2,
      workersCertified: 1,
    });
  });

  it('is null where the community figures are missing, and counts 不满35周岁 strictly', () => {
    const m = computeRosterMetrics({ ...DATA, community: { ...DATA.community, households: null, residents: null } }, OPTS);
    expect(m.facilityAreaPer100Households).toBeNull();
    expect(m.workersPer10000Residents).toBeNull();
    expect(m.sizeWithinLimit).toBeNull();
    // The day before 1989-06-30's 35th birthday they are 34: under 35.
    expect(computeRosterMetrics(DATA, { ...OPTS, asOf: '2024-06-29' }).committeeUnder35).toBe(1);
    expect(computeRosterMetrics(DATA, { ...OPTS, asOf: '2024-06-30' }).committeeUnder35).toBe(0);
  });

  it('lists warnings for the community detail page', () => {
    const m = computeRosterMetrics(DATA, OPTS);
    const messages = communityWarnings(m, DATA.grids).map((w) => w.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('低于 50 平方米'),
        expect.stringContaining('G3 有 620 户'),
        expect.stringContaining('每万人社区工作者 5 人'),
      ]),
    );
  });

  it("describes each metric once: the standard editor shows the roster's description (A3: 不满35周岁)", () => {
    const under35 = METRIC_CATALOGUE.byKey.get('committeeUnder35');
    expect(under35?.description).toContain('不满35周岁');
    for (const m of STANDARD_METRICS) expect(m).toBe(ROSTER_METRICS.find((r) => r.key === m.key));
  });

  it('catalogues every key with a Chinese label and covers the metrics the standard references', () => {
    expect(ROSTER_METRICS.map((m) => m.key).sort()).toEqual([...ROSTER_METRIC_KEYS].sort());
    for (const m of ROSTER_METRICS) expect(m.label).toMatch(/[\u4e00-\u9fff]/);
    const keys = new Set<string>(ROSTER_METRIC_KEYS);
    for (const m of STANDARD_METRICS) expect(keys.has(m.key), m.key).toBe(true);
    const computed = computeRosterMetrics(DATA, OPTS);
    expect(Object.keys(computed).sort()).toEqual([...ROSTER_METRIC_KEYS].sort());
  });
});

describe('columns the scoring reads are not overridden by an absent roster', () => {
  const none = { ...DATA, committee: [], gridStaff: [] };
  it('是否一肩挑=是 in the communities file counts while no 两委名册 is imported; the roster wins once it is', () => {
    expect(computeRosterMetrics({ ...none, community: { ...DATA.community, oneShoulderDeclared: true } }, OPTS).secretaryIsDirector).toBe(
      1,
    );
    expect(computeRosterMetrics({ ...none, community: { ...DATA.community, oneShoulderDeclared: false } }, OPTS).secretaryIsDirector).toBe(
      0,
    );
    const roster = [{ birthDate: null, sex: null, partyPost: '书记', committeePost: '委员' }];
    expect(
      computeRosterMetrics({ ...none, committee: roster, community: { ...DATA.community, oneShoulderDeclared: true } }, OPTS)
        .secretaryIsDirector,
    ).toBe(0);
  });

  it('a 专职网格员 named in the grids file counts while no 网格员名册 is imported', () => {
    const grids = [
      { code: 'G1', households: 400, leaderName: null, fullTimeStaff: '王五' },
      { code: 'G2', households: 400, leaderName: null, fullTimeStaff: '王五、赵六' },
      { code: 'G3', households: 400, leaderName: null, fullTimeStaff: null },
    ];
    const m = computeRosterMetrics({ ...none, grids }, OPTS);
    expect(m.gridsWithFullTimeWorker).toBe(2);
    expect(m.gridStaffFullTime).toBe(2);
    // With a 网格员名册 the roster is the source.
    const withRoster = computeRosterMetrics(
      { ...none, grids, gridStaff: [{ staffType: '专职', gridRole: '网格员', grids: ['G3'] }] },
      OPTS,
    );
    expect(withRoster.gridsWithFullTimeWorker).toBe(1);
  });
});
