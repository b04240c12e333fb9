/**
 * User management from the command line, for the administrator of the PC (e.g. to recover a
 * forgotten administrator password). Passwords are read from standard input (`--password-stdin`),
 * never from the command line, where the process list and shell history would keep them.
 */
import { ROLES, ROLE_LABELS, type Role } from '../../../shared/ipc/channel';
import type { UserDto } from '../../../shared/ipc/channels/auth.channels';
import { AppError } from '../../../shared/ipc/errors';
import type { CliCommand, CliIo } from '../cli-command';

const ROLE_HELP = ROLES.map((r) => `${ROLE_LABELS[r]}（${r}）`).join('、');

function roleFrom(text: string | undefined): Role {
  const found = ROLES.find((r) => r === text || ROLE_LABELS[r] === text);
  if (!found) throw new AppError('INVALID_INPUT', `请用 --role 指定角色：${ROLE_HELP}。`);
  return found;
}

/** The first line of standard input (a pipe, a file, or typed and ended with Enter). */
export function readFirstLine(stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const done = () => {
      stream.removeListener('data', onData);
      stream.removeListener('end', done);
      stream.removeListener('error', reject);
      stream.pause();
      resolve(text.split(/\r?\n/)[0] ?? '');
    };
    const onData = (chunk: Buffer | string) => {
      text += chunk.toString();
      if (text.includes('\n') || text.length > 4096) done();
    };
    stream.on('data', onData);
    stream.once('end', done);
    stream.once('error', reject);
    stream.resume();
  });
}

async function passwordFromStdin(io: CliIo): Promise<string> {
  if (io.args.options.has('password')) {
    throw new AppError(
      'INVALID_INPUT',
      '不要把密码写在命令行上（会留在进程列表和命令历史中）。请改用 --password-stdin，从标准输入提供密码。',
    );
  }
  if (!io.args.options.has('password-stdin'))
    throw new AppError('INVALID_INPUT', '请加上 --password-stdin，并从标准输入提供密码，例如：echo 密码 | npm run cli -- user add ...');
  if (process.stdin.isTTY) process.stderr.write('请输入密码后按回车：');
  const password = await readFirstLine();
  if (!password) throw new AppError('INVALID_INPUT', '标准输入中没有密码。请通过管道或重定向提供密码（一行）。');
  return password;
}

async function userByName(io: CliIo, username: string | undefined): Promise<UserDto> {
  if (!username) throw new AppError('INVALID_INPUT', '请指定登录名。');
  const users = await io.call('users:list', {});
  const found = users.find((u) => u.username.toLowerCase() === username.trim().toLowerCase());
  if (!found) throw new AppError('NOT_FOUND', `找不到登录名为「${username}」的用户。运行 user list 查看全部用户。`);
  return found;
}

function describe(u: UserDto): string {
  const state = u.disabled ? '已停用' : u.lockedUntil ? `已锁定至 ${u.lockedUntil}` : '正常';
  return `${u.username}\t${u.displayName}\t${ROLE_LABELS[u.role]}\t${state}${u.mustChangePassword ? '\t需修改密码' : ''}`;
}

export const userCommands: CliCommand[] = [
  {
    words: ['user', 'list'],
    summary: '列出全部用户（登录名、姓名、角色、状态）',
    usage: 'user list [--db 文件] [--json]',
    async run(io) {
      const users = await io.call('users:list', {});
      io.print(users, users.length === 0 ? '还没有用户。' : ['登录名\t姓名\t角色\t状态', ...users.map(describe)].join('\n'));
      return 0;
    },
  },
  {
    words: ['user', 'add'],
    summary: '新建用户；密码从标准输入读取，用户首次登录时须修改',
    usage: `user add <登录名> --name 姓名 --role 角色 --password-stdin [--db 文件] [--json]   （角色：${ROLE_HELP}）`,
    booleanFlags: ['password-stdin'],
    async run(io) {
      const username = io.args.positionals[0];
      if (!username) throw new AppError('INVALID_INPUT', '请指定登录名，例如：user add liping --name 李萍 --role 考评员 --password-stdin');
      const displayName = io.option('name');
      if (!displayName) throw new AppError('INVALID_INPUT', '请用 --name 指定姓名。');
      const role = roleFrom(io.option('role'));
      const password = await passwordFromStdin(io);
      const user = await io.call('users:create', { username, displayName, role, password });
      io.print(user, `已新建用户「${user.username}」（${user.displayName}，${ROLE_LABELS[user.role]}）。首次登录时须修改密码。`);
      return 0;
    },
  },
  {
    words: ['user', 'reset-password'],
    summary: '重置用户密码（同时解除锁定、结束其所有会话）；新密码从标准输入读取',
    usage: 'user reset-password <登录名> --password-stdin [--db 文件] [--json]',
    booleanFlags: ['password-stdin'],
    async run(io) {
      const target = await userByName(io, io.args.positionals[0]);
      const newPassword = await passwordFromStdin(io);
      const user = await io.call('users:resetPassword', { id: target.id, newPassword });
      io.print(user, `已重置「${user.username}」的密码并解除锁定。该用户下次登录时须修改密码。`);
      return 0;
    },
  },
  {
    words: ['user', 'disable'],
    summary: '停用用户（立即结束其会话）；加 --enable 重新启用',
    usage: 'user disable <登录名> [--enable] [--db 文件] [--json]',
    booleanFlags: ['enable'],
    async run(io) {
      const target = await userByName(io, io.args.positionals[0]);
      const disabled = !io.args.options.has('enable');
      const user = await io.call('users:disable', { id: target.id, disabled });
      io.print(user, disabled ? `已停用「${user.username}」。` : `已重新启用「${user.username}」。`);
      return 0;
    },
  },
];
