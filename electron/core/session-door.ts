/**
 * How a door turns a session token into the caller: every door (Electron IPC, browser host, CLI
 * with --user) resolves the actor here, on the main side, for every request.
 */
import type { ChannelName } from '../../shared/ipc/contract';
import type { Envelope } from '../../shared/ipc/errors';
import type { AppContext } from './app-context';
import { dispatch } from './dispatch';
import { actorForSession } from './features/auth/index';

/** The header the browser host reads the session from (besides the per-launch token). */
export const SESSION_HEADER = 'x-appraisal-session';

/** Resolve the session (an unknown or expired token means "not logged in") and dispatch. */
export async function dispatchWithSession(
  app: AppContext,
  sessionToken: string | null,
  channel: string,
  input: unknown,
): Promise<Envelope<unknown>> {
  const actor = await actorForSession(app, sessionToken);
  return dispatch({ app, actor, sessionToken: actor ? sessionToken : null }, channel, input);
}

const OPENS_SESSION: ReadonlySet<string> = new Set<ChannelName>(['auth:login', 'auth:setup']);

/**
 * The session of one Electron window, kept in the main process: set by a successful login or
 * first-run setup, dropped by logout. The renderer never has to hold it.
 */
export interface SessionKeeper {
  current(): string | null;
  /** Look at an answer and keep or drop the session accordingly. */
  observe(channel: string, envelope: Envelope<unknown>): void;
  clear(): void;
}

export function createSessionKeeper(): SessionKeeper {
  let token: string | null = null;
  return {
    current: () => token,
    observe(channel, envelope) {
      if (channel === 'auth:logout') token = null;
      else if (OPENS_SESSION.has(channel) && envelope.ok) {
        const value = envelope.value as { sessionToken?: unknown };
        if (typeof value.sessionToken === 'string') token = value.sessionToken;
      } else if (!envelope.ok && envelope.error.code === 'UNAUTHENTICATED' && !OPENS_SESSION.has(channel)) token = null;
    },
    clear() {
      token = null;
    },
  };
}
