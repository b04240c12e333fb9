/** What the system feature offers the other features and the doors; everything else is private to it. */
export { systemHandlers } from './system.handlers';
