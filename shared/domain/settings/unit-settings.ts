import { z } from 'zod';
import { levelSchema, unitCodeProblem, unitNameOf, type Level } from '../levels/levels';

const unitName = (label: string) =>
  z
    .string()
    .trim()
    .max(40, `${label}不能超过 40 个字`)
    .refine((v) => !/[\u0000-\u001f<>]/.test(v), `${label}含有不允许的字符`);

/**
 * The unit that runs the appraisal: shown in the title bar, home page and on every report. Its level
 * (街道, 县区 or 市) decides what its rounds appraise; its 统计用区划代码 identifies it to the level
 * above (issue #15). Whether the code fits the level is checked on the whole (unitSettingsProblem).
 */
export const unitSettingsSchema = z.object({
  city: unitName('所属城市'),
  county: unitName('县区'),
  street: unitName('街道名称'),
  issuer: unitName('报告落款单位'),
  level: levelSchema,
  unitCode: z
    .string()
    .trim()
    .regex(/^(\d{6}|\d{9})?$/, '统计用区划代码应为 6 位（县区、市）或 9 位（街道）数字'),
});
export type UnitSettings = z.infer<typeof unitSettingsSchema>;

export const unitSettingsPatchSchema = unitSettingsSchema.partial().strict();
export type UnitSettingsPatch = z.infer<typeof unitSettingsPatchSchema>;

export const EMPTY_UNIT_SETTINGS: UnitSettings = { city: '', county: '', street: '', issuer: '', level: '街道', unitCode: '' };

export const UNIT_SETTING_LABELS: Record<keyof UnitSettings, string> = {
  city: '所属城市',
  county: '县区',
  street: '街道名称',
  issuer: '报告落款单位',
  level: '层级',
  unitCode: '统计用区划代码',
};

/** Why the settings as a whole are inconsistent (a code that does not fit the level), or undefined. */
export function unitSettingsProblem(settings: Pick<UnitSettings, 'level' | 'unitCode'>): string | undefined {
  return settings.unitCode ? unitCodeProblem(settings.level, settings.unitCode) : undefined;
}

/** The unit's own name: its 街道, 县区 or 市, as its level says. */
export function ownUnitName(settings: UnitSettings): string {
  return unitNameOf(settings.level, settings);
}

export type { Level };

/** The title shown in the window title bar and on the home page. */
export function unitTitle(settings: UnitSettings): string {
  const parts =
    settings.level === '市'
      ? [settings.city]
      : settings.level === '县区'
        ? [settings.city, settings.county]
        : [settings.county, settings.street];
  const place = parts.filter(Boolean).join(' ');
  return place ? `社区规范化创建考评系统 — ${place}` : '社区规范化创建考评系统';
}
