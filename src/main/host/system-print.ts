import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The operating system's print dialog for an A4 PDF (invoice now, statements later). Only the Electron shell has
 * one; the browser host has none and the renderer opens the PDF in a tab instead (the browser prints from there).
 */
export interface SystemPrint {
  printPdf(pdf: Buffer, title: string): Promise<void>;
}

/** The parts of Electron's BrowserWindow this uses, so the logic is tested without the Electron binary. */
export interface PdfWindow {
  loadURL(url: string): Promise<void>;
  once(event: 'closed', listener: () => void): void;
  show(): void;
  webContents: {
    once(event: 'did-finish-load', listener: () => void): void;
    print(options: { silent: boolean; printBackground: boolean }, callback?: (ok: boolean, why: string) => void): void;
  };
}

export type PdfWindowFactory = (options: PdfWindowOptions) => PdfWindow;

export function pdfWindowOptions(title: string) {
  return {
    title,
    width: 900,
    height: 1100,
    autoHideMenuBar: true,
    webPreferences: {
      // Chromium's PDF viewer is a plugin; nothing else in this window runs code of ours
      plugins: true,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  };
}
export type PdfWindowOptions = ReturnType<typeof pdfWindowOptions>;

/**
 * Shows the PDF in its own window (Chromium's PDF viewer, which also has a print button) and opens the system print
 * dialog on it once loaded. The PDF goes through a temporary file (the viewer will not take a data URL of any size)
 * that is removed when the window closes.
 */
export function electronSystemPrint(open: PdfWindowFactory, dir = tmpdir()): SystemPrint {
  return {
    async printPdf(pdf, title) {
      const file = join(dir, `counterline-${randomUUID()}.pdf`);
      await writeFile(file, pdf);
      const win = open(pdfWindowOptions(title));
      win.once('closed', () => void rm(file, { force: true }));
      win.webContents.once('did-finish-load', () => {
        win.show();
        win.webContents.print({ silent: false, printBackground: true });
      });
      await win.loadURL(pathToFileURL(file).href);
    },
  };
}
