/**
 * The PDF worker thread: builds a report's document with the shared builders and renders it with
 * pdfmake into the file it is given. Laying out 100+ pages takes seconds; here it never blocks the
 * main process (the Electron window's IPC, the host's HTTP server). Fonts are read from disk here,
 * once per worker, and never cross a message port.
 */
import { parentPort } from 'node:worker_threads';
import { buildReportDocument } from '../../../../../shared/report/report-document';
import { renderPdfToFile } from './pdf-renderer';
import type { PdfJob, PdfJobResult } from './pdf-worker-protocol';

const port = parentPort;
if (!port) throw new Error('pdf.worker must run in a worker thread');

async function run(job: PdfJob): Promise<PdfJobResult> {
  try {
    const result = await renderPdfToFile(buildReportDocument(job.report), job.file);
    return { id: job.id, ok: true, bytes: result.buffer.length, missingGlyphs: result.missingGlyphs, fallbackRuns: result.fallbackRuns };
  } catch (error) {
    return { id: job.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

// One job at a time, in order: pdfmake's font registry is one per thread.
let queue: Promise<unknown> = Promise.resolve();
port.on('message', (job: PdfJob) => {
  queue = queue.then(() => run(job).then((result) => port.postMessage(result)));
});
