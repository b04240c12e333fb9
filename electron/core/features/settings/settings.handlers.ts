import type { HandlerMap } from '../../handler';
import { actorName } from '../../app-context';
import { KINDS_OF_LEVEL } from '../../../../shared/domain/levels/levels';
import { ensureKindStandards } from '../standard/index';
import { getUnitSettings, updateUnitSettings } from './settings.service';

export const settingsHandlers: HandlerMap<'app:info' | 'settings:get' | 'settings:update'> = {
  'app:info': async ({ app }) => ({
    appName: '社区规范化创建考评系统',
    version: app.appVersion,
    schemaVersion: app.schemaVersion,
    dbFile: app.paths.databaseLabel,
    dataDir: app.paths.dataDir,
    door: app.door,
  }),
  'settings:get': async ({ app }) => getUnitSettings(app.db),
  'settings:update': async ({ app, actor }, input) => {
    const saved = await updateUnitSettings(app, actorName(actor), input);
    // A level's kinds of appraised unit have a (default) standard from the moment the level is chosen.
    if (input.level !== undefined) await ensureKindStandards(app, actorName(actor), KINDS_OF_LEVEL[saved.level]);
    return saved;
  },
};
