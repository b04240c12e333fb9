/**
 * The command line as a door: opens the database, acts as the local administrator or the --user
 * account, and gives a command its CliIo — channels through the dispatcher (the dispatcher checks
 * roles, as for every door), files in by staging them, staged outputs out to --out. Loaded only once
 * a command runs, so `--help` never loads the database layer or the heavy packages.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError, ERROR_CODES, type ErrorCode } from '../../shared/ipc/errors';
import { createAppContext, type AppContext } from '../core/app-context';
import { dispatch } from '../core/dispatch';
import type { ParsedArgs } from '../core/platform/cli-args';
import { defaultDbFile } from '../core/platform/paths';
import { LOCAL_ADMIN } from '../core/platform/security/local-actor';
import type { CliCommand, CliIo } from './cli-command';
import { cliActor } from './cli-user';

export async function runCommand(command: CliCommand, args: ParsedArgs, dbOption: string | undefined, json: boolean): Promise<number> {
  let app: AppContext | null = null;
  let endSession: (() => Promise<void>) | null = null;
  try {
    // APPRAISAL_DATABASE_URL names a shared PostgreSQL database when --db is not given.
    app = await createAppContext({ dbFile: dbOption ?? (process.env.APPRAISAL_DATABASE_URL || defaultDbFile()), door: 'cli' });
    const opened = app;
    // A command that names a user as its subject (round assign --user 登录名) owns --user.
    const userOption = command.ownsUserOption ? undefined : args.options.get('user');
    if (userOption === true) throw new AppError('INVALID_INPUT', '--user 后面需要填写用户名。');
    const as = userOption === undefined ? null : await cliActor(app, userOption, process.env.APPRAISAL_PASSWORD);
    endSession = as?.end ?? null;
    const ctx = { app, actor: as?.actor ?? LOCAL_ADMIN, sessionToken: as?.sessionToken ?? null };
    const io: CliIo = {
      args,
      json,
      print(value, text) {
        process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
      },
      async call(channel, input) {
        const envelope = await dispatch(ctx, channel, input);
        if (!envelope.ok) throw new AppError(envelope.error.code, envelope.error.message, envelope.error.details);
        return envelope.value as never;
      },
      option(name) {
        const value = args.options.get(name);
        if (value === true) throw new AppError('INVALID_INPUT', `--${name} 后面需要填写内容。`);
        return value;
      },
      stage(file) {
        return opened.files.stageFromPath(path.resolve(file));
      },
      deliver(fileId, out, options = {}) {
        const staged = opened.files.resolve(fileId);
        if (options.overwrite === false && fs.existsSync(out))
          throw new AppError('CONFLICT', `文件「${path.basename(out)}」已存在。请换一个文件名，或先删除它。`);
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.copyFileSync(staged.path, out, options.overwrite === false ? fs.constants.COPYFILE_EXCL : 0);
        opened.files.release(fileId);
      },
      async finish(jobId) {
        const snapshot = await opened.jobs.wait(jobId);
        if (snapshot.state === 'done') return snapshot.result;
        const code = (ERROR_CODES as readonly string[]).includes(snapshot.error?.code ?? '')
          ? (snapshot.error?.code as ErrorCode)
          : 'INTERNAL';
        throw new AppError(code, snapshot.error?.message ?? '任务失败，数据未改变。');
      },
    };
    return await command.run(io);
  } finally {
    await endSession?.().catch(() => undefined);
    await app?.close();
  }
}
