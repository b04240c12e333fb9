/**
 * The CLI's one-shot roster import: read, validate with the automatic (and remembered) mapping,
 * and commit unless a dry run. A single-sheet roster is validated while the file streams by.
 */
import { ROSTER_DEFS } from '../../../../shared/domain/roster/roster-columns';
import { createStreamingValidation } from '../../../../shared/domain/roster/roster-workbook';
import { AppError } from '../../../../shared/ipc/errors';
import type { RosterImportResultDto } from '../../../../shared/ipc/channels/roster.channels';
import type { AppContext } from '../../app-context';
import { readSpreadsheet } from '../../platform/io/excel/spreadsheet-reader';
import { invalidFile } from '../../platform/io/excel/spreadsheet-errors';
import { throwIfCancelled, type JobProgress } from '../../platform/jobs/job-registry';
import { buildPlan, diffAgainstDatabase, labelOf, validationContext, type Plan } from './import-plan';
import { commitPlan, type ImportMeta } from './import-writer.service';
import { loadRemembered, readAndDetect, type AnalyzeRequest } from './import-session.service';

export interface ImportRequest extends AnalyzeRequest {
  readonly strict: boolean;
  readonly dryRun: boolean;
}

/** One-shot import with the automatic (and remembered) mapping: the CLI's `import`. */
export async function importRosterFile(
  app: AppContext,
  actor: string,
  req: ImportRequest,
  progress: JobProgress,
  signal: AbortSignal,
): Promise<RosterImportResultDto> {
  if (ROSTER_DEFS[req.roster].sheets.length === 1) return importStreaming(app, actor, req, progress, signal);
  // Planned in a helper so the parsed workbook is released before the writes allocate their rows.
  const { meta, plan } = await planFromFile(app, req, progress, signal);
  return commitPlan(app, actor, meta, plan, req.strict, req.dryRun, progress, signal);
}

async function planFromFile(
  app: AppContext,
  req: ImportRequest,
  progress: JobProgress,
  signal: AbortSignal,
): Promise<{ meta: ImportMeta; plan: Plan }> {
  const analysis = await readAndDetect(app, req, progress, signal);
  const missing = analysis.choices.flatMap((c) => c.detection.missingRequired.map((k) => `“${labelOf(c.def, k)}”`));
  if (missing.length > 0) {
    const first = analysis.choices[0]?.detection;
    throw invalidFileMessage(
      `文件中缺少必填列 ${missing.join('、')}（表头在“${first?.sheetName ?? ''}”第 ${first?.headerRowNumber ?? 0} 行）。请补充这些列，或在程序的导入向导中手动指定列对应`,
    );
  }
  const plan = await buildPlan(app, analysis, {}, progress, signal);
  return { meta: { roster: analysis.roster, fileName: analysis.fileName }, plan };
}

/**
 * One-shot import of a single-sheet roster, validating rows while the file streams by: the cells of
 * a 100,000-row file are never all in memory, only the typed records.
 */
async function importStreaming(
  app: AppContext,
  actor: string,
  req: ImportRequest,
  progress: JobProgress,
  signal: AbortSignal,
): Promise<RosterImportResultDto> {
  progress(0, 100, '正在读取并校验');
  // The 1904 date system is only known once the workbook part has been read; it only changes how
  // bare serial numbers in date columns are read, so validate with 1900 and re-check if needed.
  const { ctx, refs } = await validationContext(app, false);
  const remembered = await loadRemembered(app.db, req.roster);
  const stream = createStreamingValidation(req.roster, ctx, { sheetName: req.sheetName ?? null, remembered });
  const workbook = await readSpreadsheet(req.filePath, {
    signal,
    displayName: req.fileName,
    sink: stream.sink,
    onProgress: (f) => progress(Math.round(f * 78), 100, '正在读取并校验'),
  });
  if (workbook.date1904) {
    // Rare (Mac Excel): read again the ordinary way so serial dates use the 1904 system.
    const { meta, plan } = await planFromFile(app, req, progress, signal);
    return commitPlan(app, actor, meta, plan, req.strict, req.dryRun, progress, signal);
  }
  throwIfCancelled(signal);
  const outcome = stream.outcome();
  if (!outcome.ok) throw new AppError('INVALID_FILE', outcome.message);
  const choice = outcome.choices[0];
  const missing = choice ? choice.detection.missingRequired.map((k) => `“${labelOf(choice.def, k)}”`) : [];
  if (choice && missing.length > 0) {
    throw invalidFileMessage(
      `文件中缺少必填列 ${missing.join('、')}（表头在“${choice.detection.sheetName}”第 ${choice.detection.headerRowNumber} 行）。请补充这些列，或在程序的导入向导中手动指定列对应`,
    );
  }
  const plan = await diffAgainstDatabase(app, req.roster, outcome.choices, outcome.validation, refs, progress);
  return commitPlan(app, actor, { roster: req.roster, fileName: req.fileName }, plan, req.strict, req.dryRun, progress, signal);
}

function invalidFileMessage(message: string): AppError {
  const e = invalidFile('notSpreadsheet');
  return new AppError('INVALID_FILE', message, e.details);
}
