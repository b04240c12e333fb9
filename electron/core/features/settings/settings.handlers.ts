import type { HandlerMap } from '../../handler';
import { actorName } from '../../app-context';
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
  'settings:update': async ({ app, actor }, input) => updateUnitSettings(app, actorName(actor), input),
};
