/**
 * The single entry every door uses: look up the channel, check the caller's role, parse the input,
 * run the handler, and always answer with an envelope — never a thrown exception or a stack trace.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { ROLE_LABELS } from '../../shared/ipc/channel';
import { contract, isChannelName, type ChannelName } from '../../shared/ipc/contract';
import { AppError, isAppError, type Envelope } from '../../shared/ipc/errors';
import { roleMayCall } from '../../shared/ipc/access';
import type { RequestContext } from './app-context';
import { handlers } from './handlers';
import { ownerOf, runAsOwner } from './platform/files/file-owner';
import type { Handler } from './handler';

function fail(error: AppError): Envelope<never> {
  return { ok: false, error: error.toPayload() };
}

/** The first problem of a zod error, in Chinese, with the field path. */
export function describeInputError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return '请求参数不正确。';
  const where = issue.path.length > 0 ? `字段「${issue.path.join('.')}」` : '请求';
  const custom = /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : null;
  return `${where}不正确：${custom ?? zodIssueInChinese(issue)}`;
}

function zodIssueInChinese(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `应为 ${issue.expected} 类型`;
    case 'too_big':
      return `超出允许的最大值或长度（${String(issue.maximum)}）`;
    case 'too_small':
      return `小于允许的最小值或长度（${String(issue.minimum)}）`;
    case 'unrecognized_keys':
      return `含有未知字段 ${issue.keys.join('、')}`;
    case 'invalid_value':
      return '取值不在允许范围内';
    case 'invalid_format':
      return '格式不正确';
    default:
      return '取值不正确';
  }
}

/** Unexpected failures are logged to a file for support, and the user gets a plain message. */
export function logInternalError(ctx: RequestContext, channel: string, err: unknown): void {
  try {
    const dir = path.join(ctx.app.paths.dataDir, 'logs');
    fs.mkdirSync(dir, { recursive: true });
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    fs.appendFileSync(path.join(dir, 'error.log'), `${ctx.app.now().toISOString()} ${channel}\n${detail}\n\n`);
  } catch {
    // Logging must never turn an error into a crash.
  }
}

/** What a user whose password was reset may still do before choosing a new one. */
const SELF_SERVICE_CHANNELS: ReadonlySet<ChannelName> = new Set<ChannelName>(['auth:me', 'auth:logout', 'auth:changePassword']);

/** Is the caller allowed to use this channel at all? (Record-level checks live in the services.) */
export function authorize(ctx: RequestContext, channel: ChannelName): AppError | null {
  const def = contract[channel];
  // 查看 is read-only whatever a channel declares: a mistake in one declaration cannot open a write.
  const viewerWrite = def.writes && ctx.actor?.role === 'viewer';
  if (def.roles === 'public' && !viewerWrite) return null;
  if (!ctx.actor) return new AppError('UNAUTHENTICATED', '请先登录后再操作。');
  if (def.roles === 'public' || !roleMayCall(ctx.actor.role, channel)) {
    return new AppError('FORBIDDEN', `您的角色（${ROLE_LABELS[ctx.actor.role]}）无权执行“${def.summary}”。如需此权限，请联系管理员。`);
  }
  if (ctx.actor.mustChangePassword && !SELF_SERVICE_CHANNELS.has(channel)) {
    return new AppError('FORBIDDEN', '首次登录或管理员重置密码后，请先修改密码，然后继续操作。');
  }
  return null;
}

export async function dispatch(ctx: RequestContext, channel: string, rawInput: unknown): Promise<Envelope<unknown>> {
  if (!isChannelName(channel)) {
    return fail(new AppError('UNKNOWN_CHANNEL', `未知的操作「${String(channel).slice(0, 60)}」。请升级到最新版本后重试。`));
  }
  const denied = authorize(ctx, channel);
  if (denied) return fail(denied);
  const def = contract[channel];
  const parsed = def.input.safeParse(rawInput === undefined ? {} : rawInput);
  if (!parsed.success) return fail(new AppError('INVALID_INPUT', describeInputError(parsed.error)));
  try {
    const handler = handlers[channel] as Handler<ChannelName>;
    // Files staged or opened during the request belong to its caller (see files/file-owner.ts).
    const value = await runAsOwner(ownerOf(ctx.actor), () => handler(ctx, parsed.data as never));
    return { ok: true, value };
  } catch (err) {
    if (isAppError(err)) return fail(err);
    logInternalError(ctx, channel, err);
    return fail(new AppError('INTERNAL', '操作未完成，数据未改变。请重试；若仍失败，请联系管理员并提供 logs 文件夹中的错误日志。'));
  }
}
