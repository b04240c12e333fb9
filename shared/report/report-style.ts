/**
 * The look of the official reports: one font family, black text, greys instead of colour (the
 * documents are printed on office laser printers and photocopied), thin ruled tables.
 * Shared by the quarterly and annual builders so both documents look like one series.
 */
import type { CanvasElement, Content, ContentTable, CustomTableLayout, DynamicContent, StyleDictionary } from 'pdfmake/interfaces';
import { formatTenths } from './report-format';

declare module 'pdfmake/interfaces' {
  // pdfmake accepts `id` on every node (page references use it); the builders tag the parts of a
  // report with it so tests can find them. The published types only list it on a few node kinds.
  interface ContentBase {
    id?: string | undefined;
  }
}

/** Font family name the builders use; runners register the CJK TrueType files under it. */
export const REPORT_FONT_FAMILY = 'NotoSansSC';

/**
 * The faces of an official document (GB/T 9704-2012): 正文 in 仿宋, 一、 headings in 黑体, （一）
 * headings in 楷体, the title and the issuer's mark in 小标宋. Runners register each family with the
 * system font when the PC has it (Windows: simfang/simhei/simkai, 方正小标宋) and with the shipped
 * open fonts otherwise (Noto Serif SC, Noto Sans SC), so every PC prints the same structure.
 */
export const DOC_FONTS = {
  fangsong: 'GwFangSong',
  hei: 'GwHei',
  kai: 'GwKai',
  song: 'GwSong',
} as const;
/** The shipped serif face (fallback of the 仿宋, 楷体 and 小标宋 families). */
export const SERIF_FONT_FAMILY = 'NotoSerifSC';

/**
 * Where a family looks next for a character it lacks (a Windows 仿宋 lacks most of CJK Ext-A): the
 * shipped faces, then the rare-character fonts. One rule for the Node runner and the PDF worker.
 */
export function fallbackChain(family: string, rareFamilies: readonly string[]): string[] {
  if (family === REPORT_FONT_FAMILY) return [...rareFamilies];
  if (family === DOC_FONTS.hei) return [REPORT_FONT_FAMILY, SERIF_FONT_FAMILY, ...rareFamilies];
  return [SERIF_FONT_FAMILY, REPORT_FONT_FAMILY, ...rareFamilies];
}

/** The red of the 版头 (发文机关标志 and the separator line). */
export const OFFICIAL_RED = '#E60012';

/** Point sizes of the Chinese type sizes (号) used by GB/T 9704. */
export const HAO = { er: 22, san: 16, si: 14, xiaosi: 12, wu: 10.5 } as const;

const MM = 72 / 25.4;
/**
 * A4 portrait margins for the 版心 of 156 × 225 mm (GB/T 9704 7.1): 天头 37 mm, 订口 28 mm, so
 * right 26 mm and bottom 35 mm.
 */
export const OFFICIAL_MARGINS: [number, number, number, number] = [28 * MM, 37 * MM, 26 * MM, 35 * MM];
/** Width of the 版心 in pt (156 mm). */
export const OFFICIAL_WIDTH = 156 * MM;

export const INK = '#111111';
export const GREY_TEXT = '#555555';
export const RULE = '#333333';
export const LIGHT_RULE = '#9a9a9a';
export const HEADER_FILL = '#e6e6e6';
export const STRIPE_FILL = '#f4f4f4';
export const BAR_FILL = '#3c3c3c';
export const BAR_TRACK = '#e2e2e2';

/** A4 portrait margins [left, top, right, bottom] in pt (about 23/25/22/22 mm). */
export const PORTRAIT_MARGINS: [number, number, number, number] = [64, 70, 62, 62];
/** Landscape pages hold the wide tables. */
export const LANDSCAPE_MARGINS: [number, number, number, number] = [48, 62, 48, 56];

export const A4 = { width: 595.28, height: 841.89 };

/**
 * The named looks of the reports, spread into nodes as plain properties (`{ text, ...S.td }`).
 * Deliberately not pdfmake named styles: pdfmake resolves a named style on every property lookup
 * of every descendant and allocates while doing so, which made table-heavy pages several times
 * slower to lay out than plain text.
 */
export const S = {
  masthead: { fontSize: 21, bold: true, alignment: 'center', characterSpacing: 2 },
  docTitle: { fontSize: 18, bold: true, alignment: 'center', lineHeight: 1.35 },
  h1: { fontSize: 13, bold: true, margin: [0, 10, 0, 5] },
  h2: { fontSize: 11.5, bold: true, margin: [0, 8, 0, 4] },
  annexTitle: { fontSize: 15, bold: true, alignment: 'center', margin: [0, 0, 0, 8] },
  annexLabel: { fontSize: 11, bold: true, margin: [0, 0, 0, 4] },
  body: { fontSize: 11, lineHeight: 1.55 },
  note: { fontSize: 8.5, color: GREY_TEXT, lineHeight: 1.3 },
  th: { fontSize: 8.5, bold: true, alignment: 'center' },
  td: { fontSize: 8.5 },
  tdNum: { fontSize: 8.5, alignment: 'right' },
  tdCenter: { fontSize: 8.5, alignment: 'center' },
  statValue: { fontSize: 16, bold: true, alignment: 'center' },
  statLabel: { fontSize: 8.5, color: GREY_TEXT, alignment: 'center' },
} as const satisfies StyleDictionary;

/** Ruled table: thin grey inner lines, darker outer frame, grey header, zebra rows. */
export function ruledLayout(headerRows: number, options: { zebra?: boolean } = {}): CustomTableLayout {
  const zebra = options.zebra ?? true;
  return {
    hLineWidth: (i, node) => (i === 0 || i === node.table.body.length || i === headerRows ? 0.8 : 0.4),
    vLineWidth: (i, node) => (i === 0 || i === (node.table.widths?.length ?? 0) ? 0.8 : 0.4),
    hLineColor: (i, node) => (i === 0 || i === node.table.body.length || i === headerRows ? RULE : LIGHT_RULE),
    vLineColor: (i, node) => (i === 0 || i === (node.table.widths?.length ?? 0) ? RULE : LIGHT_RULE),
    fillColor: (rowIndex) => {
      if (rowIndex < headerRows) return HEADER_FILL;
      return zebra && (rowIndex - headerRows) % 2 === 1 ? STRIPE_FILL : null;
    },
    paddingLeft: () => 3,
    paddingRight: () => 3,
    paddingTop: () => 2,
    paddingBottom: () => 2,
  };
}

/** Borderless grid used to place labels next to vector bars. */
export const GRID_LAYOUT: CustomTableLayout = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  paddingLeft: () => 0,
  paddingRight: () => 4,
  paddingTop: () => 1.5,
  paddingBottom: () => 1.5,
};

/** A horizontal bar: a grey track of `trackWidth` and a dark fill of `fillWidth` (vector, no image). */
export function barCanvas(trackWidth: number, fillWidth: number, height = 8): Content {
  const elements: CanvasElement[] = [
    { type: 'rect', x: 0, y: 1.5, w: Math.max(trackWidth, 0.5), h: height, color: BAR_TRACK, lineWidth: 0 },
  ];
  if (fillWidth > 0) {
    elements.push({ type: 'rect', x: 0, y: 1.5, w: Math.min(fillWidth, trackWidth), h: height, color: BAR_FILL, lineWidth: 0 });
  }
  return { canvas: elements };
}

/** A full-width horizontal rule. */
export function rule(width: number, lineWidth = 0.6, color = RULE, margin: [number, number, number, number] = [0, 4, 0, 4]): Content {
  return { canvas: [{ type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth, lineColor: color }], margin };
}

/** Header cell. */
export function th(text: string, extra: Record<string, unknown> = {}): Content {
  return { text, ...S.th, ...extra } as Content;
}

/** Number cell from integer tenths. */
export function tdTenths(tenths: number, extra: Record<string, unknown> = {}): Content {
  return { text: formatTenths(tenths), ...S.tdNum, ...extra } as Content;
}

/** Body cell. */
export function td(text: string, extra: Record<string, unknown> = {}): Content {
  return { text, ...S.td, ...extra } as Content;
}

/**
 * Builds a ruled table node. `singleLineRows` drops pdfmake's dontBreakRows, whose per-row
 * unbreakable block is pure overhead when no row can wrap.
 */
export function ruledTable(
  widths: (number | string)[],
  body: Content[][],
  headerRows: number,
  extra: Partial<ContentTable> = {},
  singleLineRows = false,
): ContentTable {
  // No orphan rows: the header and the first two rows start on the same page, or none of them does.
  const keep = Math.min(2, Math.max(0, body.length - headerRows));
  return {
    table: {
      headerRows,
      widths,
      body,
      ...(keep > 0 ? { keepWithHeaderRows: keep } : {}),
      ...(singleLineRows ? {} : { dontBreakRows: true }),
    },
    layout: ruledLayout(headerRows),
    ...extra,
  } as ContentTable;
}

/**
 * Page furniture shared by the reports: running title on every page but the first, and the
 * footer 「第 x 页 共 y 页」 with the verification code (finalized) or 「未定稿」 (draft).
 */
export function pageFurniture(
  runningTitle: string,
  footerLeft: string,
  footerRight: string,
): {
  header: DynamicContent;
  footer: DynamicContent;
} {
  const header: DynamicContent = (currentPage, _pageCount, pageSize) => {
    if (currentPage === 1) return null;
    const landscape = pageSize.width > pageSize.height;
    const [left, , right] = landscape ? LANDSCAPE_MARGINS : PORTRAIT_MARGINS;
    const width = pageSize.width - left - right;
    return {
      margin: [left, 30, right, 0],
      stack: [
        { text: runningTitle, fontSize: 8, color: GREY_TEXT, alignment: 'center' },
        { canvas: [{ type: 'line', x1: 0, y1: 3, x2: width, y2: 3, lineWidth: 0.5, lineColor: LIGHT_RULE }] },
      ],
    };
  };
  const footer: DynamicContent = (currentPage, pageCount, pageSize) => {
    const landscape = pageSize.width > pageSize.height;
    const [left, , right] = landscape ? LANDSCAPE_MARGINS : PORTRAIT_MARGINS;
    return {
      margin: [left, 18, right, 0],
      columns: [
        { text: footerLeft, fontSize: 7.5, color: GREY_TEXT, width: '*' },
        { text: `第 ${currentPage} 页 共 ${pageCount} 页`, fontSize: 9, alignment: 'center', width: 'auto' },
        { text: footerRight, fontSize: 7.5, color: GREY_TEXT, alignment: 'right', width: '*' },
      ],
    };
  };
  return { header, footer };
}

/** The 「草稿」 watermark carried by every page of a report built from unfinalized data. */
export const DRAFT_WATERMARK = { text: '草稿', color: '#808080', opacity: 0.16, bold: true, fontSize: 130 };
