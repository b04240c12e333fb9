import { AppError } from '../../../shared/ipc/errors';
import type { CliCommand } from '../cli-command';
import { roundArg } from '../round-arg';

/** `round assign`: adds one assignment (a 考评员 account to a community, optionally one category). */
export const roundAssignCommands: CliCommand[] = [
  {
    words: ['round', 'assign'],
    summary: '分配考评员：把社区（或其中一个一级指标）分给一个考评员账号',
    usage: 'round assign <轮次> --community 社区名称 [--category 一级指标编码] --user 考评员登录名 [--db 文件] [--json]',
    ownsUserOption: true,
    async run(io) {
      const roundId = roundArg(io, this.usage);
      const name = io.option('community');
      // Here --user is the 考评员 being assigned (--assessor says the same), not “act as”.
      const user = io.option('user') ?? io.option('assessor');
      const category = io.option('category')?.trim().toUpperCase() || null;
      if (!name || !user)
        throw new AppError('INVALID_INPUT', `请用 --community 指定社区、--user 指定考评员登录名。用法：npm run cli -- ${this.usage}`);
      const d = await io.call('rounds:get', { roundId });
      const community = d.communities.find((c) => c.name === name.trim());
      if (!community)
        throw new AppError('INVALID_INPUT', `本轮考评中没有社区“${name}”。本轮的社区：${d.communities.map((c) => c.name).join('、')}。`);
      const keep = d.assessments.map((a) => ({ assessor: a.assessor, communityId: a.communityId, categoryCode: a.categoryCode }));
      const exists = keep.some(
        (a) => a.assessor.toLowerCase() === user.trim().toLowerCase() && a.communityId === community.id && a.categoryCode === category,
      );
      const saved = exists
        ? d
        : await io.call('rounds:assign', {
            roundId,
            assignments: [...keep, { assessor: user, communityId: community.id, categoryCode: category }],
          });
      const mine = saved.assessments.filter((a) => a.communityId === community.id);
      const text = `${saved.title}：${community.name}${category ? ` 一级指标${category}` : ''} 已分配给 ${user}。该社区的考评员：${mine.map((a) => `${a.assessor}${a.categoryCode ? `（${a.categoryCode}）` : ''}`).join('、')}`;
      io.print({ round: roundId, community: community.name, category, assignments: saved.assessments }, text);
      return 0;
    },
  },
];
