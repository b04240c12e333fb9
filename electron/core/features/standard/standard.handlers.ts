import type { HandlerMap } from '../../handler';
import { actorName } from '../../app-context';
import {
  createDraft,
  deleteDraft,
  diffVersions,
  exportFileName,
  exportVersionTo,
  getVersion,
  importVersion,
  listVersions,
  publishVersion,
  saveDraft,
} from './standard.service';

type StandardChannel =
  | 'standard:list'
  | 'standard:get'
  | 'standard:createDraft'
  | 'standard:saveDraft'
  | 'standard:deleteDraft'
  | 'standard:publish'
  | 'standard:diff'
  | 'standard:export'
  | 'standard:import';

export const standardHandlers: HandlerMap<StandardChannel> = {
  'standard:list': async ({ app }) => listVersions(app.db),
  'standard:get': async ({ app }, { version }) => getVersion(app.db, version),
  'standard:createDraft': async ({ app, actor }, { fromVersion }) => createDraft(app, actorName(actor), fromVersion),
  'standard:saveDraft': async ({ app, actor }, input) => saveDraft(app, actorName(actor), input),
  'standard:deleteDraft': async ({ app, actor }, { version }) => {
    await deleteDraft(app, actorName(actor), version);
    return { version };
  },
  'standard:publish': async ({ app, actor }, { version }) => publishVersion(app, actorName(actor), version),
  'standard:diff': async ({ app }, { from, to }) => diffVersions(app.db, from, to),
  'standard:export': async ({ app }, { version }) => {
    const name = exportFileName(version);
    const out = app.files.createOutput(name);
    await exportVersionTo(app.db, version, out.path);
    return { fileId: out.fileId, name };
  },
  'standard:import': async ({ app, actor }, { fileId, kind }) => {
    const staged = app.files.resolve(fileId);
    return importVersion(app, actorName(actor), staged.path, staged.name, kind);
  },
};
