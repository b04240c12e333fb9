import { AppError } from '../../../shared/ipc/errors';
import type { CliCommand } from '../cli-command';

export const systemCommands: CliCommand[] = [
  {
    words: ['info'],
    summary: '显示版本与数据位置',
    usage: 'info [--db 文件] [--json]',
    async run(io) {
      const info = await io.call('app:info', {});
      io.print(info, `${info.appName} ${info.version}\n数据库：${info.dbFile}\n数据库版本：${info.schemaVersion}`);
      return 0;
    },
  },
  {
    words: ['call'],
    summary: '直接调用一个接口通道（供管理员与自动化脚本使用）',
    usage: "call <通道，如 settings:get> [--input 'JSON'] [--db 文件]",
    async run(io) {
      const { isChannelName } = await import('../../../shared/ipc/contract');
      const channel = io.args.positionals[0];
      if (!channel || !isChannelName(channel)) throw new AppError('INVALID_INPUT', `未知的通道「${channel ?? ''}」。`);
      let input: unknown = {};
      const raw = io.option('input');
      if (raw !== undefined) {
        try {
          input = JSON.parse(raw) as unknown;
        } catch {
          throw new AppError('INVALID_INPUT', '--input 不是有效的 JSON。');
        }
      }
      const value = await io.call(channel, input as never);
      io.print(value, JSON.stringify(value, null, 2));
      return 0;
    },
  },
  {
    words: ['audit', 'verify'],
    summary: '校验操作日志的哈希链，发现任何篡改或删除',
    usage: 'audit verify [--db 文件] [--json]',
    async run(io) {
      const result = await io.call('audit:verify', {});
      io.print(result, result.message);
      return result.ok ? 0 : 3;
    },
  },
];
