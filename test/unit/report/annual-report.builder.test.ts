import { describe, expect, it } from 'vitest';
import { annualReportTitle, buildAnnualReport, summarizeYear } from '../../../shared/report/annual-report.builder';
import { annualReportDataSchema } from '../../../shared/report/report-data';
import { makeAnnualReportData } from '../../fixtures/report/report-fixtures';
import { findById, tableBody, textOf } from './doc-walk';

const data = annualReportDataSchema.parse(makeAnnualReportData({ communities: 12 }));

describe('buildAnnualReport', () => {
  const doc = buildAnnualReport(data);

  it('is a 通报 throughout: title, 主送 the communities, 「特此通报。」', () => {
    expect(annualReportTitle(data).full).toBe('龙塔街道2021年度社区规范化创建考评结果通报');
    expect(textOf(findById(doc, 'doc-title'))).toContain('2021年度');
    expect(textOf(findById(doc, 'recipients'))).toBe('各社区党组织、居民委员会：');
    const text = textOf(doc.content);
    expect(text).toContain('特此通报。');
    expect(text.replaceAll('结果与报告', '')).not.toContain('报告'); // the app's menu name aside
  });

  it('says which quarters it covers and marks quarters without a finalized round 「—」, not 未参评', () => {
    const partial = annualReportDataSchema.parse({ ...makeAnnualReportData({ communities: 12 }), coveredQuarters: [1, 2, 3] });
    const d = buildAnnualReport(partial);
    expect(textOf(findById(d, 'covered'))).toContain('根据2021年第一季度、第二季度、第三季度已定稿的考评结果');
    const rows = tableBody(findById(d, 'annual-ranking-table')).slice(1);
    for (const r of rows) expect(textOf(r[5])).toBe('—');
    // The community that was absent in a covered quarter stays 未参评.
    expect(rows.some((r) => textOf(r[2]) === '未参评')).toBe(true);
  });

  it('lists each community with four quarters, the annual score and grade, in rank order', () => {
    const body = tableBody(findById(doc, 'annual-ranking-table'));
    expect(body.map((r) => textOf(r[0])).slice(0, 1)).toEqual(['排名']);
    const rows = body.slice(1);
    expect(rows).toHaveLength(12);
    expect(rows.map((r) => textOf(r[1]))).toEqual(data.communities.map((c) => c.name));
    // The last fixture community has no first quarter: marked, not zero.
    const missing = rows.find((r) => textOf(r[2]) === '未参评');
    expect(missing).toBeDefined();
    for (const r of rows) expect(textOf(r[7])).toMatch(/^\d+\.\d$/);
  });

  it('marks vetoed quarters and states the veto effects', () => {
    const body = tableBody(findById(doc, 'annual-ranking-table')).slice(1);
    expect(body.some((r) => r.slice(2, 6).some((c) => textOf(c).endsWith('*')))).toBe(true);
    expect(textOf(findById(doc, 'veto-effects'))).toContain('年度等级不高于合格');
  });

  it('summarizes exactly and watermarks only drafts', () => {
    const s = summarizeYear(data);
    expect(s.count).toBe(12);
    expect(s.incomplete).toBe(1);
    // A quarter without a finalized round is nobody's absence: with only Q3 finalized, a community
    // missing Q1 and Q2 is not "部分季度未参评".
    const onlyQ3 = annualReportDataSchema.parse({
      ...data,
      coveredQuarters: [3],
      communities: data.communities.map((c) => ({ ...c, quarters: c.quarters.map((q) => (q.quarter === 3 ? q : { ...q, total: null })) })),
    });
    expect(summarizeYear(onlyQ3).incomplete).toBe(
      data.communities.filter((c) => c.quarters.find((q) => q.quarter === 3)?.total === null).length,
    );
    expect(doc.watermark).toBeUndefined();
    const draft = buildAnnualReport(annualReportDataSchema.parse(makeAnnualReportData({ communities: 12, finalized: false })));
    expect(draft.watermark).toMatchObject({ text: '草稿' });
  });
});
