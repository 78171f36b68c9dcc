import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { app, BrowserWindow, ipcMain, protocol, safeStorage, session } from 'electron';
import { type App, createApp } from './app';
import { DATABASE_FILE, resolveDataDir } from './config';
import { isEncryptedFile, keyFromEnv } from './db/key';
import { bindIpc } from './host/ipc';
import { electronSystemPrint } from './host/system-print';
import { APP_START_URL, applySecurity, registerAppScheme, secureWebContents, windowOptions } from './security';

// Electron entry (bundled to out/main/index.mjs). The core lives in app.ts; this file only wires the window.
const here = dirname(fileURLToPath(import.meta.url));
const preloadPath = join(here, '..', 'preload', 'index.cjs');
const rendererDir = join(here, '..', 'renderer');

function dataDirFlag(argv: string[]): string | undefined {
  try {
    const { values } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' } }, strict: false });
    const v = values['data-dir'];
    return typeof v === 'string' && v !== '' ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An encrypted shop's key, kept with the OS keychain: db-key.safe in the data folder holds it encrypted by
 * safeStorage. Started once with COUNTERLINE_DB_KEY (after `counterline encrypt`), the shell keeps that key there,
 * so the till opens the next day without anyone typing it.
 */
function keychainKey(dataDir: string): string | null {
  const file = join(dataDir, 'db-key.safe');
  const given = keyFromEnv();
  if (!safeStorage.isEncryptionAvailable()) return given;
  if (given) {
    if (isEncryptedFile(join(dataDir, DATABASE_FILE)))
      writeFileSync(file, safeStorage.encryptString(given), { mode: 0o600 });
    return given;
  }
  return existsSync(file) ? safeStorage.decryptString(readFileSync(file)) : null;
}

registerAppScheme(protocol);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let core: App | null = null;
  let mainWindow: BrowserWindow | null = null;
  let unbind: (() => void) | null = null;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => secureWebContents(contents));

  const createWindow = () => {
    const win = new BrowserWindow(windowOptions(preloadPath));
    mainWindow = win;
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    void win.loadURL(APP_START_URL);
  };

  app
    .whenReady()
    .then(() => {
      const flag = dataDirFlag(process.argv.slice(1));
      const dataDir = flag || process.env.COUNTERLINE_DATA_DIR ? resolveDataDir(flag) : app.getPath('userData');
      core = createApp({
        dataDir,
        key: keychainKey(dataDir),
        systemPrint: electronSystemPrint(
          (options) => new BrowserWindow({ ...options, parent: mainWindow ?? undefined, show: false }),
        ),
      });
      // the till prints: receipts queued before a restart go out now
      core.startBackground();
      applySecurity({ session: session.defaultSession, protocol, rendererDir });
      unbind = bindIpc(
        ipcMain,
        core.router,
        core.events,
        () => mainWindow?.webContents.mainFrame ?? null,
        () => BrowserWindow.getAllWindows().map((w) => w.webContents),
      );
      createWindow();
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) createWindow();
      });
    })
    .catch((err: unknown) => {
      console.error('Counterline could not start:', err);
      app.exit(1);
    });

  app.on('window-all-closed', () => app.quit());

  app.on('will-quit', () => {
    unbind?.();
    unbind = null;
    core?.close();
    core = null;
  });
}
