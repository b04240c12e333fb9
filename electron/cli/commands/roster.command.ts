import path from 'node:path';
import { isRosterType, ROSTER_LABELS, ROSTER_TYPES, type RosterType } from '../../../shared/domain/roster/roster-columns';
import { AppError } from '../../../shared/ipc/errors';
import type { CliCommand, CliIo } from '../cli-command';

const ROSTER_LIST = ROSTER_TYPES.map((t) => `${t}（${ROSTER_LABELS[t]}）`).join('、');

function rosterArg(io: CliIo, usage: string): RosterType {
  const roster = io.args.positionals[0];
  if (!roster) throw new AppError('INVALID_INPUT', `请指定名册类型。用法：npm run cli -- ${usage}\n名册类型：${ROSTER_LIST}`);
  if (!isRosterType(roster)) throw new AppError('INVALID_INPUT', `未知的名册类型“${roster}”。可用：${ROSTER_LIST}`);
  return roster;
}

function fileArg(io: CliIo, usage: string, what: string): string {
  const file = io.args.positionals[1];
  if (!file) throw new AppError('INVALID_INPUT', `请指定${what}。用法：npm run cli -- ${usage}`);
  if (io.args.positionals.length > 2)
    throw new AppError('INVALID_INPUT', `多余的参数“${io.args.positionals.slice(2).join(' ')}”。用法：npm run cli -- ${usage}`);
  return path.resolve(file);
}

export const rosterCommands: CliCommand[] = [
  {
    words: ['import'],
    summary: '导入名册（.xlsx 或 .csv）：识别表头、校验每个单元格、与现有数据比对后写入；--dry-run 只检查，--strict 有任何错误则不写入',
    usage: 'import <名册类型> <文件> [--dry-run] [--strict] [--sheet 工作表名] [--db 文件] [--json]',
    booleanFlags: ['dry-run', 'strict'],
    async run(io) {
      const roster = rosterArg(io, this.usage);
      const file = fileArg(io, this.usage, '要导入的文件');
      const sheetName = io.option('sheet') ?? null;
      const staged = io.stage(file);
      const dryRun = io.args.options.has('dry-run');
      const strict = io.args.options.has('strict');
      const { jobId } = await io.call('roster:import', { roster, fileId: staged.fileId, sheetName, strict, dryRun });
      // Schemas are loaded when a command runs (zod), so `--help` stays light.
      const { rosterImportResultSchema } = await import('../../../shared/ipc/channels/roster.channels');
      const { problemLine } = await import('../../../shared/domain/problems');
      const r = rosterImportResultSchema.parse(await io.finish(jobId));
      const json = {
        roster: r.roster,
        file,
        committed: r.committed,
        rows: r.rows,
        inserted: r.inserted,
        updated: r.updated,
        unchanged: r.unchanged,
        rejected: r.rejected,
        problems: r.problems,
      };
      const errors = r.problems.filter((p) => p.severity === 'error').length;
      const head = `${ROSTER_LABELS[roster]}：${r.message}。共 ${r.rows} 行数据，${errors} 个错误，${r.problems.length - errors} 个提示。${r.batchId ? `（导入批次 ${r.batchId}，可用 roster undo ${r.batchId} 撤销）` : ''}`;
      io.print(json, [head, ...r.problems.map(problemLine)].join('\n'));
      return r.committed || dryRun ? 0 : 3;
    },
  },
  {
    words: ['export'],
    summary: '导出名册为 .xlsx（身份证号、电话为文本格式，日期为日期格式）',
    usage: 'export <名册类型> <输出.xlsx> [--community 社区名称] [--db 文件] [--json]',
    async run(io) {
      const roster = rosterArg(io, this.usage);
      const out = fileArg(io, this.usage, '输出文件');
      const communityName = io.option('community');
      let communityId: number | null = null;
      if (communityName) {
        const overview = await io.call('roster:overview', {});
        const found = overview.communities.find((c) => c.name === communityName.trim());
        if (!found)
          throw new AppError(
            'INVALID_INPUT',
            `找不到社区“${communityName}”。现有社区：${overview.communities.map((c) => c.name).join('、') || '（无）'}`,
          );
        communityId = found.id;
      }
      const { jobId } = await io.call('roster:export', { roster, communityId });
      const { stagedOutputSchema } = await import('../../../shared/ipc/channels/roster.channels');
      const result = stagedOutputSchema.parse(await io.finish(jobId));
      io.deliver(result.fileId, out);
      io.print({ roster, file: out, rows: result.rows }, `已导出${ROSTER_LABELS[roster]} ${result.rows} 条：${out}`);
      return 0;
    },
  },
  {
    words: ['template'],
    summary: '生成名册导入模板（.xlsx，含填表说明和下拉选项）',
    usage: 'template <名册类型> <输出.xlsx> [--db 文件] [--json]',
    async run(io) {
      const roster = rosterArg(io, this.usage);
      const out = fileArg(io, this.usage, '输出文件');
      const result = await io.call('roster:template', { roster });
      io.deliver(result.fileId, out);
      io.print({ roster, file: out }, `已生成${ROSTER_LABELS[roster]}导入模板：${out}`);
      return 0;
    },
  },
  {
    words: ['roster', 'batches'],
    summary: '列出名册导入批次（最新在前）',
    usage: 'roster batches [--db 文件] [--json]',
    async run(io) {
      const batches = await io.call('roster:batches', { roster: null, limit: 50 });
      const text = batches.length
        ? [
            '批次\t名册\t文件\t时间\t新增\t更新\t状态',
            ...batches.map(
              (b) =>
                `${b.id}\t${ROSTER_LABELS[b.roster]}\t${b.fileName}\t${b.createdAt}\t${b.inserted}\t${b.updated}\t${b.status === 'undone' ? '已撤销' : '有效'}`,
            ),
          ].join('\n')
        : '还没有导入记录。';
      io.print(batches, text);
      return 0;
    },
  },
  {
    words: ['roster', 'undo'],
    summary: '撤销一次名册导入（删除它新增的记录，恢复它修改前的值）',
    usage: 'roster undo <批次号> [--db 文件] [--json]',
    async run(io) {
      const raw = io.args.positionals[0];
      const batchId = raw && /^\d+$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isInteger(batchId) || batchId < 1)
        throw new AppError('INVALID_INPUT', `请指定批次号。用法：npm run cli -- ${this.usage}`);
      const batch = await io.call('roster:undo', { batchId });
      io.print(batch, `已撤销第 ${batch.id} 批导入（${ROSTER_LABELS[batch.roster]}，${batch.fileName}）。`);
      return 0;
    },
  },
];
