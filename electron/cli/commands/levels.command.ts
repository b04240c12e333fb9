import { AppError } from '../../../shared/ipc/errors';
import type { AppraisedUnit } from '../../../shared/ipc/channels/levels.channels';
import type { CliCommand } from '../cli-command';

function unitLine(u: AppraisedUnit): string {
  const extra = [u.shortName && `简称 ${u.shortName}`, u.code && `代码 ${u.code}`, u.contact && `联系人 ${u.contact}`]
    .filter(Boolean)
    .join('，');
  return `${u.kind}  ${u.name}${extra ? `（${extra}）` : ''}`;
}

export const levelsCommands: CliCommand[] = [
  {
    words: ['units', 'list'],
    summary: '列出考评对象（县区的街道，市的县区和成员单位）',
    usage: 'units list [--kind 街道|县区|成员单位] [--db 文件] [--json]',
    async run(io) {
      const kind = io.option('kind');
      const list = await io.call('units:list', kind !== undefined ? { kind: kind as '街道' } : {});
      io.print(list, list.length ? list.map(unitLine).join('\n') : '还没有考评对象。');
      return 0;
    },
  },
  {
    words: ['units', 'import'],
    summary: '导入考评对象名单（成员单位：名称、简称、联系人；街道、县区：名称、统计用区划代码）；--dry-run 只检查',
    usage: 'units import <文件.xlsx> --kind 成员单位|街道|县区 [--dry-run] [--db 文件] [--json]',
    booleanFlags: ['dry-run'],
    async run(io) {
      const file = io.args.positionals[0];
      if (!file) throw new AppError('INVALID_INPUT', `请指定要导入的文件。用法：npm run cli -- ${this.usage}`);
      const kind = io.option('kind');
      if (kind === undefined)
        throw new AppError('INVALID_INPUT', `请用 --kind 指定名单类别（成员单位、街道或县区）。用法：npm run cli -- ${this.usage}`);
      const staged = io.stage(file);
      const r = await io.call('units:import', { fileId: staged.fileId, kind: kind as '成员单位', dryRun: io.args.options.has('dry-run') });
      const { problemLine } = await import('../../../shared/domain/problems');
      const problems = r.problems.map(problemLine);
      io.print(
        r,
        [
          `${r.committed ? '已导入' : '检查完成（未写入）'}：新增 ${r.inserted}，更新 ${r.updated}，未变 ${r.unchanged}，拒绝 ${r.rejected}。`,
          ...problems,
        ].join('\n'),
      );
      return 0;
    },
  },
  {
    words: ['units', 'from-senders'],
    summary: '把已信任的上报单位（县区的街道，市的县区）加入考评对象',
    usage: 'units from-senders [--db 文件] [--json]',
    async run(io) {
      const r = await io.call('units:fromSenders', {});
      io.print(r, r.added.length ? `已加入：${r.added.join('、')}` : '没有新的上报单位需要加入。');
      return 0;
    },
  },
];
