/**
 * The 季度考评通报 as a 公文 (GB/T 9704-2012), rendered with pdfmake and read back with poppler:
 * red 版头, 发文字号, 版心 geometry, 主送, headings, 附件说明, 落款 without a signature grid, 附注,
 * 版记, page numbers, mainland punctuation, vetoed communities named as vetoed, and the faces.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildQuarterlyReport, rectificationTable } from '../../../shared/report/quarterly-report.builder';
import { quarterlyReportDataSchema, type QuarterlyReportDataInput } from '../../../shared/report/report-data';
import { DOC_FONTS, OFFICIAL_MARGINS, REPORT_FONT_FAMILY } from '../../../shared/report/report-style';
import { renderPdfToFile } from '../../../electron/core/platform/io/pdf/pdf-renderer';
import { primaryFontFace, resolveReportFonts, serifFontFace } from '../../../electron/core/platform/io/pdf/report-fonts';
import { makeQuarterlyReportData, scoreCommunities } from '../../fixtures/report/report-fixtures';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';
import { pdfFonts, pdfPageCount, pdfText, redRatio, wordBoxes } from './poppler';

const MM = 72 / 25.4;
let dir = '';
let file = '';

function officialData(): QuarterlyReportDataInput {
  const data = makeQuarterlyReportData({ communities: 12, finalized: true });
  data.document = {
    docNumber: '龙街办〔2021〕23号',
    recipients: '各社区党组织、居民委员会',
    cc: '区民政局，区委组织部',
    printer: '龙塔街道党政办公室',
    publicity: '此件公开发布',
    contact: '王𠮷',
    phone: '0395-3123456',
    office: '街道社区规范化创建工作办公室',
  };
  return data;
}

beforeAll(async () => {
  dir = makeTempDir();
  file = path.join(dir, '通报.pdf');
  await renderPdfToFile(buildQuarterlyReport(quarterlyReportDataSchema.parse(officialData())), file);
});

afterAll(() => removeDir(dir));

function pageTexts(): string[] {
  const list = pdfText(file).split('\f');
  if (list[list.length - 1]?.trim() === '') list.pop();
  return list;
}

describe('通报 as a 公文', () => {
  it('prints the 发文机关标志 in red over a red separator line, the 发文字号 between them', () => {
    const words = wordBoxes(file, 1);
    const issuer = words.find((w) => w.word.includes('龙塔街道社区规范化建设工作领导小组办公室'));
    const number = words.find((w) => w.word.includes('龙街办〔2021〕23号'));
    const title = words.find((w) => w.word.includes('龙塔街道2021年第三季度'));
    expect(issuer && number && title).toBeTruthy();
    if (!issuer || !number || !title) return;
    expect(redRatio(file, 1, issuer)).toBeGreaterThan(0.08);
    // The title and the number are black.
    expect(redRatio(file, 1, title)).toBe(0);
    expect(redRatio(file, 1, number)).toBe(0);
    expect(issuer.yMax).toBeLessThan(number.yMin);
    // The red line: a thin band between the number and the title, red across the 版心.
    const band = { xMin: 30 * MM, xMax: 182 * MM, yMin: number.yMax + 1, yMax: title.yMin - 1 };
    expect(redRatio(file, 1, band)).toBeGreaterThan(0.002);
    expect(number.yMax).toBeLessThan(title.yMin);
  });

  it('keeps the text inside the 156 × 225 mm 版心 (left 28 mm, top 37 mm)', () => {
    const words = wordBoxes(file, 2).filter((w) => !/^—|\d+$/.test(w.word));
    const left = Math.min(...words.map((w) => w.xMin));
    const right = Math.max(...words.map((w) => w.xMax));
    const top = Math.min(...words.map((w) => w.yMin));
    expect(left).toBeGreaterThan(28 * MM - 2);
    expect(right).toBeLessThan((28 + 156) * MM + 2);
    expect(top).toBeGreaterThan(37 * MM - 4);
    expect(Math.max(...words.map((w) => w.yMax))).toBeLessThan((37 + 225) * MM + 2);
  });

  it('has 主送, the body sections, 附件说明, 落款 and 成文日期 without a signature grid, and the 附注', () => {
    const body = pageTexts().slice(0, 3).join('\n');
    expect(body).toContain('各社区党组织、居民委员会：');
    for (const h of ['一、总体情况', '二、主要成效', '三、通报表扬', '四、通报批评', '五、存在问题', '六、整改要求', '特此通报。'])
      expect(body).toContain(h);
    expect(body).toMatch(
      /附件：1\. 2021年第三季度社区规范化创建考评得分排名表\s+2\. 2021年第三季度各社区考评计分卡\s+3\. 2021年第三季度整改清单/,
    );
    expect(body).toContain('2021年10月15日');
    expect(body).toContain('（此件公开发布）');
    expect(body).toContain('（联系人：王𠮷，联系电话：0395-3123456）');
    expect(body).toContain('于2021年12月31日前完成整改');
    expect(body).toContain('街道社区规范化创建工作办公室');
    for (const gone of ['考评组组长', '（签字）', '审核人']) expect(body).not.toContain(gone);
  });

  it('names vetoed communities as vetoed and keeps them out of the ranking', () => {
    const vetoed = scoreCommunities(12).filter((c) => c.vetoed);
    expect(vetoed.length).toBeGreaterThan(0);
    const text = pdfText(file).replace(/\s+/g, '');
    for (const c of vetoed) {
      expect(text).toContain(`${c.name}因“重大安全责任事故”（8月12日辖区发生群体性事件，经派出所证明属实）被一票否决`);
      expect(text).not.toMatch(new RegExp(`排名前三位[^。]*${c.name}`));
    }
    const layout = pdfText(file, { mode: 'layout' });
    expect(layout).toContain('以下社区触发一票否决项，本季度等次为不合格，不参与排名');
    for (const c of vetoed) expect(layout).toMatch(new RegExp(`否决\\s+${c.name}`));
  });

  it('ends with the 版记 (抄送, 印发机关, 印发日期) and numbers every page 「— n —」 on the outer side', () => {
    const pages = pageTexts();
    const last = pages[pages.length - 1] ?? '';
    expect(last).toContain('抄送：区民政局，区委组织部。');
    expect(last).toMatch(/龙塔街道党政办公室\s+2021年10月15日印发/);
    const count = pdfPageCount(file);
    for (const page of [1, 2]) {
      const num = wordBoxes(file, page).filter((w) => w.word === String(page));
      const lowest = num.sort((a, b) => b.yMax - a.yMax)[0];
      expect(lowest, `page number on page ${page}`).toBeDefined();
      // Odd pages right, even pages left.
      if (page % 2 === 1) expect(lowest?.xMin ?? 0).toBeGreaterThan(105 * MM);
      else expect(lowest?.xMax ?? 999).toBeLessThan(105 * MM);
    }
    pages.forEach((p, i) => expect(p).toMatch(new RegExp(`—\\s*${i + 1}\\s*—`)));
    expect(pages).toHaveLength(count);
  });

  it('uses mainland punctuation and no English in its own wording', () => {
    const text = pdfText(file);
    expect(text).not.toMatch(/[「」『』]/);
    const own = text
      .replace(/[0-9a-f]{8}/g, '') // the printed hash, in groups of eight
      .replace(/(?<![A-Za-z])[A-Z]\d{0,2}(?![A-Za-z])/g, '') // indicator codes of the standard (A, B1, V1)
      .replace(/2021版 v1/g, ''); // the standard's version as entered by the user
    expect(own).not.toMatch(/[A-Za-z]/);
  });

  it('prints 正文 in the 仿宋 face, 一、 headings in the 黑体 face and the title in the 小标宋 face', () => {
    const first = pdfFonts(file).map((f) => f.name.slice(7));
    expect(first).toEqual(expect.arrayContaining(['NotoSerifSC-Regular', 'NotoSerifSC-Bold', 'NotoSansSC-Bold']));
  });
});

describe('document faces', () => {
  it('take the PC’s 仿宋, 黑体 and 楷体 from the Windows fonts folder when present, the shipped faces otherwise', () => {
    const windir = makeTempDir();
    try {
      mkdirSync(path.join(windir, 'Fonts'));
      // Stand-ins with the real file names (the bytes are any TrueType font).
      copyFileSync(serifFontFace().normal.file, path.join(windir, 'Fonts', 'simfang.ttf'));
      copyFileSync(primaryFontFace().normal.file, path.join(windir, 'Fonts', 'simhei.ttf'));
      const onWindows = resolveReportFonts({ platform: 'win32', env: { WINDIR: windir }, maxFallbacks: 0 });
      const face = (family: string) => onWindows.document?.find((f) => f.family === family);
      expect(face(DOC_FONTS.fangsong)?.normal.file).toBe(path.join(windir, 'Fonts', 'simfang.ttf'));
      expect(face(DOC_FONTS.hei)?.normal.file).toBe(path.join(windir, 'Fonts', 'simhei.ttf'));
      // No simkai.ttf there: the shipped serif.
      expect(face(DOC_FONTS.kai)?.normal.file).toBe(serifFontFace().normal.file);
      const elsewhere = resolveReportFonts({ platform: 'linux', env: {}, maxFallbacks: 0 });
      expect(elsewhere.document?.find((f) => f.family === DOC_FONTS.fangsong)?.normal.file).toBe(serifFontFace().normal.file);
    } finally {
      removeDir(windir);
    }
  });
});

describe('no orphan rows', () => {
  it('moves a table whose header and first rows would sit alone at the foot of a page to the next page', async () => {
    const data = quarterlyReportDataSchema.parse(officialData());
    const rows = data.rectifications.slice(0, 6);
    const table = rectificationTable(rows);
    // A spacer leaving room for the header and about one row at the foot of page 1.
    const usable = 841.89 - 37 * MM - 35 * MM;
    const doc = {
      pageSize: 'A4' as const,
      pageMargins: OFFICIAL_MARGINS,
      defaultStyle: { font: REPORT_FONT_FAMILY },
      content: [{ text: '前文', margin: [0, usable - 70, 0, 0] as [number, number, number, number] }, table],
    };
    const out = path.join(dir, 'orphan.pdf');
    await renderPdfToFile(doc, out);
    const pages = pdfText(out).split('\f');
    expect(pages[0]).toContain('前文');
    expect(pages[0]).not.toContain('序号');
    expect(pages[1]).toContain('序号');
  });
});

describe('scorecard continuation', () => {
  it('repeats the community’s name on every page its deductions run onto', async () => {
    const input = makeQuarterlyReportData({ communities: 2 });
    const c = input.communities[0];
    if (!c) throw new Error('fixture');
    const one = c.scorecard.deductions[0];
    if (!one) throw new Error('fixture');
    c.scorecard.deductions = Array.from({ length: 70 }, (_, i) => ({ ...one, reason: `台账第${i + 1}项未归档，需补充会议记录和签到表` }));
    const out = path.join(dir, 'continued.pdf');
    await renderPdfToFile(buildQuarterlyReport(quarterlyReportDataSchema.parse(input)), out);
    const pages = pdfText(out, { mode: 'layout' }).split('\f');
    const cardPages = pages.filter((p) => p.includes('台账第'));
    expect(cardPages.length).toBeGreaterThan(1);
    // On the table's own header line, on the first page and on every continuation page.
    for (const p of cardPages) expect(p).toMatch(new RegExp(`${c.name}\\s+扣分明细\\s*\\n`));
  });
});
