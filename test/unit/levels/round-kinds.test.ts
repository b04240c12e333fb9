/**
 * The pure rules behind the cascade fixes: round ids of a 市's second kind, the level a sender's
 * code says, and which streets a 县区's package shows missing.
 */
import { describe, expect, it } from 'vitest';
import { canonicalRoundId, roundId, roundKindSuffix } from '../../../shared/domain/round/round-workflow';
import { roundIdSchema } from '../../../shared/domain/round/round-id.schema';
import { reportingLevelOfCode } from '../../../shared/domain/levels/levels';
import { mergedReportsOf } from '../../../shared/domain/exchange/merged-reports';

describe('round ids of two kinds in one quarter', () => {
  it('the main kind keeps 2021Q3, the other kind is suffixed; both forms are read back', () => {
    expect(roundId(2021, 3)).toBe('2021Q3');
    expect(roundId(2021, 3, '成员单位')).toBe('2021Q3-成员单位');
    expect(canonicalRoundId(' 2021q3 ')).toBe('2021Q3');
    expect(canonicalRoundId('2021-Q3-成员单位')).toBe('2021Q3-成员单位');
    expect(canonicalRoundId('2021Q3-其他')).toBeUndefined();
    expect(canonicalRoundId('2021Q5')).toBeUndefined();
    expect(roundKindSuffix('2021Q3-成员单位')).toBe('成员单位');
    expect(roundKindSuffix('2021Q3')).toBeUndefined();
    expect(roundIdSchema.safeParse('2021Q3-成员单位').success).toBe(true);
    expect(roundIdSchema.safeParse('2021Q3-X').error?.issues[0]?.message).toContain('2021Q3-成员单位');
  });
});

describe('the level of a sender from its 统计用区划代码', () => {
  it('9 digits a 街道, 6 digits a 县区, a 市 reports to nobody', () => {
    expect(reportingLevelOfCode('411102001')).toBe('街道');
    expect(reportingLevelOfCode('411102')).toBe('县区');
    expect(reportingLevelOfCode('411100')).toBeUndefined();
    expect(reportingLevelOfCode('4111')).toBeUndefined();
  });
});

describe('streets missing under a 县区', () => {
  const unit = (name: string, code: string | null, kind = '街道') => ({ name, code, kind }) as never;
  it('its 街道 without a merged package are missing; a 街道 package lists none', () => {
    const payload = {
      units: [unit('马路街街道', '411102001'), unit('顺河街街道', '411102002'), unit('天桥街道', '411102003')],
      merged: [
        { level: '街道', code: '411102001', name: '马路街街道', round: '2021Q3', revision: 2, sha256: 'a'.repeat(64) },
        { level: '街道', code: '411102002', name: '顺河街街道', round: '2021Q3', revision: 1, sha256: 'b'.repeat(64) },
      ],
    } as never;
    expect(mergedReportsOf(payload)).toEqual({
      merged: [
        { code: '411102001', name: '马路街街道', revision: 2 },
        { code: '411102002', name: '顺河街街道', revision: 1 },
      ],
      missing: [{ code: '411102003', name: '天桥街道' }],
    });
    expect(mergedReportsOf({ units: [unit('人民路社区', 'C1', '社区')], merged: [] } as never)).toEqual({ merged: [], missing: [] });
  });
});
