/**
 * The preload exposes exactly one function per contract channel, and nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNEL } from '../main/ipc-channel';
import { buildPreloadApi } from './preload-api';

contextBridge.exposeInMainWorld(
  'api',
  buildPreloadApi((channel, input) => ipcRenderer.invoke(IPC_CHANNEL, channel, input)),
);
