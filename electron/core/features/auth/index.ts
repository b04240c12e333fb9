/** What the auth feature offers the other features and the doors; everything else is private to it. */
export { authHandlers } from './auth.handlers';
export { actorForSession, login, logout } from './auth.service';
