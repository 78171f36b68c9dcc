import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type {
  BrowserWindowConstructorOptions,
  CustomScheme,
  Event as ElectronEvent,
  Protocol,
  Session,
  WebContents,
} from 'electron';
import { mimeTypeOf } from './host/content-types';
import { CONTENT_SECURITY_POLICY } from './host/csp';

/**
 * The Electron window's security posture. Everything here is plain code: Electron objects are passed in, and
 * `electron` is only imported for its types, so tests can check the rules without the Electron binary.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'counterline';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: '#f7f5f0',
    title: 'Counterline',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
    },
  };
}

/** True when `url` is a page of the app itself (app://counterline/...). Node gives custom schemes an opaque origin, so compare parts. */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** An IPC call is trusted only from the main window's top frame showing the app's own page. */
export function isTrustedSender(frame: { url: string } | null | undefined, mainFrame: unknown): boolean {
  if (!frame || !mainFrame) return false;
  if (frame !== mainFrame) return false;
  return isAppUrl(frame.url);
}

/** The till never navigates away from itself. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/**
 * Maps an app:// request URL to a file inside `rootDir`, or null when it is not ours or would leave the folder
 * (`..`, encoded slashes, backslashes, NUL bytes, absolute paths).
 */
export function resolveStaticPath(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (!isAppUrl(url.href)) return null;
  return resolveStaticPathname(rootDir, url.pathname);
}

export function resolveStaticPathname(rootDir: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..' || s.includes(':'))) return null;
  if (segments.length === 0) segments.push('index.html');
  const root = resolve(rootDir);
  const file = resolve(root, ...segments);
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return file;
}

/** Must run before app 'ready': makes app:// a standard, secure scheme so 'self' in the CSP means the app. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/** Serves the built renderer from `rendererDir` at app://counterline/. */
export async function serveAppRequest(
  rendererDir: string,
  request: { url: string; method: string },
): Promise<Response> {
  const headers = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('Method not allowed', { status: 405, headers });
  }
  const file = resolveStaticPath(rendererDir, request.url);
  if (!file) return new Response('Not found', { status: 404, headers });
  try {
    const body = await readFile(file);
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: { ...headers, 'Content-Type': mimeTypeOf(file) },
    });
  } catch {
    return new Response('Not found', { status: 404, headers });
  }
}

export interface SecurityTargets {
  session: Session;
  protocol: Pick<Protocol, 'handle'>;
  rendererDir: string;
}

/** Session-wide rules: CSP on every response, no permissions, and the app:// file server. Call once after ready. */
export function applySecurity({ session, protocol, rendererDir }: SecurityTargets): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders = { ...(details.responseHeaders ?? {}) };
    for (const key of Object.keys(responseHeaders)) {
      if (key.toLowerCase() === 'content-security-policy') delete responseHeaders[key];
    }
    responseHeaders['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders });
  });
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request));
}

/** Per-window rules: no navigation away, no new windows, no webviews. */
export function secureWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event: ElectronEvent, url: string) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event: ElectronEvent, url: string) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event: ElectronEvent) => event.preventDefault());
}
