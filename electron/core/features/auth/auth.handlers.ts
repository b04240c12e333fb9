import type { HandlerMap } from '../../handler';
import { actorName } from '../../app-context';
import {
  authStatus,
  changeOwnPassword,
  createUser,
  currentUser,
  listUsers,
  login,
  logout,
  resetPassword,
  setUserDisabled,
  setupAdministrator,
  updateUser,
} from './auth.service';

export const authHandlers: HandlerMap<
  | 'auth:status'
  | 'auth:setup'
  | 'auth:login'
  | 'auth:logout'
  | 'auth:me'
  | 'auth:changePassword'
  | 'users:list'
  | 'users:create'
  | 'users:update'
  | 'users:resetPassword'
  | 'users:disable'
> = {
  'auth:status': async ({ app, actor }) => authStatus(app, actor),
  'auth:setup': async ({ app }, input) => setupAdministrator(app, input),
  'auth:login': async ({ app }, input) => login(app, input.username, input.password),
  'auth:logout': async ({ app, sessionToken }) => ({ loggedOut: await logout(app, sessionToken) }),
  'auth:me': async ({ app, actor }) => currentUser(app, actor),
  'auth:changePassword': async ({ app, actor, sessionToken }, input) => changeOwnPassword(app, actor, sessionToken, input),
  'users:list': async ({ app }) => listUsers(app),
  'users:create': async ({ app, actor }, input) => createUser(app, actorName(actor), input),
  'users:update': async ({ app, actor }, input) => updateUser(app, actorName(actor), input),
  'users:resetPassword': async ({ app, actor }, input) => resetPassword(app, actorName(actor), input),
  'users:disable': async ({ app, actor }, input) => setUserDisabled(app, actor, input),
};
