/** What the standard feature offers the other features and the doors; everything else is private to it. */
export { standardHandlers } from './standard.handlers';
export {
  ensureKindStandards,
  exportVersionTo,
  getPublishedStandard,
  isPublishedVersion,
  latestPublishedVersion,
  markStandardUsed,
  versionKind,
} from './standard.service';
