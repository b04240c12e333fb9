/** What the standard feature offers the other features and the doors; everything else is private to it. */
export { standardHandlers } from './standard.handlers';
export { exportVersionTo, getPublishedStandard, isPublishedVersion, latestPublishedVersion, markStandardUsed } from './standard.service';
