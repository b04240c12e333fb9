/**
 * The contract implementation: one async function per channel, gathered from each feature.
 * Add one spread line per feature; the type below fails to compile while any channel is unhandled.
 */
import type { ChannelName } from '../../shared/ipc/contract';
import type { HandlerMap } from './handler';
import { settingsHandlers } from './handlers/settings.handlers';
import { systemHandlers } from './handlers/system.handlers';
import { authHandlers } from './handlers/auth.handlers';
import { standardHandlers } from './handlers/standard.handlers';
import { backupHandlers } from './handlers/backup.handlers';
import { roundsHandlers } from './handlers/rounds.handlers';
import { auditTrailHandlers } from './handlers/audit-trail.handlers';

export const handlers: HandlerMap<ChannelName> = {
  ...settingsHandlers,
  ...systemHandlers,
  ...authHandlers,
  ...standardHandlers,
  ...backupHandlers,
  ...roundsHandlers,
  ...auditTrailHandlers,
};
