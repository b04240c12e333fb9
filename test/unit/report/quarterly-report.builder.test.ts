import { describe, expect, it } from 'vitest';
import { quarterlyReportDataSchema } from '../../../shared/report/report-data';
import {
  buildQuarterlyReport,
  quarterlyReportTitle,
  rectificationTable,
  summarizeQuarter,
} from '../../../shared/report/quarterly-report.builder';
import { verificationPayload } from '../../../shared/report/report-format';
import { makeQuarterlyReportData, scoreCommunities } from '../../fixtures/report/report-fixtures';
import { allNodes, findById, tableBody, textOf } from './doc-walk';

const draft = quarterlyReportDataSchema.parse(makeQuarterlyReportData({ communities: 12 }));
const final = quarterlyReportDataSchema.parse(makeQuarterlyReportData({ communities: 12, finalized: true }));

describe('quarterly report data', () => {
  it('masks person fields on parse', () => {
    const r = draft.rectifications.find((x) => x.responsible?.name === '李䶮');
    expect(r?.responsible).toMatchObject({ idCard: '4111**********123X', phone: '138****5678' });
    expect(JSON.stringify(draft)).not.toContain('41110219900101123X');
    expect(JSON.stringify(draft)).not.toContain('13812345678');
  });
  it('refuses scores finer than a tenth and a finalized round without hash', () => {
    const bad = makeQuarterlyReportData({ communities: 2 });
    const first = bad.communities[0];
    if (!first) throw new Error('fixture');
    first.total = 87.45;
    expect(quarterlyReportDataSchema.safeParse(bad).success).toBe(false);
    const noHash = makeQuarterlyReportData({ communities: 2 });
    noHash.finalization = { finalized: true, contentHash: null };
    expect(quarterlyReportDataSchema.safeParse(noHash).success).toBe(false);
  });
});

describe('summarizeQuarter', () => {
  it('computes count, exact average, extremes and grade counts in tenths', () => {
    const scored = scoreCommunities(12);
    const s = summarizeQuarter(draft);
    const sum = scored.reduce((a, c) => a + c.totalTenths, 0);
    expect(s.count).toBe(12);
    expect(s.averageTenths).toBe(Math.floor((2 * sum + 12) / 24));
    expect(s.highest?.tenths).toBe(Math.max(...scored.map((c) => c.totalTenths)));
    expect(s.lowest?.tenths).toBe(Math.min(...scored.map((c) => c.totalTenths)));
    expect(Object.values(s.perGrade).reduce((a, b) => a + b, 0)).toBe(12);
    expect(s.vetoCount).toBe(scored.filter((c) => c.vetoed).length);
    expect(s.deductionCount).toBe(scored.reduce((a, c) => a + c.deductions.length, 0));
  });
});

describe('buildQuarterlyReport', () => {
  const doc = buildQuarterlyReport(draft);

  it('is A4 portrait with the official title, unit and date', () => {
    expect(doc.pageSize).toBe('A4');
    expect(doc.pageOrientation).toBe('portrait');
    expect(quarterlyReportTitle(draft).full).toBe('龙塔街道2021年第三季度社区规范化创建考评情况通报');
    expect(textOf(findById(doc, 'doc-title'))).toBe('龙塔街道2021年第三季度\n社区规范化创建考评情况通报');
    const all = textOf(doc.content);
    expect(all).toContain('龙塔街道社区规范化建设工作领导小组办公室');
    expect(all).toContain('2021年10月15日');
  });

  it('puts the ranking table on landscape pages with two header rows repeated on every page', () => {
    const sections = (doc.content as unknown as Record<string, unknown>[]).map((s) => s.pageOrientation);
    expect(sections).toEqual(['portrait', 'landscape', 'portrait', 'portrait']);
    const table = findById(doc, 'ranking-table');
    expect((table?.table as { headerRows: number }).headerRows).toBe(2);
    const body = tableBody(table);
    // Columns: rank, community, 7 categories, bonus, veto, total, grade, change; one heading row
    // before the vetoed communities, which do not rank.
    expect(body).toHaveLength(2 + 12 + 1);
    expect(body[0]).toHaveLength(14);
    const rows = body
      .slice(2)
      .map((r) => r.map(textOf))
      .filter((r) => r[1] !== '');
    const expected = scoreCommunities(12);
    expect(rows.map((r) => r[1])).toEqual(expected.map((c) => c.name));
    expect(rows.map((r) => r[0])).toEqual(expected.map((c) => (c.vetoed ? '否决' : String(c.rank))));
    expect(rows.map((r) => r[11])).toEqual(expected.map((c) => (c.totalTenths / 10).toFixed(1)));
    const vetoRow = rows.find((r) => r[10] === '是');
    expect(vetoRow?.[12]).toBe('不合格');
  });

  it('has one scorecard per community, each after a page break but the first', () => {
    const cards = allNodes(doc.content).filter((n) => typeof n.id === 'string' && n.id.startsWith('scorecard-'));
    expect(cards).toHaveLength(12);
    expect(cards[0]?.pageBreak).toBeUndefined();
    expect(cards.slice(1).every((c) => c.pageBreak === 'before')).toBe(true);
    // A card runs from its header to the next card's header.
    const annex = (doc.content as unknown as { section: Record<string, unknown>[] }[])[2]?.section ?? [];
    const start = annex.findIndex((n) => n.id === 'scorecard-1');
    const end = annex.findIndex((n) => n.id === 'scorecard-2');
    const card = annex.slice(start, end);
    const c0 = draft.communities.find((c) => c.rank === 1);
    expect(textOf(card[0])).toContain(c0?.name);
    for (const d of c0?.scorecard.deductions ?? []) expect(textOf(card)).toContain(d.reason);
    // Category bars are vectors, not images.
    expect(allNodes(card).some((n) => Array.isArray(n.canvas))).toBe(true);
  });

  it('scales every category bar of a scorecard to that category’s maximum: full marks fill the track', () => {
    const card = findById(doc, 'scorecard-1');
    expect(card).toBeDefined();
    const bars = allNodes(doc.content).filter(
      (n) => Array.isArray(n.canvas) && (n.canvas as unknown[]).length >= 1 && (n.canvas as { type: string }[])[0]?.type === 'rect',
    );
    const tracks = new Set(bars.map((b) => (b.canvas as { w: number }[])[0]?.w));
    // One track length for every category, whatever its maximum.
    expect(tracks.size).toBe(1);
    const full = quarterlyReportDataSchema.parse(makeQuarterlyReportData({ communities: 1 }));
    const c = full.communities[0];
    if (!c) throw new Error('fixture');
    c.categories = c.categories.map((x) => ({ ...x, score: x.max }));
    const fullBars = allNodes(buildQuarterlyReport(full).content).filter(
      (n) => Array.isArray(n.canvas) && (n.canvas as unknown[]).length === 2,
    );
    for (const b of fullBars) {
      const [track, fill] = b.canvas as { w: number }[];
      expect(fill?.w).toBeCloseTo(track?.w ?? 0, 5);
    }
  });

  it('lists every rectification with masked contact data', () => {
    const body = tableBody(findById(doc, 'rectification-table'));
    expect(body).toHaveLength(1 + draft.rectifications.length);
    const text = textOf(body);
    expect(text).toContain('责任人：李䶮4111**********123X138****5678');
    expect(text).not.toContain('13812345678');
  });

  it('shows each item’s source quarter in the 整改清单, carried items as 逾期未改 or 已销号', () => {
    const rows = [
      { ...draft.rectifications[0], sourceRound: '2021年第二季度', status: '逾期未改' as const },
      { ...draft.rectifications[0], sourceRound: '2021年第二季度', status: '已销号' as const },
    ] as typeof draft.rectifications;
    const body = tableBody(rectificationTable(rows) as unknown as Parameters<typeof tableBody>[0]);
    expect(textOf(body[0])).toContain('发现季度');
    expect(textOf(body[1]?.[5])).toBe('2021年\n第二季度');
    expect(textOf(body[1]?.[6])).toBe('逾期未改');
    expect(textOf(body[2]?.[6])).toBe('已销号');
  });

  it('marks drafts with the 草稿 watermark and a draft notice, without QR code', () => {
    expect(doc.watermark).toMatchObject({ text: '草稿' });
    expect(findById(doc, 'draft-note')).toBeDefined();
    expect(allNodes(doc.content).some((n) => 'qr' in n)).toBe(false);
  });

  it('prints the content hash and its QR code once finalized, without watermark', () => {
    const f = buildQuarterlyReport(final);
    expect(f.watermark).toBeUndefined();
    const verification = findById(f, 'verification');
    const qr = allNodes(verification).find((n) => 'qr' in n);
    expect(qr?.qr).toBe(verificationPayload('2021Q3', final.finalization.contentHash ?? ''));
    expect(textOf(verification)).toContain('9f2c4e7a 1b3d5f60');
    expect(textOf(f.content)).not.toContain('草稿');
  });

  it('ends the body with 落款 and 成文日期, no signature grid inside the 通报', () => {
    expect(findById(doc, 'signature-block')).toBeUndefined();
    expect(textOf(findById(doc, 'issuer-block'))).toContain('2021年10月15日');
    expect(textOf(doc.content)).not.toContain('考评组组长');
  });

  it('prints the page number 「— 3 —」 in the footer, odd pages right and even pages left', () => {
    const footer = doc.footer as (p: number, n: number, s: { width: number; height: number }) => { text: string; alignment: string };
    expect(footer(3, 17, { width: 595.28, height: 841.89 })).toMatchObject({ text: '— 3 —', alignment: 'right' });
    expect(footer(4, 17, { width: 595.28, height: 841.89 })).toMatchObject({ text: '— 4 —', alignment: 'left' });
  });

  it('prints the 加分依据 and the 核查方式 of every deduction; no workflow comments', () => {
    const data = quarterlyReportDataSchema.parse(makeQuarterlyReportData({ communities: 12 }));
    const withBonus = data.communities.find((c) => c.scorecard.bonusItems.length > 0);
    expect(withBonus).toBeDefined();
    const text = textOf(buildQuarterlyReport(data).content);
    expect(text).toContain('获评市级文明社区');
    for (const d of data.communities.flatMap((c) => c.scorecard.deductions)) expect(text).toContain(d.evidenceMethod);
  });

  it('copes with a round without communities', () => {
    const empty = quarterlyReportDataSchema.parse({ ...makeQuarterlyReportData({ communities: 0 }) });
    expect(() => buildQuarterlyReport(empty)).not.toThrow();
  });
});
