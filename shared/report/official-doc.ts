/**
 * The parts of an official document (公文, GB/T 9704-2012) shared by the 通报, the 公示 and the
 * annual report: 版头 (red 发文机关标志, 发文字号, red separator line), 标题, 主送, 正文 paragraphs and
 * headings in 仿宋/黑体/楷体, 附件说明, 落款 and 成文日期 with room for the seal, 附注 (公开属性,
 * 联系人, 电话), 版记 (抄送, 印发机关, 印发日期) and the page number 「— 1 —」.
 */
import type { Content, DynamicContent } from 'pdfmake/interfaces';
import type { OfficialDoc, ReportUnit } from './report-data';
import { chineseDate } from './report-format';
import { DOC_FONTS, HAO, INK, LANDSCAPE_MARGINS, OFFICIAL_MARGINS, OFFICIAL_RED, OFFICIAL_WIDTH, SERIF_FONT_FAMILY } from './report-style';

/** Two characters of 3号 type: the indent of paragraphs and headings. */
export const INDENT = 2 * HAO.san;

/** 正文 line height for 3号 仿宋 (about 22 lines in the 225 mm 版心). */
const BODY_LINE_HEIGHT = 1.3;

/**
 * 版头: the issuer's name in red 小标宋, centered and scaled to the 版心 width, then the 发文字号 and
 * the red separator line as wide as the 版心.
 */
export function officialMasthead(unit: ReportUnit, doc: OfficialDoc): Content[] {
  const issuer = unit.issuer || unit.street;
  const out: Content[] = [];
  if (issuer) {
    const chars = [...issuer].length;
    // As large as fits on one line, at most 1.6 cm high type (about 42 pt).
    const fontSize = Math.max(18, Math.min(42, Math.floor((OFFICIAL_WIDTH / chars) * 0.92)));
    out.push({
      text: issuer,
      font: DOC_FONTS.song,
      fontSize,
      color: OFFICIAL_RED,
      alignment: 'center',
      margin: [0, 10, 0, 0],
      id: 'masthead',
    });
  }
  out.push({
    text: doc.docNumber ?? ' ',
    font: DOC_FONTS.fangsong,
    fontSize: HAO.san,
    alignment: 'center',
    margin: [0, 28, 0, 6],
    id: 'doc-number',
  });
  out.push({
    canvas: [{ type: 'line', x1: 0, y1: 0, x2: OFFICIAL_WIDTH, y2: 0, lineWidth: 1.4, lineColor: OFFICIAL_RED }],
    margin: [0, 0, 0, 30],
    id: 'masthead-rule',
  });
  return out;
}

/** 标题 in 2号 小标宋, centered, in the lines given. */
export function officialTitle(lines: readonly string[]): Content {
  return {
    text: lines.join('\n'),
    font: DOC_FONTS.song,
    fontSize: HAO.er,
    alignment: 'center',
    lineHeight: 1.25,
    margin: [0, 0, 0, 22],
    id: 'doc-title',
  };
}

/** 主送机关, flush left, ending with a full-width colon. */
export function recipientsLine(recipients: string): Content {
  return {
    text: `${recipients.replace(/[：:]$/, '')}：`,
    font: DOC_FONTS.fangsong,
    fontSize: HAO.san,
    lineHeight: BODY_LINE_HEIGHT,
    id: 'recipients',
  };
}

/** A 正文 paragraph: 3号 仿宋, first line indented two characters, justified. */
export function bodyPara(text: string | Content[], extra: Record<string, unknown> = {}): Content {
  return {
    text,
    font: DOC_FONTS.fangsong,
    fontSize: HAO.san,
    lineHeight: BODY_LINE_HEIGHT,
    leadingIndent: INDENT,
    alignment: 'justify',
    ...extra,
  } as Content;
}

const headings = new WeakSet<object>();

/** 一、 heading in 3号 黑体, indented two characters. */
export function heading1(text: string): Content {
  const node = { text, font: DOC_FONTS.hei, fontSize: HAO.san, lineHeight: BODY_LINE_HEIGHT, leadingIndent: INDENT } as Content;
  headings.add(node as object);
  return node;
}

/**
 * Keeps every 一、 heading on the page of the paragraph after it (a heading alone at the foot of
 * a page is an orphan): the two become one unbreakable block.
 */
export function keepHeadingsWithText(nodes: readonly Content[]): Content[] {
  const out: Content[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as Content;
    const next = nodes[i + 1];
    if (headings.has(node as object) && next !== undefined) {
      out.push({ stack: [node, next], unbreakable: true });
      i++;
    } else {
      out.push(node);
    }
  }
  return out;
}

/** A paragraph opening with a （一） heading in 楷体, the rest in 仿宋. */
export function heading2Para(label: string, text: string): Content {
  return bodyPara([{ text: label, font: DOC_FONTS.kai }, text]);
}

/** 附件说明: 「附件：1. …」 with the further items aligned under the first. */
export function annexList(titles: readonly string[]): Content {
  if (titles.length === 0) return { text: '' };
  return {
    id: 'annex-list',
    margin: [INDENT, HAO.san, 0, 0],
    columns: [
      { text: '附件：', width: 'auto', font: DOC_FONTS.fangsong, fontSize: HAO.san, lineHeight: BODY_LINE_HEIGHT },
      {
        text: titles.map((t, i) => `${i + 1}. ${t}`).join('\n'),
        width: '*',
        font: DOC_FONTS.fangsong,
        fontSize: HAO.san,
        lineHeight: BODY_LINE_HEIGHT,
      },
    ],
  };
}

/**
 * 落款 and 成文日期 (Arabic numerals, no leading zeros), right-aligned with about four lines of room
 * above for the seal; no signature grid (an approval sheet is a separate document). Then the 附注:
 * 公开属性 and the contact line, indented two characters, in parentheses.
 */
export function closingSignoff(unit: ReportUnit, doc: OfficialDoc, date: string | null): Content {
  const issuer = unit.issuer || unit.street;
  const notes: string[] = [];
  if (doc.publicity) notes.push(`（${doc.publicity}）`);
  const contact = [doc.contact ? `联系人：${doc.contact}` : '', doc.phone ? `联系电话：${doc.phone}` : ''].filter(Boolean).join('，');
  if (contact) notes.push(`（${contact}）`);
  return {
    id: 'issuer-block',
    unbreakable: true,
    stack: [
      { text: issuer, font: DOC_FONTS.fangsong, fontSize: HAO.san, alignment: 'right', margin: [0, 3 * HAO.san, 2 * HAO.san, 0] },
      {
        text: chineseDate(date) || '年　月　日',
        font: DOC_FONTS.fangsong,
        fontSize: HAO.san,
        alignment: 'right',
        margin: [0, 4, 4 * HAO.san, 0],
        id: 'doc-date',
      },
      ...notes.map(
        (n, i) =>
          ({
            text: n,
            font: DOC_FONTS.fangsong,
            fontSize: HAO.san,
            lineHeight: BODY_LINE_HEIGHT,
            leadingIndent: INDENT,
            margin: [0, i === 0 ? HAO.san : 0, 0, 0],
          }) as Content,
      ),
    ],
  };
}

/**
 * 版记 at the end of the document: 抄送 and 印发机关 + 印发日期 between rules as wide as the 版心
 * (the first and last rule heavier), in 4号 仿宋.
 */
export function colophon(unit: ReportUnit, doc: OfficialDoc, date: string | null): Content {
  const line = (w: number): Content => ({
    canvas: [{ type: 'line', x1: 0, y1: 0, x2: OFFICIAL_WIDTH, y2: 0, lineWidth: w, lineColor: INK }],
  });
  const rows: Content[] = [line(1)];
  if (doc.cc) {
    rows.push({
      text: `抄送：${doc.cc.replace(/[，,]/g, '，')}。`,
      font: DOC_FONTS.fangsong,
      fontSize: HAO.si,
      margin: [HAO.si, 4, HAO.si, 4],
    });
    rows.push(line(0.5));
  }
  const printDate = doc.printDate ?? date;
  rows.push({
    columns: [
      { text: doc.printer || unit.issuer || unit.street, width: '*', font: DOC_FONTS.fangsong, fontSize: HAO.si },
      { text: printDate ? `${chineseDate(printDate)}印发` : '', width: 'auto', font: DOC_FONTS.fangsong, fontSize: HAO.si },
    ],
    margin: [HAO.si, 4, HAO.si, 4],
  });
  rows.push(line(1));
  return { id: 'colophon', unbreakable: true, stack: rows, margin: [0, 3 * HAO.san, 0, 0] };
}

/** Heading of an annex on its own page: 「附件1」 in 黑体 at the top left, its title centered in 小标宋. */
export function annexHeading(n: number, title: string, extra: Record<string, unknown> = {}): Content[] {
  return [
    { text: `附件${n}`, font: DOC_FONTS.hei, fontSize: HAO.san, margin: [0, 0, 0, 10], id: `annex-${n}`, ...extra } as Content,
    { text: title, font: DOC_FONTS.song, fontSize: 18, alignment: 'center', margin: [0, 0, 0, 12] },
  ];
}

/**
 * Page number 「— 1 —」 in 4号 半角 Arabic digits, 7 mm below the 版心: odd pages on the right,
 * even pages on the left, one character in from the edge of the 版心 (GB/T 9704 7.5).
 */
export function pageNumberFooter(): DynamicContent {
  return (currentPage, _pageCount, pageSize) => {
    const landscape = pageSize.width > pageSize.height;
    const [left, , right] = landscape ? LANDSCAPE_MARGINS : OFFICIAL_MARGINS;
    return {
      text: `— ${currentPage} —`,
      font: SERIF_FONT_FAMILY,
      fontSize: HAO.si,
      alignment: currentPage % 2 === 1 ? 'right' : 'left',
      margin: [left + HAO.si, 20, right + HAO.si, 0],
    };
  };
}
