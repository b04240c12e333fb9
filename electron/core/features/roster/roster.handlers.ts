import { AppError } from '../../../../shared/ipc/errors';
import type { HandlerMap } from '../../handler';
import { actorName, type Actor } from '../../app-context';
import { analyzeRosterFile, commitRosterImport, previewRosterImport } from './import-session.service';
import { importRosterFile } from './import-oneshot.service';
import { listImportBatches, undoImportBatch } from './import-batches.service';
import {
  communityDetail,
  getPostGradeTable,
  getRosterRecord,
  listRoster,
  recordDto,
  rosterOverview,
  setPostGradeTable,
} from './roster.service';
import { deleteRosterRecord, updateRosterRecord } from './roster-edit.service';
import { exportFileName, exportRoster, templateFileName, writeRosterTemplate } from './roster-export.service';
import { canSeePersonalData } from '../../../../shared/domain/privacy/personal-data-access';
import { recordUnmaskedExport } from '../../platform/security/personal-data';

/** Personal data (身份证号, phones) is shown in full to administrators only. */
function masks(actor: Actor | null): boolean {
  return !canSeePersonalData(actor?.role);
}

export const rosterHandlers: HandlerMap<
  | 'roster:overview'
  | 'roster:list'
  | 'roster:get'
  | 'roster:update'
  | 'roster:delete'
  | 'roster:community'
  | 'roster:analyze'
  | 'roster:preview'
  | 'roster:commit'
  | 'roster:import'
  | 'roster:batches'
  | 'roster:undo'
  | 'roster:export'
  | 'roster:template'
  | 'roster:postGrades'
  | 'roster:setPostGrades'
> = {
  'roster:overview': async ({ app }) => rosterOverview(app.db),
  'roster:list': async ({ app, actor }, input) => listRoster(app.db, input, masks(actor)),
  'roster:get': async ({ app }, { roster, sheet, id }) => recordDto(await getRosterRecord(app.db, roster, sheet, id)),
  'roster:update': async ({ app, actor }, { roster, sheet, id, values }) =>
    updateRosterRecord(app, actorName(actor), roster, sheet, id, values),
  'roster:delete': async ({ app, actor }, { roster, sheet, id, reason }) =>
    deleteRosterRecord(app, actorName(actor), roster, sheet, id, reason),
  'roster:community': async ({ app, actor }, { communityId, asOf }) => communityDetail(app, communityId, asOf, masks(actor)),
  'roster:analyze': async ({ app }, { roster, fileId, sheetName }) => {
    const staged = app.files.resolve(fileId);
    const jobId = app.jobs.start('roster.analyze', (progress, signal) =>
      analyzeRosterFile(app, { roster, filePath: staged.path, fileName: staged.name, sheetName }, progress, signal),
    );
    return { jobId };
  },
  'roster:preview': async ({ app }, { analysisId, mappings, strict }) => ({
    jobId: app.jobs.start('roster.preview', (progress, signal) => previewRosterImport(app, analysisId, mappings, strict, progress, signal)),
  }),
  'roster:commit': async ({ app, actor }, { analysisId, mappings, strict, remember }) => ({
    jobId: app.jobs.start('roster.commit', (progress, signal) =>
      commitRosterImport(app, actorName(actor), analysisId, mappings, { strict, remember }, progress, signal),
    ),
  }),
  'roster:import': async ({ app, actor }, { roster, fileId, sheetName, strict, dryRun }) => {
    const staged = app.files.resolve(fileId);
    const jobId = app.jobs.start('roster.import', (progress, signal) =>
      importRosterFile(
        app,
        actorName(actor),
        { roster, filePath: staged.path, fileName: staged.name, sheetName, strict, dryRun },
        progress,
        signal,
      ),
    );
    return { jobId };
  },
  'roster:batches': async ({ app }, { roster, limit }) => listImportBatches(app.db, roster, limit),
  'roster:undo': async ({ app, actor }, { batchId }) => undoImportBatch(app, actorName(actor), batchId),
  'roster:export': async ({ app, actor }, { roster, communityId }) => {
    const name = exportFileName(roster, app.now());
    const out = app.files.createOutput(name);
    const mask = masks(actor);
    const jobId = app.jobs.start('roster.export', async (progress, signal) => {
      const rows = await exportRoster(app.db, roster, out.path, { communityId, mask, signal, progress });
      if (!mask)
        await recordUnmaskedExport(app, actorName(actor), {
          entity: 'roster',
          description: `${roster} 名册（${rows} 行）`,
          rows,
          file: name,
        });
      return { fileId: out.fileId, name, rows };
    });
    return { jobId };
  },
  'roster:template': async ({ app }, { roster }) => {
    const name = templateFileName(roster);
    const out = app.files.createOutput(name);
    await writeRosterTemplate(app, roster, out.path);
    return { fileId: out.fileId, name, rows: 0 };
  },
  'roster:postGrades': async ({ app }) => getPostGradeTable(app.db),
  'roster:setPostGrades': async ({ app, actor }, table) => {
    if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录后再操作。');
    return setPostGradeTable(app, actorName(actor), table);
  },
};
