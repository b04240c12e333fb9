/**
 * The import wizard's session: stage -> read -> detect header -> mapping (auto, adjustable,
 * remembered per roster type) -> preview (validation and diff, import-plan.ts) -> commit in one
 * transaction (import-writer.service.ts). The parsed workbook stays on the main side between the
 * wizard's steps. The UI runs these as background jobs; the CLI's one-shot import is in
 * import-oneshot.service.ts.
 */
import { randomUUID } from 'node:crypto';
import { columnLetter, type PlainWorkbook } from '../../../../shared/domain/roster/sheet-cell';
import type { RememberedMapping } from '../../../../shared/domain/roster/header-detect';
import type { RosterType, SheetDef } from '../../../../shared/domain/roster/roster-columns';
import { detectRosterSheets, type SheetChoice } from '../../../../shared/domain/roster/roster-workbook';
import { AppError } from '../../../../shared/ipc/errors';
import type {
  MappingsDto,
  RosterAnalysisDto,
  RosterImportResultDto,
  RosterPreviewDto,
} from '../../../../shared/ipc/channels/roster.channels';
import type { AppContext } from '../../app-context';
import type { DbOrTrx } from '../../platform/db/schema';
import { readSpreadsheet } from '../../platform/io/excel/spreadsheet-reader';
import { throwIfCancelled, type JobProgress } from '../../platform/jobs/job-registry';
import { mappingRows } from './import-batches.repository';
import { buildPlan, describePlan } from './import-plan';
import { commitPlan } from './import-writer.service';

export interface Analysis {
  readonly id: string;
  readonly roster: RosterType;
  readonly fileName: string;
  readonly workbook: PlainWorkbook;
  readonly choices: readonly SheetChoice[];
  readonly createdAt: number;
}

const analyses = new WeakMap<AppContext, Map<string, Analysis>>();
const MAX_CACHED = 2;

function cacheFor(app: AppContext): Map<string, Analysis> {
  let map = analyses.get(app);
  if (!map) {
    map = new Map();
    analyses.set(app, map);
  }
  return map;
}

function remember(app: AppContext, analysis: Analysis): void {
  const map = cacheFor(app);
  map.set(analysis.id, analysis);
  // A parsed 100,000-row file is ~100 MB: keep only the latest few.
  while (map.size > MAX_CACHED) {
    const oldest = map.keys().next().value;
    if (oldest === undefined) break;
    map.delete(oldest);
  }
}

function getAnalysis(app: AppContext, analysisId: string): Analysis {
  const found = cacheFor(app).get(analysisId);
  if (!found) throw new AppError('NOT_FOUND', '导入会话已过期（可能已打开了其他文件），请重新选择文件。');
  return found;
}

/** The mappings remembered for a roster type, per sheet. */
export async function loadRemembered(db: DbOrTrx, roster: RosterType): Promise<Partial<Record<SheetDef['key'], RememberedMapping>>> {
  const rows = await mappingRows(db, roster);
  const out: Partial<Record<SheetDef['key'], Record<string, string>>> = {};
  for (const r of rows) {
    const key = r.sheet_key === 'groups' ? 'groups' : 'main';
    const m = out[key] ?? {};
    m[r.header] = r.column_key;
    out[key] = m;
  }
  return out;
}

export interface AnalyzeRequest {
  readonly roster: RosterType;
  readonly filePath: string;
  readonly fileName: string;
  readonly sheetName?: string | null;
}

/** Reads the file and detects the roster's sheet(s) and header; throws INVALID_FILE when unusable. */
export async function readAndDetect(app: AppContext, req: AnalyzeRequest, progress: JobProgress, signal: AbortSignal): Promise<Analysis> {
  progress(0, 100, '正在读取文件');
  const workbook = await readSpreadsheet(req.filePath, {
    signal,
    displayName: req.fileName,
    onProgress: (f) => progress(Math.round(f * 60), 100, '正在读取文件'),
  });
  throwIfCancelled(signal);
  progress(60, 100, '正在识别表头');
  const remembered = await loadRemembered(app.db, req.roster);
  const detected = detectRosterSheets(workbook, req.roster, { sheetName: req.sheetName ?? null, remembered });
  if (!detected.ok) throw new AppError('INVALID_FILE', detected.message);
  return { id: randomUUID(), roster: req.roster, fileName: req.fileName, workbook, choices: detected.sheets, createdAt: Date.now() };
}

function describeAnalysis(a: Analysis): RosterAnalysisDto {
  return {
    analysisId: a.id,
    roster: a.roster,
    fileName: a.fileName,
    format: a.workbook.format,
    sheetNames: a.workbook.sheets.map((s) => s.name),
    sheets: a.choices.map((c) => {
      const sheet = a.workbook.sheets.find((s) => s.index === c.detection.sheetIndex);
      return {
        sheetKey: c.def.key,
        sheetLabel: c.def.label,
        sheetName: c.detection.sheetName,
        headerRow: c.detection.headerRowNumber,
        groupRow: c.detection.groupRowNumber,
        rowsBelowHeader: sheet ? sheet.rows.length - c.detection.dataStartIndex : 0,
        columns: c.detection.columns.map((col) => ({
          index: col.index,
          letter: columnLetter(col.index),
          header: col.header,
          key: col.key,
          samples: [...col.samples],
        })),
        fields: c.def.columns.map((f) => ({ key: f.key, label: f.label, required: f.required, hint: f.hint ?? '' })),
        missingRequired: [...c.detection.missingRequired],
      };
    }),
  };
}

/** Analyze step of the wizard (runs as a job). */
export async function analyzeRosterFile(
  app: AppContext,
  req: AnalyzeRequest,
  progress: JobProgress,
  signal: AbortSignal,
): Promise<RosterAnalysisDto> {
  const analysis = await readAndDetect(app, req, progress, signal);
  remember(app, analysis);
  progress(100, 100, '已识别表头');
  return describeAnalysis(analysis);
}

/** Preview step: validation problems and the diff (runs as a job). */
export async function previewRosterImport(
  app: AppContext,
  analysisId: string,
  mappings: MappingsDto,
  strict: boolean,
  progress: JobProgress,
  signal: AbortSignal,
): Promise<RosterPreviewDto> {
  const analysis = getAnalysis(app, analysisId);
  const plan = await buildPlan(app, analysis, mappings, progress, signal);
  progress(100, 100, '校验完成');
  return describePlan(analysis, plan, strict);
}

/** Commit step of the wizard (runs as a job): validates again and writes in one transaction. */
export async function commitRosterImport(
  app: AppContext,
  actor: string,
  analysisId: string,
  mappings: MappingsDto,
  options: { strict: boolean; remember: boolean },
  progress: JobProgress,
  signal: AbortSignal,
): Promise<RosterImportResultDto> {
  const plan = await buildPlan(app, getAnalysis(app, analysisId), mappings, progress, signal);
  const found = getAnalysis(app, analysisId);
  const meta = { roster: found.roster, fileName: found.fileName };
  const result = await commitPlan(app, actor, meta, plan, options.strict, false, progress, signal);
  if (result.committed) cacheFor(app).delete(analysisId);
  return result;
}
