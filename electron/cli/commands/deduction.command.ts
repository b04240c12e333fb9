/**
 * One 扣分 from the command line, as the scoring form's deduction dialog records it: on a
 * community's (or unit's) deduction item, with its reason and points, and for a 清单外 task the
 * department that imposed it (`--department 民政局`), which the 市 attributes to its 成员单位.
 */
import { roundArg } from '../round-arg';
import { AppError } from '../../../shared/ipc/errors';
import type { CliCommand, CliIo } from '../cli-command';

function required(io: CliIo, name: string, usage: string): string {
  const v = io.option(name)?.trim();
  if (!v) throw new AppError('INVALID_INPUT', `请用 --${name} 指定。用法：npm run cli -- ${usage}`);
  return v;
}

export const deductionCommands: CliCommand[] = [
  {
    words: ['deduction', 'add'],
    summary: '记录一条扣分（清单外任务可用 --department 注明摊派部门）',
    usage:
      'deduction add <轮次> --community 名称 --item 指标编号 --points 扣分 --reason 原因 [--department 摊派部门] [--evidence 查阅资料] [--db 文件] [--json]',
    async run(io) {
      const roundId = roundArg(io, this.usage);
      const name = required(io, 'community', this.usage);
      const itemCode = required(io, 'item', this.usage);
      const text = required(io, 'reason', this.usage);
      const pointsRaw = required(io, 'points', this.usage);
      const points = Number(pointsRaw);
      if (!/^\d+(\.\d)?$/.test(pointsRaw) || points <= 0)
        throw new AppError('INVALID_INPUT', `--points 应为大于0、最多一位小数的分数，如 1 或 0.5，收到「${pointsRaw}」。`);
      const round = await io.call('rounds:get', { roundId });
      const community = round.communities.find((c) => c.name === name);
      if (!community) throw new AppError('INVALID_INPUT', `本轮考评中没有「${name}」。请检查名称（与考评进度表中的名称一致）。`);
      const department = io.option('department')?.trim();
      const evidence = io.option('evidence')?.trim();
      const r = await io.call('rounds:addDeduction', {
        roundId,
        communityId: community.id,
        itemCode,
        reasonCode: null,
        text,
        amountTenths: Math.round(points * 10),
        ...(evidence ? { evidence } : {}),
        ...(department ? { department } : {}),
      });
      io.print(
        { round: roundId, community: name, itemCode, points, department: department || null, deductionId: r.deductionId },
        `已记录扣分：${name} ${itemCode} 扣${points}分（${text}）${department ? `，摊派部门：${department}` : ''}。`,
      );
      return 0;
    },
  },
];
