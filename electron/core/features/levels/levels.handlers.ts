import type { HandlerMap } from '../../handler';
import { actorName } from '../../app-context';
import { importUnits, listUnits, unitsFromSenders } from './units.service';
import { trustedSenders } from './received-reports';
import { removeUnit, saveUnit } from './unit-edit.service';

export const levelsHandlers: HandlerMap<'units:list' | 'units:import' | 'units:fromSenders' | 'units:save' | 'units:remove'> = {
  'units:list': async ({ app }, { kind }) => listUnits(app.db, kind === '社区' ? undefined : kind),
  'units:import': async ({ app, actor }, { fileId, kind, dryRun }) => {
    const staged = app.files.resolve(fileId);
    return importUnits(app, actorName(actor), kind, staged.path, staged.name, dryRun ?? false);
  },
  'units:save': async ({ app, actor }, input) => saveUnit(app, actorName(actor), input),
  'units:remove': async ({ app, actor }, { id }) => removeUnit(app, actorName(actor), id),
  'units:fromSenders': async ({ app, actor }) => ({ added: await unitsFromSenders(app, actorName(actor), await trustedSenders(app.db)) }),
};
