/** What the audit-trail feature offers the other features and the doors; everything else is private to it. */
export { auditNames } from './audit-names.service';
export { auditTrailHandlers } from './audit-trail.handlers';
export { listAudit } from './audit-trail.service';
