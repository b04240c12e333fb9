import { describe, expect, it } from 'vitest';
import { readSheetRow, scoringSheetRows, sheetNameFor } from '../../../shared/domain/round/scoring-sheet';
import { DEFAULT_STANDARD } from '../../../shared/domain/standard/default-standard';
import type { StandardItem } from '../../../shared/domain/standard/standard.schema';

const item = (code: string): StandardItem => {
  for (const c of DEFAULT_STANDARD.categories) for (const i of c.items) if (i.code === code) return i;
  throw new Error(code);
};
const at = { sheet: '龙塔社区', row: 7 };

describe('field scoring sheet rows', () => {
  it('lists every item in standard order, computed items prefilled or marked', () => {
    const rows = scoringSheetRows(DEFAULT_STANDARD, new Map([['A1', 25]]));
    expect(rows).toHaveLength(35);
    expect(rows[0]).toMatchObject({ code: 'A1', max: 3, score: 2.5 });
    expect(rows[1]).toMatchObject({ code: 'A2', score: null });
    expect(rows[1]?.guide).toMatch(/^【由名册数据自动计算，名册数据不足未能计算/);
    expect(rows.find((r) => r.code === 'B6')).toMatchObject({ max: 2, score: null, note: '' });
  });

  it('names sheets after communities within Excel limits, unique', () => {
    const taken = new Set<string>();
    expect(sheetNameFor('龙塔社区', taken)).toBe('龙塔社区');
    expect(sheetNameFor('龙塔社区', taken)).toBe('龙塔社区(2)');
    expect(sheetNameFor('a/b:c?[d]', taken)).toBe('a_b_c__d_');
    expect(sheetNameFor('长'.repeat(40), taken)).toHaveLength(31);
  });
});

describe('reading a filled row', () => {
  it('manual: in range and on step, else refused with the rule', () => {
    expect(readSheetRow(item('B6'), '1.5', '', undefined, at).action).toEqual({
      kind: 'value',
      code: 'B6',
      value: { kind: 'manual', tenths: 15 },
    });
    expect(readSheetRow(item('B6'), '1.3', '', undefined, at).problem).toMatchObject({
      severity: 'error',
      sheet: '龙塔社区',
      row: 7,
      column: '得分',
      value: '1.3',
      message: expect.stringMatching(/0\.5分递增/),
    });
    expect(readSheetRow(item('B6'), '2.5', '', undefined, at).problem?.message).toMatch(/0至2分之间/);
    expect(readSheetRow(item('B6'), '1.55', '', undefined, at).problem?.message).toMatch(/0\.1分/);
    expect(readSheetRow(item('B6'), '两分', '', undefined, at).problem?.message).toMatch(/应为数字/);
    expect(readSheetRow(item('B6'), '', '', undefined, at)).toEqual({});
  });

  it('deduction: below max becomes one record with the reason; a standard reason keeps its code', () => {
    const a4 = item('A4');
    expect(readSheetRow(a4, '2', '会议记录缺两次', undefined, at).action).toEqual({
      kind: 'deductions',
      code: 'A4',
      records: [{ reasonCode: null, text: '会议记录缺两次', amountTenths: 10 }],
    });
    const reason = a4.method.kind === 'deduct' ? a4.method.reasons[0] : undefined;
    if (!reason) throw new Error('no reason');
    expect(readSheetRow(a4, '2', reason.text, undefined, at).action).toMatchObject({
      records: [{ reasonCode: reason.code, text: reason.text }],
    });
    expect(readSheetRow(a4, '3', '', undefined, at).action).toEqual({ kind: 'deductions', code: 'A4', records: [] });
    expect(readSheetRow(a4, '2', '', undefined, at).problem).toMatchObject({
      column: '扣分原因',
      message: expect.stringMatching(/写明扣分原因/),
    });
  });

  it('computed: equal to the snapshot is nothing, different needs a reason and becomes an override', () => {
    const c1 = item('C1');
    expect(readSheetRow(c1, '2', '', 20, at)).toEqual({});
    expect(readSheetRow(c1, '1', '', 20, at).problem?.column).toBe('扣分原因');
    expect(readSheetRow(c1, '1', '户数已超3000', 20, at).action).toEqual({
      kind: 'override',
      code: 'C1',
      tenths: 10,
      reason: '户数已超3000',
    });
  });
});
