import { z } from 'zod';

const unitName = (label: string) =>
  z
    .string()
    .trim()
    .max(40, `${label}不能超过 40 个字`)
    .refine((v) => !/[\u0000-\u001f<>]/.test(v), `${label}含有不允许的字符`);

/** The unit that runs the appraisal: shown in the title bar, home page and on every report. */
export const unitSettingsSchema = z.object({
  city: unitName('所属城市'),
  county: unitName('县区'),
  street: unitName('街道名称'),
  issuer: unitName('报告落款单位'),
});
export type UnitSettings = z.infer<typeof unitSettingsSchema>;

export const unitSettingsPatchSchema = unitSettingsSchema.partial().strict();
export type UnitSettingsPatch = z.infer<typeof unitSettingsPatchSchema>;

export const EMPTY_UNIT_SETTINGS: UnitSettings = { city: '', county: '', street: '', issuer: '' };

export const UNIT_SETTING_LABELS: Record<keyof UnitSettings, string> = {
  city: '所属城市',
  county: '县区',
  street: '街道名称',
  issuer: '报告落款单位',
};

/** The title shown in the window title bar and on the home page. */
export function unitTitle(settings: UnitSettings): string {
  const place = [settings.county, settings.street].filter(Boolean).join(' ');
  return place ? `社区规范化创建考评系统 — ${place}` : '社区规范化创建考评系统';
}
