import path from 'node:path';
import { sql } from 'kysely';
import { AppError } from '../../../shared/ipc/errors';
import { verifyAuditChain } from '../../core/platform/audit/audit-log';
import { integrityCheck } from '../../core/platform/db/dialect';
import { restoreFromFile, writeBackupFile } from '../../core/features/backup/index';
import { actorName } from '../../core/app-context';
import type { CliCommand } from '../cli-command';

/** Backups, restore and the health check, for administrators and scheduled tasks. */
export const safetyCommands: CliCommand[] = [
  {
    words: ['backup'],
    summary: '把数据库备份到指定文件（在线一致性副本，不影响正在使用的应用）',
    usage: 'backup --out 备份文件.sqlite [--db 文件] [--json]',
    async run(io) {
      if (io.ctx.actor?.role !== 'admin') throw new AppError('FORBIDDEN', '只有管理员可以备份数据库。');
      const out = io.option('out');
      if (!out) throw new AppError('INVALID_INPUT', '请用 --out 指定备份文件，例如 --out D:\\备份\\考评.sqlite');
      const target = path.resolve(out);
      await writeBackupFile(io.ctx.app, target);
      io.print({ file: target }, `已备份到：${target}`);
      return 0;
    },
  },
  {
    words: ['restore'],
    summary: '从备份文件恢复数据库：先检查文件，再备份当前数据库，然后替换',
    usage: 'restore <备份文件.sqlite> [--db 文件] [--json]',
    async run(io) {
      if (io.ctx.actor?.role !== 'admin') throw new AppError('FORBIDDEN', '只有管理员可以恢复数据库。');
      const source = io.args.positionals[0];
      if (!source) throw new AppError('INVALID_INPUT', '请指定备份文件，例如：restore D:\\备份\\考评.sqlite');
      const result = await restoreFromFile(io.ctx.app, actorName(io.ctx.actor), path.resolve(source));
      io.print(
        result,
        `已从「${result.restoredFrom}」恢复（数据库版本 ${result.schemaVersion}）。\n恢复前的数据已备份为：${result.safetyBackup}`,
      );
      return 0;
    },
  },
  {
    words: ['check'],
    summary: '检查数据库：SQLite 完整性、外键、操作日志哈希链；发现问题时退出码为 3',
    usage: 'check [--db 文件] [--json]',
    async run(io) {
      const db = io.ctx.app.db;
      const integrity = await integrityCheck(db);
      const foreignKeys = (await sql<Record<string, unknown>>`pragma foreign_key_check`.execute(db)).rows;
      const audit = await verifyAuditChain(db);
      const ok = integrity.length === 0 && foreignKeys.length === 0 && audit.ok;
      const lines = [
        integrity.length === 0
          ? '数据库完整性：正常'
          : `数据库完整性：发现 ${integrity.length} 处问题：${integrity.slice(0, 5).join('；')}`,
        foreignKeys.length === 0 ? '数据关联（外键）：正常' : `数据关联（外键）：发现 ${foreignKeys.length} 处断开的关联`,
        `操作日志：${audit.message}`,
        ok ? '检查通过。' : '检查发现问题：请从最近的备份恢复（restore），或联系技术支持。',
      ];
      io.print({ ok, integrity, foreignKeyProblems: foreignKeys.length, audit }, lines.join('\n'));
      return ok ? 0 : 3;
    },
  },
];
