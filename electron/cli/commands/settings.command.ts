import { AppError } from '../../../shared/ipc/errors';
import type { UnitSettings, UnitSettingsPatch } from '../../../shared/domain/settings/unit-settings';
import type { CliCommand } from '../cli-command';

// Loaded when a command runs (the module defines zod schemas): `--help` stays light.
async function describe(settings: UnitSettings): Promise<string> {
  const { UNIT_SETTING_LABELS } = await import('../../../shared/domain/settings/unit-settings');
  return (Object.keys(UNIT_SETTING_LABELS) as (keyof UnitSettings)[])
    .map((k) => `${UNIT_SETTING_LABELS[k]}：${settings[k] || '（未设置）'}`)
    .join('\n');
}

const FLAG_TO_KEY: Record<string, keyof UnitSettings> = {
  city: 'city',
  county: 'county',
  street: 'street',
  issuer: 'issuer',
  level: 'level',
  code: 'unitCode',
};

export const settingsCommands: CliCommand[] = [
  {
    words: ['settings', 'show'],
    summary: '显示单位设置（所属城市、县区、街道名称、报告落款单位、层级、统计用区划代码）',
    usage: 'settings show [--db 文件] [--json]',
    async run(io) {
      const settings = await io.call('settings:get', {});
      io.print(settings, await describe(settings));
      return 0;
    },
  },
  {
    words: ['settings', 'set'],
    summary: '修改单位设置',
    usage:
      'settings set [--city 所属城市] [--county 县区] [--street 街道名称] [--issuer 报告落款单位] [--level 街道|县区|市] [--code 统计用区划代码] [--db 文件] [--json]',
    async run(io) {
      // Values are checked by the channel's schema (a level outside 街道/县区/市 is refused there).
      const patch: Record<string, string> = {};
      for (const [flag, key] of Object.entries(FLAG_TO_KEY)) {
        const value = io.args.options.get(flag);
        if (value === true) throw new AppError('INVALID_INPUT', `--${flag} 后面需要填写内容。`);
        if (value !== undefined) patch[key] = value;
      }
      if (Object.keys(patch).length === 0) {
        throw new AppError('INVALID_INPUT', '请至少指定一项：--city、--county、--street、--issuer、--level 或 --code。');
      }
      const settings = await io.call('settings:update', patch as UnitSettingsPatch);
      io.print(settings, `已保存。\n${await describe(settings)}`);
      return 0;
    },
  },
];
