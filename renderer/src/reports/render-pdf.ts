/**
 * Generates report PDFs in a Web Worker so the page stays responsive while 100+ pages are laid out.
 * One worker is kept for the session (fonts stay loaded); requests are answered in order.
 */
import notoBoldUrl from '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf?url';
import notoRegularUrl from '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf?url';
import serifBoldUrl from '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf?url';
import serifRegularUrl from '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf?url';
import { REPORT_FONT_FAMILY, SERIF_FONT_FAMILY } from '../../../shared/report/report-style';
import type { ReportRequest, WorkerFontFace, WorkerFonts, WorkerRequest, WorkerResponse } from './pdf-worker-protocol';

export type { ReportRequest, WorkerFontFace } from './pdf-worker-protocol';

export interface RenderedPdf {
  blob: Blob;
  bytes: number;
  /** Characters no font could print (shown to the user as a warning). */
  missingGlyphs: string[];
  fallbackRuns: number;
  millis: number;
}

/** Absolute URL: the worker resolves relative URLs against its own script, not the page. */
function absolute(url: string): string {
  return new URL(url, document.baseURI).href;
}

/** Noto Sans SC Regular and Bold as bundled with the renderer. */
export function bundledPrimaryFont(): WorkerFontFace {
  return { family: REPORT_FONT_FAMILY, normal: absolute(notoRegularUrl), bold: absolute(notoBoldUrl) };
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (r: RenderedPdf) => void; reject: (e: Error) => void }>();

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./pdf.worker.ts', import.meta.url), { type: 'module', name: 'report-pdf' });
  w.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const r = event.data;
    const waiter = pending.get(r.id);
    if (!waiter) return;
    pending.delete(r.id);
    if (r.ok) {
      waiter.resolve({
        blob: new Blob([r.pdf], { type: 'application/pdf' }),
        bytes: r.pdf.byteLength,
        missingGlyphs: r.missingGlyphs,
        fallbackRuns: r.fallbackRuns,
        millis: r.millis,
      });
    } else {
      waiter.reject(new Error(r.message));
    }
  };
  w.onerror = (event) => {
    const error = new Error(`生成 PDF 的后台任务出错：${event.message || '未知错误'}，请重试。`);
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
    w.terminate();
    worker = null;
  };
  worker = w;
  return w;
}

/**
 * Renders a report to a PDF Blob in the worker. `fallbacks` are fonts for rare characters the
 * bundled Noto Sans SC lacks (e.g. 𠮷), given as URLs or bytes.
 */
export function renderReportPdf(
  report: ReportRequest,
  options: { fallbacks?: WorkerFontFace[]; system?: WorkerFontFace[] } = {},
): Promise<RenderedPdf> {
  const fonts: WorkerFonts = {
    primary: bundledPrimaryFont(),
    fallbacks: options.fallbacks ?? [],
    serif: { family: SERIF_FONT_FAMILY, normal: absolute(serifRegularUrl), bold: absolute(serifBoldUrl) },
    system: options.system ?? [],
  };
  const id = nextId++;
  const message: WorkerRequest = { id, report, fonts };
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    getWorker().postMessage(message);
  });
}
