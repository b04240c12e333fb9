/** What the reports feature offers the other features and the doors; everything else is private to it. */
export { proposeDocNumber, recordReportIssue, supersedeReportIssue } from './report-issue.service';
export { reportHandlers } from './report.handlers';
export { resultsWorkbookData } from './report.service';
