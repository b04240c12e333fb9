/**
 * The unit's settings (所属城市, 县区, 街道名称, 报告落款单位): shown in the title bar and home page,
 * and printed on every report.
 */
import {
  EMPTY_UNIT_SETTINGS,
  unitSettingsPatchSchema,
  type UnitSettings,
  type UnitSettingsPatch,
} from '../../../shared/domain/settings/unit-settings';
import { AppError } from '../../../shared/ipc/errors';
import type { AppContext } from '../app-context';
import { appendAudit } from '../audit/audit-log';
import type { DbOrTrx } from '../db/schema';
import { readSettings, writeSetting } from '../repositories/settings.repository';

const PREFIX = 'unit.';
const KEYS = Object.keys(EMPTY_UNIT_SETTINGS) as (keyof UnitSettings)[];

export async function getUnitSettings(db: DbOrTrx): Promise<UnitSettings> {
  const stored = await readSettings(db, PREFIX);
  const result = { ...EMPTY_UNIT_SETTINGS };
  for (const key of KEYS) result[key] = stored.get(key) ?? '';
  return result;
}

/** Save the given fields in one transaction, with an audit entry of before and after. */
export async function updateUnitSettings(app: AppContext, actor: string, patch: UnitSettingsPatch): Promise<UnitSettings> {
  const parsed = unitSettingsPatchSchema.safeParse(patch);
  if (!parsed.success) {
    throw new AppError('INVALID_INPUT', parsed.error.issues[0]?.message ?? '单位设置填写有误，请检查后重试。');
  }
  const now = app.now();
  return app.db.transaction().execute(async (trx) => {
    const before = await getUnitSettings(trx);
    const changed = KEYS.filter((k) => parsed.data[k] !== undefined && parsed.data[k] !== before[k]);
    for (const key of changed) await writeSetting(trx, PREFIX + key, parsed.data[key] ?? '', now);
    const after = await getUnitSettings(trx);
    if (changed.length > 0) {
      await appendAudit(
        trx,
        {
          actor,
          action: 'settings.update',
          entity: 'settings',
          entityId: 'unit',
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, after[k]])),
        },
        now,
      );
    }
    return after;
  });
}
