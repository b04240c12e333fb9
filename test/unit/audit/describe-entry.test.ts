import { describe, expect, it } from 'vitest';
import { describeAuditEntry, formatDateLong, type AuditNames } from '../../../shared/domain/audit/describe-entry';

const names: AuditNames = {
  community: (id) => (id === 7 ? '龙塔社区' : undefined),
  item: (code) => ({ G1: '居民满意度测评', C4: '标识标牌' })[code],
  person: (u) => ({ wangzr: '王主任', zhangkp: '张考评' })[u],
};

const entry = (action: string, entity: string, entityId: string | null, before: unknown, after: unknown, reason: string | null = null) => ({
  at: '2021-09-30T06:05:00.000Z',
  actor: 'wangzr',
  action,
  entity,
  entityId,
  before,
  after,
  reason,
});

describe('describeAuditEntry', () => {
  it('reads a score change on a blind sheet, an N/A and an override', () => {
    const d = describeAuditEntry(
      entry(
        'score.set',
        'score',
        '2021Q3/7/G1/zhangkp',
        { value: { kind: 'manual', tenths: 15 }, na: null, override: null },
        { value: { kind: 'manual', tenths: 40 }, na: null, override: null },
      ),
      names,
      '评分',
    );
    expect(d).toMatchObject({
      who: '王主任',
      target: '2021年第三季度 龙塔社区（张考评的背靠背评分表）',
      change: 'G1 居民满意度测评：1.5 分 → 4 分',
    });
    expect(
      describeAuditEntry(
        entry('score.na', 'score', '2021Q3/7/C4', null, { value: null, na: '无此设施', override: null }, '无此设施'),
        names,
        '',
      ).change,
    ).toBe('C4 标识标牌：未评分 → 不适用');
    expect(
      describeAuditEntry(
        entry('score.override', 'score', '2021Q3/7/G1', null, { value: null, na: null, override: { tenths: 30, reason: 'x' } }),
        names,
        '',
      ).change,
    ).toBe('G1 居民满意度测评：未评分 → 调整为 3 分');
  });

  it('reads settings, user and roster changes with Chinese field names', () => {
    expect(describeAuditEntry(entry('settings.update', 'settings', 'unit', { street: '' }, { street: '龙塔街道' }), names, '').change).toBe(
      '街道名称：（空） → 龙塔街道',
    );
    expect(
      describeAuditEntry(
        entry(
          'user.update',
          'user',
          '3',
          { username: 'zhangkp', displayName: '张考评', role: 'viewer', disabled: false },
          { username: 'zhangkp', displayName: '张考评', role: 'assessor', disabled: false },
        ),
        names,
        '',
      ),
    ).toMatchObject({
      target: '账号 张考评（zhangkp）',
      change: '角色：查看 → 考评员',
    });
    const roster = describeAuditEntry(
      entry('roster.edit', 'roster:workers', '12', { name: '李四', phone: '13800000000' }, { name: '李四', phone: '13900000000' }),
      names,
      '',
    );
    expect(roster).toMatchObject({ target: '社区工作者名册 李四', change: '联系电话：13800000000 → 13900000000' });
  });

  it('never shows braces or quotes for unknown shapes, and unknown people keep their login name', () => {
    const d = describeAuditEntry(
      { ...entry('something.new', 'thing', '1', { a: { b: 1 } }, { a: { b: 2 }, list: ['x', 'y'] }), actor: 'nobody' },
      names,
      '新操作',
    );
    expect(d.who).toBe('nobody');
    expect(d.change).not.toMatch(/[{}"]/);
    expect(d.change).toContain('x、y');
  });

  it('writes days as 2021年9月30日 whatever the locale', () => {
    expect(formatDateLong('2021-09-30')).toBe('2021年9月30日');
    expect(formatDateLong('2021-09-30T23:00:00.000Z')).toBe('2021年9月30日');
  });
});
