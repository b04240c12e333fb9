/**
 * pdfmake 0.3 runner for Node (CLI, tests, main process).
 *
 * pdfmake 0.3's Node entry is a singleton (`require('pdfmake')`) with a promise API:
 * `createPdf(doc).getBuffer()`; fonts are registered with `setFonts` as file paths, and every local
 * file and URL access goes through access policies — we allow exactly our font files and no URLs.
 * Before rendering, text runs are split by glyph coverage (see shared/report/glyph-fallback) so rare
 * characters print in a fallback font instead of vanishing.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces';
import { applyGlyphFallback } from '../../../../../shared/report/glyph-fallback';
import { DOC_FONTS, SERIF_FONT_FAMILY } from '../../../../../shared/report/report-style';
import { defaultReportFonts, glyphResolver, type FontFace, type FontFile, type ReportFontSet } from './report-fonts';

interface PdfmakeNode {
  virtualfs: { existsSync(name: string): boolean; writeFileSync(name: string, content: Buffer): void };
  setFonts(fonts: TFontDictionary): void;
  setUrlAccessPolicy(callback: (url: string) => boolean): void;
  setLocalAccessPolicy(callback: (path: string) => boolean): void;
  createPdf(doc: TDocumentDefinitions, options?: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
}

// pdfmake's Node build is CommonJS exporting one instance.
const pdfmake = createRequire(import.meta.url)('pdfmake') as PdfmakeNode;

const allowedFiles = new Set<string>();
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((p) => allowedFiles.has(path.resolve(p)));

export interface RenderPdfResult {
  buffer: Buffer;
  /** Characters no available font could print (empty when everything printed). */
  missingGlyphs: string[];
  /** Text runs printed with a fallback font. */
  fallbackRuns: number;
}

export interface RenderPdfOptions {
  fonts?: ReportFontSet;
  /** Skip the glyph-coverage pass (only for the benchmark's bare baseline). */
  glyphFallback?: boolean;
}

function descriptor(f: FontFile): string | [string, string] {
  allowedFiles.add(path.resolve(f.file));
  // Keep the font bytes in pdfmake's virtual file system: pdfkit then parses them from memory
  // instead of reading 10 MB per face from disk on every render.
  if (!pdfmake.virtualfs.existsSync(f.file)) pdfmake.virtualfs.writeFileSync(f.file, readFileSync(f.file));
  return f.postscriptName ? [f.file, f.postscriptName] : f.file;
}

function registerFace(dict: TFontDictionary, face: FontFace): void {
  const normal = descriptor(face.normal);
  const bold = descriptor(face.bold);
  // The reports use no italics; map them to upright faces so a stray `italics` cannot fail a render.
  dict[face.family] = { normal, bold, italics: normal, bolditalics: bold } as TFontDictionary[string];
}

/** The pdfmake font dictionary for a font set (fresh object: pdfmake rewrites descriptors in place). */
export function fontDictionary(fonts: ReportFontSet): TFontDictionary {
  const dict: TFontDictionary = {};
  registerFace(dict, fonts.primary);
  for (const f of fonts.fallbacks) registerFace(dict, f);
  if (fonts.document) for (const f of fonts.document) registerFace(dict, f);
  else for (const family of [...Object.values(DOC_FONTS), SERIF_FONT_FAMILY]) registerFace(dict, { ...fonts.primary, family });
  return dict;
}

/** Renders a document definition to PDF bytes. */
export async function renderPdf(doc: TDocumentDefinitions, options: RenderPdfOptions = {}): Promise<RenderPdfResult> {
  const fonts = options.fonts ?? defaultReportFonts();
  let finalDoc = doc;
  let missingGlyphs: string[] = [];
  let fallbackRuns = 0;
  if (options.glyphFallback !== false) {
    const result = applyGlyphFallback(doc, glyphResolver(fonts));
    finalDoc = result.doc;
    missingGlyphs = result.missing;
    fallbackRuns = result.fallbackRuns;
  }
  pdfmake.setFonts(fontDictionary(fonts));
  const buffer = await pdfmake.createPdf(finalDoc).getBuffer();
  return { buffer, missingGlyphs, fallbackRuns };
}

/** Renders to a file, written next to the target and renamed so a half-written PDF never appears. */
export async function renderPdfToFile(doc: TDocumentDefinitions, file: string, options: RenderPdfOptions = {}): Promise<RenderPdfResult> {
  const result = await renderPdf(doc, options);
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.tmp`);
  try {
    await writeFile(tmp, result.buffer);
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  return result;
}
