/**
 * 上报与接收 from the command line: the key's fingerprint, trusting senders, exporting a finalized
 * round as a signed package, importing (with --dry-run), conflicts and the reporting matrix.
 * Exit codes: 0 done (or identical), 1 usage error or refused (a stale revision), 2 an unusable or
 * untrusted package (nothing written), 3 a conflict waiting for an administrator's decision.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/ipc/errors';
import { reportingLevelOfCode } from '../../../shared/domain/levels/levels';
import { formatFingerprint, PACKAGE_EXTENSION, UNIT_LEVELS, type UnitLevel } from '../../../shared/domain/exchange/package-format';
import { IMPORT_STATUS_LABELS } from '../../../shared/domain/exchange/import-decision';
import type { CliCommand } from '../cli-command';
import { roundArg } from '../round-arg';

const CHANGE_LABELS = { added: '新增', changed: '变化', unchanged: '不变', removed: '删除' } as const;

export const exchangeCommands: CliCommand[] = [
  {
    words: ['exchange', 'key'],
    summary: '显示本单位数据包签名密钥的指纹（首次使用时生成），供上级单位信任',
    usage: 'exchange key [--db 文件] [--json]',
    async run(io) {
      const k = await io.call('exchange:key', {});
      io.print(
        { fingerprint: k.fingerprint, createdAt: k.createdAt, source: k.source },
        `本单位${k.source ? `（${k.source.level} ${k.source.name}${k.source.code ? ` ${k.source.code}` : ''}）` : ''}的数据包签名指纹：\n  ${formatFingerprint(k.fingerprint)}\n请通过电话或书面方式告知上级单位核对。`,
      );
      return 0;
    },
  },
  {
    words: ['exchange', 'trust'],
    summary: '信任报送单位的签名密钥（核对指纹后执行一次）',
    usage: 'exchange trust <指纹> --name 单位名称 --code 统计用区划代码 [--level 街道|县区|市，默认按代码位数] [--db 文件] [--json]',
    async run(io) {
      const fingerprint = io.args.positionals.join('');
      const name = io.option('name');
      const code = io.option('code');
      // Without --level the code says it: 9 digits a 街道, 6 digits a 县区.
      const level = io.option('level') ?? reportingLevelOfCode(code ?? '') ?? '街道';
      if (!fingerprint || !name || !code)
        throw new AppError('INVALID_INPUT', `请指定指纹、--name 和 --code。用法：npm run cli -- ${this.usage}`);
      if (!(UNIT_LEVELS as readonly string[]).includes(level))
        throw new AppError('INVALID_INPUT', `--level 应为 ${UNIT_LEVELS.join('、')} 之一，收到「${level}」。`);
      const s = await io.call('exchange:trust', { fingerprint, name, code, level: level as UnitLevel });
      io.print(s, `已信任 ${s.level} ${s.name}（${s.code}），指纹 ${formatFingerprint(s.fingerprint)}。`);
      return 0;
    },
  },
  {
    words: ['exchange', 'untrust'],
    summary: '移除信任的报送单位（此后其数据包按未信任拒收，已接收的保留）',
    usage: 'exchange untrust <指纹> [--db 文件] [--json]',
    async run(io) {
      const fingerprint = io.args.positionals.join('');
      if (!fingerprint) throw new AppError('INVALID_INPUT', `请指定要移除的指纹。用法：npm run cli -- ${this.usage}`);
      const s = await io.call('exchange:untrust', { fingerprint });
      io.print(s, `已移除信任：${s.level} ${s.name}（${s.code}），指纹 ${formatFingerprint(s.fingerprint)}。此后其数据包将被拒收。`);
      return 0;
    },
  },
  {
    words: ['exchange', 'senders'],
    summary: '列出信任的报送单位',
    usage: 'exchange senders [--db 文件] [--json]',
    async run(io) {
      const list = await io.call('exchange:senders', {});
      io.print(
        list,
        list.length === 0
          ? '尚未信任任何报送单位。'
          : list.map((s) => `${s.code}  ${s.level}  ${s.name}  ${formatFingerprint(s.fingerprint)}`).join('\n'),
      );
      return 0;
    },
  },
  {
    words: ['exchange', 'export'],
    summary: '导出已定稿考评的上报数据包（.cadx，已签名）',
    usage: 'exchange export <轮次> --out 文件.cadx [--db 文件] [--json]',
    async run(io) {
      const roundId = roundArg(io, this.usage);
      const out = io.option('out');
      if (!out) throw new AppError('INVALID_INPUT', `请用 --out 指定输出文件。用法：npm run cli -- ${this.usage}`);
      const file = path.resolve(out);
      if (path.extname(file).toLowerCase() !== PACKAGE_EXTENSION)
        throw new AppError('INVALID_INPUT', `输出文件应以 ${PACKAGE_EXTENSION} 结尾，收到「${out}」。`);
      if (!fs.existsSync(path.dirname(file)))
        throw new AppError('INVALID_FILE', `文件夹不存在：${path.dirname(file)}。请先创建该文件夹或换一个位置。`);
      const r = await io.call('exchange:export', { roundId });
      io.deliver(r.fileId, file);
      io.print(
        { round: r.round, revision: r.revision, sha256: r.sha256, units: r.units, file },
        `已导出${r.round}上报数据包（第${r.revision}版，${r.units}个单位）：${file}`,
      );
      return 0;
    },
  },
  {
    words: ['exchange', 'import'],
    summary: '接收数据包：校验签名与信任，预览每个单位的变化，写入（--dry-run 只检查）',
    usage: 'exchange import <文件.cadx> [--dry-run] [--db 文件] [--json]',
    booleanFlags: ['dry-run'],
    async run(io) {
      const file = io.args.positionals[0];
      if (!file) throw new AppError('INVALID_INPUT', `请指定要接收的数据包。用法：npm run cli -- ${this.usage}`);
      const resolved = path.resolve(file);
      if (!fs.existsSync(resolved)) throw new AppError('INVALID_FILE', `找不到文件：${resolved}。请检查路径。`);
      const staged = io.stage(resolved);
      const dryRun = io.args.options.has('dry-run');
      const r = await io.call('exchange:import', { fileId: staged.fileId, dryRun });
      const head = `${r.sender.name}（${r.sender.code}）${r.round} 第${r.revision}版：${IMPORT_STATUS_LABELS[r.status]}${
        r.committed
          ? '，已接收'
          : dryRun
            ? '（检查，未写入）'
            : r.status === 'conflict'
              ? '，已存档待管理员决定（exchange resolve）'
              : '，未写入'
      }。`;
      const lines = r.preview
        .filter((u) => u.change !== 'unchanged')
        .map(
          (u) =>
            `  [${CHANGE_LABELS[u.change]}] ${u.name}${u.total !== null ? ` ${u.total}分 ${u.grade ?? ''}` : ''}${u.notes.length ? `：${u.notes.join('；')}` : ''}`,
        );
      io.print(
        {
          source: r.source,
          round: r.round,
          revision: r.revision,
          status: r.status,
          committed: r.committed,
          units: r.units,
          sender: r.sender,
          sha256: r.sha256,
          packageId: r.packageId,
          preview: r.preview,
        },
        [head, ...lines].join('\n'),
      );
      return r.status === 'stale' ? 1 : r.status === 'conflict' ? 3 : 0;
    },
  },
  {
    words: ['exchange', 'packages'],
    summary: '列出已接收的数据包（含旧版本与待决定的冲突）',
    usage: 'exchange packages [<轮次>] [--db 文件] [--json]',
    async run(io) {
      const raw = io.args.positionals[0];
      const roundId = raw ? roundArg(io, this.usage) : undefined;
      const list = await io.call('exchange:packages', roundId ? { roundId } : {});
      const STATUS = { current: '在用', superseded: '旧版本', conflict: '冲突待决定', rejected: '已驳回' } as const;
      io.print(
        list,
        list.length === 0
          ? '没有已接收的数据包。'
          : list
              .map(
                (p) =>
                  `#${p.id} ${p.round} ${p.sourceName}（${p.sourceCode}）第${p.revision}版 ${STATUS[p.status]} ${p.units}个单位${
                    p.merged.length ? `，已汇总${p.merged.length}个下级上报` : ''
                  }${p.missing.length ? `，未上报：${p.missing.map((m) => m.name).join('、')}` : ''}`,
              )
              .join('\n'),
      );
      return 0;
    },
  },
  {
    words: ['exchange', 'resolve'],
    summary: '处理同版本内容不同的数据包冲突：--accept 采用新包，--keep 保留现有',
    usage: 'exchange resolve <数据包编号> --accept|--keep --reason 理由 [--db 文件] [--json]',
    booleanFlags: ['accept', 'keep'],
    async run(io) {
      const id = Number(io.args.positionals[0]);
      const accept = io.args.options.has('accept');
      const keep = io.args.options.has('keep');
      const reason = io.option('reason');
      if (!Number.isInteger(id) || id <= 0 || accept === keep || !reason)
        throw new AppError('INVALID_INPUT', `请指定数据包编号、--accept 或 --keep 之一，以及 --reason。用法：npm run cli -- ${this.usage}`);
      const p = await io.call('exchange:resolveConflict', { packageId: id, decision: accept ? 'accept' : 'keep', reason });
      io.print(
        p,
        accept ? `已采用数据包 #${p.id}（${p.sourceName} ${p.round} 第${p.revision}版）。` : `已保留现有数据包，#${p.id} 已驳回。`,
      );
      return 0;
    },
  },
  {
    words: ['exchange', 'matrix'],
    summary: '上报情况：各报送单位各季度是否已上报、缺哪些',
    usage: 'exchange matrix <年度> [--db 文件] [--json]',
    async run(io) {
      const year = Number(io.args.positionals[0]);
      if (!Number.isInteger(year) || year < 2000 || year > 2100)
        throw new AppError('INVALID_INPUT', `请指定年度，如 2021。用法：npm run cli -- ${this.usage}`);
      const m = await io.call('exchange:matrix', { year });
      const lines = m.rows.map(
        (r) =>
          `${r.code} ${r.name}：${r.cells.map((c) => `Q${c.quarter}${c.reported ? `✓(第${c.revision}版)` : '✗'}${c.pendingConflict ? '!' : ''}`).join(' ')}${
            r.missingQuarters.length ? `  缺${r.missingQuarters.map((q) => `Q${q}`).join('、')}` : ''
          }`,
      );
      io.print(m, lines.length ? lines.join('\n') : '尚未信任任何报送单位。');
      return 0;
    },
  },
];
