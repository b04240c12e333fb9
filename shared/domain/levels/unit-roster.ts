/**
 * The roster of appraised units above the community, imported from a spreadsheet: the 成员单位 of
 * the 领导小组 (名称, 简称, 联系人), or 街道 / 县区 with their 统计用区划代码 when a database is set up
 * before any of them has reported. One sheet, one header row found by its column names.
 */
import type { ImportProblem } from '../problems';
import { isEmptyCell, isInvalidCell, type PlainWorkbook, type SheetCell } from '../roster/sheet-cell';
import { normalizeText } from '../roster/text-normalize';
import { unitCodeProblem, type UnitKind } from './levels';

export interface UnitRosterRow {
  /** Excel row number. */
  row: number;
  name: string;
  shortName: string | null;
  code: string | null;
  contact: string | null;
  phone: string | null;
}

export interface UnitRosterParse {
  sheet: string;
  rows: UnitRosterRow[];
  problems: ImportProblem[];
}

type Field = 'name' | 'shortName' | 'code' | 'contact' | 'phone';

const HEADERS: Record<Field, readonly string[]> = {
  name: ['名称', '单位名称', '成员单位', '成员单位名称', '街道名称', '街道', '县区名称', '县区', '单位'],
  shortName: ['简称', '单位简称'],
  code: ['统计用区划代码', '区划代码', '代码', '编码'],
  contact: ['联系人', '联络员'],
  phone: ['联系电话', '电话', '手机'],
};

export const UNIT_ROSTER_COLUMNS: Record<Field, string> = {
  name: '名称',
  shortName: '简称',
  code: '统计用区划代码',
  contact: '联系人',
  phone: '联系电话',
};

function cellText(cell: SheetCell | undefined): string {
  if (cell === null || cell === undefined || isInvalidCell(cell)) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return normalizeText(String(cell));
}

const headerKey = (text: string): string => text.replace(/[\s*＊:：（）()]/g, '');

/** Which column holds which field, from the first row (of the first 10) that names 名称. */
function findHeader(rows: PlainWorkbook['sheets'][number]['rows']): { index: number; columns: Partial<Record<Field, number>> } | null {
  for (let i = 0; i < Math.min(rows.length, 10); i++) {
    const cells = rows[i]?.cells ?? [];
    const columns: Partial<Record<Field, number>> = {};
    cells.forEach((c, col) => {
      const h = headerKey(cellText(c));
      for (const [field, names] of Object.entries(HEADERS) as [Field, readonly string[]][])
        if (columns[field] === undefined && names.includes(h)) columns[field] = col;
    });
    if (columns.name !== undefined) return { index: i, columns };
  }
  return null;
}

/**
 * Rows of a units roster of `kind`, with problems (errors reject the row). 街道 and 县区 need a
 * valid 统计用区划代码 of their level; names and codes must be unique in the file.
 */
export function parseUnitRoster(wb: PlainWorkbook, kind: Exclude<UnitKind, '社区'>): UnitRosterParse {
  const sheet = wb.sheets.find((s) => !s.hidden && s.rows.length > 0) ?? wb.sheets[0];
  const sheetName = sheet?.name ?? '';
  const problems: ImportProblem[] = [];
  const fileProblem = (message: string): UnitRosterParse => ({
    sheet: sheetName,
    rows: [],
    problems: [{ severity: 'error', sheet: sheetName, row: null, column: null, value: '', message }],
  });
  if (!sheet) return fileProblem('文件中没有工作表。');
  const header = findHeader(sheet.rows);
  if (!header)
    return fileProblem(
      `找不到表头：第一行应有“名称”列（可选“简称”“联系人”${kind === '成员单位' ? '' : '“统计用区划代码”'}）。请按模板填写后再导入。`,
    );
  const needsCode = kind === '街道' || kind === '县区';
  if (needsCode && header.columns.code === undefined)
    return fileProblem(`${kind}名单需要“统计用区划代码”列（${kind === '街道' ? '9' : '6'} 位数字）。`);
  const rows: UnitRosterRow[] = [];
  const seenNames = new Map<string, number>();
  const seenCodes = new Map<string, number>();
  for (const r of sheet.rows.slice(header.index + 1)) {
    const get = (f: Field) => {
      const col = header.columns[f];
      return col === undefined ? '' : cellText(r.cells[col]);
    };
    if (r.cells.every((c) => isEmptyCell(c))) continue;
    const err = (column: string | null, value: string, message: string) =>
      problems.push({ severity: 'error', sheet: sheet.name, row: r.rowNumber, column, value, message });
    const name = get('name');
    if (!name) {
      err(UNIT_ROSTER_COLUMNS.name, '', '名称不能为空。');
      continue;
    }
    if (name.length > 40) {
      err(UNIT_ROSTER_COLUMNS.name, name, '名称不能超过 40 个字。');
      continue;
    }
    const code = get('code');
    if (needsCode) {
      const problem = unitCodeProblem(kind, code);
      if (problem) {
        err(UNIT_ROSTER_COLUMNS.code, code, `${problem}。`);
        continue;
      }
    }
    const dupName = seenNames.get(name);
    if (dupName !== undefined) {
      err(UNIT_ROSTER_COLUMNS.name, name, `名称与第 ${dupName} 行重复。`);
      continue;
    }
    const dupCode = code ? seenCodes.get(code) : undefined;
    if (dupCode !== undefined) {
      err(UNIT_ROSTER_COLUMNS.code, code, `统计用区划代码与第 ${dupCode} 行重复。`);
      continue;
    }
    seenNames.set(name, r.rowNumber);
    if (code) seenCodes.set(code, r.rowNumber);
    rows.push({
      row: r.rowNumber,
      name,
      shortName: get('shortName') || null,
      code: needsCode ? code : code || null,
      contact: get('contact') || null,
      phone: get('phone') || null,
    });
  }
  if (rows.length === 0 && problems.length === 0) return fileProblem('名单中没有单位。');
  return { sheet: sheet.name, rows, problems };
}
