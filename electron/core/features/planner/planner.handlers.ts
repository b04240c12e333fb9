import type { HandlerMap } from '../../handler';
import { actorName } from '../../app-context';
import { addAction, addLineage, deleteAction, planOverview, removeLineage, rosterStatistics, setNorms } from './planner.service';
import { writeStatsWorkbook } from '../../platform/io/excel/stats-workbook.writer';
import { stageReportPdf } from '../../platform/io/pdf/staged-pdf';
import { statsReportTitle } from '../../../../shared/report/stats-report.builder';
import { getUnitSettings } from '../settings/index';

export const plannerHandlers: HandlerMap<
  | 'planner:overview'
  | 'planner:setNorms'
  | 'planner:addAction'
  | 'planner:deleteAction'
  | 'planner:addLineage'
  | 'planner:removeLineage'
  | 'planner:stats'
  | 'planner:exportStats'
  | 'planner:statsPdf'
> = {
  'planner:overview': async ({ app }, { roundId }) => planOverview(app, roundId),
  'planner:setNorms': async ({ app, actor }, { norms }) => setNorms(app, actorName(actor), norms),
  'planner:addAction': async ({ app, actor }, input) => addAction(app, actorName(actor), input),
  'planner:deleteAction': async ({ app, actor }, { id }) => deleteAction(app, actorName(actor), id),
  'planner:addLineage': async ({ app, actor }, input) => addLineage(app, actorName(actor), input),
  'planner:removeLineage': async ({ app, actor }, { successorId, predecessorId }) =>
    removeLineage(app, actorName(actor), successorId, predecessorId),
  'planner:stats': async ({ app }, input) => rosterStatistics(app, input),
  'planner:exportStats': async ({ app }, input) => {
    const result = await rosterStatistics(app, input);
    const name = `社区建设统计-${result.source === 'current' ? '当前名册' : result.source}.xlsx`;
    const out = app.files.createOutput(name);
    await writeStatsWorkbook(result, out.path);
    return { fileId: out.fileId, name };
  },
  'planner:statsPdf': async ({ app }, input) => {
    const result = await rosterStatistics(app, input);
    const unit = await getUnitSettings(app.db);
    return stageReportPdf(app.files, { kind: 'stats', data: { result, unit } }, `${statsReportTitle(unit, result)}.pdf`);
  },
};
