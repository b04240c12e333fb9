import path from 'node:path';
import { AppError } from '../../../shared/ipc/errors';
import { ROUND_STATES, ROUND_STATE_LABELS, type RoundState } from '../../../shared/domain/round/round-workflow';
import type { RoundDetail } from '../../../shared/ipc/channels/rounds.channels';
import type { UnitKind } from '../../../shared/domain/levels/levels';
import type { CliCommand, CliIo } from '../cli-command';
import { roundArg } from '../round-arg';

function intOption(io: CliIo, name: string, required: boolean): number | undefined {
  const v = io.option(name);
  if (v === undefined) {
    if (required) throw new AppError('INVALID_INPUT', `请指定 --${name}。`);
    return undefined;
  }
  if (!/^\d+$/.test(v)) throw new AppError('INVALID_INPUT', `--${name} 应为整数，收到「${v}」。`);
  return Number(v);
}

function listOption(io: CliIo, name: string): string[] | undefined {
  const v = io.option(name);
  return v === undefined
    ? undefined
    : v
        .split(/[,，、]/)
        .map((s) => s.trim())
        .filter(Boolean);
}

function statusJson(d: RoundDetail) {
  return {
    round: d.id,
    title: d.title,
    state: d.state,
    stateLabel: d.stateLabel,
    standardVersion: d.standardVersion,
    nextStates: d.nextStates,
    communities: d.communities.map((c) => ({
      id: c.id,
      name: c.name,
      status: c.status,
      complete: c.complete,
      scoredItems: c.scoredItems,
      totalItems: c.totalItems,
      total: c.total,
    })),
  };
}

function statusText(d: RoundDetail): string {
  const lines = d.communities.map((c) => `  ${c.name}\t${c.statusLabel}\t已评${c.scoredItems}/${c.totalItems}项\t${c.total}分`);
  const next = d.nextStates.map((s) => `${s}（${ROUND_STATE_LABELS[s]}）`).join('、') || '无';
  return [`${d.title}（${d.id}）\t状态：${d.stateLabel}\t标准第${d.standardVersion}版`, ...lines, `下一步可改为：${next}`].join('\n');
}

export const roundsCommands: CliCommand[] = [
  {
    words: ['round', 'create'],
    summary: '创建季度考评（默认使用最新发布的标准、全部社区）',
    usage:
      'round create --year 年份 --quarter 季度 [--kind 县区|成员单位] [--standard 版本] [--communities 社区1,社区2] [--db 文件] [--json]',
    async run(io) {
      const year = intOption(io, 'year', true) as number;
      const quarter = intOption(io, 'quarter', true) as number;
      const standardVersion = intOption(io, 'standard', false);
      const communityNames = listOption(io, 'communities');
      // A 市 appraises 县区 and 成员单位: --kind says which (checked by the channel).
      const kind = io.option('kind') as UnitKind | undefined;
      const d = await io.call('rounds:create', {
        year,
        quarter,
        ...(standardVersion !== undefined ? { standardVersion } : {}),
        ...(kind !== undefined ? { kind } : {}),
        ...(communityNames ? { communityNames } : {}),
      });
      // The created round is printed as JSON with or without --json: scripts read its id.
      const out = {
        round: d.id,
        title: d.title,
        state: d.state,
        standardVersion: d.standardVersion,
        communities: d.communities.map((c) => c.name),
      };
      io.print(out, JSON.stringify(out, null, 2));
      return 0;
    },
  },
  {
    words: ['round', 'status'],
    summary: '显示考评轮次的状态与各社区评分进度',
    usage: 'round status <轮次，如 2021Q3> [--db 文件] [--json]',
    async run(io) {
      const d = await io.call('rounds:get', { roundId: roundArg(io, this.usage) });
      io.print(statusJson(d), statusText(d));
      return 0;
    },
  },
  {
    words: ['round', 'advance'],
    summary: `变更考评状态：${ROUND_STATES.map((s) => `${s}（${ROUND_STATE_LABELS[s]}）`).join('、')}`,
    usage: 'round advance <轮次> <状态> [--comment 意见] [--communities 社区1,社区2] [--doc-number 23] [--db 文件] [--json]',
    async run(io) {
      const roundId = roundArg(io, this.usage);
      const to = io.args.positionals[1];
      if (!to || !(ROUND_STATES as readonly string[]).includes(to)) {
        throw new AppError('INVALID_INPUT', `请指定目标状态：${ROUND_STATES.join('、')}。`);
      }
      const comment = io.option('comment');
      const names = listOption(io, 'communities');
      let communityIds: number[] | undefined;
      if (names) {
        const d = await io.call('rounds:get', { roundId });
        const unknown = names.filter((n) => !d.communities.some((c) => c.name === n));
        if (unknown.length) throw new AppError('INVALID_INPUT', `本轮考评中没有社区：${unknown.join('、')}。`);
        communityIds = d.communities.filter((c) => names.includes(c.name)).map((c) => c.id);
      }
      const docNumberRaw = io.option('doc-number');
      if (docNumberRaw !== undefined && !/^[1-9]\d{0,3}$/.test(docNumberRaw))
        throw new AppError('INVALID_INPUT', `--doc-number 应为文号的序号（正整数），如 23，收到「${docNumberRaw}」。`);
      const docNumber = docNumberRaw === undefined ? undefined : Number(docNumberRaw);
      const d = await io.call('rounds:advance', {
        roundId,
        to: to as RoundState,
        ...(comment ? { comment } : {}),
        ...(communityIds ? { communityIds } : {}),
        ...(docNumber ? { docNumber } : {}),
      });
      io.print(statusJson(d), `已改为“${d.stateLabel}”。\n${statusText(d)}`);
      return 0;
    },
  },
  {
    words: ['round', 'unlock'],
    summary: '解锁已定稿的考评（须填写理由，记入操作日志）',
    usage: 'round unlock <轮次> --reason 理由 [--db 文件] [--json]',
    async run(io) {
      const roundId = roundArg(io, this.usage);
      const reason = io.option('reason');
      if (!reason) throw new AppError('INVALID_INPUT', '解锁须用 --reason 填写理由。');
      const d = await io.call('rounds:unlock', { roundId, reason });
      io.print(statusJson(d), `已解锁，当前状态“${d.stateLabel}”。`);
      return 0;
    },
  },
  {
    words: ['round', 'attachment'],
    summary: '取出扣分佐证附件（按 SHA-256 校验值，附件保存在数据库中）',
    usage: 'round attachment <SHA-256> --out 文件 [--db 文件] [--json]',
    async run(io) {
      const sha256 = io.args.positionals[0];
      const out = io.option('out');
      if (!sha256 || !out)
        throw new AppError('INVALID_INPUT', `请指定附件的 SHA-256 和 --out 输出文件。用法：npm run cli -- ${this.usage}`);
      const file = path.resolve(out);
      const staged = await io.call('rounds:attachment', { sha256 });
      io.deliver(staged.fileId, file);
      io.print({ sha256, name: staged.name, size: staged.size, file }, `已取出附件「${staged.name}」（${staged.size} 字节）：${file}`);
      return 0;
    },
  },
  {
    words: ['scores', 'template'],
    summary: '导出现场评分表（.xlsx，每个社区一个工作表）',
    usage: 'scores template <轮次> <输出.xlsx> [--db 文件] [--json]',
    async run(io) {
      const roundId = roundArg(io, this.usage);
      const out = io.args.positionals[1];
      if (!out) throw new AppError('INVALID_INPUT', `请指定输出文件。用法：npm run cli -- ${this.usage}`);
      const file = path.resolve(out);
      const { fileId, sheets } = await io.call('rounds:exportSheets', { roundId });
      io.deliver(fileId, file);
      io.print({ round: roundId, file, sheets }, `已导出${sheets}个社区的评分表：${file}`);
      return 0;
    },
  },
  {
    words: ['scores', 'import'],
    summary: '导入填写好的现场评分表（问题报告格式与名册导入相同）',
    usage: 'scores import <轮次> <文件.xlsx> [--dry-run] [--db 文件] [--json]',
    booleanFlags: ['dry-run'],
    async run(io) {
      const roundId = roundArg(io, this.usage);
      const file = io.args.positionals[1];
      if (!file) throw new AppError('INVALID_INPUT', `请指定要导入的文件。用法：npm run cli -- ${this.usage}`);
      const staged = io.stage(file);
      const dryRun = io.args.options.has('dry-run');
      const r = await io.call('rounds:importSheets', { roundId, fileId: staged.fileId, dryRun });
      const { problemLine } = await import('../../../shared/domain/problems');
      const lines = r.problems.map(problemLine);
      const head = r.committed
        ? `已导入${r.communities}个社区的${r.items}项评分（含${r.deductions}条扣分）。`
        : dryRun
          ? `检查完成（未写入）：可导入${r.communities}个社区的${r.items}项评分。`
          : '没有可导入的评分，未写入任何数据。';
      io.print({ round: roundId, file: path.resolve(file), ...r }, [head, ...lines].join('\n'));
      return r.committed || dryRun ? 0 : 3;
    },
  },
  {
    words: ['results'],
    summary: '显示考评结果：总分、排名、等次、各一级指标得分',
    usage: 'results <轮次> [--db 文件] [--json]',
    async run(io) {
      const roundId = roundArg(io, this.usage);
      const r = await io.call('rounds:results', { roundId });
      const list = r.communities.map((c) => ({
        name: c.name,
        total: c.total,
        bonus: c.bonus,
        veto: c.veto,
        rank: c.rank,
        grade: c.grade,
        categories: c.categories.map((k) => ({ code: k.code, name: k.name, score: k.score, max: k.max })),
        items: c.items.map((i) => ({ code: i.code, score: i.score })),
      }));
      // Every round lists its `units` (each with its kind); a 社区 round keeps `communities` as before.
      const json = {
        round: r.round,
        standardVersion: r.standardVersion,
        ...(r.kind === '社区' ? { communities: list } : {}),
        units: list.map((u) => ({ kind: r.kind, ...u })),
      };
      const text = [
        `${r.title}考评结果（${r.round}，标准第${r.standardVersion}版，${ROUND_STATE_LABELS[r.state]}）`,
        `名次\t${r.kind}\t总分\t加分\t等次`,
        ...r.communities.map((c) => `${c.rank}\t${c.name}\t${c.total}\t${c.bonus}\t${c.grade}${c.veto ? '（否决）' : ''}`),
      ].join('\n');
      io.print(json, text);
      return 0;
    },
  },
];
