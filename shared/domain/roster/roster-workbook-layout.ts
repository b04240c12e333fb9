/**
 * Workbook layouts of rosters as data: the columns of an export and the sheets of an import
 * template (instructions, header, formats, dropdown lists). electron/core/platform/io/excel writes them.
 */
import type { PostGradeTable } from './post-grade';
import { ROSTER_DEFS, type ColumnDef, type FieldType, type RosterType, type SheetDef } from './roster-columns';
import { ENUMS, enumValues } from './roster-enums';

export type LayoutCellKind = 'text' | 'number' | 'date' | 'bool';

export interface LayoutColumn {
  readonly key: string;
  readonly header: string;
  readonly width: number;
  readonly kind: LayoutCellKind;
  /** Force text format ('@'): IDs, phones and codes must never become numbers. */
  readonly asText: boolean;
  readonly required: boolean;
  /** Allowed values for a dropdown (templates only). */
  readonly list: readonly string[] | null;
  readonly hint: string;
}

export interface LayoutSheet {
  readonly name: string;
  readonly sheetKey: SheetDef['key'];
  readonly columns: readonly LayoutColumn[];
}

const TEXT_TYPES: readonly FieldType[] = ['idCard', 'phone', 'mobile', 'code', 'grid', 'grids'];

function kindOf(type: FieldType): LayoutCellKind {
  if (type === 'date') return 'date';
  if (type === 'int' || type === 'decimal' || type === 'grade') return 'number';
  if (type === 'bool') return 'bool';
  return 'text';
}

function listOf(col: ColumnDef, postGrades: PostGradeTable | null): readonly string[] | null {
  if (col.key === 'postCategory' && postGrades) return postGrades.posts.map((p) => p.post);
  if (col.type === 'enum' && col.enumId) return enumValues(ENUMS[col.enumId]);
  if (col.type === 'bool') return ['是', '否'];
  return null;
}

function layoutColumn(col: ColumnDef, postGrades: PostGradeTable | null): LayoutColumn {
  return {
    key: col.key,
    header: col.label,
    width: col.width ?? Math.max(8, col.label.length * 2 + 2),
    kind: kindOf(col.type),
    asText: TEXT_TYPES.includes(col.type),
    required: col.required,
    list: listOf(col, postGrades),
    hint: col.hint ?? '',
  };
}

/** Sheet names of exports/templates (Excel limits names to 31 characters, no / \ ? * [ ]). */
export function sheetTitle(def: SheetDef): string {
  return def.label.replace(/[/\\?*[\]:]/g, '').slice(0, 31);
}

/** Columns of a roster export: every column of the definition except the combined 合同起止日期. */
export function exportLayout(roster: RosterType): LayoutSheet[] {
  return ROSTER_DEFS[roster].sheets.map((def) => ({
    name: sheetTitle(def),
    sheetKey: def.key,
    columns: def.columns.filter((c) => c.type !== 'dateRange').map((c) => layoutColumn(c, null)),
  }));
}

export interface TemplateLayout {
  readonly title: string;
  /** Lines of the 填表说明 sheet. */
  readonly instructions: readonly string[];
  readonly sheets: readonly LayoutSheet[];
}

/** An import template: an instructions sheet, then one sheet per roster sheet with dropdown lists. */
export function templateLayout(roster: RosterType, postGrades: PostGradeTable): TemplateLayout {
  const def = ROSTER_DEFS[roster];
  const sheets = def.sheets.map((s) => ({
    name: sheetTitle(s),
    sheetKey: s.key,
    columns: s.columns.filter((c) => c.type !== 'dateRange').map((c) => layoutColumn(c, postGrades)),
  }));
  const lines: string[] = [
    `${def.label}名册导入模板`,
    '',
    '填表说明：',
    '1. 请在后面的工作表中从第 2 行起逐行填写，不要修改第 1 行的表头，不要合并单元格。',
    '2. 带 * 的列为必填项；有下拉箭头的列请从下拉列表中选择。',
    '3. 身份证号、电话、编号列已设为文本格式，请直接录入，不要改成数字格式（18 位身份证号存成数字会丢失末几位）。',
    '4. 日期可写成 1990-01-01、1990.01 或 1990年1月1日。',
    '5. 空行、“合计”行和“注”开头的说明行在导入时会自动跳过。',
  ];
  if (roster === 'workers') {
    lines.push(`6. 岗位等级须在岗位类别的等级范围内（${postGrades.name}）：`);
    for (const p of postGrades.posts) lines.push(`   ${p.post}：${p.min}–${p.max} 级${p.holders ? `（${p.holders}）` : ''}`);
  }
  if (roster === 'grids')
    lines.push('6. “小组楼院”工作表填写各网格下的居民小组和楼院，一个楼院一行；网格编号须与“网格”工作表或已导入的网格一致。');
  lines.push('', '各列说明：');
  for (const s of sheets) {
    lines.push(`【${s.name}】`);
    for (const c of s.columns)
      lines.push(
        `  ${c.header}${c.required ? '（必填）' : ''}${c.hint ? `：${c.hint}` : ''}${c.list && c.list.length <= 12 ? `；可选：${c.list.join('、')}` : ''}`,
      );
  }
  return { title: `${def.label}名册导入模板`, instructions: lines, sheets };
}
