/**
 * The statistics workbook: 统计 (the figures with the change against the previous quarter),
 * 岗位 and 等级 (社区工作者 by 岗位类别 and 岗位等级).
 */
import type { LayoutColumn, LayoutSheet } from '../../../../../shared/domain/roster/roster-workbook-layout';
import type { StatsResultDto } from '../../../../../shared/ipc/channels/planner.channels';
import { writeTables } from './table-writer';

function col(key: string, header: string, width: number, kind: LayoutColumn['kind'] = 'text'): LayoutColumn {
  return { key, header, width, kind, asText: false, required: false, list: null, hint: '' };
}

// The table writer's layouts name a roster sheet; these sheets are not roster sheets.
function sheet(name: string, columns: LayoutColumn[]): LayoutSheet {
  return { name, sheetKey: 'main' as LayoutSheet['sheetKey'], columns };
}

export async function writeStatsWorkbook(result: StatsResultDto, file: string): Promise<number> {
  const changeHeader = result.previous ? `较${result.previous}增减` : '较上季度增减';
  return writeTables(file, [
    {
      layout: sheet('统计', [
        col('label', `项目（${result.title}）`, 36),
        col('value', '数值', 14, 'number'),
        col('unit', '单位', 8),
        col('change', changeHeader, 16, 'number'),
      ]),
      rows: result.figures.map((f) => ({ label: f.label, value: f.value, unit: f.unit, change: f.change })),
    },
    {
      layout: sheet('岗位', [col('label', '岗位类别', 16), col('count', '社区工作者人数', 16, 'number')]),
      rows: result.stats.workersByPost.map((x) => ({ label: x.label, count: x.count })),
    },
    {
      layout: sheet('等级', [col('label', '岗位等级', 12), col('count', '社区工作者人数', 16, 'number')]),
      rows: result.stats.workersByGrade.map((x) => ({ label: x.label === '未填' ? x.label : `${x.label}级`, count: x.count })),
    },
  ]);
}
