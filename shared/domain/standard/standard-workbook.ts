/**
 * A standard version as an Excel workbook an office can edit in Excel/WPS, and back. Pure: the
 * layout is plain data (sheets of rows) written by the ExcelJS adapter, and reading works on the
 * plain cells the spreadsheet reader produces. Export → import → export is lossless.
 *
 * Sheets: 考核标准 (one row per 一级指标, then its 二级指标), 加分项, 否决项, 等级划分, 考核设置.
 */
import type { PlainSheet, PlainWorkbook, SheetCell } from '../roster/sheet-cell';
import { fromNumber, toTenthsHalfUp } from '../expression/rational';
import { formatMethodParams, methodKindFromLabel, parseMethodParams, parsePointsText } from './method-params';
import {
  EVIDENCE_METHODS,
  FREQUENCIES,
  FREQUENCY_LABELS,
  METHOD_LABELS,
  NA_POLICY_LABELS,
  VETO_EFFECT_LABELS,
  formatTenths,
  standardSchema,
  type BonusItem,
  type EvidenceMethod,
  type Frequency,
  type GradeBand,
  type NaPolicy,
  type Standard,
  type StandardCategory,
  type StandardItem,
  type TieBreakKey,
  type VetoEffect,
  type VetoItem,
} from './standard.schema';
import { STANDARD_SHEETS, standardProblem, type StandardProblem } from './standard.problem';
import { validateStandard } from './standard.validator';
import { METRIC_CATALOGUE, type MetricCatalogue } from './metric-catalogue';

export type OutCell = string | number | null;

/** One sheet to write: a title row, one frozen header row, then the rows. */
export interface SheetLayout {
  name: string;
  title: string;
  header: readonly string[];
  rows: OutCell[][];
  /** Column widths in characters. */
  widths: readonly number[];
  /** 0-based columns whose text wraps (long text). */
  wrap: readonly number[];
  /** 0-based columns holding points (shown with one decimal where needed). */
  numeric: readonly number[];
}

export const ITEM_COLUMNS = ['一级指标', '二级指标', '编码', '分值', '评分方法', '参数', '考核方式', '频次', '评分细则'] as const;
export const BONUS_COLUMNS = ['编码', '加分项目', '加分方式', '级别及分值', '单项上限', '说明'] as const;
export const VETO_COLUMNS = ['编码', '否决事项', '否决后果', '说明'] as const;
export const BAND_COLUMNS = ['等次', '最低分', '名额比例(%)', '名额个数'] as const;
export const SETTINGS_COLUMNS = ['项目', '设置'] as const;

const BONUS_LEVELS = '按级别加分';
const BONUS_MANUAL = '手动评分';

const S = {
  name: '标准名称',
  note: '版本说明',
  total: '基础总分',
  bonusCap: '加分上限',
  na: '不适用项处理',
  vetoedLast: '有否决项的社区排在最后',
  tieBreak: '总分相同时依次比较',
  quotaTies: '名额边界上并列时',
  quartersPercent: '年度汇总：季度平均所占比例(%)',
  yearEndPercent: '年度汇总：年终部分所占比例(%)',
  yearEndLabel: '年度汇总：年终部分名称',
  vetoCap: '有否决项的季度，年度最高等次',
} as const;

const QUOTA_TIES_LABELS = { demoteAll: '全部降入下一等次', admitAll: '全部保留该等次' } as const;

/** Text of one tie-break key as written in 考核设置. */
export function tieBreakText(k: TieBreakKey): string {
  switch (k.kind) {
    case 'baseScore':
      return '基础分';
    case 'bonus':
      return '加分';
    case 'category':
      return `一级指标${k.code}`;
    case 'item':
      return `二级指标${k.code}`;
    case 'fewerDeductions':
      return '扣分次数少者优先';
  }
}

/** Parses “基础分 > 一级指标A > …”; a string is the error message. */
export function parseTieBreak(text: string): TieBreakKey[] | string {
  const parts = text
    .split(/\s*[>＞→、,，;；]\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  const out: TieBreakKey[] = [];
  for (const p of parts) {
    if (p === '基础分') out.push({ kind: 'baseScore' });
    else if (p === '加分') out.push({ kind: 'bonus' });
    else if (p === '扣分次数少者优先' || p === '扣分次数') out.push({ kind: 'fewerDeductions' });
    else if (p.startsWith('一级指标') && p.length > 4) out.push({ kind: 'category', code: p.slice(4).trim() });
    else if (p.startsWith('二级指标') && p.length > 4) out.push({ kind: 'item', code: p.slice(4).trim() });
    else return `无法识别“${p}”，可用：基础分、加分、一级指标A、二级指标A1、扣分次数少者优先，用“>”分隔`;
  }
  return out;
}

/** The workbook of a standard version. */
export function standardToWorkbook(std: Standard): SheetLayout[] {
  const title = (what: string) => `${std.name}（第${std.version}版）${what}`;
  const itemRows: OutCell[][] = [];
  for (const c of std.categories) {
    itemRows.push([c.title, null, c.code, c.maxTenths / 10, null, null, null, null, null]);
    for (const i of c.items) {
      itemRows.push([
        c.title,
        i.title,
        i.code,
        i.maxTenths / 10,
        METHOD_LABELS[i.method.kind],
        formatMethodParams(i.method) || null,
        i.evidence.join('、') || null,
        FREQUENCY_LABELS[i.frequency],
        i.guide || null,
      ]);
    }
  }
  const bonusRows: OutCell[][] = std.bonus.items.map((b) => [
    b.code,
    b.title,
    b.method.kind === 'levels' ? BONUS_LEVELS : BONUS_MANUAL,
    b.method.kind === 'levels'
      ? b.method.levels.map((l) => `${l.label}：${formatTenths(l.pointsTenths)}分`).join('\n')
      : `步长${formatTenths(b.method.stepTenths)}分`,
    b.capTenths / 10,
    b.guide || null,
  ]);
  const vetoRows: OutCell[][] = std.vetoes.map((v) => [v.code, v.title, VETO_EFFECT_LABELS[v.effect], v.guide || null]);
  const bandRows: OutCell[][] = std.grading.bands.map((b) => [b.label, b.minTenths / 10, b.quota?.percent ?? null, b.quota?.count ?? null]);
  const settingsRows: OutCell[][] = [
    [S.name, std.name],
    [S.note, std.note || null],
    [S.total, std.totalTenths / 10],
    [S.bonusCap, std.bonus.capTenths / 10],
    [S.na, NA_POLICY_LABELS[std.naPolicy]],
    [S.vetoedLast, std.ranking.vetoedLast ? '是' : '否'],
    [S.tieBreak, std.ranking.tieBreak.map(tieBreakText).join(' > ') || null],
    [S.quotaTies, QUOTA_TIES_LABELS[std.grading.quotaTies]],
    [S.quartersPercent, std.rollUp.quartersPercent],
    [S.yearEndPercent, std.rollUp.yearEndPercent],
    [S.yearEndLabel, std.rollUp.yearEndLabel || null],
    [S.vetoCap, std.rollUp.vetoAnnualGradeCap],
  ];
  return [
    {
      name: STANDARD_SHEETS.items,
      title: title(''),
      header: ITEM_COLUMNS,
      rows: itemRows,
      widths: [22, 36, 8, 7, 10, 48, 18, 10, 60],
      wrap: [0, 1, 5, 8],
      numeric: [3],
    },
    {
      name: STANDARD_SHEETS.bonus,
      title: title('加分项'),
      header: BONUS_COLUMNS,
      rows: bonusRows,
      widths: [8, 30, 12, 24, 10, 50],
      wrap: [1, 3, 5],
      numeric: [4],
    },
    {
      name: STANDARD_SHEETS.vetoes,
      title: title('一票否决项'),
      header: VETO_COLUMNS,
      rows: vetoRows,
      widths: [8, 50, 18, 50],
      wrap: [1, 3],
      numeric: [],
    },
    {
      name: STANDARD_SHEETS.bands,
      title: title('等级划分'),
      header: BAND_COLUMNS,
      rows: bandRows,
      widths: [10, 10, 14, 12],
      wrap: [],
      numeric: [1],
    },
    {
      name: STANDARD_SHEETS.settings,
      title: title('考核设置'),
      header: SETTINGS_COLUMNS,
      rows: settingsRows,
      widths: [34, 60],
      wrap: [1],
      numeric: [],
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Reading back

/** Cell → text for reading: trims, drops invisible characters; keeps full-width text as typed. */
function cellText(cell: SheetCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string')
    return cell
      .replace(/[\u200B-\u200F\u2060\uFEFF]/g, '')
      .replace(/\u00A0/g, ' ')
      .replace(/\r\n/g, '\n')
      .trim();
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'boolean') return cell ? '是' : '否';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return cell.text;
}

/** Points from a numeric or text cell (one decimal place at most). */
function cellPoints(cell: SheetCell | undefined): number | undefined {
  if (typeof cell === 'number') {
    const r = fromNumber(cell);
    if (!r || cell < 0) return undefined;
    const t = toTenthsHalfUp(r);
    return t / 10 === cell ? t : undefined;
  }
  return parsePointsText(cellText(cell));
}

function cellInt(cell: SheetCell | undefined): number | undefined {
  const t = cellText(cell).replace(/[%％]$/, '');
  return /^\d+$/.test(t) ? Number(t) : undefined;
}

interface Located {
  sheet: PlainSheet;
  /** 0-based column index by header name. */
  col: Map<string, number>;
  /** Rows after the header, non-empty. */
  rows: { rowNumber: number; get(name: string): SheetCell | undefined }[];
}

/** Finds a sheet by name and its header row (within the first 5 rows) by the required columns. */
function locate(wb: PlainWorkbook, name: string, columns: readonly string[], required: readonly string[]): Located | undefined {
  const sheet = wb.sheets.find((s) => s.name.trim() === name);
  if (!sheet) return undefined;
  for (const row of sheet.rows.slice(0, 5)) {
    const col = new Map<string, number>();
    row.cells.forEach((c, i) => {
      const t = cellText(c);
      if (columns.includes(t) && !col.has(t)) col.set(t, i);
    });
    if (required.every((r) => col.has(r))) {
      const rows = sheet.rows
        .filter((r) => r.rowNumber > row.rowNumber && r.cells.some((c) => cellText(c) !== ''))
        .map((r) => ({ rowNumber: r.rowNumber, get: (n: string) => (col.has(n) ? r.cells[col.get(n) as number] : undefined) }));
      return { sheet, col, rows };
    }
  }
  return undefined;
}

export interface WorkbookImport {
  /** Undefined when the file has no usable 考核标准 sheet (an unusable file). */
  standard: Standard | undefined;
  problems: StandardProblem[];
}

/**
 * Reads a workbook written by {@link standardToWorkbook} (possibly edited in Excel/WPS).
 * Rows that cannot be read are reported and skipped (or kept with safe parameters, reported as
 * errors) so the office gets a draft to fix; problems carry sheet, row, column and value.
 * @param version version number to give the result (the service assigns the next free one)
 */
export function standardFromWorkbook(wb: PlainWorkbook, version: number, catalogue: MetricCatalogue = METRIC_CATALOGUE): WorkbookImport {
  const problems: StandardProblem[] = [];
  const at = (
    sheet: string,
    row: number | null,
    column: string | null,
    value: string,
    message: string,
    severity: 'error' | 'warning' = 'error',
  ) => problems.push(standardProblem(severity, message, undefined, { sheet, row, column, value }));

  const itemsSheet = locate(wb, STANDARD_SHEETS.items, ITEM_COLUMNS, ['二级指标', '编码', '分值', '评分方法']);
  if (!itemsSheet) {
    at(
      STANDARD_SHEETS.items,
      null,
      null,
      '',
      `文件中没有“${STANDARD_SHEETS.items}”工作表，或找不到表头（一级指标、二级指标、编码、分值、评分方法…）。请使用本系统导出的考核标准文件修改后再导入。`,
    );
    return { standard: undefined, problems };
  }

  // Where each code/label came from, to put validation problems on the right row.
  const rowOf = new Map<string, { sheet: string; row: number }>();
  const sheetName = STANDARD_SHEETS.items;
  const categories: StandardCategory[] = [];
  for (const r of itemsSheet.rows) {
    const code = cellText(r.get('编码'));
    const itemTitle = cellText(r.get('二级指标'));
    const catTitle = cellText(r.get('一级指标'));
    const maxCell = r.get('分值');
    const max = cellPoints(maxCell);
    if (!code) {
      at(sheetName, r.rowNumber, '编码', '', '缺少编码，该行未导入。每个一级指标、二级指标都要有唯一编码（如 A、A1）');
      continue;
    }
    if (max === undefined) {
      at(sheetName, r.rowNumber, '分值', cellText(maxCell), '分值应为不小于0的数字，最多一位小数，该行未导入');
      continue;
    }
    if (!itemTitle) {
      // A 一级指标 row.
      if (!catTitle) {
        at(sheetName, r.rowNumber, '一级指标', '', '一级指标行缺少名称，该行未导入');
        continue;
      }
      categories.push({ code, title: catTitle, maxTenths: max, items: [] });
      rowOf.set(code.toUpperCase(), { sheet: sheetName, row: r.rowNumber });
      continue;
    }
    const category = categories[categories.length - 1];
    if (!category) {
      at(
        sheetName,
        r.rowNumber,
        '编码',
        code,
        '二级指标前面没有一级指标行（二级指标为空、填有一级指标名称、编码和分值的一行），该行未导入',
      );
      continue;
    }
    const methodText = cellText(r.get('评分方法'));
    const kind = methodKindFromLabel(methodText);
    if (!kind) {
      at(sheetName, r.rowNumber, '评分方法', methodText, `评分方法应为：${Object.values(METHOD_LABELS).join('、')}，该行未导入`);
      continue;
    }
    const paramsText = cellText(r.get('参数'));
    const parsed = parseMethodParams(kind, paramsText);
    let method: StandardItem['method'];
    if (parsed.ok) method = parsed.method;
    else {
      at(sheetName, r.rowNumber, '参数', paramsText, `${parsed.message}。已暂按最低0分、步长0.1分的手动评分导入，请在考核标准页面改正`);
      method = { kind: 'manual', minTenths: 0, stepTenths: 1 };
    }
    const evidenceText = cellText(r.get('考核方式'));
    const evidence: EvidenceMethod[] = [];
    for (const e of evidenceText.split(/[、,，;；\s/]+/).filter(Boolean)) {
      const found = EVIDENCE_METHODS.find((m) => m === e);
      if (!found)
        at(sheetName, r.rowNumber, '考核方式', e, `考核方式“${e}”无法识别，应为：${EVIDENCE_METHODS.join('、')}，已忽略`, 'warning');
      else if (!evidence.includes(found)) evidence.push(found);
    }
    const freqText = cellText(r.get('频次'));
    const frequency = (FREQUENCIES as readonly string[]).includes(freqText)
      ? (freqText as Frequency)
      : (Object.entries(FREQUENCY_LABELS).find(([, l]) => l === freqText)?.[0] as Frequency | undefined);
    if (!frequency)
      at(sheetName, r.rowNumber, '频次', freqText, `频次应为：${Object.values(FREQUENCY_LABELS).join('、')}，已按“每季度”导入`, 'warning');
    category.items.push({
      code,
      title: itemTitle,
      maxTenths: max,
      method,
      evidence,
      frequency: frequency ?? 'Q',
      guide: cellText(r.get('评分细则')),
    });
    rowOf.set(code.toUpperCase(), { sheet: sheetName, row: r.rowNumber });
  }
  if (categories.length === 0) {
    at(sheetName, null, null, '', '“考核标准”工作表中没有可用的一级指标行，无法导入');
    return { standard: undefined, problems };
  }

  const bonusItems: BonusItem[] = [];
  const bonusSheet = locate(wb, STANDARD_SHEETS.bonus, BONUS_COLUMNS, ['编码', '加分项目', '加分方式', '单项上限']);
  if (!bonusSheet) at(STANDARD_SHEETS.bonus, null, null, '', '文件中没有“加分项”工作表，导入的标准不含加分项', 'warning');
  for (const r of bonusSheet?.rows ?? []) {
    const sheet = STANDARD_SHEETS.bonus;
    const code = cellText(r.get('编码'));
    const title = cellText(r.get('加分项目'));
    const cap = cellPoints(r.get('单项上限'));
    if (!code || !title) {
      at(sheet, r.rowNumber, code ? '加分项目' : '编码', '', '加分项缺少编码或名称，该行未导入');
      continue;
    }
    if (cap === undefined || cap <= 0) {
      at(sheet, r.rowNumber, '单项上限', cellText(r.get('单项上限')), '单项上限应为大于0的数字，最多一位小数，该行未导入');
      continue;
    }
    const how = cellText(r.get('加分方式'));
    const detail = cellText(r.get('级别及分值'));
    let method: BonusItem['method'] | undefined;
    if (how === BONUS_MANUAL) {
      const m = /^步长\s*([0-9０-９.．]+)\s*分?$/.exec(detail);
      const step = m ? parsePointsText(m[1] ?? '') : undefined;
      if (step === undefined || step <= 0) at(sheet, r.rowNumber, '级别及分值', detail, '手动评分的加分项应写“步长0.5分”，该行未导入');
      else method = { kind: 'manual', stepTenths: step };
    } else if (how === BONUS_LEVELS) {
      const levels: { label: string; pointsTenths: number }[] = [];
      let bad = false;
      for (const line of detail
        .split(/\n|[；;]/)
        .map((l) => l.trim())
        .filter(Boolean)) {
        const m = /^(.+?)\s*[:：]\s*([0-9０-９.．]+)\s*分?$/.exec(line);
        const pts = m ? parsePointsText(m[2] ?? '') : undefined;
        if (!m || pts === undefined || pts <= 0) {
          at(sheet, r.rowNumber, '级别及分值', line, '级别应写成“市级：2分”，每行一个级别，该行未导入');
          bad = true;
          break;
        }
        levels.push({ label: (m[1] ?? '').trim(), pointsTenths: pts });
      }
      if (!bad && levels.length === 0) {
        at(sheet, r.rowNumber, '级别及分值', detail, '按级别加分的加分项至少要有一个级别，该行未导入');
        bad = true;
      }
      if (!bad) method = { kind: 'levels', levels };
    } else {
      at(sheet, r.rowNumber, '加分方式', how, `加分方式应为“${BONUS_LEVELS}”或“${BONUS_MANUAL}”，该行未导入`);
    }
    if (!method) continue;
    bonusItems.push({ code, title, method, capTenths: cap, guide: cellText(r.get('说明')) });
    rowOf.set(code.toUpperCase(), { sheet, row: r.rowNumber });
  }

  const vetoes: VetoItem[] = [];
  const vetoSheet = locate(wb, STANDARD_SHEETS.vetoes, VETO_COLUMNS, ['编码', '否决事项', '否决后果']);
  if (!vetoSheet) at(STANDARD_SHEETS.vetoes, null, null, '', '文件中没有“否决项”工作表，导入的标准不含否决项', 'warning');
  for (const r of vetoSheet?.rows ?? []) {
    const sheet = STANDARD_SHEETS.vetoes;
    const code = cellText(r.get('编码'));
    const title = cellText(r.get('否决事项'));
    const effectText = cellText(r.get('否决后果'));
    const effect = (Object.entries(VETO_EFFECT_LABELS) as [VetoEffect, string][]).find(([, l]) => l === effectText)?.[0];
    if (!code || !title) {
      at(sheet, r.rowNumber, code ? '否决事项' : '编码', '', '否决项缺少编码或名称，该行未导入');
      continue;
    }
    if (!effect) {
      at(sheet, r.rowNumber, '否决后果', effectText, `否决后果应为：${Object.values(VETO_EFFECT_LABELS).join('、')}，该行未导入`);
      continue;
    }
    vetoes.push({ code, title, effect, guide: cellText(r.get('说明')) });
    rowOf.set(code.toUpperCase(), { sheet, row: r.rowNumber });
  }

  const bands: GradeBand[] = [];
  const bandSheet = locate(wb, STANDARD_SHEETS.bands, BAND_COLUMNS, ['等次', '最低分']);
  if (!bandSheet) at(STANDARD_SHEETS.bands, null, null, '', '文件中没有“等级划分”工作表，无法确定等次');
  for (const r of bandSheet?.rows ?? []) {
    const sheet = STANDARD_SHEETS.bands;
    const label = cellText(r.get('等次'));
    const min = cellPoints(r.get('最低分'));
    if (!label || min === undefined) {
      at(
        sheet,
        r.rowNumber,
        label ? '最低分' : '等次',
        cellText(r.get(label ? '最低分' : '等次')),
        '等次应有名称和最低分（数字），该行未导入',
      );
      continue;
    }
    const band: GradeBand = { label, minTenths: min };
    const pctText = cellText(r.get('名额比例(%)'));
    const cntText = cellText(r.get('名额个数'));
    const percent = pctText ? cellInt(r.get('名额比例(%)')) : undefined;
    const count = cntText ? cellInt(r.get('名额个数')) : undefined;
    if (pctText && percent === undefined) at(sheet, r.rowNumber, '名额比例(%)', pctText, '名额比例应为1到100的整数，已忽略');
    if (cntText && count === undefined) at(sheet, r.rowNumber, '名额个数', cntText, '名额个数应为整数，已忽略');
    if (percent !== undefined || count !== undefined)
      band.quota = { ...(percent !== undefined ? { percent } : {}), ...(count !== undefined ? { count } : {}) };
    bands.push(band);
    rowOf.set(`band:${label}`, { sheet, row: r.rowNumber });
  }

  // 考核设置: every entry has a default, so an old or trimmed file still imports.
  const settingsSheet = locate(wb, STANDARD_SHEETS.settings, SETTINGS_COLUMNS, ['项目', '设置']);
  const settings = new Map<string, { value: SheetCell | undefined; row: number }>();
  if (!settingsSheet)
    at(
      STANDARD_SHEETS.settings,
      null,
      null,
      '',
      '文件中没有“考核设置”工作表，已使用默认设置（总分100、加分上限10、四个季度平均等）',
      'warning',
    );
  for (const r of settingsSheet?.rows ?? []) settings.set(cellText(r.get('项目')), { value: r.get('设置'), row: r.rowNumber });
  const setting = (key: string) => settings.get(key);
  const sText = (key: string, fallback: string) => {
    const s = setting(key);
    return s ? cellText(s.value) : fallback;
  };
  const sheetS = STANDARD_SHEETS.settings;
  const sPoints = (key: string, fallback: number) => {
    const s = setting(key);
    if (!s) return fallback;
    const v = cellPoints(s.value);
    if (v === undefined) {
      at(sheetS, s.row, '设置', cellText(s.value), `“${key}”应为数字，已使用${formatTenths(fallback)}`);
      return fallback;
    }
    return v;
  };
  const sPercent = (key: string, fallback: number) => {
    const s = setting(key);
    if (!s) return fallback;
    const v = cellInt(s.value);
    if (v === undefined || v > 100) {
      at(sheetS, s.row, '设置', cellText(s.value), `“${key}”应为0到100的整数，已使用${fallback}`);
      return fallback;
    }
    return v;
  };
  const naText = sText(S.na, NA_POLICY_LABELS.rescale);
  const naPolicy = (Object.entries(NA_POLICY_LABELS) as [NaPolicy, string][]).find(([, l]) => l === naText)?.[0];
  if (!naPolicy)
    at(
      sheetS,
      setting(S.na)?.row ?? null,
      '设置',
      naText,
      `“${S.na}”应为：${Object.values(NA_POLICY_LABELS).join('、')}，已按“${NA_POLICY_LABELS.rescale}”导入`,
    );
  const vetoedLastText = sText(S.vetoedLast, '是');
  if (vetoedLastText !== '是' && vetoedLastText !== '否')
    at(sheetS, setting(S.vetoedLast)?.row ?? null, '设置', vetoedLastText, `“${S.vetoedLast}”应填“是”或“否”，已按“是”导入`);
  const tie = parseTieBreak(sText(S.tieBreak, '基础分'));
  if (typeof tie === 'string') at(sheetS, setting(S.tieBreak)?.row ?? null, '设置', sText(S.tieBreak, ''), `“${S.tieBreak}”${tie}`);
  const qtText = sText(S.quotaTies, QUOTA_TIES_LABELS.demoteAll);
  const quotaTies = (Object.entries(QUOTA_TIES_LABELS) as ['demoteAll' | 'admitAll', string][]).find(([, l]) => l === qtText)?.[0];
  if (!quotaTies)
    at(
      sheetS,
      setting(S.quotaTies)?.row ?? null,
      '设置',
      qtText,
      `“${S.quotaTies}”应为：${Object.values(QUOTA_TIES_LABELS).join('、')}，已按“${QUOTA_TIES_LABELS.demoteAll}”导入`,
    );
  const vetoCapText = sText(S.vetoCap, '合格');

  const candidate: Standard = {
    name: sText(S.name, '社区规范化创建考核标准') || '社区规范化创建考核标准',
    version,
    totalTenths: sPoints(S.total, 1000),
    categories,
    bonus: { capTenths: sPoints(S.bonusCap, 100), items: bonusItems },
    vetoes,
    grading: { bands, quotaTies: quotaTies ?? 'demoteAll' },
    ranking: { vetoedLast: vetoedLastText !== '否', tieBreak: typeof tie === 'string' ? [{ kind: 'baseScore' }] : tie },
    rollUp: {
      quartersPercent: sPercent(S.quartersPercent, 100),
      yearEndPercent: sPercent(S.yearEndPercent, 0),
      yearEndLabel: sText(S.yearEndLabel, '年终评价'),
      vetoAnnualGradeCap: vetoCapText === '' ? null : vetoCapText,
    },
    naPolicy: naPolicy ?? 'rescale',
    note: sText(S.note, ''),
  };

  const shaped = standardSchema.safeParse(candidate);
  if (!shaped.success) {
    // Field-level limits (lengths, sizes) the row checks above do not cover.
    for (const issue of shaped.error.issues) {
      const [k0, i0, k1, i1] = issue.path;
      let loc: { sheet: string; row: number } | undefined;
      if (k0 === 'categories' && typeof i0 === 'number') {
        const cat = candidate.categories[i0];
        const code = k1 === 'items' && typeof i1 === 'number' ? cat?.items[i1]?.code : cat?.code;
        loc = code ? rowOf.get(code.toUpperCase()) : undefined;
      }
      at(
        loc?.sheet ?? sheetS,
        loc?.row ?? null,
        null,
        '',
        /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : `${issue.path.join('.')}格式不正确`,
      );
    }
    return { standard: undefined, problems };
  }
  for (const p of validateStandard(shaped.data, catalogue)) {
    const t = p.target;
    const key = t?.kind === 'band' ? `band:${t.code ?? ''}` : (t?.code ?? '').toUpperCase();
    const loc = t && t.kind !== 'standard' && t.kind !== 'ranking' && t.kind !== 'rollUp' ? rowOf.get(key) : undefined;
    problems.push({ ...p, ...(loc ? { sheet: loc.sheet, row: loc.row } : {}) });
  }
  return { standard: shaped.data, problems };
}
