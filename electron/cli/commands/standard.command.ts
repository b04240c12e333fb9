import path from 'node:path';
import { AppError } from '../../../shared/ipc/errors';
import type { StandardVersionSummary } from '../../../shared/ipc/channels/standard.channels';
import type { CliCommand, CliIo } from '../cli-command';

function versionArg(value: string | undefined, usage: string): number {
  if (value === undefined) throw new AppError('INVALID_INPUT', `请指定版本号。用法：npm run cli -- ${usage}`);
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new AppError('INVALID_INPUT', `版本号应为正整数，例如 2；这里是“${value}”。`);
  return Number(value);
}

function line(v: StandardVersionSummary): string {
  const uses = v.usedBy.length ? `，已被 ${v.usedBy.join('、')} 使用` : '';
  const problems = v.errorCount ? `，${v.errorCount}个错误` : '';
  const kind = v.kind === '社区' ? '' : `（考评对象：${v.kind}）`;
  return `第${v.version}版  ${v.statusLabel}  ${v.name}${kind}  ${v.totalPoints}分  ${v.categoryCount}个一级指标、${v.itemCount}个二级指标${problems}${uses}`;
}

/** The newest published version, or null when none is published. */
async function latestPublished(io: CliIo): Promise<number | null> {
  const published = (await io.call('standard:list', {})).filter((v) => v.status === 'published').map((v) => v.version);
  return published.length ? Math.max(...published) : null;
}

export const standardCommands: CliCommand[] = [
  {
    words: ['standard', 'list'],
    summary: '列出考核标准的各个版本（状态、分值、使用情况）',
    usage: 'standard list [--db 文件] [--json]',
    async run(io) {
      const list = await io.call('standard:list', {});
      io.print(list, list.length ? list.map(line).join('\n') : '还没有考核标准版本。');
      return 0;
    },
  },
  {
    words: ['standard', 'export'],
    summary: '把考核标准导出为 Excel（默认最新发布的版本）',
    usage: 'standard export <输出.xlsx> [--version 版本号] [--db 文件] [--json]',
    async run(io) {
      const out = io.args.positionals[0];
      if (!out) throw new AppError('INVALID_INPUT', `请指定输出文件。用法：npm run cli -- ${this.usage}`);
      const given = io.option('version');
      const version = given !== undefined ? versionArg(given, this.usage) : await latestPublished(io);
      if (version === null) throw new AppError('NOT_FOUND', '还没有已发布的考核标准版本，请用 --version 指定要导出的版本。');
      const file = path.resolve(out);
      const staged = await io.call('standard:export', { version });
      io.deliver(staged.fileId, file);
      io.print({ version, file }, `已导出考核标准第${version}版：${file}`);
      return 0;
    },
  },
  {
    words: ['standard', 'import'],
    summary: '导入修改后的考核标准 Excel，生成新的草稿版本；输出 {"version": N, "problems": [...]}',
    usage: 'standard import <文件.xlsx> [--kind 社区|街道|县区|成员单位] [--db 文件]',
    async run(io) {
      const file = io.args.positionals[0];
      if (!file) throw new AppError('INVALID_INPUT', `请指定要导入的文件。用法：npm run cli -- ${this.usage}`);
      const staged = io.stage(file);
      const kind = io.option('kind');
      // The channel's schema refuses a kind outside 社区/街道/县区/成员单位 with its own message.
      const r = await io.call('standard:import', { fileId: staged.fileId, ...(kind !== undefined ? { kind: kind as '社区' } : {}) });
      // Always JSON: scripts read the new version number and the problem report.
      process.stdout.write(`${JSON.stringify({ version: r.version, problems: r.problems.map(({ target: _t, ...p }) => p) }, null, 2)}\n`);
      return 0;
    },
  },
  {
    words: ['standard', 'publish'],
    summary: '发布考核标准草稿（有错误时拒绝并说明原因）',
    usage: 'standard publish <版本号> [--db 文件] [--json]',
    async run(io) {
      const version = versionArg(io.args.positionals[0], this.usage);
      const d = await io.call('standard:publish', { version });
      const { standard: _s, problems, ...summary } = d;
      io.print(
        { ...summary, warnings: problems.filter((p) => p.severity === 'warning').map((p) => p.message) },
        `已发布考核标准第${version}版。\n${line(d)}`,
      );
      return 0;
    },
  },
];
