import { describe, expect, it } from 'vitest';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { applyGlyphFallback, type GlyphFontResolver } from '../../../shared/report/glyph-fallback';

// A resolver over explicit coverage sets: the main font lacks 𠮷 (U+20BB7) and 𪚥 (U+2A6A5);
// the fallback has 𠮷 only, so 𪚥 is missing everywhere.
const resolver: GlyphFontResolver = (cp) => {
  if (cp === 0x20bb7) return 'Fallback1';
  if (cp === 0x2a6a5) return undefined;
  return null;
};

describe('applyGlyphFallback', () => {
  it('leaves text the main font covers untouched (same strings)', () => {
    const doc: TDocumentDefinitions = { content: ['张三', { text: '李四', bold: true }] };
    const { doc: out, fallbackRuns, missing } = applyGlyphFallback(doc, resolver);
    expect(out.content).toEqual(doc.content);
    expect(fallbackRuns).toBe(0);
    expect(missing).toEqual([]);
  });

  it('splits a rare character into a fallback run and keeps the node properties', () => {
    const doc: TDocumentDefinitions = { content: [{ text: '考评员：王𠮷、李明', bold: true, fontSize: 9 }] };
    const { doc: out, fallbackRuns } = applyGlyphFallback(doc, resolver);
    expect(out.content).toEqual([{ text: ['考评员：王', { text: '𠮷', font: 'Fallback1' }, '、李明'], bold: true, fontSize: 9 }]);
    expect(fallbackRuns).toBe(1);
  });

  it('handles table cells, stacks, columns, lists and inline arrays, but not QR codes or drawings', () => {
    const doc: TDocumentDefinitions = {
      content: [
        { table: { body: [['𠮷', { text: ['a', '吉𠮷'] }]] } },
        { stack: ['𠮷𠮷'] },
        { columns: [{ text: 'x𠮷' }] },
        { ul: ['𠮷'] },
        { qr: '𠮷' },
        { canvas: [] },
      ],
    };
    const { doc: out, fallbackRuns } = applyGlyphFallback(doc, resolver);
    const f = (t: string) => ({ text: t, font: 'Fallback1' });
    expect(out.content).toEqual([
      { table: { body: [[{ text: [f('𠮷')] }, { text: ['a', '吉', f('𠮷')] }]] } },
      { stack: [{ text: [f('𠮷𠮷')] }] },
      { columns: [{ text: ['x', f('𠮷')] }] },
      { ul: [{ text: [f('𠮷')] }] },
      { qr: '𠮷' },
      { canvas: [] },
    ]);
    expect(fallbackRuns).toBe(5);
  });

  it('reports characters no font has, once each', () => {
    const { missing } = applyGlyphFallback({ content: ['𪚥', { text: '𪚥𠮷' }] }, resolver);
    expect(missing).toEqual(['𪚥']);
  });

  it('keeps a variation selector with its base character', () => {
    const { doc } = applyGlyphFallback({ content: ['𠮷\u{E0100}李'] }, resolver);
    expect(doc.content).toEqual([{ text: [{ text: '𠮷\u{E0100}', font: 'Fallback1' }, '李'] }]);
  });

  it('wraps dynamic footers so page furniture is covered too', () => {
    const doc: TDocumentDefinitions = { content: [], footer: (page) => ({ text: `第${page}页 𠮷` }) };
    const { doc: out } = applyGlyphFallback(doc, resolver);
    const footer = out.footer as (p: number, n: number, s: unknown) => unknown;
    expect(footer(2, 3, {})).toEqual({ text: ['第2页 ', { text: '𠮷', font: 'Fallback1' }] });
  });
});
