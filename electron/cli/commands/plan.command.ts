/**
 * 达标规划 and statistics from the command line: gaps against the norms with the forecast, planned
 * actions, community lineage, the norms, and the seed-style statistics (JSON or a workbook).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PLAN_ACTION_KINDS, PLAN_ACTION_LABELS, type PlanActionKind } from '../../../shared/domain/planner/action-kinds';
import type { PlannerNorms } from '../../../shared/domain/planner/norms';
import { parseRoundId } from '../../../shared/domain/round/round-workflow';
import { AppError } from '../../../shared/ipc/errors';
import type { PlanOverviewDto } from '../../../shared/ipc/channels/planner.channels';
import type { CliCommand, CliIo } from '../cli-command';

function roundOption(io: CliIo): string | undefined {
  const raw = io.option('round');
  if (raw === undefined) return undefined;
  const parsed = parseRoundId(raw);
  if (!parsed) throw new AppError('INVALID_INPUT', `--round 应形如 2021Q3，收到「${raw}」。`);
  return `${parsed.year}Q${parsed.quarter}`;
}

function numberOption(io: CliIo, name: string): number | undefined {
  const v = io.option(name);
  if (v === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(v)) throw new AppError('INVALID_INPUT', `--${name} 应为不小于 0 的数字，收到「${v}」。`);
  return Number(v);
}

/** A community named on the command line, by its name in the overview. */
function communityId(overview: PlanOverviewDto, name: string | undefined, option: string): number {
  if (!name) throw new AppError('INVALID_INPUT', `请用 --${option} 指定社区名称。`);
  const found = overview.communities.find((c) => c.name === name.trim());
  if (!found) throw new AppError('NOT_FOUND', `找不到社区「${name}」。请按名册中的社区名称填写。`);
  return found.communityId;
}

function planText(o: PlanOverviewDto): string {
  const lines = o.communities.map(
    (c) =>
      `  ${c.name}\t${c.meetsAll ? '全部达标' : '未达标'}\t缺面积${c.areaGapM2 ?? '—'}m²\t缺社工${c.workersGap ?? '—'}人\t网格不达标${c.gridsOutOfRange}个\t居委会${c.committeeSize}人${c.committeeGap ? `（${c.committeeGap > 0 ? '缺' : '超'}${Math.abs(c.committeeGap)}人）` : ''}${c.overHouseholdLimit ? `\t超规模${c.householdsOverLimit}户` : ''}`,
  );
  const s = o.summary;
  return [
    `${o.source === 'round' ? `${o.roundId} 名册快照` : `当前名册（${o.asOf}）`}：${s.communities}个社区，全部达标${s.meetingAll}个；共缺服务设施面积${s.areaGapM2}m²、社区工作者${s.workersGap}人，${s.gridsOutOfRange}个网格不在规定户数内`,
    ...lines,
    o.actions.length ? `规划预测：${o.forecast.headline}` : '尚无规划措施（用 plan action add 添加）',
  ].join('\n');
}

export const planCommands: CliCommand[] = [
  {
    words: ['plan'],
    summary: '达标规划：各社区对照规范的缺口、规划措施和逐季度达标预测（默认当前名册）',
    usage: 'plan [--round 2021Q3] [--db 文件] [--json]',
    async run(io) {
      const roundId = roundOption(io);
      const o = await io.call('planner:overview', roundId ? { roundId } : {});
      io.print(o, planText(o));
      return 0;
    },
  },
  {
    words: ['plan', 'action', 'add'],
    summary: `添加规划措施（${PLAN_ACTION_KINDS.map((k) => `${k}=${PLAN_ACTION_LABELS[k]}`).join('，')}）`,
    usage:
      'plan action add --community 社区 --kind build|hire|committee|splitGrid|splitCommunity|mergeCommunity --quarter 2022Q4 [--quantity 数量] [--grid 网格编号] [--other 并入的社区] [--note 说明] [--db 文件] [--json]',
    async run(io) {
      const kind = io.option('kind');
      if (!kind || !(PLAN_ACTION_KINDS as readonly string[]).includes(kind))
        throw new AppError('INVALID_INPUT', `--kind 应为 ${PLAN_ACTION_KINDS.join('、')} 之一。用法：npm run cli -- ${this.usage}`);
      const overview = await io.call('planner:overview', {});
      const other = io.option('other');
      const quantity = numberOption(io, 'quantity');
      const note = io.option('note');
      const a = await io.call('planner:addAction', {
        communityId: communityId(overview, io.option('community'), 'community'),
        kind: kind as PlanActionKind,
        targetQuarter: io.option('quarter') ?? '',
        gridCode: io.option('grid') ?? null,
        otherCommunityId: other ? communityId(overview, other, 'other') : null,
        ...(quantity !== undefined ? { quantity } : {}),
        ...(note !== undefined ? { note } : {}),
      });
      io.print(a, `已添加规划措施 ${a.id}：${a.communityName} ${PLAN_ACTION_LABELS[a.kind]} ${a.quantity || ''}，目标 ${a.targetQuarter}`);
      return 0;
    },
  },
  {
    words: ['plan', 'action', 'delete'],
    summary: '删除规划措施',
    usage: 'plan action delete <编号> [--db 文件] [--json]',
    async run(io) {
      const raw = io.args.positionals[0] ?? '';
      if (!/^\d+$/.test(raw)) throw new AppError('INVALID_INPUT', `请指定措施编号。用法：npm run cli -- ${this.usage}`);
      const r = await io.call('planner:deleteAction', { id: Number(raw) });
      io.print(r, `已删除规划措施 ${raw}`);
      return 0;
    },
  },
  {
    words: ['plan', 'lineage', 'add'],
    summary: '登记社区分设或合并（新社区延续原社区的考评历史）',
    usage:
      'plan lineage add --successor 新社区 --predecessors 原社区1,原社区2 --quarter 2022Q1 --kind split|merge [--note 说明] [--db 文件] [--json]',
    async run(io) {
      const overview = await io.call('planner:overview', {});
      const kind = io.option('kind');
      if (kind !== 'split' && kind !== 'merge')
        throw new AppError('INVALID_INPUT', `--kind 应为 split（分设）或 merge（合并）。用法：npm run cli -- ${this.usage}`);
      const preds = (io.option('predecessors') ?? '')
        .split(/[,，、]/)
        .map((s) => s.trim())
        .filter(Boolean);
      if (preds.length === 0) throw new AppError('INVALID_INPUT', `请用 --predecessors 指定原社区。用法：npm run cli -- ${this.usage}`);
      const note = io.option('note');
      const links = await io.call('planner:addLineage', {
        successorId: communityId(overview, io.option('successor'), 'successor'),
        predecessorIds: preds.map((p) => communityId(overview, p, 'predecessors')),
        quarter: io.option('quarter') ?? '',
        kind,
        ...(note !== undefined ? { note } : {}),
      });
      io.print(
        links,
        links.map((l) => `${l.successorName} ← ${l.predecessorName}（${l.quarter}${kind === 'split' ? '分设' : '合并'}）`).join('\n'),
      );
      return 0;
    },
  },
  {
    words: ['plan', 'norms'],
    summary: '查看或修改达标规范（不带参数时只显示）',
    usage:
      'plan norms [--area-per-100 50] [--min-area 300] [--max-households 3000] [--grid-min 300] [--grid-max 500] [--committee-min 5] [--committee-max 9] [--workers-per-10000 18] [--reset] [--db 文件] [--json]',
    booleanFlags: ['reset'],
    async run(io) {
      const current = (await io.call('planner:overview', {})).norms;
      const options: [keyof PlannerNorms, string][] = [
        ['areaPer100Households', 'area-per-100'],
        ['minAreaM2', 'min-area'],
        ['maxHouseholds', 'max-households'],
        ['gridMinHouseholds', 'grid-min'],
        ['gridMaxHouseholds', 'grid-max'],
        ['committeeMin', 'committee-min'],
        ['committeeMax', 'committee-max'],
        ['workersPer10000', 'workers-per-10000'],
      ];
      const reset = io.args.options.get('reset') === true;
      // Loaded when the command runs (the module defines zod schemas): `--help` stays light.
      const { DEFAULT_PLANNER_NORMS } = await import('../../../shared/domain/planner/norms');
      let next: PlannerNorms = reset ? { ...DEFAULT_PLANNER_NORMS } : { ...current };
      let changed = reset;
      for (const [key, opt] of options) {
        const v = numberOption(io, opt);
        if (v !== undefined) {
          next = { ...next, [key]: v };
          changed = true;
        }
      }
      const norms = changed ? await io.call('planner:setNorms', { norms: next }) : current;
      io.print(norms, options.map(([k, o]) => `  --${o}\t${norms[k]}`).join('\n'));
      return 0;
    },
  },
  {
    words: ['stats'],
    summary: '统计数据（网格、网格员、社区工作者、两委、下沉干部、服务设施、达标社区及较上季度增减）；--out 写出统计表 .xlsx 或打印用 PDF',
    usage: 'stats [<年份>|<轮次>] [--out 统计表.xlsx|统计.pdf] [--db 文件] [--json]',
    async run(io) {
      const raw = io.args.positionals[0];
      let input: { roundId?: string; year?: number } = {};
      if (raw !== undefined) {
        const r = parseRoundId(raw);
        if (r) input = { roundId: `${r.year}Q${r.quarter}` };
        else if (/^\d{4}$/.test(raw)) input = { year: Number(raw) };
        else
          throw new AppError(
            'INVALID_INPUT',
            `请指定年份（如 2021）或轮次（如 2021Q3），收到「${raw}」。用法：npm run cli -- ${this.usage}`,
          );
      }
      const result = await io.call('planner:stats', input);
      const out = io.option('out');
      let file: string | null = null;
      if (out !== undefined) {
        file = path.resolve(out);
        const ext = path.extname(file).toLowerCase();
        if (ext !== '.xlsx' && ext !== '.pdf')
          throw new AppError('INVALID_INPUT', `输出文件应以 .xlsx（统计表）或 .pdf（打印稿）结尾，收到「${out}」。`);
        if (!fs.existsSync(path.dirname(file)))
          throw new AppError('INVALID_FILE', `文件夹不存在：${path.dirname(file)}。请先创建该文件夹或换一个位置。`);
        const staged = ext === '.pdf' ? await io.call('planner:statsPdf', input) : await io.call('planner:exportStats', input);
        io.deliver(staged.fileId, file);
      }
      const text = [
        result.title,
        ...result.figures.map(
          (f) =>
            `  ${f.label}\t${f.value ?? '—'}${f.unit === '%' ? '%' : ` ${f.unit}`}${f.change !== null && f.change !== 0 ? `\t（较${result.previous}${f.change > 0 ? '+' : ''}${f.change}）` : ''}`,
        ),
        ...(file ? [`已写出：${file}`] : []),
      ].join('\n');
      io.print(file ? { ...result, file } : result, text);
      return 0;
    },
  },
];
