import { describe, expect, it } from 'vitest';
import { DEFAULT_POST_GRADE_TABLE } from '../../../shared/domain/roster/post-grade';
import type { RosterValidationContext } from '../../../shared/domain/roster/row-validate';
import { detectRosterSheets, validateRoster } from '../../../shared/domain/roster/roster-workbook';
import type { PlainWorkbook, SheetCell } from '../../../shared/domain/roster/sheet-cell';
import { makeIdCard } from '../../fixtures/roster-data';

/**
 * 出生年月 states a year and a month. A roster that writes 1975.11 (or 1975年11月, an Excel date
 * shown as a month, …) for someone born on 1975-11-23 is right: compare only what the cell states.
 */
const TODAY = '2024-06-30';
const CTX: RosterValidationContext = {
  today: TODAY,
  date1904: false,
  postGrades: DEFAULT_POST_GRADE_TABLE,
  references: { communities: [{ name: '人民路社区', street: '马路街街道', households: 1000 }], grids: [], workerIds: new Set() },
  configuredStreet: '马路街街道',
};
const ID = makeIdCard('411102', '19751123', 123);
const HEADER = ['姓名', '身份证号', '出生年月', '所在社区', '岗位类别', '岗位等级'];

function validate(birth: SheetCell) {
  const wb: PlainWorkbook = {
    format: 'xlsx',
    date1904: false,
    sheets: [
      {
        name: '社区工作者',
        index: 0,
        hidden: false,
        rows: [
          { rowNumber: 1, cells: HEADER },
          { rowNumber: 2, cells: ['张三', ID, birth, '人民路社区', '工作人员', 3] },
        ],
      },
    ],
  };
  const detected = detectRosterSheets(wb, 'workers');
  if (!detected.ok) throw new Error(detected.message);
  const v = validateRoster(wb, 'workers', detected.sheets, CTX);
  return {
    errors: v.problems.filter((p) => p.severity === 'error' && p.column === '出生年月').map((p) => p.message),
    records: v.sheets.flatMap((s) => s.records),
  };
}

describe('出生年月 against the 身份证号', () => {
  it.each<[string, SheetCell]>([
    ['text 1975.11', '1975.11'],
    ['number 1975.11', 1975.11],
    ['1975年11月', '1975年11月'],
    ['1975-11', '1975-11'],
    ['1975/11', '1975/11'],
    ['197511', '197511'],
    ['an Excel date on day 1 (shown as a month)', new Date(Date.UTC(1975, 10, 1))],
  ])('%s agrees with an ID born 1975-11-23', (_label, cell) => {
    const r = validate(cell);
    expect(r.errors).toEqual([]);
    expect(r.records).toHaveLength(1);
    // The stored birth date is the ID's full date.
    expect(r.records[0]?.values.birthDate).toBe('1975-11-23');
  });

  it.each<[string, SheetCell]>([
    ['a stated day that differs', '1975-11-20'],
    ['a stated day that differs (Excel date)', new Date(Date.UTC(1975, 10, 20))],
    ['another month', '1975.10'],
    ['another year (Excel date on day 1)', new Date(Date.UTC(1976, 10, 1))],
  ])('%s is still an error', (_label, cell) => {
    const r = validate(cell);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain('不一致');
  });
});

describe('出生年月 typed with a day', () => {
  it('1975-11-01 typed as text or 19751101 as a number states the 1st, and differs from the 23rd', () => {
    expect(validate('1975-11-01').errors).toHaveLength(1);
    expect(validate(19751101).errors).toHaveLength(1);
    // An Excel serial without a date format is a date cell like any other.
    expect(validate(27699).errors).toEqual([]); // 27699 = 1975-11-01
  });
});
