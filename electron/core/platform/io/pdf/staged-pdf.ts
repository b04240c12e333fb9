/** A report rendered by the PDF runtime into a staged output file: what a handler returns for a PDF. */
import type { StagedPdf } from '../../../../../shared/ipc/channels/report.channels';
import type { ReportRequest } from '../../../../../shared/report/report-document';
import type { FileStaging } from '../../files/file-staging';
import { renderReportToFile } from './pdf-runtime';

export async function stageReportPdf(files: FileStaging, report: ReportRequest, name: string): Promise<StagedPdf> {
  const out = files.createOutput(name);
  try {
    const rendered = await renderReportToFile(report, out.path);
    return { fileId: out.fileId, name, bytes: rendered.bytes, missingGlyphs: rendered.missingGlyphs, millis: rendered.millis };
  } catch (error) {
    files.release(out.fileId);
    throw error;
  }
}
