/**
 * A roster file as a whole: which sheet holds the roster (the data is often on the second sheet,
 * after an instructions sheet), the grids roster's optional 小组/楼院 sheet, and validation of all
 * of them in order (groups may refer to grids of the same file).
 */
import { applyMapping, detectHeader, type ColumnMapping, type HeaderDetection, type RememberedMapping } from './header-detect';
import { ROSTER_DEFS, type RosterType, type SheetDef } from './roster-columns';
import type { ImportProblem } from '../problems';
import {
  buildReferenceIndex,
  createSheetValidator,
  validateSheet,
  type GridRef,
  type RosterValidationContext,
  type SheetValidation,
  type SheetValidator,
} from './row-validate';
import type { PlainSheet, PlainWorkbook, RowSink, SheetInfo, SheetRow } from './sheet-cell';
import { normalizeHeader } from './text-normalize';

export interface SheetChoice {
  readonly def: SheetDef;
  readonly detection: HeaderDetection;
}

export type SheetDetectionResult =
  { readonly ok: true; readonly sheets: readonly SheetChoice[] } | { readonly ok: false; readonly message: string };

export interface DetectOptions {
  /** Use only this sheet for the roster's main sheet (CLI --sheet). */
  readonly sheetName?: string | null;
  /** Remembered mappings per sheet key. */
  readonly remembered?: Partial<Record<SheetDef['key'], RememberedMapping>>;
}

function headerNotFoundMessage(rosterType: RosterType, def: SheetDef, sheetName: string | null): string {
  const required = def.columns
    .filter((c) => c.required)
    .map((c) => c.label)
    .join('、');
  return `没有在文件中找到“${ROSTER_DEFS[rosterType].label}”名册的表头。表头应包含 ${required} 等列；请确认选择了正确的文件和名册类型${sheetName ? '' : '，或用 --sheet 指定工作表'}`;
}

function noSuchSheetMessage(wanted: string, names: readonly string[]): string {
  return `文件中没有名为“${wanted}”的工作表，现有工作表：${names.map((n) => `“${n}”`).join('、')}`;
}

function candidateScore(detection: HeaderDetection, sheet: Pick<PlainSheet, 'name' | 'hidden'>, def: SheetDef): number {
  // Hidden sheets only win when nothing visible matches.
  return detection.score * 4 + hintBonus(sheet, def) * 2 + (sheet.hidden ? 0 : 1);
}

function hintBonus(sheet: Pick<PlainSheet, 'name'>, def: SheetDef): number {
  const name = normalizeHeader(sheet.name);
  return def.sheetNameHints.some((h) => name.includes(normalizeHeader(h))) ? 1 : 0;
}

/**
 * Picks, for each sheet definition of the roster, the workbook sheet whose header matches best.
 * Fails with a Chinese message when the main sheet cannot be found.
 */
export function detectRosterSheets(workbook: PlainWorkbook, rosterType: RosterType, options: DetectOptions = {}): SheetDetectionResult {
  const roster = ROSTER_DEFS[rosterType];
  const chosen: SheetChoice[] = [];
  const used = new Set<number>();
  if (workbook.sheets.length === 0) return { ok: false, message: '文件中没有任何工作表或数据，请检查是否选错了文件' };
  for (const def of roster.sheets) {
    const isMain = def.key === 'main';
    let candidates = workbook.sheets.filter((s) => !used.has(s.index));
    if (isMain && options.sheetName) {
      const wanted = options.sheetName.trim();
      candidates = candidates.filter((s) => s.name.trim() === wanted);
      if (candidates.length === 0)
        return {
          ok: false,
          message: noSuchSheetMessage(
            wanted,
            workbook.sheets.map((s) => s.name),
          ),
        };
    }
    let best: { sheet: PlainSheet; detection: HeaderDetection; score: number } | null = null;
    for (const sheet of candidates) {
      const detection = detectHeader(sheet, def, options.remembered?.[def.key] ?? {});
      if (!detection) continue;
      const score = candidateScore(detection, sheet, def);
      if (!best || score > best.score) best = { sheet, detection, score };
    }
    if (!best) {
      if (def.optional) continue;
      return { ok: false, message: headerNotFoundMessage(rosterType, def, options.sheetName ?? null) };
    }
    used.add(best.sheet.index);
    chosen.push({ def, detection: best.detection });
  }
  return { ok: true, sheets: chosen };
}

/** Applies user-adjusted mappings (per sheet key) to detected sheets. */
export function withMappings(choices: readonly SheetChoice[], mappings: Partial<Record<SheetDef['key'], ColumnMapping>>): SheetChoice[] {
  return choices.map((c) => {
    const m = mappings[c.def.key];
    return m ? { def: c.def, detection: applyMapping(c.detection, c.def, m) } : c;
  });
}

export interface RosterValidation {
  readonly rosterType: RosterType;
  readonly sheets: readonly SheetValidation[];
  /** All problems, sheet by sheet. */
  readonly problems: readonly ImportProblem[];
  readonly errorCount: number;
  readonly warningCount: number;
  readonly omittedProblems: number;
  /** Data rows (valid and invalid) across sheets. */
  readonly dataRows: number;
  readonly validRows: number;
  readonly rejectedRows: number;
}

/**
 * Validates every chosen sheet of a roster file. For the grids roster, the 小组/楼院 sheet may
 * refer to grids defined on the main sheet of the same file.
 */
export function validateRoster(
  workbook: PlainWorkbook,
  rosterType: RosterType,
  choices: readonly SheetChoice[],
  ctx: RosterValidationContext,
): RosterValidation {
  const results: SheetValidation[] = [];
  let context = ctx;
  for (const choice of choices) {
    const sheet = workbook.sheets.find((s) => s.index === choice.detection.sheetIndex);
    if (!sheet) continue;
    const result = validateSheet(rosterType, choice.def, sheet, choice.detection, context, buildReferenceIndex(context.references));
    results.push(result);
    if (rosterType === 'grids' && choice.def.key === 'main') {
      const fileGrids: GridRef[] = [];
      for (const r of result.records) {
        const { code, name, community } = r.values;
        if (r.valid && typeof code === 'string' && typeof community === 'string') {
          fileGrids.push({ code, name: typeof name === 'string' ? name : code, community });
        }
      }
      const known = new Set(fileGrids.map((g) => g.code.toUpperCase()));
      context = {
        ...context,
        references: {
          ...context.references,
          grids: [...fileGrids, ...context.references.grids.filter((g) => !known.has(g.code.toUpperCase()))],
        },
      };
    }
  }
  return summarizeValidation(rosterType, results);
}

/** Totals of a roster's sheet validations. */
export function summarizeValidation(rosterType: RosterType, results: readonly SheetValidation[]): RosterValidation {
  let dataRows = 0;
  let validRows = 0;
  for (const r of results) {
    dataRows += r.records.length;
    for (const rec of r.records) if (rec.valid) validRows += 1;
  }
  return {
    rosterType,
    sheets: results,
    problems: results.flatMap((r) => r.problems),
    errorCount: results.reduce((n, r) => n + r.errorCount, 0),
    warningCount: results.reduce((n, r) => n + r.warningCount, 0),
    omittedProblems: results.reduce((n, r) => n + r.omittedProblems, 0),
    dataRows,
    validRows,
    rejectedRows: dataRows - validRows,
  };
}

/** Rows buffered per sheet before its header is detected (header scan + sample rows). */
const HEADER_BUFFER = 40;

export type StreamingOutcome =
  | { readonly ok: true; readonly choices: readonly SheetChoice[]; readonly validation: RosterValidation }
  | { readonly ok: false; readonly message: string };

export interface StreamingRosterValidation {
  readonly sink: RowSink;
  /** After the file has been read: the chosen sheet and its validation, or why none matched. */
  outcome(): StreamingOutcome;
}

/**
 * Detects the header and validates a single-sheet roster while the file streams by: each sheet's
 * first rows are buffered for header detection, every later row is validated as it arrives and only
 * the typed records are kept. Same results as detectRosterSheets + validateRoster.
 */
export function createStreamingValidation(
  rosterType: RosterType,
  ctx: RosterValidationContext,
  options: DetectOptions = {},
): StreamingRosterValidation {
  const roster = ROSTER_DEFS[rosterType];
  const def = roster.sheets[0];
  if (!def || roster.sheets.length !== 1) throw new Error(`streaming validation needs a single-sheet roster, not ${rosterType}`);
  const index = buildReferenceIndex(ctx.references);
  const remembered = options.remembered?.[def.key] ?? {};
  const wanted = options.sheetName?.trim() || null;
  const names: string[] = [];
  const candidates: { detection: HeaderDetection; validator: SheetValidator; score: number }[] = [];
  let info: SheetInfo | null = null;
  let buffer: SheetRow[] | null = null;
  let current: { detection: HeaderDetection; validator: SheetValidator } | null = null;

  const detect = () => {
    if (!info || !buffer) return;
    const rows = buffer;
    buffer = null;
    if (wanted !== null && info.name.trim() !== wanted) return;
    const sheet: PlainSheet = { name: info.name, index: info.index, hidden: info.hidden, rows };
    const detection = detectHeader(sheet, def, remembered);
    if (!detection) return;
    const validator = createSheetValidator(rosterType, def, info.name, detection, ctx, index);
    for (let r = detection.dataStartIndex; r < rows.length; r += 1) {
      const row = rows[r];
      if (row) validator.add(row);
    }
    current = { detection, validator };
    candidates.push({ detection, validator, score: candidateScore(detection, sheet, def) });
  };

  const sink: RowSink = {
    startSheet(sheetInfo) {
      info = sheetInfo;
      names.push(sheetInfo.name);
      buffer = [];
      current = null;
    },
    row(row) {
      if (buffer) {
        buffer.push(row);
        if (buffer.length >= HEADER_BUFFER) detect();
      } else if (current) {
        current.validator.add(row);
      }
    },
    endSheet() {
      if (buffer) detect();
      info = null;
      current = null;
    },
  };

  return {
    sink,
    outcome() {
      if (names.length === 0) return { ok: false, message: '文件中没有任何工作表或数据，请检查是否选错了文件' };
      if (wanted !== null && !names.some((n) => n.trim() === wanted)) return { ok: false, message: noSuchSheetMessage(wanted, names) };
      let best: (typeof candidates)[number] | null = null;
      for (const c of candidates) if (!best || c.score > best.score) best = c;
      if (!best) return { ok: false, message: headerNotFoundMessage(rosterType, def, wanted) };
      const validation = summarizeValidation(rosterType, [best.validator.finish()]);
      return { ok: true, choices: [{ def, detection: best.detection }], validation };
    },
  };
}
