import { z } from 'zod';
import { defineChannel } from '../channel';
import { unitSettingsSchema, unitSettingsPatchSchema } from '../../domain/settings/unit-settings';

export const appInfoSchema = z.object({
  appName: z.string(),
  version: z.string(),
  schemaVersion: z.number().int(),
  dbFile: z.string(),
  dataDir: z.string(),
  door: z.enum(['electron', 'host', 'cli']),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const settingsChannels = {
  /** Product name, version and where the data lives (shown in 系统设置 and 关于). */
  'app:info': defineChannel({
    input: z.object({}).strict(),
    output: appInfoSchema,
    roles: 'public',
    writes: false,
    summary: '应用信息',
  }),
  /** The unit's settings: 所属城市, 县区, 街道名称, 报告落款单位. */
  'settings:get': defineChannel({
    input: z.object({}).strict(),
    output: unitSettingsSchema,
    roles: 'public',
    writes: false,
    summary: '读取单位设置',
  }),
  /** Change some of the unit's settings; returns the saved whole. */
  'settings:update': defineChannel({
    input: unitSettingsPatchSchema,
    output: unitSettingsSchema,
    roles: ['admin'],
    writes: true,
    summary: '修改单位设置',
  }),
};
