/**
 * The main window's options, kept free of runtime Electron imports so a unit test can check the
 * security checklist: isolated, sandboxed, no Node in the page, web security on.
 */
import path from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';

export function windowOptions(preloadDir: string, title: string): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title,
    show: false,
    webPreferences: {
      preload: path.join(preloadDir, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}
