import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../electron/core/app-context';
import { describeAuditEntry, type AuditNames } from '../../../shared/domain/audit/describe-entry';
import { AUDIT_ACTION_LABELS } from '../../../shared/ipc/channels/audit-trail.channels';
import type { AuditNamesDto } from '../../../shared/ipc/channels/desk.channels';
import { createTestApp, type TestApp } from '../../helpers/app-fixture';
import { completeForms, seedCommunities } from '../../helpers/round-seed';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

const R = '2021Q3';
const ZHANG: Actor = { userId: null, username: 'zhangkp', displayName: '张考评', role: 'assessor' };

function lookup(n: AuditNamesDto): AuditNames {
  return {
    community: (id) => n.communities.find((c) => c.id === id)?.name,
    item: (code) => n.items.find((i) => i.code === code)?.title,
    person: (u) => n.people.find((p) => p.username === u)?.displayName,
  };
}

describe('the 操作日志 in plain Chinese, from real entries', () => {
  it('names the person, community and item, shows the change in points and states in Chinese, without JSON or ids', async () => {
    t = await createTestApp();
    const ids = await seedCommunities(t);
    await t.call('users:create', { username: 'zhangkp', displayName: '张考评', role: 'assessor', password: 'Kaoping2021' });
    await t.call('rounds:create', { year: 2021, quarter: 3 });
    const longta = ids[0] as number;
    await t.call('rounds:setItem', { roundId: R, communityId: longta, itemCode: 'G1', value: { kind: 'manual', tenths: 20 } }, ZHANG);
    await t.call('rounds:setItem', { roundId: R, communityId: longta, itemCode: 'G1', value: { kind: 'manual', tenths: 40 } }, ZHANG);
    await t.call('rounds:addDeduction', {
      roundId: R,
      communityId: ids[1] as number,
      itemCode: 'C4',
      reasonCode: null,
      text: '标识牌缺失',
      amountTenths: 10,
      evidence: '实地查看',
    });
    await t.call('rounds:assign', { roundId: R, assignments: [{ assessor: 'zhangkp', communityId: longta, categoryCode: null }] });
    await completeForms(t, R, ids);
    await t.call('rounds:advance', { roundId: R, to: 'submitted' });

    const names = lookup(await t.call('audit:names', {}));
    const { entries } = await t.call('audit:search', { limit: 1000, offset: 0 });
    const say = (action: string) =>
      entries.filter((e) => e.action === action).map((e) => describeAuditEntry(e, names, AUDIT_ACTION_LABELS[e.action] ?? e.action));

    const g1 = say('score.set').find((d) => d.change.startsWith('G1') && d.change.includes('→ 4 分'));
    expect(g1).toMatchObject({ who: '张考评', target: '2021年第三季度 龙塔社区', change: 'G1 居民满意度测评：2 分 → 4 分', what: '评分' });
    expect(g1?.when).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(say('deduction.add')[0]).toMatchObject({
      who: '本机管理员（命令行）',
      target: '2021年第三季度 沙北社区',
      change: expect.stringMatching(/^C4 .+：扣 1 分（标识牌缺失，实地查看）$/),
    });
    expect(say('round.assign')[0]?.change).toBe('考评员：（无） → 张考评（龙塔社区）');
    expect(say('round.advance')[0]).toMatchObject({ target: '2021年第三季度', change: '状态：草稿 → 已提交' });
    expect(say('round.create')[0]?.change).toMatch(/^使用考核标准第 1 版《.+》，共 3 个社区$/);
    expect(say('user.create')[0]).toMatchObject({ target: '账号 张考评（zhangkp）', change: '角色 考评员' });
    for (const e of entries) {
      const d = describeAuditEntry(e, names, AUDIT_ACTION_LABELS[e.action] ?? e.action);
      expect(`${d.target} ${d.change}`, e.action).not.toMatch(/[{}"[\]]|communityId|tenths|kind|version|inserted|[a-z]+：/);
    }

    // Filtered by community (its name), the log keeps only that community's entries.
    const only = await t.call('audit:search', { community: '沙北社区', limit: 1000, offset: 0 });
    expect(only.entries.length).toBeGreaterThan(0);
    for (const e of only.entries) expect(describeAuditEntry(e, names, '').target, e.action).toMatch(/沙北社区|^2021年第三季度$/);
    expect(only.entries.some((e) => e.action === 'deduction.add')).toBe(true);
    expect(only.entries.some((e) => e.action === 'score.set' && e.entityId?.startsWith(`${R}/${longta}/`))).toBe(false);
  });
});
