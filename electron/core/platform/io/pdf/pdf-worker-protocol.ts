/** Messages between the PDF runtime (pdf-runtime.ts) and its worker thread (pdf.worker.ts). */
import type { ReportRequest } from '../../../../../shared/report/report-document';

export interface PdfJob {
  id: number;
  report: ReportRequest;
  /** Where the worker writes the PDF (a staged output file). */
  file: string;
}

export type PdfJobResult =
  { id: number; ok: true; bytes: number; missingGlyphs: string[]; fallbackRuns: number } | { id: number; ok: false; message: string };
