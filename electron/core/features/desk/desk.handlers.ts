import { AppError } from '../../../../shared/ipc/errors';
import type { HandlerMap } from '../../handler';
import { auditNames } from '../audit-trail/index';
import { dashboardFor } from './dashboard.service';
import { peopleDirectory } from '../roster/index';

export const deskHandlers: HandlerMap<'home:dashboard' | 'people:directory' | 'audit:names'> = {
  'home:dashboard': async ({ app, actor }) => {
    if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录。');
    return dashboardFor(app, actor);
  },
  'people:directory': async ({ app }, { role }) => peopleDirectory(app.db, role),
  'audit:names': async ({ app }) => auditNames(app.db),
};
