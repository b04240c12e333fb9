/**
 * A fake `window.api` (the preload's surface, the renderer's only boundary) for component tests:
 * each test implements the few channels the component calls, over in-memory data. A handler that
 * throws `Refused` answers with that error envelope, as the main side does.
 */
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/ipc/contract';
import type { Envelope, ErrorCode } from '../../shared/ipc/errors';

export type FakeHandlers = {
  [C in ChannelName]?: (input: ChannelInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
};

export class Refused extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface FakeApi {
  /** Every call in order, logged when it is made (before it is answered). */
  calls: { channel: string; input: unknown }[];
  callsTo: <C extends ChannelName>(channel: C) => ChannelInput<C>[];
}

export function installFakeApi(handlers: FakeHandlers): FakeApi {
  const calls: FakeApi['calls'] = [];
  const table = handlers as Record<string, ((input: unknown) => unknown) | undefined>;
  const answer = async (channel: string, input: unknown): Promise<Envelope<unknown>> => {
    const handler = table[channel];
    if (!handler) return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `测试未实现「${channel}」。` } };
    try {
      return { ok: true, value: await handler(input) };
    } catch (e) {
      if (e instanceof Refused) return { ok: false, error: { code: e.code, message: e.message } };
      throw e;
    }
  };
  window.api = new Proxy({} as NonNullable<Window['api']>, {
    get: (_target, channel) => (input: unknown) => {
      calls.push({ channel: String(channel), input });
      return answer(String(channel), input);
    },
  });
  return {
    calls,
    callsTo: <C extends ChannelName>(channel: C) => calls.filter((c) => c.channel === channel).map((c) => c.input as ChannelInput<C>),
  };
}

export function removeFakeApi(): void {
  delete window.api;
}
