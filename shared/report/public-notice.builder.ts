/**
 * The 公示 notice of a round's results, printed when the round is published: its own title, the
 * 公示期 (from–to), the results (vetoed communities named as such, outside the ranking), how and
 * where to appeal and until when, the issuer and date. Not a draft of the 通报: no watermark.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { QuarterlyCommunity, QuarterlyReportData } from './report-data';
import { chineseDate, quarterName, toTenths } from './report-format';
import { bodyPara, closingSignoff, officialTitle, pageNumberFooter } from './official-doc';
import { DOC_FONTS, INK, OFFICIAL_MARGINS, S, ruledTable, td, tdTenths, th } from './report-style';
import { sortByRank } from './report-parts';
import { kindWords } from '../domain/levels/kind-words';
import type { UnitKind } from '../domain/levels/levels';

/** 「关于龙塔街道2021年第三季度社区规范化创建考评结果的公示」 in two lines. */
export function publicNoticeTitle(data: Pick<QuarterlyReportData, 'unit' | 'round'> & { unitKind?: UnitKind | undefined }): {
  lines: [string, string];
  full: string;
} {
  const first = `关于${data.unit.street}${data.round.year}年${quarterName(data.round.quarter)}`;
  const second = `${kindWords(data.unitKind).work}考评结果的公示`;
  return { lines: [first, second], full: first + second };
}

/** Whole days from one ISO date to another, both counted. */
function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

function resultsTable(ranked: QuarterlyCommunity[], noun: string): Content {
  const body: Content[][] = [[th('排名'), th(noun), th('总分'), th('等次'), th('备注')]];
  const ranking = ranked.filter((c) => c.veto.length === 0);
  const vetoed = ranked.filter((c) => c.veto.length > 0);
  for (const c of ranking) {
    body.push([{ text: String(c.rank), ...S.tdCenter }, td(c.name), tdTenths(toTenths(c.total)), { text: c.grade, ...S.tdCenter }, td('')]);
  }
  for (const c of vetoed) {
    body.push([
      { text: '—', ...S.tdCenter },
      td(c.name),
      tdTenths(toTenths(c.total)),
      { text: c.grade, ...S.tdCenter },
      td(`一票否决：${c.veto.map((v) => v.itemTitle).join('、')}，不参与排名`),
    ]);
  }
  const table = ruledTable([34, 110, 50, 46, '*'], body, 1, {}, false);
  return { ...table, id: 'notice-results', margin: [0, 6, 0, 10] } as Content;
}

/** Builds the 公示 notice; `data` parsed with `quarterlyReportDataSchema`, with `notice` set. */
export function buildPublicNotice(data: QuarterlyReportData): TDocumentDefinitions {
  const period = data.notice ?? {
    from: data.signature.date ?? data.generatedAt.slice(0, 10),
    to: data.signature.date ?? data.generatedAt.slice(0, 10),
  };
  const title = publicNoticeTitle(data);
  const ranked = sortByRank(data.communities);
  const w = kindWords(data.unitKind);
  const street = data.unit.street || w.appraiser;
  const office = data.document.office || `${street}社区规范化创建工作办公室`;
  const contact = [
    data.document.contact ? `联系人：${data.document.contact}` : '',
    data.document.phone ? `联系电话：${data.document.phone}` : '',
  ]
    .filter(Boolean)
    .join('，');
  const label = `${data.round.year}年${quarterName(data.round.quarter)}`;
  const content: Content[] = [
    officialTitle(title.lines),
    bodyPara(
      `根据《${data.round.standardName}》和季度考评工作安排，${street}考评组对${w.among}${data.communities.length}个${w.noun}${label}${w.duty}进行了考评。` +
        `现将考评结果予以公示，公示期为${chineseDate(period.from)}至${chineseDate(period.to)}（共${daysInclusive(period.from, period.to)}天）。`,
      { id: 'notice-period' },
    ),
    resultsTable(ranked, w.noun),
    bodyPara(
      `公示期间，${w.noun}对考评结果有异议的，可于${chineseDate(period.to)}前以书面形式向${office}提出申诉，写明申诉事项和理由，并附相关证明材料` +
        `${contact ? `（${contact}）` : ''}。逾期未提出申诉的，视为对考评结果无异议。`,
      { id: 'notice-appeal' },
    ),
    closingSignoff(data.unit, { ...data.document, publicity: '', contact: '', phone: '' }, data.signature.date ?? period.from),
  ];
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: OFFICIAL_MARGINS,
    info: {
      title: title.full,
      author: data.unit.issuer || data.unit.street,
      creator: '社区规范化创建考评系统',
      producer: '社区规范化创建考评系统',
    },
    defaultStyle: { font: DOC_FONTS.fangsong, fontSize: 10, lineHeight: 1.2, color: INK },
    footer: pageNumberFooter(),
    content,
  };
}
