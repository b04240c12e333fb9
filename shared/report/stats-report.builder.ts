/**
 * The printable statistics (社区建设统计) in the seed report's style, as a pdfmake document: key
 * figures, the full list with the change against the previous quarter, and 社区工作者 by 岗位 and 等级.
 * Same series look as the quarterly and annual reports.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { StatsResultDto } from '../ipc/channels/planner.channels';
import type { ReportUnit } from './report-data';
import { masthead, para, statGrid } from './report-parts';
import { INK, PORTRAIT_MARGINS, REPORT_FONT_FAMILY, S, pageFurniture, ruledTable, td, th } from './report-style';

function value(v: number | null, unit: string): string {
  if (v === null) return '—';
  return unit === '%' ? `${v}%` : v.toLocaleString('zh-CN');
}

function change(c: number | null): string {
  if (c === null) return '—';
  return c > 0 ? `+${c}` : String(c);
}

export function statsReportTitle(unit: ReportUnit, result: Pick<StatsResultDto, 'title'>): string {
  return `${unit.street}社区建设统计（${result.title}）`;
}

export function buildStatsReport(result: StatsResultDto, unit: ReportUnit): TDocumentDefinitions {
  const title = statsReportTitle(unit, result);
  const fig = new Map(result.figures.map((f) => [f.key, f]));
  const key = (k: string, label: string) => {
    const f = fig.get(k);
    return { label, value: f ? value(f.value, f.unit) : '—', unit: f && f.unit !== '%' ? f.unit : '' };
  };
  const figuresTable = ruledTable(
    ['*', 70, 36, 80],
    [
      [th('项目'), th('数值'), th('单位'), th(result.previous ? `较${result.previous}增减` : '较上季度增减')],
      ...result.figures.map((f) => [
        td(f.label),
        td(value(f.value, f.unit), { alignment: 'right' }),
        td(f.unit === '%' ? '' : f.unit, { alignment: 'center' }),
        td(change(f.change), { alignment: 'right' }),
      ]),
    ],
    1,
    { id: 'stats-figures' },
    true,
  );
  const byPost = ruledTable(
    ['*', 60],
    [[th('岗位类别'), th('人数')], ...result.stats.workersByPost.map((x) => [td(x.label), td(String(x.count), { alignment: 'right' })])],
    1,
    {},
    true,
  );
  const byGrade = ruledTable(
    ['*', 60],
    [
      [th('岗位等级'), th('人数')],
      ...result.stats.workersByGrade.map((x) => [
        td(x.label === '未填' ? x.label : `${x.label}级`),
        td(String(x.count), { alignment: 'right' }),
      ]),
    ],
    1,
    {},
    true,
  );
  const content: Content[] = [
    ...masthead(unit),
    { text: title, ...S.docTitle, margin: [0, 0, 0, 10] },
    statGrid([key('communities', '社区'), key('grids', '网格'), key('workers', '社区工作者'), key('meetingAll', '全部达标社区')]),
    { text: '一、主要数据', ...S.h1 },
    figuresTable,
    // Keep the heading with its tables.
    {
      stack: [
        { text: '二、社区工作者岗位与等级', ...S.h1 },
        { columns: [byPost, byGrade], columnGap: 20 },
      ],
      unbreakable: true,
    },
    para(
      `数据来源：${result.source === 'current' ? '当前名册' : `${result.source}季度考评冻结的名册快照`}，统计日期 ${result.stats.asOf}。35岁以下指不满35周岁；下沉干部报到率按半年内有报到记录计算。`,
      { ...S.note, margin: [0, 10, 0, 0] },
    ),
  ];
  const furniture = pageFurniture(title, '社区规范化创建考评系统', result.stats.asOf);
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: PORTRAIT_MARGINS,
    info: {
      title,
      author: unit.issuer || unit.street,
      subject: '社区建设统计',
      creator: '社区规范化创建考评系统',
      producer: '社区规范化创建考评系统',
    },
    defaultStyle: { font: REPORT_FONT_FAMILY, fontSize: 10, lineHeight: 1.2, color: INK },
    header: furniture.header,
    footer: furniture.footer,
    content,
  };
}
