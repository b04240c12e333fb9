import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { windowOptions } from '../../../electron/main/window-options';
import { buildPreloadApi } from '../../../electron/preload/preload-api';
import { CHANNEL_NAMES } from '../../../shared/ipc/contract';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../../shared/security/content-security-policy';
import { guardSession, guardWebContents, isAllowedExternalUrl } from '../../../electron/main/web-guards';

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

  it('navigation, redirects, new windows and permission requests and checks are refused, and a strict CSP is set', () => {
    // main.ts wires the guards to the real session and window.
    expect(mainSource).toMatch(/guardSession\(session\.defaultSession\)/);
    expect(mainSource).toMatch(/guardWebContents\(mainWindow\.webContents,/);
    expect(mainSource).toMatch(/requestSingleInstanceLock/);

    const listeners = new Map<string, (event: { preventDefault(): void }) => void>();
    let openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
    const opened: string[] = [];
    guardWebContents({ on: (event, listener) => listeners.set(event, listener), setWindowOpenHandler: (h) => (openHandler = h) }, (url) =>
      opened.push(url),
    );
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      listeners.get(event)?.({ preventDefault: () => (prevented = true) });
      expect(prevented, event).toBe(true);
    }
    for (const url of [
      'https://www.mca.gov.cn/article/',
      'https://evil.example/',
      'http://www.mca.gov.cn/',
      'file:///C:/Windows/system32/calc.exe',
      'https://user@www.gov.cn/',
      'ms-msdt:/id',
      'https://www.gov.cn.evil.example/',
    ]) {
      expect(openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://www.mca.gov.cn/article/']);
    expect(isAllowedExternalUrl('https://www.gov.cn:8443/')).toBe(false);

    const granted: boolean[] = [];
    let check: (() => boolean) | null = null;
    let device: (() => boolean) | null = null;
    guardSession({
      setPermissionRequestHandler: (h) => h(null, 'media', (g) => granted.push(g)),
      setPermissionCheckHandler: (h) => (check = h),
      setDevicePermissionHandler: (h) => (device = h),
    });
    expect(granted).toEqual([false]);
    expect(check!()).toBe(false);
    expect(device!()).toBe(false);

    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(META_CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(META_CONTENT_SECURITY_POLICY).not.toContain('frame-ancestors');
  });

  it('IPC from other windows or frames is refused before dispatch (see ipc-handler)', () => {
    expect(mainSource).toMatch(/createIpcHandler\(/);
  });
});
