import path from 'node:path';
import fs from 'node:fs';
import { AppError } from '../../../shared/ipc/errors';
import type { CliCommand } from '../cli-command';

/** Backups, restore and the health check, for administrators and scheduled tasks. */
export const safetyCommands: CliCommand[] = [
  {
    words: ['backup'],
    summary: '把数据库备份到指定文件（在线一致性副本，不影响正在使用的应用）',
    usage: 'backup --out 备份文件.sqlite（共享数据库：.zip） [--db 文件] [--json]',
    async run(io) {
      const out = io.option('out');
      if (!out) throw new AppError('INVALID_INPUT', '请用 --out 指定备份文件，例如 --out D:\\备份\\考评.sqlite');
      const target = path.resolve(out);
      // Refused before a backup is made: an existing file is never replaced.
      if (fs.existsSync(target)) throw new AppError('CONFLICT', `文件「${path.basename(target)}」已存在。请换一个文件名，或先删除它。`);
      const { fileId, backup } = await io.call('backup:create', {});
      // A shared database's backup is a zip (logical export): a name promising a SQLite file would mislead.
      if (backup.name.endsWith('.zip') && path.extname(target).toLowerCase() !== '.zip') {
        throw new AppError(
          'INVALID_INPUT',
          `共享数据库（PostgreSQL）的备份是 .zip 文件，请用 --out 指定以 .zip 结尾的文件名。本次备份已保存在备份文件夹中：${backup.name}`,
        );
      }
      io.deliver(fileId, target, { overwrite: false });
      io.print({ file: target }, `已备份到：${target}`);
      return 0;
    },
  },
  {
    words: ['restore'],
    summary: '从备份文件恢复数据库：先检查文件，再备份当前数据库，然后替换',
    usage: 'restore <备份文件.sqlite 或 .zip> [--db 文件] [--json]',
    async run(io) {
      const source = io.args.positionals[0];
      if (!source) throw new AppError('INVALID_INPUT', '请指定备份文件，例如：restore D:\\备份\\考评.sqlite');
      const result = await io.call('backup:restore', { fileId: io.stage(source).fileId });
      io.print(
        result,
        `已从「${result.restoredFrom}」恢复（数据库版本 ${result.schemaVersion}）。\n恢复前的数据已备份为：${result.safetyBackup}`,
      );
      return 0;
    },
  },
  {
    words: ['check'],
    summary: '检查数据库：完整性（SQLite）、外键、数据库结构、操作日志哈希链；发现问题时退出码为 3',
    usage: 'check [--db 文件] [--json]',
    async run(io) {
      const r = await io.call('backup:check', {});
      const lines = [
        r.integrity.length === 0
          ? '数据库完整性：正常'
          : `数据库完整性：发现 ${r.integrity.length} 处问题：${r.integrity.slice(0, 5).join('；')}`,
        r.foreignKeyProblems === 0 ? '数据关联（外键）：正常' : `数据关联（外键）：发现 ${r.foreignKeyProblems} 处断开的关联`,
        r.schema.length === 0
          ? '数据库结构：与本版本一致'
          : `数据库结构：发现 ${r.schema.length} 处不符：${r.schema.slice(0, 5).join('；')}${r.schema.length > 5 ? '等' : ''}`,
        `操作日志：${r.audit.message}`,
        r.ok ? '检查通过。' : '检查发现问题：请从最近的备份恢复（restore），或联系技术支持。',
      ];
      io.print(r, lines.join('\n'));
      return r.ok ? 0 : 3;
    },
  },
];
