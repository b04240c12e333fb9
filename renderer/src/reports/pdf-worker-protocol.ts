/**
 * Messages between the page and the PDF worker. Only data crosses postMessage (functions cannot):
 * the worker builds the document definition itself with the same shared builders the CLI uses.
 */
import type { AnnualReportDataInput, QuarterlyReportDataInput, ReportUnit } from '../../../shared/report/report-data';
import type { StatsResultDto } from '../../../shared/ipc/channels/planner.channels';

/** A font file given as an absolute URL or as its bytes. */
export type FontSource = string | ArrayBuffer;

export interface WorkerFontFace {
  family: string;
  normal: FontSource;
  /** Defaults to `normal` when the font has no bold. */
  bold?: FontSource;
}

export interface WorkerFonts {
  primary: WorkerFontFace;
  /** Fonts for characters the primary lacks (rare name characters), in order of preference. */
  fallbacks: WorkerFontFace[];
  /** The shipped serif (Noto Serif SC): 仿宋, 楷体 and 小标宋 of the official documents print in it. */
  serif: WorkerFontFace;
  /** The PC's own 仿宋/黑体/楷体/小标宋 faces, by document family; they replace the shipped stand-ins. */
  system?: WorkerFontFace[];
}

export type ReportRequest =
  | { kind: 'quarterly'; data: QuarterlyReportDataInput }
  | { kind: 'notice'; data: QuarterlyReportDataInput }
  | { kind: 'annual'; data: AnnualReportDataInput }
  | { kind: 'stats'; data: { result: StatsResultDto; unit: ReportUnit } };

export interface WorkerRequest {
  id: number;
  report: ReportRequest;
  fonts: WorkerFonts;
}

export type WorkerResponse =
  | { id: number; ok: true; pdf: ArrayBuffer; missingGlyphs: string[]; fallbackRuns: number; millis: number }
  | { id: number; ok: false; message: string };
