/**
 * The reports rendered for real with pdfmake in Node and read back with poppler-utils: the text a
 * person (or a screen reader, or a search) gets out of the PDF, page by page.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAnnualReport } from '../../../shared/report/annual-report.builder';
import { buildQuarterlyReport } from '../../../shared/report/quarterly-report.builder';
import { annualReportDataSchema, quarterlyReportDataSchema } from '../../../shared/report/report-data';
import { REPORT_FONT_FAMILY } from '../../../shared/report/report-style';
import { renderPdf, renderPdfToFile, type RenderPdfResult } from '../../../electron/core/platform/io/pdf/pdf-renderer';
import { resolveReportFonts } from '../../../electron/core/platform/io/pdf/report-fonts';
import { makeAnnualReportData, makeQuarterlyReportData, scoreCommunities } from '../../fixtures/report/report-fixtures';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';
import { inkRatio, pdfFonts, pdfPageCount, pdfText, wordBoxes } from './poppler';

const N = 12;
let dir = '';
let draftFile = '';
let finalFile = '';
let annualFile = '';
let draftResult: RenderPdfResult;

beforeAll(async () => {
  dir = makeTempDir();
  draftFile = path.join(dir, '季度考评通报（草稿）.pdf');
  finalFile = path.join(dir, '季度考评通报 定稿.pdf');
  annualFile = path.join(dir, '年度报告.pdf');
  draftResult = await renderPdfToFile(
    buildQuarterlyReport(quarterlyReportDataSchema.parse(makeQuarterlyReportData({ communities: N }))),
    draftFile,
  );
  await renderPdfToFile(
    buildQuarterlyReport(quarterlyReportDataSchema.parse(makeQuarterlyReportData({ communities: N, finalized: true }))),
    finalFile,
  );
  await renderPdfToFile(buildAnnualReport(annualReportDataSchema.parse(makeAnnualReportData({ communities: N }))), annualFile);
});

afterAll(() => removeDir(dir));

/** Page texts (pdftotext separates pages with form feeds). */
function pages(file: string, mode: 'plain' | 'layout' | 'raw' = 'plain'): string[] {
  const text = pdfText(file, { mode });
  const list = text.split('\f');
  if (list[list.length - 1]?.trim() === '') list.pop();
  return list;
}

describe('quarterly report PDF', () => {
  it('has extractable Chinese text: title, unit, sections', () => {
    const text = pdfText(draftFile);
    expect(text).toContain('龙塔街道2021年第三季度');
    expect(text).toContain('社区规范化创建考评情况通报');
    expect(text).toContain('龙塔街道社区规范化建设工作领导小组办公室');
    for (const h of [
      '一、总体情况',
      '二、主要成效',
      '三、通报表扬',
      '四、通报批评',
      '五、存在问题',
      '六、整改要求',
      '附件1',
      '附件2',
      '附件3',
    ]) {
      expect(text).toContain(h);
    }
  });

  it('prints the ranking in rank order with totals to the tenth', () => {
    const all = pages(draftFile, 'layout');
    const rankingPages = all.filter((p) => p.includes('得分排名表') || /^\s*\d+\s+\S+社区\s+[\d.]+\s+[\d.]+/m.test(p));
    const lines = rankingPages.join('\n').split('\n');
    let last = -1;
    // Vetoed communities follow the ranking under their own heading, marked 否决 instead of a rank.
    const ordered = [...scoreCommunities(N).filter((c) => !c.vetoed), ...scoreCommunities(N).filter((c) => c.vetoed)];
    for (const c of ordered) {
      const total = `${Math.floor(c.totalTenths / 10)}.${c.totalTenths % 10}`;
      const re = new RegExp(`^\\s*${c.vetoed ? '否决' : c.rank}\\s+${c.name}\\s.*\\s${total.replace('.', '\\.')}\\s+${c.grade}(\\s|$)`);
      const at = lines.findIndex((l) => re.test(l));
      expect(at, `ranking line of ${c.name} (${c.rank}, ${total}, ${c.grade})`).toBeGreaterThan(last);
      last = at;
    }
  });

  it('numbers every page 「— x —」 and gives each community its own scorecard page', () => {
    const count = pdfPageCount(draftFile);
    const all = pages(draftFile);
    expect(all).toHaveLength(count);
    all.forEach((p, i) => expect(p).toMatch(new RegExp(`—\\s*${i + 1}\\s*—`)));
    const cardPages = scoreCommunities(N).map((c) =>
      all.findIndex((p) => p.includes(c.name) && p.includes(`第${c.rank}名`) && p.includes('分类得分')),
    );
    expect(cardPages.every((p) => p >= 0)).toBe(true);
    expect(new Set(cardPages).size).toBe(N);
    expect([...cardPages].sort((a, b) => a - b)).toEqual(cardPages);
    // Body (about 2 pages) + ranking + one page per community + rectification list.
    expect(count).toBeGreaterThanOrEqual(N + 4);
    expect(count).toBeLessThanOrEqual(N + 10);
  });

  it('carries the 草稿 watermark on every page of a draft and nowhere once finalized', () => {
    // The watermark is drawn rotated, so text extraction yields its two characters one per line.
    const draftPages = pages(draftFile, 'raw');
    expect(draftPages).toHaveLength(pdfPageCount(draftFile));
    for (const p of draftPages) expect(p).toMatch(/草\s*稿/);
    const final = pages(finalFile, 'raw');
    for (const p of final) expect(p).not.toMatch(/草/);
    const text = final.join('\n');
    expect(text).toContain('9f2c4e7a 1b3d5f60 718293a4');
  });

  it('never prints an ID number or phone unmasked', () => {
    // Narrow table cells wrap long values; compare without the line breaks the layout put in.
    const text = pdfText(draftFile).replace(/\s+/g, '');
    expect(text).toContain('4111**********123X');
    expect(text).toContain('138****5678');
    expect(text).toContain('139****5678');
    expect(text).not.toContain('41110219900101123X');
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('13912345678');
  });

  it('prints rare name characters (𠮷 via the fallback font, 䶮 from Noto Sans SC)', () => {
    const text = pdfText(draftFile);
    expect(text).toContain('王𠮷');
    expect(text).toContain('李䶮');
    expect(draftResult.missingGlyphs).toEqual([]);
    expect(draftResult.fallbackRuns).toBeGreaterThan(0);
  });

  it('embeds subset TrueType fonts only: the serif (仿宋/小标宋 stand-ins), the sans bold (黑体) and the fallback', () => {
    const fonts = pdfFonts(draftFile);
    expect(fonts.length).toBeGreaterThanOrEqual(3);
    for (const f of fonts) {
      expect(f.embedded, f.name).toBe(true);
      expect(f.subset, f.name).toBe(true);
      expect(f.unicode, f.name).toBe(true);
      expect(f.name).toMatch(/^[A-Z]{6}\+/);
    }
    const names = fonts.map((f) => f.name.slice(7));
    // No Windows fonts here: 仿宋 and 楷体 print in Noto Serif SC, 小标宋 in its bold, 黑体 in Noto Sans SC Bold.
    expect(names).toContain('NotoSerifSC-Regular');
    expect(names).toContain('NotoSerifSC-Bold');
    expect(names).toContain('NotoSansSC-Bold');
  });
});

describe('glyph fallback, rendered', () => {
  const doc = () => ({
    content: [{ text: '𠮷', fontSize: 48 }],
    defaultStyle: { font: REPORT_FONT_FAMILY },
  });

  it('finds a fallback font for 𠮷 on this machine', () => {
    const fonts = resolveReportFonts();
    expect(
      fonts.fallbacks.length,
      '没有覆盖 CJK 扩展B 的后备字体：安装 @expo-google-fonts/noto-sans-jp 或 Debian 的 fonts-babelstone-han，或设置 REPORT_FALLBACK_FONTS',
    ).toBeGreaterThan(0);
  });

  it('draws 𠮷 with ink through the fallback, where Noto Sans SC alone drops it', async () => {
    const withFallback = path.join(dir, '𠮷 fallback.pdf');
    const without = path.join(dir, '𠮷 none.pdf');
    await renderPdfToFile(doc(), withFallback);
    await renderPdfToFile(doc(), without, { glyphFallback: false });

    expect(pdfText(without)).not.toContain('𠮷');
    expect(pdfText(withFallback)).toContain('𠮷');
    const box = wordBoxes(withFallback, 1).find((w) => w.word === '𠮷');
    expect(box).toBeDefined();
    if (box) expect(inkRatio(withFallback, 1, box)).toBeGreaterThan(0.05);
  });

  it('reports characters no font has instead of losing them silently', async () => {
    // U+0378 is unassigned in Unicode: no font draws it.
    const result = await renderPdf({ content: ['私\u{0378}'], defaultStyle: { font: REPORT_FONT_FAMILY } });
    expect(result.missingGlyphs).toEqual(['\u{0378}']);
  });
});

describe('annual report PDF', () => {
  it('prints four quarters per community, marks a missing quarter and ranks by annual score', () => {
    const data = annualReportDataSchema.parse(makeAnnualReportData({ communities: N }));
    const text = pdfText(annualFile, { mode: 'layout' });
    expect(text).toContain('龙塔街道2021年度');
    expect(text).toContain('社区规范化创建考评结果通报');
    expect(text).toContain('未参评');
    const lines = text.split('\n');
    let last = -1;
    for (const c of data.communities) {
      const at = lines.findIndex((l) => new RegExp(`^\\s*${c.rank}\\s+${c.name}\\s`).test(l));
      expect(at, c.name).toBeGreaterThan(last);
      expect(lines[at]).toContain(c.annualScore.toFixed(1));
      last = at;
    }
    for (const p of pages(annualFile, 'raw')) expect(p).not.toMatch(/草/);
  });
});
