import { AppError } from '../../../../shared/ipc/errors';
import type { HandlerMap } from '../../handler';
import { verifyAuditChain } from '../../platform/audit/audit-log';
import { canSeePersonalData } from '../../../../shared/domain/privacy/personal-data-access';
import { listAudit } from '../audit-trail/index';

/** Jobs, staged files and the audit log: plumbing every feature uses. */
export const systemHandlers: HandlerMap<
  'jobs:get' | 'jobs:cancel' | 'files:pickOpen' | 'files:saveAs' | 'files:stageBytes' | 'audit:list' | 'audit:verify'
> = {
  'jobs:get': async ({ app }, { jobId }) => app.jobs.get(jobId),
  'jobs:cancel': async ({ app }, { jobId }) => app.jobs.cancel(jobId),
  'files:pickOpen': async ({ app }, { title, filters }) => {
    if (!app.abilities.pickOpenFile) throw new AppError('UNSUPPORTED', '浏览器模式下请使用页面上的“选择文件”按钮上传文件。');
    return app.abilities.pickOpenFile(title, filters);
  },
  'files:saveAs': async ({ app }, { fileId, suggestedName }) => {
    if (!app.abilities.saveFileAs) throw new AppError('UNSUPPORTED', '浏览器模式下文件会直接下载到“下载”文件夹。');
    const staged = app.files.resolve(fileId);
    const saved = await app.abilities.saveFileAs(staged.path, suggestedName);
    if (saved === null) return null;
    app.files.release(fileId);
    return { path: saved };
  },
  'files:stageBytes': async ({ app }, { name, base64 }) => {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw new AppError('INVALID_INPUT', '文件内容格式不正确，请重新生成。');
    return app.files.stageBytes(name, Buffer.from(base64, 'base64'));
  },
  'audit:list': async ({ app, actor }, input) => listAudit(app, input, !canSeePersonalData(actor?.role)),
  'audit:verify': async ({ app }) => verifyAuditChain(app.db),
};
