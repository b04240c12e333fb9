/**
 * Which report to print and its data: the one request shape the PDF runtime accepts, and the one
 * place that turns it into a pdfmake document with the shared builders. Only data (no functions),
 * so a request crosses a worker thread's message port unchanged.
 */
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { statsResultSchema, type StatsResultDto } from '../ipc/channels/planner.channels';
import { buildAnnualReport } from './annual-report.builder';
import { buildPublicNotice } from './public-notice.builder';
import { buildQuarterlyReport } from './quarterly-report.builder';
import {
  annualReportDataSchema,
  quarterlyReportDataSchema,
  reportUnitSchema,
  type AnnualReportDataInput,
  type QuarterlyReportDataInput,
  type ReportUnit,
} from './report-data';
import { buildStatsReport } from './stats-report.builder';

export type ReportRequest =
  | { kind: 'quarterly'; data: QuarterlyReportDataInput }
  | { kind: 'notice'; data: QuarterlyReportDataInput }
  | { kind: 'annual'; data: AnnualReportDataInput }
  | { kind: 'stats'; data: { result: StatsResultDto; unit: ReportUnit } };

/** The pdfmake document of a report (the data is parsed first: defaults applied, shapes checked). */
export function buildReportDocument(request: ReportRequest): TDocumentDefinitions {
  switch (request.kind) {
    case 'quarterly':
      return buildQuarterlyReport(quarterlyReportDataSchema.parse(request.data));
    case 'notice':
      return buildPublicNotice(quarterlyReportDataSchema.parse(request.data));
    case 'annual':
      return buildAnnualReport(annualReportDataSchema.parse(request.data));
    case 'stats':
      return buildStatsReport(statsResultSchema.parse(request.data.result), reportUnitSchema.parse(request.data.unit));
  }
}
