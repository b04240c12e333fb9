import type { HandlerMap } from '../../handler';
import { canSeePersonalData } from '../../../../shared/domain/privacy/personal-data-access';
import { exportAudit, searchAudit } from './audit-trail.service';

export const auditTrailHandlers: HandlerMap<'audit:search' | 'audit:export'> = {
  'audit:search': async ({ app, actor }, input) => searchAudit(app, input, !canSeePersonalData(actor?.role)),
  'audit:export': async ({ app, actor }, input) => {
    const name = `操作日志-${app.now().toISOString().slice(0, 10)}.xlsx`;
    const out = app.files.createOutput(name);
    const entries = await exportAudit(app, input, out.path, !canSeePersonalData(actor?.role));
    return { fileId: out.fileId, name, entries };
  },
};
