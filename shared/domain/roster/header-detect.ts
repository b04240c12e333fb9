/**
 * Finding the header row of a hand-made roster: title rows above it ("XX街道社区工作者花名册"),
 * an optional group header row above the real header (merged "基本信息" over several columns, or
 * "联系方式" over "手机 | 固话"), and merged cells whose value only the top-left cell carries
 * (streaming readers do not repeat merged values).
 */
import type { ColumnDef, SheetDef } from './roster-columns';
import { cellDisplay, isEmptyCell, type PlainSheet, type SheetCell, type SheetRow } from './sheet-cell';
import { normalizeHeader, stripHeaderQualifiers } from './text-normalize';

/** Remembered mapping: normalised header text -> column key (or '' for "ignore this column"). */
export type RememberedMapping = Readonly<Record<string, string>>;

/** Column key -> 0-based column index in the sheet. */
export type ColumnMapping = Readonly<Record<string, number>>;

export type MatchVia = 'remembered' | 'manual' | 'label' | 'synonym' | 'qualified' | 'none';

export interface DetectedColumn {
  readonly index: number;
  /** Header text as shown in the file (group + sub header joined with "/" when both exist). */
  readonly header: string;
  /** Normalised header used for remembered mappings. */
  readonly normalized: string;
  readonly key: string | null;
  readonly via: MatchVia;
  /** Up to three sample values below the header, as text. */
  readonly samples: readonly string[];
}

export interface HeaderDetection {
  readonly sheetName: string;
  readonly sheetIndex: number;
  /** Excel row number of the header row (the lower one of a two-row header). */
  readonly headerRowNumber: number;
  /** Excel row number of the group header row above, when it supplied column names. */
  readonly groupRowNumber: number | null;
  /** Index into sheet.rows of the first row after the header. */
  readonly dataStartIndex: number;
  readonly columns: readonly DetectedColumn[];
  readonly mapping: ColumnMapping;
  /** Keys of required columns not found. */
  readonly missingRequired: readonly string[];
  /** Higher is better: required matches count twice. */
  readonly score: number;
}

const MAX_SCAN_ROWS = 30;
const RANK: Record<MatchVia, number> = { manual: 0, remembered: 0, label: 1, synonym: 2, qualified: 3, none: 9 };

interface Matcher {
  match(text: string, remembered: RememberedMapping): { key: string | null; via: MatchVia; ignored: boolean };
}

const matcherCache = new WeakMap<SheetDef, Matcher>();

/** Builds (and caches) the header lookup of a sheet definition. */
function matcherFor(def: SheetDef): Matcher {
  const cached = matcherCache.get(def);
  if (cached) return cached;
  const exact = new Map<string, { key: string; via: MatchVia }>();
  const qualified = new Map<string, string>();
  const add = (c: ColumnDef, text: string, via: MatchVia) => {
    const n = normalizeHeader(text);
    if (!exact.has(n)) exact.set(n, { key: c.key, via });
    const s = stripHeaderQualifiers(n);
    if (s !== '' && !qualified.has(s)) qualified.set(s, c.key);
  };
  for (const c of def.columns) add(c, c.label, 'label');
  for (const c of def.columns) for (const syn of c.synonyms) add(c, syn, 'synonym');
  const keys = new Set(def.columns.map((c) => c.key));
  const matcher: Matcher = {
    match(text, remembered) {
      const n = normalizeHeader(text);
      if (n === '') return { key: null, via: 'none', ignored: false };
      const r = remembered[n];
      if (r !== undefined) {
        if (r === '') return { key: null, via: 'remembered', ignored: true };
        if (keys.has(r)) return { key: r, via: 'remembered', ignored: false };
      }
      const e = exact.get(n);
      if (e) return { key: e.key, via: e.via, ignored: false };
      const s = stripHeaderQualifiers(n);
      const q = qualified.get(s) ?? exact.get(s)?.key;
      if (q) return { key: q, via: 'qualified', ignored: false };
      return { key: null, via: 'none', ignored: false };
    },
  };
  matcherCache.set(def, matcher);
  return matcher;
}

function cellText(cell: SheetCell | undefined): string {
  return isEmptyCell(cell) ? '' : cellDisplay(cell).trim();
}

interface Candidate {
  columns: DetectedColumn[];
  mapping: Record<string, number>;
  score: number;
  usedGroup: boolean;
}

function evaluate(
  def: SheetDef,
  row: SheetRow,
  groupRow: SheetRow | null,
  remembered: RememberedMapping,
  samplesFrom: readonly SheetRow[],
): Candidate {
  const matcher = matcherFor(def);
  const width = Math.max(row.cells.length, groupRow?.cells.length ?? 0);
  const best = new Map<string, { index: number; rank: number }>();
  const raw: { index: number; header: string; normalized: string; key: string | null; via: MatchVia; fromGroup: boolean }[] = [];
  let lastGroupText = '';
  for (let c = 0; c < width; c += 1) {
    const sub = cellText(row.cells[c]);
    const groupCell = groupRow ? cellText(groupRow.cells[c]) : '';
    // A horizontally merged group header only has text in its first column: carry it to the right.
    if (groupCell !== '') lastGroupText = groupCell;
    const group = groupRow ? (groupCell !== '' ? groupCell : sub === '' ? '' : lastGroupText) : '';
    let header = sub;
    let m = matcher.match(sub, remembered);
    let fromGroup = false;
    if (!m.key && !m.ignored && group !== '' && sub !== '') {
      const joined = matcher.match(group + sub, remembered);
      if (joined.key) {
        m = joined;
        header = `${group}/${sub}`;
      }
    }
    if (!m.key && !m.ignored && sub === '' && groupCell !== '') {
      // Vertically merged header cell (e.g. 姓名 over two header rows): the text is in the row above.
      m = matcher.match(groupCell, remembered);
      header = groupCell;
      fromGroup = m.key !== null;
    }
    if (header === '') continue;
    raw.push({
      index: c,
      header,
      normalized: normalizeHeader(header),
      key: m.key,
      via: m.key ? m.via : m.ignored ? 'remembered' : 'none',
      fromGroup,
    });
    if (m.key) {
      const rank = RANK[m.via];
      const prev = best.get(m.key);
      if (!prev || rank < prev.rank) best.set(m.key, { index: c, rank });
    }
  }
  const mapping: Record<string, number> = {};
  for (const [key, { index }] of best) mapping[key] = index;
  const required = new Set(def.columns.filter((c) => c.required).map((c) => c.key));
  let score = 0;
  let usedGroup = false;
  const columns: DetectedColumn[] = raw.map((r) => {
    const winner = r.key !== null && mapping[r.key] === r.index;
    if (winner && r.key) {
      score += required.has(r.key) ? 2 : 1;
      if (r.fromGroup) usedGroup = true;
    }
    return {
      index: r.index,
      header: r.header,
      normalized: r.normalized,
      key: winner ? r.key : null,
      via: winner ? r.via : 'none',
      samples: samplesFrom
        .map((s) => cellText(s.cells[r.index]))
        .filter((t) => t !== '')
        .slice(0, 3),
    };
  });
  return { columns, mapping, score, usedGroup };
}

/**
 * Detects the header of one sheet for a sheet definition. Scans the first rows, trying each as a
 * single header row and as the lower row of a two-row header. Returns null when no row matches at
 * least two known columns including half of the required ones.
 */
export function detectHeader(sheet: PlainSheet, def: SheetDef, remembered: RememberedMapping = {}): HeaderDetection | null {
  const rows = sheet.rows;
  const limit = Math.min(rows.length, MAX_SCAN_ROWS);
  const required = def.columns.filter((c) => c.required).map((c) => c.key);
  let best: { candidate: Candidate; index: number } | null = null;
  for (let i = 0; i < limit; i += 1) {
    const row = rows[i];
    if (!row || row.cells.every((c) => isEmptyCell(c))) continue;
    const samples = rows.slice(i + 1, i + 6);
    const single = evaluate(def, row, null, remembered, samples);
    const prev = i > 0 ? rows[i - 1] : undefined;
    // Only an adjacent row can be the group header (a blank row in between breaks the pair).
    const adjacent = prev && prev.rowNumber === row.rowNumber - 1 ? prev : null;
    const paired = adjacent ? evaluate(def, row, adjacent, remembered, samples) : null;
    const candidate = paired && paired.score > single.score ? paired : single;
    if (!best || candidate.score > best.candidate.score) best = { candidate, index: i };
  }
  if (!best) return null;
  const { candidate, index } = best;
  const mappedKeys = Object.keys(candidate.mapping);
  // At least half of the required columns: two common words (社区, 电话) must not make another
  // roster's file look like this one; the mapping screen fills in the rest.
  const requiredFound = mappedKeys.filter((k) => required.includes(k)).length;
  if (mappedKeys.length < 2 || requiredFound < Math.ceil(required.length / 2)) return null;
  const headerRow = rows[index];
  if (!headerRow) return null;
  const groupRow = candidate.usedGroup || candidate.columns.some((c) => c.header.includes('/')) ? rows[index - 1] : undefined;
  return {
    sheetName: sheet.name,
    sheetIndex: sheet.index,
    headerRowNumber: headerRow.rowNumber,
    groupRowNumber: groupRow ? groupRow.rowNumber : null,
    dataStartIndex: index + 1,
    columns: candidate.columns,
    mapping: candidate.mapping,
    missingRequired: required.filter((k) => candidate.mapping[k] === undefined),
    score: candidate.score,
  };
}

/**
 * Applies a user-adjusted mapping (key -> column index) to a detection: recomputes which columns are
 * mapped and which required keys are missing. Unknown keys and out-of-range indexes are dropped.
 */
export function applyMapping(detection: HeaderDetection, def: SheetDef, mapping: ColumnMapping): HeaderDetection {
  const valid: Record<string, number> = {};
  const indexes = new Set(detection.columns.map((c) => c.index));
  const used = new Set<number>();
  for (const c of def.columns) {
    const index = mapping[c.key];
    if (index === undefined || !indexes.has(index) || used.has(index)) continue;
    valid[c.key] = index;
    used.add(index);
  }
  const byIndex = new Map(Object.entries(valid).map(([k, i]) => [i, k]));
  return {
    ...detection,
    mapping: valid,
    columns: detection.columns.map((col) => {
      const key = byIndex.get(col.index) ?? null;
      return { ...col, key, via: key === null ? 'none' : key === col.key ? col.via : 'manual' };
    }),
    missingRequired: def.columns.filter((c) => c.required && valid[c.key] === undefined).map((c) => c.key),
  };
}

/**
 * The remembered mapping to store after an import: every file header -> the key it was mapped to,
 * or '' when the user chose to ignore a column that would otherwise be auto-mapped.
 */
export function rememberMapping(detection: HeaderDetection): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of detection.columns) {
    if (c.normalized === '') continue;
    out[c.normalized] = c.key ?? '';
  }
  return out;
}

const headerChars = new WeakMap<SheetDef, Set<string>>();

/**
 * Cheap pre-check before normalising a cell as a header: a text with a Chinese character that no
 * header of this sheet contains (most names, addresses) cannot be a header.
 */
export function mightBeHeader(def: SheetDef, text: string): boolean {
  let chars = headerChars.get(def);
  if (!chars) {
    chars = new Set();
    for (const c of def.columns) for (const h of [c.label, ...c.synonyms]) for (const ch of h.normalize('NFKC')) chars.add(ch);
    headerChars.set(def, chars);
  }
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 0x4e00 && code <= 0x9fff && !chars.has(text.charAt(i))) return false;
  }
  return true;
}

/** The column key a header text matches in a sheet definition (no remembered mappings), or null. */
export function headerKeyOf(def: SheetDef, text: string): string | null {
  return matcherFor(def).match(text, {}).key;
}

/**
 * True when a row looks like a (repeated) header: at least two cells are known header names of
 * this sheet and they make up at least half of its non-empty cells. Printed rosters repeat the
 * header on each page.
 */
export function isHeaderLikeRow(row: SheetRow, def: SheetDef): boolean {
  const matcher = matcherFor(def);
  let nonEmpty = 0;
  let matched = 0;
  for (const cell of row.cells) {
    if (typeof cell !== 'string' || isEmptyCell(cell)) {
      if (!isEmptyCell(cell)) nonEmpty += 1;
      continue;
    }
    nonEmpty += 1;
    if (matcher.match(cell, {}).key) matched += 1;
  }
  return matched >= 2 && matched * 2 >= nonEmpty;
}
