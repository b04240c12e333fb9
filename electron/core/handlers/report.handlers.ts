import { roundLabel } from '../../../shared/report/report-format';
import { buildResultsWorkbookLayout } from '../../../shared/report/results-workbook.layout';
import type { HandlerMap } from '../handler';
import { writeResultsWorkbook } from '../io/excel/results-workbook.writer';
import { annualReportData, fallbackFontsFor, quarterlyReportData, resultsWorkbookData } from '../services/report.service';

export const reportHandlers: HandlerMap<'report:quarterlyData' | 'report:annualData' | 'report:exportResults' | 'report:fallbackFonts'> = {
  'report:quarterlyData': async ({ app }, { roundId, ...signature }) => quarterlyReportData(app, roundId, signature),
  'report:annualData': async ({ app }, { year, ...signature }) => annualReportData(app, year, signature),
  'report:exportResults': async ({ app }, { roundId }) => {
    const data = await resultsWorkbookData(app, roundId);
    const name = `${data.unit.street}${roundLabel(data.round.year, data.round.quarter)}考评结果${data.finalization.finalized ? '' : '（草稿）'}.xlsx`;
    const out = app.files.createOutput(name);
    await writeResultsWorkbook(buildResultsWorkbookLayout(data), out.path);
    return { fileId: out.fileId, name, communities: data.communities.length };
  },
  'report:fallbackFonts': async (_ctx, { characters }) => fallbackFontsFor(characters),
};
