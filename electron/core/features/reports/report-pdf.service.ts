/**
 * The report PDFs as staged files: the data of report.service rendered by the PDF runtime, named
 * as the office files them. One place for the file names and the status shown next to a PDF, for
 * the page and the CLI alike.
 */
import type { ReportPdfDto } from '../../../../shared/ipc/channels/report.channels';
import { roundLabel } from '../../../../shared/report/report-format';
import { kindWords } from '../../../../shared/domain/levels/kind-words';
import type { UnitKind } from '../../../../shared/domain/levels/levels';
import type { AppContext } from '../../app-context';
import { stageReportPdf } from '../../platform/io/pdf/staged-pdf';
import { annualReportData, noticeReportData, quarterlyReportData, type SignatureInput } from './report.service';

const draft = (finalized: boolean) => (finalized ? '' : '（草稿）');

export async function quarterlyReportPdf(app: AppContext, roundId: string, signature: SignatureInput): Promise<ReportPdfDto> {
  const data = await quarterlyReportData(app, roundId, signature);
  const { finalized, contentHash } = data.finalization;
  const label = roundLabel(data.round.year, data.round.quarter);
  const name = `${data.unit.street}${label}${kindWords(data.unitKind).work}考评情况通报${draft(finalized)}.pdf`;
  const pdf = await stageReportPdf(app.files, { kind: 'quarterly', data }, name);
  return {
    ...pdf,
    title: `${label}考评情况通报`,
    finalized,
    status: finalized ? '定稿' : '草稿',
    contentHash,
    communities: data.communities.length,
    unitKind: data.unitKind,
    notice: null,
  };
}

export async function noticeReportPdf(
  app: AppContext,
  roundId: string,
  period: { from?: string | undefined; to?: string | undefined; date?: string | undefined },
): Promise<ReportPdfDto> {
  const data = await noticeReportData(app, roundId, period);
  const label = roundLabel(data.round.year, data.round.quarter);
  const pdf = await stageReportPdf(
    app.files,
    { kind: 'notice', data },
    `关于${data.unit.street}${label}${kindWords(data.unitKind).work}考评结果的公示.pdf`,
  );
  // A 公示 is issued as such: never a draft, no verification code.
  return {
    ...pdf,
    title: `${label}考评结果公示`,
    finalized: true,
    status: '公示',
    contentHash: null,
    communities: data.communities.length,
    unitKind: data.unitKind,
    notice: data.notice ? { from: data.notice.from, to: data.notice.to } : null,
  };
}

export async function annualReportPdf(app: AppContext, year: number, signature: SignatureInput, kind?: UnitKind): Promise<ReportPdfDto> {
  const data = await annualReportData(app, year, signature, kind);
  const { finalized, contentHash } = data.finalization;
  const name = `${data.unit.street}${data.year}年度${kindWords(data.unitKind).work}考评结果通报${draft(finalized)}.pdf`;
  const pdf = await stageReportPdf(app.files, { kind: 'annual', data }, name);
  return {
    ...pdf,
    title: `${data.year}年度考评结果通报`,
    finalized,
    status: finalized ? '定稿' : '草稿',
    contentHash,
    communities: data.communities.length,
    unitKind: data.unitKind,
    notice: null,
  };
}
