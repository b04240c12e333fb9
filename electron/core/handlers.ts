/**
 * The contract implementation: one async function per channel, gathered from each feature.
 * Add one spread line per feature; the type below fails to compile while any channel is unhandled.
 */
import type { ChannelName } from '../../shared/ipc/contract';
import type { HandlerMap } from './handler';
import { settingsHandlers } from './features/settings/index';
import { systemHandlers } from './features/system/index';
import { authHandlers } from './features/auth/index';
import { backupHandlers } from './features/backup/index';
import { standardHandlers } from './features/standard/index';
import { roundsHandlers } from './features/rounds/index';
import { auditTrailHandlers } from './features/audit-trail/index';
import { reportHandlers } from './features/reports/index';
import { rosterHandlers } from './features/roster/index';
import { plannerHandlers } from './features/planner/index';
import { deskHandlers } from './features/desk/index';
import { levelsHandlers } from './features/levels/index';
import { exchangeHandlers } from './features/exchange/index';
import { databaseHandlers } from './features/database/index';

export const handlers: HandlerMap<ChannelName> = {
  ...rosterHandlers,
  ...settingsHandlers,
  ...systemHandlers,
  ...authHandlers,
  ...backupHandlers,
  ...standardHandlers,
  ...roundsHandlers,
  ...auditTrailHandlers,
  ...reportHandlers,
  ...plannerHandlers,
  ...deskHandlers,
  ...levelsHandlers,
  ...exchangeHandlers,
  ...databaseHandlers,
};
