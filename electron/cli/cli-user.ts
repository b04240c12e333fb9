/**
 * `--user NAME`: run a command as that account, with its role checks. The password comes from the
 * environment (APPRAISAL_PASSWORD) so it never appears in the process list or shell history.
 */
import { AppError } from '../../shared/ipc/errors';
import type { Actor, AppContext } from '../core/app-context';
import { actorForSession, login, logout } from '../core/features/auth/index';

export interface CliSession {
  actor: Actor;
  sessionToken: string;
  end(): Promise<void>;
}

export async function cliActor(app: AppContext, username: string, password: string | undefined): Promise<CliSession> {
  if (!password) throw new AppError('UNAUTHENTICATED', '使用 --user 时请在环境变量 APPRAISAL_PASSWORD 中提供该账号的密码。');
  const { sessionToken } = await login(app, username, password);
  const actor = await actorForSession(app, sessionToken);
  if (!actor) throw new AppError('UNAUTHENTICATED', '登录失败，请重试。');
  return { actor, sessionToken, end: async () => void (await logout(app, sessionToken)) };
}
