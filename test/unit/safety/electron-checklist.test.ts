import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { windowOptions } from '../../../electron/main/window-options';
import { buildPreloadApi } from '../../../electron/preload/preload-api';
import { CHANNEL_NAMES } from '../../../shared/ipc/contract';
import { CONTENT_SECURITY_POLICY } from '../../../electron/host/host-server';

/** The Electron security checklist (handbook architecture.md), checked where it can run without Electron. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const mainSource = fs.readFileSync(path.join(root, 'electron/main/main.ts'), 'utf8');

describe('Electron security checklist', () => {
  it('the window is isolated and sandboxed, with no Node in the page', () => {
    const options = windowOptions('/app/dist', '考评');
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(options.webPreferences?.preload).toBe(path.join('/app/dist', 'preload.cjs'));
    // main.ts really builds its window from these options.
    expect(mainSource).toMatch(/new BrowserWindow\(windowOptions\(/);
  });

  it('the preload exposes one function per contract channel and nothing else', async () => {
    const calls: [string, unknown][] = [];
    const api = buildPreloadApi(async (channel, input) => {
      calls.push([channel, input]);
      return { ok: true, value: null };
    });
    expect(Object.keys(api).sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.getPrototypeOf(api)).toBeNull();
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    await api['settings:get']!({});
    expect(calls).toEqual([['settings:get', {}]]);
    const preloadSource = fs.readFileSync(path.join(root, 'electron/preload/preload.ts'), 'utf8');
    expect(preloadSource).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer[,)]/);
    expect(preloadSource.match(/exposeInMainWorld/g)).toHaveLength(1);
  });

  it('navigation, new windows and permission requests are refused, and a strict CSP is set', () => {
    expect(mainSource).toMatch(/will-navigate[^\n]*preventDefault/);
    expect(mainSource).toMatch(/setWindowOpenHandler[\s\S]{0,200}action: 'deny'/);
    expect(mainSource).toMatch(/setPermissionRequestHandler\([\s\S]{0,80}callback\(false\)/);
    expect(mainSource).toMatch(/requestSingleInstanceLock/);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it('IPC from other windows or frames is refused before dispatch (see ipc-handler)', () => {
    expect(mainSource).toMatch(/createIpcHandler\(/);
  });
});
