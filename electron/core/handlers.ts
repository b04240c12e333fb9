/**
 * The contract implementation: one async function per channel, gathered from each feature.
 * Add one spread line per feature; the type below fails to compile while any channel is unhandled.
 */
import type { ChannelName } from '../../shared/ipc/contract';
import type { HandlerMap } from './handler';
import { settingsHandlers } from './handlers/settings.handlers';
import { systemHandlers } from './handlers/system.handlers';
import { authHandlers } from './handlers/auth.handlers';
import { backupHandlers } from './handlers/backup.handlers';
import { standardHandlers } from './handlers/standard.handlers';
import { roundsHandlers } from './handlers/rounds.handlers';
import { auditTrailHandlers } from './handlers/audit-trail.handlers';
import { reportHandlers } from './handlers/report.handlers';
import { rosterHandlers } from './handlers/roster.handlers';
import { plannerHandlers } from './handlers/planner.handlers';
import { deskHandlers } from './handlers/desk.handlers';

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
};
