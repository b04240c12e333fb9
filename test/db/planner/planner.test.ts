import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from '../../../electron/core/platform/io/excel/exceljs';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';
import { meetingCommunity, seedPlannerRosters } from '../../helpers/planner-seed';
import { advanceTo, completeForms } from '../../helpers/round-seed';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

// 1,150 户 in 7 楼院 of 3 小组: splits into 360 / 390 / 400.
const BIG_GRID = {
  households: 1150,
  units: [
    ['第一小组', '1号院', 120],
    ['第一小组', '2号院', 130],
    ['第一小组', '3号院', 110],
    ['第二小组', '4号院', 200],
    ['第二小组', '5号院', 190],
    ['第三小组', '6号院', 150],
    ['第三小组', '7号院', 250],
  ] as [string, string, number][],
};

async function seedThree(app: TestApp) {
  return seedPlannerRosters(app, [
    meetingCommunity('龙塔社区'),
    meetingCommunity('沙北社区', { facilityArea: 600 }),
    meetingCommunity('受降社区', {
      households: 3400,
      residents: 10_200,
      facilityArea: 1700,
      grids: [BIG_GRID, ...Array.from({ length: 5 }, () => ({ households: 450 }))],
      workers: Array.from({ length: 16 }, () => ({ post: '工作人员', grade: 2 })),
    }),
  ]);
}

describe('达标规划 on real rosters', () => {
  it('computes each gap as the exact quantity, proposes splits, and keeps a round on its frozen snapshot', async () => {
    t = await createTestApp();
    const [longta, shabei, shouxiang] = await seedThree(t);
    const o = await t.call('planner:overview', {});
    expect(o.source).toBe('current');
    const by = new Map(o.communities.map((c) => [c.name, c]));
    expect(by.get('龙塔社区')).toMatchObject({
      communityId: longta,
      meetsAll: true,
      areaGapM2: 0,
      workersGap: 0,
      committeeGap: 0,
      gridsOutOfRange: 0,
    });
    expect(by.get('沙北社区')).toMatchObject({
      communityId: shabei,
      households: 1500,
      serviceAreaM2: 600,
      areaGapM2: 150,
      meetsAll: false,
    });
    // 3,400 户 → 1,700 m² needed (met); 10,200 人 → 18.36 → 19 workers, 16 on the roster.
    expect(by.get('受降社区')).toMatchObject({
      areaGapM2: 0,
      workersGap: 3,
      overHouseholdLimit: true,
      householdsOverLimit: 400,
      gridsOutOfRange: 1,
      gridsToAdd: 2,
    });
    expect(o.summary).toMatchObject({ communities: 3, meetingAll: 1, areaGapM2: 150, workersGap: 3, gridsOutOfRange: 1 });
    const split = o.gridSplits.find((g) => g.communityId === shouxiang);
    expect(split?.feasible).toBe(true);
    expect(split?.parts.map((p) => p.households)).toEqual([360, 390, 400]);
    expect(o.communitySplits[0]?.candidates[0]?.parts.every((p) => p.households <= 3000)).toBe(true);

    await t.call('rounds:create', { year: 2021, quarter: 3 });
    await t.app.db
      .updateTable('communities')
      .set({ facility_area: 900 })
      .where('id', '=', shabei as number)
      .execute();
    expect((await t.call('planner:overview', {})).summary.meetingAll).toBe(2);
    const frozen = await t.call('planner:overview', { roundId: '2021Q3' });
    expect(frozen).toMatchObject({ source: 'round', quarter: '2021Q3', asOf: '2021-09-30' });
    expect(frozen.communities.find((c) => c.name === '沙北社区')?.areaGapM2).toBe(150);
  });

  it('forecasts planned actions quarter by quarter, validates them and writes the audit log', async () => {
    t = await createTestApp();
    const [, shabei, shouxiang] = await seedThree(t);
    await t.call('rounds:create', { year: 2021, quarter: 3 });
    const build = await t.call('planner:addAction', {
      communityId: shabei as number,
      kind: 'build',
      quantity: 150,
      targetQuarter: '2022Q1',
      note: '改扩建',
    });
    await t.call('planner:addAction', { communityId: shouxiang as number, kind: 'hire', quantity: 4, targetQuarter: '2022Q2' }); // 20 workers: 10 for each half after the split
    await t.call('planner:addAction', {
      communityId: shouxiang as number,
      kind: 'splitGrid',
      gridCode: `c${shouxiang}w1`,
      targetQuarter: '2022Q2',
    });
    await t.call('planner:addAction', { communityId: shouxiang as number, kind: 'splitCommunity', quantity: 2, targetQuarter: '2022Q4' });
    const o = await t.call('planner:overview', { roundId: '2021Q3' });
    expect(o.forecast.points.map((p) => [p.quarter, p.communities, p.meetingAll])).toEqual([
      ['2021Q3', 3, 1],
      ['2021Q4', 3, 1],
      ['2022Q1', 3, 2],
      ['2022Q2', 3, 2],
      ['2022Q3', 3, 2],
      ['2022Q4', 4, 4],
    ]);
    expect(o.forecast.headline).toBe('1 → 4（2022Q4）');
    expect(o.forecast.impacts.find((i) => i.actionId === build.id)).toMatchObject({ gain: 1, areaM2: 150 });

    await expect(
      t.call('planner:addAction', { communityId: shabei as number, kind: 'splitGrid', gridCode: 'NOPE', targetQuarter: '2022Q1' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      t.call('planner:addAction', { communityId: shabei as number, kind: 'build', quantity: 0, targetQuarter: '2022Q1' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect((await t.call('planner:overview', {})).actions).toHaveLength(4);
    await t.call('planner:deleteAction', { id: build.id });
    const audit = await t.app.db.selectFrom('audit_log').select('action').where('action', 'like', 'planner.%').execute();
    expect(audit.map((a) => a.action)).toEqual([
      'planner.addAction',
      'planner.addAction',
      'planner.addAction',
      'planner.addAction',
      'planner.deleteAction',
    ]);
  });

  it('norms are settings: changing them changes the gaps; invalid norms are refused and leave them unchanged', async () => {
    t = await createTestApp();
    await seedThree(t);
    const o = await t.call('planner:overview', {});
    await t.call('planner:setNorms', { norms: { ...o.norms, areaPer100Households: 30 } });
    expect((await t.call('planner:overview', {})).communities.find((c) => c.name === '沙北社区')?.areaGapM2).toBe(0);
    await expect(t.call('planner:setNorms', { norms: { ...o.norms, gridMinHouseholds: 800 } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect((await t.call('planner:overview', {})).norms.areaPer100Households).toBe(30);
  });
});

describe('statistics of a roster snapshot', () => {
  it('counts grids, staff, workers by 岗位 and 等级, 两委 (一肩挑, strictly under 35), cadres, and the change on the previous quarter', async () => {
    t = await createTestApp();
    const [longta] = await seedPlannerRosters(t, [
      // At 2021-09-30: born 1986-09-30 is exactly 35 (not under 35); 1986-10-01 is 34.
      meetingCommunity('龙塔社区', { committee: ['1970-01-01', '1986-09-30', '1986-10-01', '1995-01-01', '1960-01-01'] }),
      meetingCommunity('沙北社区', { oneShoulder: false, facilityArea: 600, cadres: [{ lastReport: '2021-01-01' }] }),
    ]);
    await t.call('rounds:create', { year: 2021, quarter: 2 });
    await t.app.db
      .updateTable('communities')
      .set({ facility_area: 800 })
      .where('id', '=', longta as number)
      .execute();
    await t.call('rounds:create', { year: 2021, quarter: 3 });
    const s = await t.call('planner:stats', { roundId: '2021Q3' });
    expect(s.previous).toBe('2021Q2');
    expect(s.stats).toMatchObject({
      communities: 2,
      grids: 6,
      gridsWithinBand: 6,
      gridStaffFullTime: 6,
      gridStaffPartTime: 2,
      workers: 18,
      committeeMembers: 10,
      oneShoulder: 1,
      communitiesWithCommittee: 2,
      cadresRegistered: 3,
      cadresReported: 1,
      serviceAreaM2: 1400,
      meetingAll: 1,
    });
    // 龙塔: 1986-10-01 and 1995-01-01 (2); 沙北: 1988-09-30 (33), 1990, 1995 (3).
    expect(s.stats.committeeUnder35).toBe(5);
    expect(s.stats.workersByPost).toEqual([
      { label: '正职', count: 2 },
      { label: '工作人员', count: 16 },
    ]);
    expect(s.stats.workersByGrade.map((g) => g.label)).toEqual(['1', '2', '3', '4', '10']);
    const fig = new Map(s.figures.map((f) => [f.key, f]));
    expect(fig.get('oneShoulderRate')?.value).toBe(50);
    expect(fig.get('cadresReportRate')?.value).toBe(33.3);
    expect(fig.get('serviceAreaM2')).toMatchObject({ value: 1400, change: 50 });
    expect(fig.get('communities')?.change).toBe(0);
    // A year means its last round.
    expect((await t.call('planner:stats', { year: 2021 })).source).toBe('2021Q3');
    await expect(t.call('planner:stats', { year: 2020 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('writes the statistics workbook', async () => {
    t = await createTestApp();
    await seedPlannerRosters(t, [meetingCommunity('龙塔社区')]);
    const out = await t.call('planner:exportStats', {});
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(t.app.files.resolve(out.fileId).path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['统计', '岗位', '等级']);
    const rows = wb.getWorksheet('统计')?.getSheetValues() ?? [];
    const labels = rows.map((r) => (Array.isArray(r) ? String(r[1] ?? '') : ''));
    expect(labels).toContain('专职网格员');
    expect(labels).toContain('35岁以下“两委”成员');
  });
});

describe('lineage across a split community', () => {
  it('the parts of a split carry the old community into the annual roll-up; cycles and duplicates are refused', async () => {
    t = await createTestApp();
    const [old, east, west, other] = await seedPlannerRosters(t, [
      meetingCommunity('龙塔社区'),
      meetingCommunity('龙塔东社区'),
      meetingCommunity('龙塔西社区'),
      meetingCommunity('沙北社区'),
    ]);
    for (const q of [1, 2]) {
      await t.call('rounds:create', { year: 2021, quarter: q, communityNames: ['龙塔社区', '沙北社区'] });
      await completeForms(t, `2021Q${q}`, [old as number, other as number]);
      await advanceTo(t, `2021Q${q}`, 'finalized');
    }
    for (const q of [3, 4]) {
      await t.call('rounds:create', { year: 2021, quarter: q, communityNames: ['龙塔东社区', '龙塔西社区', '沙北社区'] });
      await completeForms(t, `2021Q${q}`, [east as number, west as number, other as number]);
      await advanceTo(t, `2021Q${q}`, 'finalized');
    }
    const before = await t.call('rounds:annual', { year: 2021 });
    expect(before.rows.find((r) => r.communityId === east)?.missingQuarters).toEqual([1, 2]);

    await t.call('planner:addLineage', { successorId: east as number, predecessorIds: [old as number], quarter: '2021Q3', kind: 'split' });
    await t.call('planner:addLineage', { successorId: west as number, predecessorIds: [old as number], quarter: '2021Q3', kind: 'split' });
    const after = await t.call('rounds:annual', { year: 2021 });
    expect(after.rows.map((r) => r.name).sort()).toEqual(['沙北社区', '龙塔东社区', '龙塔西社区'].sort());
    const eastRow = after.rows.find((r) => r.communityId === east);
    const oldRow = before.rows.find((r) => r.communityId === old);
    expect(eastRow?.missingQuarters).toEqual([]);
    expect(eastRow?.quarters.slice(0, 2).map((q) => q.total)).toEqual(oldRow?.quarters.slice(0, 2).map((q) => q.total));

    // The first quarter of the parts compares with the old community's previous quarter (trend, rank move).
    const q3 = await t.call('rounds:results', { roundId: '2021Q3' });
    const q2 = await t.call('rounds:results', { roundId: '2021Q2' });
    const eastQ3 = q3.communities.find((c) => c.id === east);
    const oldQ2 = q2.communities.find((c) => c.id === old);
    expect(oldQ2?.total).toBeGreaterThan(0);
    expect(eastQ3?.change?.previousTotal).toBe(oldQ2?.total);

    await expect(
      t.call('planner:addLineage', { successorId: old as number, predecessorIds: [east as number], quarter: '2022Q1', kind: 'merge' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      t.call('planner:addLineage', { successorId: east as number, predecessorIds: [old as number], quarter: '2021Q3', kind: 'split' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await t.call('planner:overview', {})).lineage.map((l) => `${l.successorName}←${l.predecessorName}`)).toEqual([
      '龙塔东社区←龙塔社区',
      '龙塔西社区←龙塔社区',
    ]);
  });
});

describe('at the seed report’s size', () => {
  it('120 communities: 23 meet every norm, and the plan brings them to 35 by 2022Q4', async () => {
    t = await createTestApp();
    // 23 meet every norm; 97 lack 150 m² each (1,500 户, 600 m²).
    const ids = await seedPlannerRosters(
      t,
      Array.from({ length: 120 }, (_, i) =>
        meetingCommunity(
          `社区${String(i + 1).padStart(3, '0')}`,
          i < 23 ? { cadres: [], staff: { full: 0, part: 0 } } : { facilityArea: 600, cadres: [], staff: { full: 0, part: 0 } },
        ),
      ),
    );
    await t.call('rounds:create', { year: 2021, quarter: 3 });
    for (const [n, id] of ids.slice(23, 35).entries()) {
      await t.call('planner:addAction', { communityId: id, kind: 'build', quantity: 150, targetQuarter: n < 6 ? '2022Q2' : '2022Q4' });
    }
    const o = await t.call('planner:overview', { roundId: '2021Q3' });
    expect(o.summary).toMatchObject({ communities: 120, meetingAll: 23, areaGapM2: 97 * 150 });
    expect(o.forecast.headline).toBe('23 → 35（2022Q4）');
    expect(o.forecast.points.find((p) => p.quarter === '2022Q2')?.meetingAll).toBe(29);
    const s = await t.call('planner:stats', { roundId: '2021Q3' });
    expect(s.stats).toMatchObject({ communities: 120, grids: 360, workers: 1080, meetingAll: 23 });
  }, 120_000);
});
