/**
 * The 单位名单 edits (issue #15): a 县区 adds its 街道 one by one (9-digit codes checked, names and
 * codes unique), corrects one, removes one, and keeps one a round has appraised, saying why.
 * Refused edits change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.call('settings:update', { level: '县区', unitCode: '411102', county: '源汇区' });
});
afterAll(async () => {
  await t.dispose();
});

const names = async () => (await t.call('units:list', { kind: '街道' })).map((u) => [u.name, u.code]);

describe('units:save / units:remove', () => {
  it('adds 街道 with valid codes and refuses bad or duplicate ones', async () => {
    const a = await t.call('units:save', { kind: '街道', name: '龙塔街道', code: '411102001', contact: '李明' });
    expect(a).toMatchObject({ kind: '街道', name: '龙塔街道', code: '411102001', contact: '李明', source: 'manual' });
    await t.call('units:save', { kind: '街道', name: '马路街街道', code: '411102002' });
    await expect(t.call('units:save', { kind: '街道', name: '老街街道', code: '411102' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('街道的统计用区划代码应为 9 位数字'),
    });
    await expect(t.call('units:save', { kind: '街道', name: '老街街道', code: null })).rejects.toMatchObject({
      message: expect.stringContaining('请填写街道的统计用区划代码'),
    });
    await expect(t.call('units:save', { kind: '街道', name: '龙塔街道', code: '411102003' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(t.call('units:save', { kind: '街道', name: '老街街道', code: '411102001' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('已属于“龙塔街道”'),
    });
    await expect(t.call('units:save', { kind: '成员单位', name: '民政局' })).rejects.toMatchObject({
      message: expect.stringContaining('不考评成员单位'),
    });
    expect(await names()).toEqual([
      ['龙塔街道', '411102001'],
      ['马路街街道', '411102002'],
    ]);
  });

  it('corrects a unit and removes one no round appraised', async () => {
    const [lt, ml] = await t.call('units:list', { kind: '街道' });
    await t.call('units:save', { id: ml?.id as number, kind: '街道', name: '马路街街道办事处', code: '411102002' });
    expect(await names()).toEqual([
      ['龙塔街道', '411102001'],
      ['马路街街道办事处', '411102002'],
    ]);
    expect(await t.call('units:remove', { id: ml?.id as number })).toEqual({ removed: '马路街街道办事处' });
    expect(await names()).toEqual([['龙塔街道', '411102001']]);
    const audit = await t.app.db.selectFrom('audit_log').select('action').where('action', 'like', 'units.%').execute();
    expect(audit.map((a) => a.action)).toEqual(['units.add', 'units.add', 'units.update', 'units.remove']);
    expect(lt?.name).toBe('龙塔街道');
  });

  it('keeps a unit a round appraised and says why', async () => {
    const versions = await t.call('standard:list', {});
    const streetStandard = versions.find((v) => v.kind === '街道');
    await t.call('rounds:create', { year: 2021, quarter: 3, standardVersion: streetStandard?.version as number });
    const [lt] = await t.call('units:list', { kind: '街道' });
    await expect(t.call('units:remove', { id: lt?.id as number })).rejects.toMatchObject({
      code: 'ILLEGAL_STATE',
      message: expect.stringContaining('“龙塔街道”已参加 2021Q3 的考评'),
    });
    expect(await names()).toEqual([['龙塔街道', '411102001']]);
  });
});
