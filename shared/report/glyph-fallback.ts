/**
 * Glyph fallback for pdfmake. pdfmake prints every character with the node's font and silently
 * drops characters the font has no glyph for — so a resident named 「吉𠮷」 would lose the rare
 * character (Noto Sans SC lacks U+20BB7). This pass walks a finished document definition and splits
 * every text run by glyph coverage: characters the main font lacks become inline runs in the first
 * fallback font that has them. Pure and shared, so the Node runner and the PDF worker transform the
 * same document the same way; each supplies a resolver backed by fontkit on the fonts it loaded.
 */
import type { Content, DynamicContent, TDocumentDefinitions } from 'pdfmake/interfaces';

/**
 * Decides the font for one code point printed in `family` (the font the run inherits): `null` =
 * that font has it, a string = the fallback font family to print it with, `undefined` = no font at
 * all has it (it is recorded as missing and left to the run's font, which will drop it).
 */
export type GlyphFontResolver = (codePoint: number, family: string) => string | null | undefined;

/**
 * A resolver from glyph coverage per family and, per family, the families to try next (the
 * document's faces may be Windows system fonts with a smaller repertoire than the shipped ones).
 */
export function chainResolver(
  has: (family: string, codePoint: number) => boolean,
  chainOf: (family: string) => readonly string[],
): GlyphFontResolver {
  return (cp, family) => {
    // Control characters and line breaks are layout, not glyphs.
    if (cp < 0x20 || has(family, cp)) return null;
    for (const f of chainOf(family)) if (f !== family && has(f, cp)) return f;
    return undefined;
  };
}

export interface GlyphFallbackResult {
  doc: TDocumentDefinitions;
  /** Characters no font could print (each once, in order of appearance). */
  missing: string[];
  /** How many text runs were switched to a fallback font. */
  fallbackRuns: number;
}

type Inline = string | { text: InlineText; font?: string; [key: string]: unknown };
type InlineText = string | Inline[];

// Variation selectors and joiners have no glyph of their own: they stay with the preceding character.
function isAttachedMark(cp: number): boolean {
  return (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef) || cp === 0x200d || cp === 0x200c;
}

class FallbackPass {
  private readonly cache = new Map<string, string | null | undefined>();
  private readonly missingSet = new Set<string>();
  readonly missing: string[] = [];
  fallbackRuns = 0;

  constructor(private readonly resolve: GlyphFontResolver) {}

  private fontFor(cp: number, family: string): string | null | undefined {
    if (cp < 0x80) return null; // ASCII: every CJK text font has it; skip the lookup.
    const key = `${family}|${cp}`;
    if (this.cache.has(key)) return this.cache.get(key);
    const resolved = this.resolve(cp, family);
    const result = resolved === family ? null : resolved;
    this.cache.set(key, result);
    return result;
  }

  /** Splits a string into runs; returns the same string when no fallback is needed. */
  splitString(s: string, family: string): string | Inline[] {
    let needs = false;
    for (let i = 0; i < s.length; i++) {
      const code = s.charCodeAt(i);
      if (code >= 0x80) {
        const cp = s.codePointAt(i) ?? code;
        if (this.fontFor(cp, family) !== null) {
          needs = true;
          break;
        }
        if (cp > 0xffff) i++;
      }
    }
    if (!needs) return s;

    const runs: Inline[] = [];
    let current = '';
    let currentFont: string | null = null;
    for (const ch of s) {
      const cp = ch.codePointAt(0) ?? 0;
      let font: string | null;
      if (isAttachedMark(cp)) {
        font = currentFont;
      } else {
        const resolved = this.fontFor(cp, family);
        if (resolved === undefined) {
          if (!this.missingSet.has(ch)) {
            this.missingSet.add(ch);
            this.missing.push(ch);
          }
          font = null;
        } else {
          font = resolved;
        }
      }
      if (font !== currentFont && current !== '') {
        runs.push(currentFont === null ? current : { text: current, font: currentFont });
        if (currentFont !== null) this.fallbackRuns++;
        current = '';
      }
      currentFont = font;
      current += ch;
    }
    if (current !== '') {
      runs.push(currentFont === null ? current : { text: current, font: currentFont });
      if (currentFont !== null) this.fallbackRuns++;
    }
    return runs;
  }

  /** Transforms the `text` of a text node or inline. */
  private textValue(text: unknown, family: string): unknown {
    if (typeof text === 'string') return this.splitString(text, family);
    if (typeof text === 'number') return text;
    if (Array.isArray(text)) {
      const out: unknown[] = [];
      for (const part of text) {
        if (typeof part === 'string') {
          const split = this.splitString(part, family);
          if (typeof split === 'string') out.push(split);
          else out.push(...split);
        } else {
          out.push(this.node(part, family));
        }
      }
      return out;
    }
    return this.node(text, family);
  }

  node(value: unknown, inherited: string): unknown {
    if (typeof value === 'string') {
      const split = this.splitString(value, inherited);
      return typeof split === 'string' ? split : { text: split };
    }
    if (Array.isArray(value)) return value.map((v) => this.node(v, inherited));
    if (value === null || typeof value !== 'object') return value;

    const obj = value as Record<string, unknown>;
    // Nodes without text of their own: vector drawings, QR codes and images are left alone.
    if ('canvas' in obj || 'qr' in obj || 'image' in obj || 'svg' in obj) return obj;

    const family = typeof obj.font === 'string' ? obj.font : inherited;
    const out: Record<string, unknown> = { ...obj };
    if ('text' in obj) out.text = this.textValue(obj.text, family);
    for (const key of ['stack', 'columns', 'ul', 'ol', 'section'] as const) {
      if (key in obj) out[key] = this.node(obj[key], family);
    }
    if ('table' in obj && obj.table && typeof obj.table === 'object') {
      const table = obj.table as Record<string, unknown>;
      const body = table.body;
      out.table = {
        ...table,
        body: Array.isArray(body) ? body.map((row: unknown) => (Array.isArray(row) ? row.map((c) => this.node(c, family)) : row)) : body,
      };
    }
    return out;
  }

  dynamic<T extends DynamicContent | Content | undefined>(value: T, family: string): T {
    if (value === undefined) return value;
    if (typeof value === 'function') {
      const fn = value as DynamicContent;
      const wrapped: DynamicContent = (currentPage, pageCount, pageSize) =>
        this.node(fn(currentPage, pageCount, pageSize), family) as ReturnType<DynamicContent>;
      return wrapped as T;
    }
    return this.node(value, family) as T;
  }
}

/**
 * Returns a copy of `doc` whose text runs use fallback fonts where the main font lacks a glyph.
 * Header, footer and background functions are wrapped so page furniture is covered too.
 * The watermark is plain text drawn by pdfmake in one font and is left as is.
 */
export function applyGlyphFallback(doc: TDocumentDefinitions, resolve: GlyphFontResolver): GlyphFallbackResult {
  const pass = new FallbackPass(resolve);
  const family = typeof doc.defaultStyle?.font === 'string' ? doc.defaultStyle.font : '';
  const out: TDocumentDefinitions = { ...doc, content: pass.node(doc.content, family) as Content };
  if (doc.header !== undefined) out.header = pass.dynamic(doc.header, family);
  if (doc.footer !== undefined) out.footer = pass.dynamic(doc.footer, family);
  return { doc: out, missing: pass.missing, fallbackRuns: pass.fallbackRuns };
}
