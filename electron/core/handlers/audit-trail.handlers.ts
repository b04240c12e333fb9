import type { HandlerMap } from '../handler';
import { exportAudit, searchAudit } from '../services/audit-trail.service';

export const auditTrailHandlers: HandlerMap<'audit:search' | 'audit:export'> = {
  'audit:search': async ({ app }, input) => searchAudit(app, input),
  'audit:export': async ({ app }, input) => {
    const name = `操作日志-${app.now().toISOString().slice(0, 10)}.xlsx`;
    const out = app.files.createOutput(name);
    const entries = await exportAudit(app, input, out.path);
    return { fileId: out.fileId, name, entries };
  },
};
