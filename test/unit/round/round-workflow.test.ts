import { describe, expect, it } from 'vitest';
import {
  ROUND_STATES,
  nextStates,
  parseRoundId,
  previousRoundId,
  quarterEndDate,
  roundTitle,
  scoresEditable,
  transitionProblem,
} from '../../../shared/domain/round/round-workflow';

describe('round workflow', () => {
  it('allows exactly the transitions of 草稿 → 已提交 → 退回/已审核 → 公示 → 定稿', () => {
    const allowed = ROUND_STATES.flatMap((from) =>
      ROUND_STATES.filter((to) => transitionProblem(from, to) === undefined).map((to) => `${from}>${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        'draft>submitted',
        'submitted>returned',
        'submitted>reviewed',
        'returned>submitted',
        'reviewed>returned',
        'reviewed>published',
        'published>finalized',
      ].sort(),
    );
    for (const from of ROUND_STATES) for (const to of nextStates(from)) expect(transitionProblem(from, to)).toBeUndefined();
  });

  it('explains refused transitions in Chinese, naming what is allowed', () => {
    expect(transitionProblem('draft', 'published')).toBe(
      '当前为“草稿”状态，不能直接改为“公示”，只能改为“已提交”。请先提交全部社区的评分表。',
    );
    expect(transitionProblem('finalized', 'published')).toMatch(/已定稿并锁定.*解锁/);
    expect(transitionProblem('submitted', 'submitted')).toMatch(/无需重复/);
    expect(transitionProblem('submitted', 'published')).toMatch(/“退回”或“已审核”/);
  });

  it('lets assessors edit only in draft and returned', () => {
    expect(ROUND_STATES.filter(scoresEditable)).toEqual(['draft', 'returned']);
  });

  it('names rounds and finds the previous quarter across a year', () => {
    expect(parseRoundId('2021Q3')).toEqual({ year: 2021, quarter: 3 });
    expect(parseRoundId(' 2021q4 ')).toEqual({ year: 2021, quarter: 4 });
    expect(parseRoundId('2021Q5')).toBeUndefined();
    expect(parseRoundId('21Q1')).toBeUndefined();
    expect(previousRoundId(2021, 1)).toBe('2020Q4');
    expect(previousRoundId(2021, 3)).toBe('2021Q2');
    expect(roundTitle(2021, 3)).toBe('2021年第三季度');
    expect(quarterEndDate(2021, 1)).toBe('2021-03-31');
    expect(quarterEndDate(2021, 2)).toBe('2021-06-30');
    expect(quarterEndDate(2021, 4)).toBe('2021-12-31');
  });
});
