import { AppError } from '../../../shared/ipc/errors';
import type { HandlerMap } from '../handler';
import { dashboardFor, peopleDirectory } from '../services/dashboard.service';

export const deskHandlers: HandlerMap<'home:dashboard' | 'users:directory'> = {
  'home:dashboard': async ({ app, actor }) => {
    if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录。');
    return dashboardFor(app, actor);
  },
  'users:directory': async ({ app }, { role }) => peopleDirectory(app.db, role),
};
