/**
 * The part of fontkit (a dependency of pdfkit, which pdfmake uses) that the PDF runner needs:
 * glyph coverage of a font. fontkit ships no type declarations.
 */
declare module 'fontkit' {
  export interface Font {
    postscriptName: string;
    familyName: string;
    numGlyphs: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export interface FontCollection {
    fonts: Font[];
    getFont(postscriptName: string): Font | null;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font | FontCollection;
  export function openSync(filename: string, postscriptName?: string): Font | FontCollection;
}
