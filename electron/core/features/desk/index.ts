/** What the desk feature offers the other features and the doors; everything else is private to it. */
export { deskHandlers } from './desk.handlers';
