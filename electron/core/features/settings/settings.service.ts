/**
 * The unit's settings (所属城市, 县区, 街道名称, 报告落款单位): shown in the title bar and home page,
 * and printed on every report.
 */
import {
  EMPTY_UNIT_SETTINGS,
  unitSettingsProblem,
  unitSettingsSchema,
  unitSettingsPatchSchema,
  type UnitSettings,
  type UnitSettingsPatch,
} from '../../../../shared/domain/settings/unit-settings';
import type { AppContext } from '../../app-context';
import type { DbOrTrx } from '../../platform/db/schema';
import { readSettings } from './settings.repository';
import { saveSettingsGroup } from './settings-group';

const PREFIX = 'unit.';
const KEYS = Object.keys(EMPTY_UNIT_SETTINGS) as (keyof UnitSettings)[];

export async function getUnitSettings(db: DbOrTrx): Promise<UnitSettings> {
  const stored = await readSettings(db, PREFIX);
  const raw: Record<string, string> = {};
  for (const key of KEYS) raw[key] = stored.get(key) ?? EMPTY_UNIT_SETTINGS[key];
  // Rows written before a field existed (or by hand) fall back to the default, field by field.
  const parsed = unitSettingsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const result = { ...EMPTY_UNIT_SETTINGS };
  for (const key of KEYS) {
    const one = unitSettingsSchema.shape[key].safeParse(raw[key]);
    if (one.success) Object.assign(result, { [key]: one.data });
  }
  return result;
}

/** Save the given fields in one transaction, with an audit entry of before and after. */
export async function updateUnitSettings(app: AppContext, actor: string, patch: UnitSettingsPatch): Promise<UnitSettings> {
  return saveSettingsGroup(
    app,
    actor,
    {
      entityId: 'unit',
      prefix: PREFIX,
      keys: KEYS,
      patchSchema: unitSettingsPatchSchema,
      invalidMessage: '单位设置填写有误，请检查后重试。',
      read: getUnitSettings,
      check: (merged: UnitSettings) => unitSettingsProblem(merged),
    },
    patch,
  );
}
