/**
 * ExcelJS, with its streaming reader's UTF-8 bug fixed. Import ExcelJS from here, never directly.
 *
 * Why: ExcelJS 4.4 parses each decompressed chunk of a sheet's XML with `TextDecoder.decode(chunk)`
 * without `{ stream: true }`, so a Chinese character (3 bytes in UTF-8) split across two chunks comes
 * out as "���". Rosters full of Chinese names hit this on every large file. We replace ExcelJS's
 * internal `parse-sax` module before ExcelJS loads, with the same generator decoding in stream mode.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

declare const __filename: string | undefined;

const here = createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
const exceljsDir = path.dirname(here.resolve('exceljs/package.json'));
const fromExceljs = createRequire(path.join(exceljsDir, 'package.json'));

interface SaxEvent {
  eventType: 'opentag' | 'text' | 'closetag';
  value: unknown;
}
interface SaxesParserLike {
  on(event: string, fn: (value: unknown) => void): void;
  write(text: string): void;
  close(): void;
}

type ChunkSource = AsyncIterable<Uint8Array | string>;

function installUtf8SafeParseSax(): void {
  const modulePath = fromExceljs.resolve('./lib/utils/parse-sax.js');
  const cached = fromExceljs.cache[modulePath];
  if (cached && (cached.exports as { utf8Safe?: boolean }).utf8Safe) return;
  const { SaxesParser } = fromExceljs('saxes') as { SaxesParser: new () => SaxesParserLike };
  const { PassThrough } = fromExceljs('readable-stream') as { PassThrough: new () => unknown };

  async function* parseSax(source: ChunkSource): AsyncGenerator<SaxEvent[]> {
    let iterable: AsyncIterable<Uint8Array | string> = source;
    const legacy = source as { pipe?: (dest: unknown) => AsyncIterable<Uint8Array | string> };
    if (legacy.pipe && !(Symbol.asyncIterator in source)) iterable = legacy.pipe(new PassThrough());
    const parser = new SaxesParser();
    const decoder = new TextDecoder('utf-8');
    let error: unknown = null;
    let events: SaxEvent[] = [];
    parser.on('error', (err) => (error = err));
    parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
    parser.on('text', (value) => events.push({ eventType: 'text', value }));
    parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
    for await (const chunk of iterable) {
      parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
      if (error) throw error;
      yield events;
      events = [];
    }
    const rest = decoder.decode();
    if (rest) {
      parser.write(rest);
      if (error) throw error;
      yield events;
    }
  }
  (parseSax as unknown as { utf8Safe: boolean }).utf8Safe = true;

  // Load the original module (so the cache entry exists), then swap its exports before any of
  // ExcelJS's own modules require it.
  fromExceljs(modulePath);
  const entry = fromExceljs.cache[modulePath];
  if (!entry) throw new Error('ExcelJS parse-sax module not found in the require cache');
  entry.exports = parseSax;
}

installUtf8SafeParseSax();

type ExcelJSModule = typeof import('exceljs');
const ExcelJS = fromExceljs('./excel.js') as ExcelJSModule;

// The types callers write as `ExcelJS.Worksheet` etc.: a type-only namespace merged with the value.
// eslint-disable-next-line @typescript-eslint/no-namespace
declare namespace ExcelJS {
  type Workbook = import('exceljs').Workbook;
  type Worksheet = import('exceljs').Worksheet;
  type Row = import('exceljs').Row;
  type Cell = import('exceljs').Cell;
  type CellValue = import('exceljs').CellValue;
  type CellFormulaValue = import('exceljs').CellFormulaValue;
  type DataValidation = import('exceljs').DataValidation;
  type Fill = import('exceljs').Fill;
  type Font = import('exceljs').Font;
  type Borders = import('exceljs').Borders;
  type Style = import('exceljs').Style;
  type Column = import('exceljs').Column;
  type Alignment = import('exceljs').Alignment;
}

export default ExcelJS;
