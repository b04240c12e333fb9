/**
 * One way to save a group of settings (单位信息, 公文设置 …): validate the patch, write only the
 * fields that change, read the group back and audit before/after, all in one transaction, so bad
 * input changes nothing and every change is in the 操作日志.
 */
import type { z } from 'zod';
import { AppError } from '../../../../shared/ipc/errors';
import type { AppContext } from '../../app-context';
import { appendAudit } from '../../platform/audit/audit-log';
import type { DbOrTrx } from '../../platform/db/schema';
import { writeSetting } from './settings.repository';

export interface SettingsGroup<T extends Record<string, unknown>> {
  /** Audit entity id of the group ('unit', 'document'). */
  entityId: string;
  /** Prefix of the group's rows in the settings table ('unit.', 'doc.'). */
  prefix: string;
  keys: readonly (keyof T & string)[];
  patchSchema: z.ZodType<Partial<T>>;
  /** Said when the patch does not parse and zod gives no message of its own. */
  invalidMessage: string;
  read(db: DbOrTrx): Promise<T>;
  /** Why the group as it would be saved is inconsistent (checked before writing), or undefined. */
  check?(merged: T): string | undefined;
}

export async function saveSettingsGroup<T extends Record<string, unknown>>(
  app: AppContext,
  actor: string,
  group: SettingsGroup<T>,
  patch: unknown,
): Promise<T> {
  const parsed = group.patchSchema.safeParse(patch);
  if (!parsed.success) throw new AppError('INVALID_INPUT', parsed.error.issues[0]?.message ?? group.invalidMessage);
  const values = parsed.data;
  const now = app.now();
  return app.db.transaction().execute(async (trx) => {
    const before = await group.read(trx);
    const changed = group.keys.filter((k) => values[k] !== undefined && values[k] !== before[k]);
    const problem = group.check?.({ ...before, ...values });
    if (problem) throw new AppError('INVALID_INPUT', `${problem}。`);
    for (const key of changed) await writeSetting(trx, group.prefix + key, String(values[key] ?? ''), now);
    const after = await group.read(trx);
    if (changed.length > 0) {
      await appendAudit(
        trx,
        {
          actor,
          action: 'settings.update',
          entity: 'settings',
          entityId: group.entityId,
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, after[k]])),
        },
        now,
      );
    }
    return after;
  });
}
