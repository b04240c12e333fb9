/// <reference lib="webworker" />
/**
 * PDF generation off the UI thread: parses the report data, builds the pdfmake document with the
 * shared builders, splits text runs for the fallback font (glyph coverage via fontkit, as in Node)
 * and renders with pdfmake's browser build. Fonts are fetched once per worker and kept in pdfmake's
 * virtual file system.
 */
import * as fontkit from 'fontkit';
import * as pdfMakeModule from 'pdfmake/build/pdfmake';
import type { TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces';
import { buildAnnualReport } from '../../../shared/report/annual-report.builder';
import { applyGlyphFallback, chainResolver } from '../../../shared/report/glyph-fallback';
import { DOC_FONTS, fallbackChain } from '../../../shared/report/report-style';
import { buildPublicNotice } from '../../../shared/report/public-notice.builder';
import { buildQuarterlyReport } from '../../../shared/report/quarterly-report.builder';
import { buildStatsReport } from '../../../shared/report/stats-report.builder';
import { statsResultSchema } from '../../../shared/ipc/channels/planner.channels';
import { annualReportDataSchema, quarterlyReportDataSchema, reportUnitSchema } from '../../../shared/report/report-data';
import type { FontSource, WorkerFontFace, WorkerRequest, WorkerResponse } from './pdf-worker-protocol';

interface PdfMakeBrowser {
  virtualfs: { existsSync(name: string): boolean; writeFileSync(name: string, content: Uint8Array): void };
  setFonts(fonts: TFontDictionary): void;
  createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Uint8Array> };
}

// The browser build is a UMD bundle: bundlers expose it as the default export or as the namespace.
const pdfMake = ((pdfMakeModule as unknown as { default?: PdfMakeBrowser }).default ?? pdfMakeModule) as unknown as PdfMakeBrowser;

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** Loads a URL as bytes; Electron pages loaded from file:// cannot use fetch, XHR still works there. */
async function loadBytes(source: FontSource): Promise<Uint8Array> {
  if (typeof source !== 'string') return new Uint8Array(source);
  try {
    const response = await fetch(source);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('GET', source);
      xhr.responseType = 'arraybuffer';
      xhr.onload = () => (xhr.status === 0 || xhr.status === 200 ? resolve(new Uint8Array(xhr.response as ArrayBuffer)) : reject(error));
      xhr.onerror = () => reject(new Error(`无法加载字体文件 ${source}：${String(error)}`));
      xhr.send();
    });
  }
}

interface LoadedFace {
  family: string;
  normalKey: string;
  boldKey: string;
  coverage: fontkit.Font;
}

const loaded = new Map<string, Promise<LoadedFace>>();

function faceKey(face: WorkerFontFace): string {
  const src = (s: FontSource | undefined) => (s === undefined ? '' : typeof s === 'string' ? s : `bytes:${s.byteLength}`);
  return `${face.family}|${src(face.normal)}|${src(face.bold)}`;
}

function loadFace(face: WorkerFontFace): Promise<LoadedFace> {
  const key = faceKey(face);
  let p = loaded.get(key);
  if (!p) {
    p = (async () => {
      const normalKey = `${face.family}-normal.ttf`;
      const boldKey = face.bold ? `${face.family}-bold.ttf` : normalKey;
      const normal = await loadBytes(face.normal);
      pdfMake.virtualfs.writeFileSync(normalKey, normal);
      if (face.bold) pdfMake.virtualfs.writeFileSync(boldKey, await loadBytes(face.bold));
      const opened = fontkit.create(normal);
      const coverage = 'fonts' in opened ? opened.fonts[0] : opened;
      if (!coverage) throw new Error(`字体 ${face.family} 无法读取`);
      return { family: face.family, normalKey, boldKey, coverage };
    })();
    loaded.set(key, p);
    p.catch(() => loaded.delete(key));
  }
  return p;
}

function buildDocument(request: WorkerRequest['report']): TDocumentDefinitions {
  if (request.kind === 'quarterly') return buildQuarterlyReport(quarterlyReportDataSchema.parse(request.data));
  if (request.kind === 'stats')
    return buildStatsReport(statsResultSchema.parse(request.data.result), reportUnitSchema.parse(request.data.unit));
  if (request.kind === 'notice') return buildPublicNotice(quarterlyReportDataSchema.parse(request.data));
  return buildAnnualReport(annualReportDataSchema.parse(request.data));
}

async function handle(message: WorkerRequest): Promise<WorkerResponse> {
  const started = performance.now();
  const primary = await loadFace(message.fonts.primary);
  const fallbacks = await Promise.all(message.fonts.fallbacks.map(loadFace));

  const serif = await loadFace(message.fonts.serif);

  const dict: TFontDictionary = {};
  for (const f of [primary, serif, ...fallbacks]) {
    dict[f.family] = { normal: f.normalKey, bold: f.boldKey, italics: f.normalKey, bolditalics: f.boldKey };
  }
  // The official-document families print in the shipped faces here (the browser cannot read the
  // PC's font files): 仿宋, 楷体 and 小标宋 in the serif, 黑体 in the sans bold, as in Node without system fonts.
  const coverage = new Map([primary, serif, ...fallbacks].map((f) => [f.family, f.coverage]));
  for (const family of [DOC_FONTS.fangsong, DOC_FONTS.kai, DOC_FONTS.song]) {
    const heavy = family === DOC_FONTS.song;
    dict[family] = {
      normal: heavy ? serif.boldKey : serif.normalKey,
      bold: serif.boldKey,
      italics: serif.normalKey,
      bolditalics: serif.boldKey,
    };
    coverage.set(family, serif.coverage);
  }
  dict[DOC_FONTS.hei] = { normal: primary.boldKey, bold: primary.boldKey, italics: primary.boldKey, bolditalics: primary.boldKey };
  coverage.set(DOC_FONTS.hei, primary.coverage);
  // The PC's own faces (sent by the main side when present) take the document families over.
  for (const face of await Promise.all((message.fonts.system ?? []).map(loadFace))) {
    dict[face.family] = { normal: face.normalKey, bold: face.normalKey, italics: face.normalKey, bolditalics: face.normalKey };
    coverage.set(face.family, face.coverage);
  }
  const rare = fallbacks.map((f) => f.family);
  const resolve = chainResolver(
    (family, cp) => (coverage.get(family) ?? primary.coverage).hasGlyphForCodePoint(cp),
    (family) => fallbackChain(family, rare),
  );

  const { doc, missing, fallbackRuns } = applyGlyphFallback(buildDocument(message.report), resolve);
  pdfMake.setFonts(dict);
  const bytes = await pdfMake.createPdf(doc).getBuffer();
  // Copy into a standalone ArrayBuffer so it can be transferred without copying again.
  const pdf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return { id: message.id, ok: true, pdf, missingGlyphs: missing, fallbackRuns, millis: performance.now() - started };
}

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const message = event.data;
  handle(message).then(
    (response) => scope.postMessage(response, response.ok ? [response.pdf] : []),
    (error: unknown) => {
      const text = error instanceof Error ? error.message : String(error);
      const response: WorkerResponse = { id: message.id, ok: false, message: `生成 PDF 失败：${text}` };
      scope.postMessage(response);
    },
  );
};
