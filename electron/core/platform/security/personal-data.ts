/**
 * Unmasked personal data leaving the app (an export with full 身份证号 and phones) is recorded in
 * the audit log: who, when, what and how many rows.
 */
import type { AppContext } from '../../app-context';
import { appendAudit } from '../audit/audit-log';

export async function recordUnmaskedExport(
  app: AppContext,
  actor: string,
  what: { entity: string; description: string; rows: number; file: string },
): Promise<void> {
  const now = app.now();
  await app.db.transaction().execute(async (trx) => {
    await appendAudit(
      trx,
      {
        actor,
        action: 'personalData.export',
        entity: what.entity,
        entityId: null,
        after: { rows: what.rows, file: what.file },
        reason: `导出含完整身份证号和电话的${what.description}`,
      },
      now,
    );
  });
}
