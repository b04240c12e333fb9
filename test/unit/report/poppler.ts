/** Reads rendered PDFs back with poppler-utils (pdftotext, pdfinfo, pdffonts, pdftoppm), as a person would. */
import { execFileSync } from 'node:child_process';

/** Text of a PDF: 'layout' keeps table columns on their lines, 'raw' keeps content-stream order. */
export function pdfText(file: string, options: { page?: number; mode?: 'plain' | 'layout' | 'raw' } = {}): string {
  const args = ['-enc', 'UTF-8'];
  if (options.mode === 'layout') args.push('-layout');
  if (options.mode === 'raw') args.push('-raw');
  if (options.page !== undefined) args.push('-f', String(options.page), '-l', String(options.page));
  return execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

export function pdfPageCount(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const m = /^Pages:\s+(\d+)/m.exec(info);
  if (!m) throw new Error(`pdfinfo: no page count\n${info}`);
  return Number(m[1]);
}

export interface PdfFontRow {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

export function pdfFonts(file: string): PdfFontRow[] {
  const out = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((line) => {
      // name type... encoding emb sub uni object ID: the last five columns are fixed words.
      const parts = line.trim().split(/\s+/);
      const n = parts.length;
      return {
        name: parts[0] ?? '',
        type: parts.slice(1, n - 6).join(' '),
        embedded: parts[n - 5] === 'yes',
        subset: parts[n - 4] === 'yes',
        unicode: parts[n - 3] === 'yes',
      };
    });
}

/** Bounding boxes of the words of one page (pdftotext -bbox), in PDF points from the top left. */
export function wordBoxes(file: string, page: number): { word: string; xMin: number; yMin: number; xMax: number; yMax: number }[] {
  const html = execFileSync('pdftotext', ['-enc', 'UTF-8', '-bbox', '-f', String(page), '-l', String(page), file, '-'], {
    encoding: 'utf8',
  });
  const boxes: { word: string; xMin: number; yMin: number; xMax: number; yMax: number }[] = [];
  const re = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    boxes.push({ xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), word: m[5] ?? '' });
  }
  return boxes;
}

/**
 * Share of dark pixels inside a box of a page, rendered in grey at 150 dpi: proves that a glyph is
 * actually drawn (a character can extract as text yet print blank when its outline was lost).
 */
export function inkRatio(file: string, page: number, box: { xMin: number; yMin: number; xMax: number; yMax: number }): number {
  const dpi = 150;
  const s = dpi / 72;
  const x = Math.floor(box.xMin * s);
  const y = Math.floor(box.yMin * s);
  const w = Math.max(1, Math.ceil((box.xMax - box.xMin) * s));
  const h = Math.max(1, Math.ceil((box.yMax - box.yMin) * s));
  const pgm = execFileSync(
    'pdftoppm',
    [
      '-gray',
      '-r',
      String(dpi),
      '-f',
      String(page),
      '-l',
      String(page),
      '-x',
      String(x),
      '-y',
      String(y),
      '-W',
      String(w),
      '-H',
      String(h),
      file,
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  // Binary PGM: "P5\n<w> <h>\n<max>\n" then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not return a PGM image');
  const pixels = pgm.subarray(header[0].length);
  let dark = 0;
  for (const p of pixels) if (p < 128) dark++;
  return pixels.length === 0 ? 0 : dark / pixels.length;
}

/**
 * Share of red pixels (red channel high, green and blue low) inside a box of a page rendered in
 * colour at 100 dpi: proves the 版头 is printed in red, not just tagged so.
 */
export function redRatio(file: string, page: number, box: { xMin: number; yMin: number; xMax: number; yMax: number }): number {
  const dpi = 100;
  const s = dpi / 72;
  const x = Math.floor(box.xMin * s);
  const y = Math.floor(box.yMin * s);
  const w = Math.max(1, Math.ceil((box.xMax - box.xMin) * s));
  const h = Math.max(1, Math.ceil((box.yMax - box.yMin) * s));
  const ppm = execFileSync(
    'pdftoppm',
    ['-r', String(dpi), '-f', String(page), '-l', String(page), '-x', String(x), '-y', String(y), '-W', String(w), '-H', String(h), file],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not return a PPM image');
  const px = ppm.subarray(header[0].length);
  let red = 0;
  const n = Math.floor(px.length / 3);
  for (let i = 0; i < n; i++) {
    const r = px[3 * i] ?? 0;
    const g = px[3 * i + 1] ?? 0;
    const b = px[3 * i + 2] ?? 0;
    if (r > 180 && g < 110 && b < 110) red++;
  }
  return n === 0 ? 0 : red / n;
}
