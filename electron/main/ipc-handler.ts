/**
 * The IPC side of the contract, kept free of `import 'electron'` so it is tested without Electron:
 * only our own window's top frame may call, and everything else is the shared dispatcher.
 */
import type { Envelope } from '../../shared/ipc/errors';
import type { RequestContext } from '../core/app-context';
import { dispatch } from '../core/dispatch';
import type { SessionKeeper } from '../core/session-door';

/** The parts of Electron's IpcMainInvokeEvent we look at. */
export interface IpcSender {
  sender: { id: number };
  senderFrame: unknown;
}

export interface TrustedWindow {
  webContentsId: number;
  mainFrame: unknown;
}

/** `keeper`, when given, remembers the session a login answered with (Electron keeps it per window). */
export function createIpcHandler(
  getTrusted: () => TrustedWindow | null,
  getContext: () => RequestContext | Promise<RequestContext>,
  keeper?: SessionKeeper,
) {
  return async (event: IpcSender, channel: unknown, input: unknown): Promise<Envelope<unknown>> => {
    const trusted = getTrusted();
    if (!trusted || event.sender.id !== trusted.webContentsId || event.senderFrame !== trusted.mainFrame) {
      return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的请求。' } };
    }
    // A hostile renderer may send anything as the channel: never stringify it.
    const name = typeof channel === 'string' ? channel : '';
    const envelope = await dispatch(await getContext(), name, input);
    keeper?.observe(name, envelope);
    return envelope;
  };
}
