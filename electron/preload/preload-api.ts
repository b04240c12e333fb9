/**
 * What the preload exposes to the page, kept free of Electron imports so it is unit-tested:
 * exactly one function per contract channel, frozen, and nothing else (no ipcRenderer, no Node).
 */
import { CHANNEL_NAMES } from '../../shared/ipc/contract';

export type Invoke = (channel: string, input: unknown) => Promise<unknown>;

export function buildPreloadApi(invoke: Invoke): Readonly<Record<string, (input: unknown) => Promise<unknown>>> {
  const api: Record<string, (input: unknown) => Promise<unknown>> = Object.create(null) as Record<
    string,
    (input: unknown) => Promise<unknown>
  >;
  for (const channel of CHANNEL_NAMES) {
    api[channel] = (input: unknown) => invoke(channel, input);
  }
  return Object.freeze(api);
}
