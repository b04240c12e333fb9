/**
 * Electron main: lifecycle, the one window with security defaults, the contract over IPC, dialogs.
 * Everything else lives in electron/core so it runs (and is tested) without Electron.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell } from 'electron';
import { createAppContext, type AppContext } from '../core/app-context';
import { createIpcHandler } from './ipc-handler';
import { actorForSession } from '../core/features/auth/index';
import { createSessionKeeper } from '../core/session-door';
import { dailyBackupIfDue } from '../core/features/backup/index';
import { windowOptions } from './window-options';
import { defaultDataDir, DB_FILE_NAME } from '../core/platform/paths';
import { isAppError } from '../../shared/ipc/errors';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/content-security-policy';
import { guardSession, guardWebContents } from './web-guards';
import { unitTitle } from '../../shared/domain/settings/unit-settings';
import { getUnitSettings } from '../core/features/settings/index';
import { IPC_CHANNEL } from './ipc-channel';
import { STAGED_FILE_SCHEME, stagedFileResponder } from './staged-file-protocol';
import { DATABASE_CONFIG_FILE, readDatabaseConfig, writeDatabaseConfig } from '../core/features/database/index';

let mainWindow: BrowserWindow | null = null;
let context: AppContext | null = null;

// One data folder shared with the CLI and browser host defaults.
app.setPath('userData', defaultDataDir());
// Staged outputs (report PDFs) are fetched by the page for their preview (staged-file-protocol.ts).
protocol.registerSchemesAsPrivileged([{ scheme: STAGED_FILE_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      dialog.showErrorBox('无法启动考评系统', isAppError(err) ? err.message : String(err));
      app.quit();
    });
}

async function start(): Promise<void> {
  Menu.setApplicationMenu(null);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  guardSession(session.defaultSession);

  // The database choice (系统设置 → 数据库) lives outside the database; the password via safeStorage.
  const configFile = path.join(app.getPath('userData'), DATABASE_CONFIG_FILE);
  const passwords = {
    encrypt: (plain: string) => safeStorage.encryptString(plain),
    decrypt: (encrypted: Buffer) => safeStorage.decryptString(encrypted),
  };
  context = await createAppContext({
    dbFile: readDatabaseConfig(configFile, passwords) ?? path.join(app.getPath('userData'), DB_FILE_NAME),
    door: 'electron',
    abilities: {
      databaseSwitch: {
        passwordStorage: 'safeStorage',
        async switchTo(choice) {
          writeDatabaseConfig(configFile, choice, passwords);
          setTimeout(() => {
            app.relaunch();
            void context?.close().finally(() => app.exit(0));
          }, 300);
        },
      },
      async pickOpenFile(title, filters) {
        const result = await dialog.showOpenDialog(mainWindow!, { title, filters, properties: ['openFile'] });
        const chosen = result.filePaths[0];
        return result.canceled || !chosen ? null : context!.files.stageFromPath(chosen);
      },
      async saveFileAs(sourcePath, suggestedName) {
        const result = await dialog.showSaveDialog(mainWindow!, { defaultPath: suggestedName });
        if (result.canceled || !result.filePath) return null;
        const fs = await import('node:fs');
        fs.copyFileSync(sourcePath, result.filePath);
        return result.filePath;
      },
    },
  });

  await dailyBackupIfDue(context).catch(() => null);

  // The window's login session lives here in the main process, not in the page.
  const keeper = createSessionKeeper();
  const windowContext = async () => {
    const token = keeper.current();
    const actor = await actorForSession(context!, token);
    return { app: context!, actor, sessionToken: actor ? token : null };
  };
  protocol.handle(STAGED_FILE_SCHEME, stagedFileResponder(windowContext));
  ipcMain.handle(
    IPC_CHANNEL,
    createIpcHandler(
      () => (mainWindow ? { webContentsId: mainWindow.webContents.id, mainFrame: mainWindow.webContents.mainFrame } : null),
      windowContext,
      keeper,
    ),
  );

  await createWindow();
}

async function createWindow(): Promise<void> {
  const settings = await getUnitSettings(context!.db);
  mainWindow = new BrowserWindow(windowOptions(__dirname, unitTitle(settings)));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  // No navigation or redirect away from the app and no new windows; allowed links open in the browser.
  guardWebContents(mainWindow.webContents, (url) => shell.openExternal(url));
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  await mainWindow.loadFile(path.join(__dirname, '../renderer/index.html'));
}

app.on('window-all-closed', () => {
  void context?.close().finally(() => app.quit());
});
