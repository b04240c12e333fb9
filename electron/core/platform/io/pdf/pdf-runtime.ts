/**
 * The one PDF runtime of the app: every report PDF (通报, 公示, 年度通报, 统计) is rendered by
 * pdf.worker in a worker thread and written to a file, for every door (Electron, browser host, CLI)
 * and the tests. One worker per process, started on first use and kept (fonts stay parsed); it
 * does not keep a process alive while idle.
 *
 * Where the worker's code is: next to this module's bundle as `pdf-worker.cjs` / `pdf-worker.mjs`
 * (scripts/build-node.mjs emits both), or, when running from TypeScript sources (tsx, vitest), the
 * `pdf.worker.ts` beside this file, loaded through tsx's loader.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../../../shared/ipc/errors';
import type { ReportRequest } from '../../../../../shared/report/report-document';
import type { PdfJob, PdfJobResult } from './pdf-worker-protocol';

export interface RenderedReport {
  bytes: number;
  /** Characters no available font could print (empty when everything printed). */
  missingGlyphs: string[];
  fallbackRuns: number;
  millis: number;
}

function startWorker(): Worker {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    const tsxApi = pathToFileURL(
      path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs'),
    ).href;
    const entry = pathToFileURL(path.join(path.dirname(here), 'pdf.worker.ts')).href;
    const code = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
    return new Worker(code, { eval: true, name: 'report-pdf' });
  }
  const ext = here.endsWith('.cjs') ? '.cjs' : '.mjs';
  return new Worker(path.join(path.dirname(here), `pdf-worker${ext}`), { name: 'report-pdf' });
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (r: PdfJobResult) => void; reject: (e: Error) => void }>();

function failAll(error: Error): void {
  for (const waiter of pending.values()) waiter.reject(error);
  pending.clear();
}

function getWorker(): Worker {
  if (worker) return worker;
  const w = startWorker();
  w.on('message', (result: PdfJobResult) => {
    const waiter = pending.get(result.id);
    if (!waiter) return;
    pending.delete(result.id);
    waiter.resolve(result);
    if (pending.size === 0) w.unref();
  });
  w.on('error', (error) => {
    failAll(new AppError('INTERNAL', `生成 PDF 的后台任务出错：${error.message}。请重试；若仍失败，请联系管理员。`));
    if (worker === w) worker = null;
  });
  w.on('exit', () => {
    failAll(new AppError('INTERNAL', '生成 PDF 的后台任务意外退出，请重试。'));
    if (worker === w) worker = null;
  });
  w.unref();
  worker = w;
  return w;
}

/** Renders a report into `file` (written whole or not at all) in the worker thread. */
export async function renderReportToFile(report: ReportRequest, file: string): Promise<RenderedReport> {
  const started = performance.now();
  const w = getWorker();
  const id = nextId++;
  const job: PdfJob = { id, report, file };
  const result = await new Promise<PdfJobResult>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.ref();
    w.postMessage(job);
  });
  if (!result.ok) throw new AppError('INTERNAL', `生成 PDF 失败：${result.message}。数据未改变，请重试。`);
  return {
    bytes: result.bytes,
    missingGlyphs: result.missingGlyphs,
    fallbackRuns: result.fallbackRuns,
    millis: performance.now() - started,
  };
}

/** Stops the worker (tests, shutdown); the next render starts a new one. */
export async function closePdfRuntime(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}
