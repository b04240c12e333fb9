/**
 * `npm run cli -- <command> [options]`: the same channels as the app, for admins, batch work and
 * tests. Every command takes --db FILE (default: the desktop app's database) and --json.
 * This module only parses and helps; the door (cli-door.ts: database, dispatcher, heavy packages)
 * is loaded once a command runs, so `--help` starts in a blink.
 * Errors go to stderr in Chinese, without stack traces. Exit codes: 0 done, 1 usage or refused,
 * 2 an unusable file or database, 3 a check found a problem.
 */
import { AppError, isAppError, type ErrorCode } from '../../shared/ipc/errors';
import { parseArgs } from '../core/platform/cli-args';
import type { CliCommand } from './cli-command';
import { settingsCommands } from './commands/settings.command';
import { systemCommands } from './commands/system.command';
import { standardCommands } from './commands/standard.command';
import { roundsCommands } from './commands/rounds.command';
import { roundAssignCommands } from './commands/round-assign.command';
import { safetyCommands } from './commands/safety.command';
import { reportCommands } from './commands/report.command';
import { rosterCommands } from './commands/roster.command';
import { userCommands } from './commands/user.command';
import { planCommands } from './commands/plan.command';
import { levelsCommands } from './commands/levels.command';
import { exchangeCommands } from './commands/exchange.command';
import { deductionCommands } from './commands/deduction.command';

/** Every command; add one spread per feature. */
export const COMMANDS: CliCommand[] = [
  ...systemCommands,
  ...settingsCommands,
  ...roundsCommands,
  ...roundAssignCommands,
  ...safetyCommands,
  ...standardCommands,
  ...rosterCommands,
  ...reportCommands,
  ...userCommands,
  ...planCommands,
  ...levelsCommands,
  ...exchangeCommands,
  ...deductionCommands,
];

const GLOBAL_FLAGS = ['json', 'help'];

function helpText(): string {
  const lines = COMMANDS.map((c) => `  ${c.usage}\n      ${c.summary}`);
  return [
    '社区规范化创建考评系统 命令行',
    '',
    '用法：npm run cli -- <命令> [参数]',
    '',
    '命令：',
    ...lines,
    '',
    '通用参数：',
    '  --db 文件   数据库文件（默认与桌面应用相同），或共享数据库 postgres://用户@主机:端口/库名（也可用环境变量 APPRAISAL_DATABASE_URL）',
    '  --json      以 JSON 输出结果',
    '  --user 用户名  以该账号的身份和权限执行（密码取自环境变量 APPRAISAL_PASSWORD）；',
    '              不指定时以本机管理员身份执行（能运行命令行的人本就能读写数据库文件）',
    '  --help      显示帮助',
    '',
    '退出码：0 成功；1 用法错误或操作被拒绝；2 文件或数据库不可用；3 校验发现问题。',
    '',
  ].join('\n');
}

function findCommand(words: string[]): { command: CliCommand; rest: string[] } | null {
  let best: CliCommand | null = null;
  for (const command of COMMANDS) {
    if (command.words.every((w, i) => words[i] === w) && (!best || command.words.length > best.words.length)) best = command;
  }
  return best ? { command: best, rest: words.slice(best.words.length) } : null;
}

export function exitCodeFor(code: ErrorCode): number {
  return code === 'INVALID_FILE' || code === 'DB_INVALID' || code === 'DB_NEWER_VERSION' ? 2 : 1;
}

export async function runCli(argv: string[]): Promise<number> {
  const allFlags = new Set([...GLOBAL_FLAGS, ...COMMANDS.flatMap((c) => c.booleanFlags ?? [])]);
  const parsed = parseArgs(argv, allFlags);
  if (parsed.positionals.length === 0 || (parsed.options.has('help') && parsed.positionals.length === 0)) {
    process.stdout.write(helpText());
    return parsed.positionals.length === 0 && !parsed.options.has('help') ? 1 : 0;
  }
  const found = findCommand(parsed.positionals);
  if (!found) {
    process.stderr.write(`未知命令「${parsed.positionals.join(' ')}」。运行 npm run cli -- --help 查看可用命令。\n`);
    return 1;
  }
  if (parsed.options.has('help')) {
    process.stdout.write(`用法：npm run cli -- ${found.command.usage}\n${found.command.summary}\n`);
    return 0;
  }
  const dbOption = parsed.options.get('db');
  if (dbOption === true) throw new AppError('INVALID_INPUT', '--db 后面需要填写数据库文件路径或 postgres:// 地址。');
  const { runCommand } = await import('./cli-door');
  return runCommand(found.command, { positionals: found.rest, options: parsed.options }, dbOption, parsed.options.has('json'));
}

function report(err: unknown): number {
  if (isAppError(err)) {
    process.stderr.write(`错误：${err.message}\n`);
    return exitCodeFor(err.code);
  }
  process.stderr.write(`错误：${err instanceof Error ? err.message : String(err)}\n`);
  return 1;
}

// Run only when executed directly (tests import runCli/exitCodeFor).
const entry = process.argv[1] ?? '';
if (/[\\/]cli[\\/]main\.ts$/.test(entry) || /[\\/]cli\.(c|m)?js$/.test(entry)) {
  runCli(process.argv.slice(2))
    .then((code) => {
      process.exitCode = code;
    })
    .catch((err: unknown) => {
      process.exitCode = report(err);
    });
}
