import { roundLabel } from '../../../../shared/report/report-format';
import { buildResultsWorkbookLayout } from '../../../../shared/report/results-workbook.layout';
import type { HandlerMap } from '../../handler';
import { writeResultsWorkbook } from '../../platform/io/excel/results-workbook.writer';
import { actorName } from '../../app-context';
import { getDocumentSettings, updateDocumentSettings } from '../settings/index';
import { proposeDocNumber, verifyReportCode } from './report-issue.service';
import { annualReportData, noticeReportData, quarterlyReportData, resultsWorkbookData } from './report.service';
import { annualReportPdf, noticeReportPdf, quarterlyReportPdf } from './report-pdf.service';

export const reportHandlers: HandlerMap<
  | 'report:quarterlyData'
  | 'report:noticeData'
  | 'report:annualData'
  | 'report:exportResults'
  | 'report:documentSettings'
  | 'report:updateDocumentSettings'
  | 'report:verify'
  | 'report:proposeDocNumber'
  | 'report:quarterlyPdf'
  | 'report:noticePdf'
  | 'report:annualPdf'
> = {
  'report:quarterlyData': async ({ app }, { roundId, ...signature }) => quarterlyReportData(app, roundId, signature),
  'report:noticeData': async ({ app }, { roundId, ...period }) => noticeReportData(app, roundId, period),
  'report:documentSettings': async ({ app }) => getDocumentSettings(app.db),
  'report:updateDocumentSettings': async ({ app, actor }, input) => updateDocumentSettings(app, actorName(actor), input),
  'report:verify': async ({ app }, { code }) => verifyReportCode(app, code),
  'report:proposeDocNumber': async ({ app }, { roundId, docNumber }) => proposeDocNumber(app, roundId, docNumber),
  'report:quarterlyPdf': async ({ app }, { roundId, ...signature }) => quarterlyReportPdf(app, roundId, signature),
  'report:noticePdf': async ({ app }, { roundId, ...period }) => noticeReportPdf(app, roundId, period),
  'report:annualPdf': async ({ app }, { year, kind, ...signature }) => annualReportPdf(app, year, signature, kind),
  'report:annualData': async ({ app }, { year, kind, ...signature }) => annualReportData(app, year, signature, kind),
  'report:exportResults': async ({ app }, { roundId }) => {
    const data = await resultsWorkbookData(app, roundId);
    const name = `${data.unit.street}${roundLabel(data.round.year, data.round.quarter)}考评结果${data.finalization.finalized ? '' : '（草稿）'}.xlsx`;
    const out = app.files.createOutput(name);
    await writeResultsWorkbook(buildResultsWorkbookLayout(data), out.path);
    return {
      fileId: out.fileId,
      name,
      communities: data.communities.length,
      deductions: data.deductions.length,
      rectifications: data.rectifications.length,
    };
  },
};
