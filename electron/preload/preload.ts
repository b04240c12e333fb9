/**
 * The preload exposes exactly one function per contract channel, and nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_NAMES } from '../../shared/ipc/contract';
import { IPC_CHANNEL } from '../main/ipc-channel';

const api: Record<string, (input: unknown) => Promise<unknown>> = {};
for (const channel of CHANNEL_NAMES) {
  api[channel] = (input: unknown) => ipcRenderer.invoke(IPC_CHANNEL, channel, input);
}
contextBridge.exposeInMainWorld('api', Object.freeze(api));
