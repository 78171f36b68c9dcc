import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../src/main/events';
import { forwardEvents, makeIpcHandler } from '../../src/main/host/ipc';
import { electronSystemPrint, type PdfWindow, type PdfWindowOptions } from '../../src/main/host/system-print';
import {
  isAllowedNavigation,
  isTrustedSender,
  resolveStaticPath,
  resolveStaticPathname,
  windowOptions,
} from '../../src/main/security';
import { type EventMessage, makeBridge } from '../../src/preload/bridge';
import { channelOf, IPC_EVENT_CHANNEL } from '../../src/shared/bridge';

// Nothing here may load the electron package at runtime: without its binary, its main module tries to download it.

describe('window options', () => {
  it('locks the renderer down', () => {
    const opts = windowOptions('/app/out/preload/index.cjs');
    expect(opts.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    });
    expect(opts.show).toBe(false);
    expect(opts.minWidth).toBeGreaterThan(0);
    expect(opts.backgroundColor).toMatch(/^#/);
  });
});

describe('trusted senders', () => {
  const mainFrame = { url: 'app://counterline/index.html' };
  it('accepts the main frame showing the app', () => {
    expect(isTrustedSender(mainFrame, mainFrame)).toBe(true);
  });
  it('rejects a subframe, even one at the app origin', () => {
    expect(isTrustedSender({ url: 'app://counterline/index.html' }, mainFrame)).toBe(false);
  });
  it('rejects the main frame once it shows a foreign origin', () => {
    const frame = { url: 'https://evil.example/' };
    expect(isTrustedSender(frame, frame)).toBe(false);
    const lookalike = { url: 'app://counterline.evil.example/index.html' };
    expect(isTrustedSender(lookalike, lookalike)).toBe(false);
  });
  it('rejects a missing frame', () => {
    expect(isTrustedSender(null, mainFrame)).toBe(false);
    expect(isTrustedSender(null, null)).toBe(false);
  });
});

describe('navigation', () => {
  it('stays inside the app', () => {
    expect(isAllowedNavigation('app://counterline/index.html')).toBe(true);
    expect(isAllowedNavigation('https://evil.example/')).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd')).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)')).toBe(false);
    expect(isAllowedNavigation('not a url')).toBe(false);
  });
});

describe('app:// file server', () => {
  const root = resolve('/srv/counterline/out/renderer');
  it('maps app paths into the renderer folder', () => {
    expect(resolveStaticPath(root, 'app://counterline/')).toBe(join(root, 'index.html'));
    expect(resolveStaticPath(root, 'app://counterline/index.html')).toBe(join(root, 'index.html'));
    expect(resolveStaticPath(root, 'app://counterline/assets/main-abc.js?v=1')).toBe(
      join(root, 'assets', 'main-abc.js'),
    );
  });
  it('refuses to leave the folder', () => {
    expect(resolveStaticPathname(root, '/../../etc/passwd')).toBeNull();
    expect(resolveStaticPathname(root, '/assets/../../secret')).toBeNull();
    // The URL parser already folds %2e%2e segments at the root, so this can only land inside the folder.
    expect(resolveStaticPath(root, 'app://counterline/%2e%2e/%2e%2e/etc/passwd')).toBe(join(root, 'etc', 'passwd'));
    expect(resolveStaticPath(root, 'app://counterline/..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolveStaticPath(root, 'app://counterline/..%5c..%5cwindows')).toBeNull();
    expect(resolveStaticPath(root, 'app://counterline/a%00.html')).toBeNull();
    expect(resolveStaticPath(root, 'app://counterline/C:%2fwindows')).toBeNull();
  });
  it('refuses other hosts and schemes', () => {
    expect(resolveStaticPath(root, 'app://other/index.html')).toBeNull();
    expect(resolveStaticPath(root, 'file:///srv/counterline/out/renderer/index.html')).toBeNull();
  });
});

describe('preload bridge', () => {
  function setup() {
    const invoke = vi.fn(async (_channel: string, _input: unknown) => ({ ok: true, data: 'pong' }));
    const listeners = new Set<(m: EventMessage) => void>();
    const subscribe = (l: (m: EventMessage) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    };
    const emit = (m: EventMessage) => {
      for (const l of listeners) l(m);
    };
    const bridge = makeBridge(invoke, subscribe, ['system.ping'], ['settings.changed', 'session.locked']);
    return { invoke, bridge, emit, listeners };
  }

  it('invokes known procedures on their channel', async () => {
    const { invoke, bridge } = setup();
    await expect(bridge.call('system.ping', { a: 1 })).resolves.toEqual({ ok: true, data: 'pong' });
    expect(invoke).toHaveBeenCalledWith(channelOf('system.ping'), { a: 1 });
  });

  it('answers NOT_FOUND for unknown procedures without invoking', async () => {
    const { invoke, bridge } = setup();
    const res = await bridge.call('event', null);
    expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await bridge.call('__proto__', null);
    await bridge.call(42 as unknown as string, null);
    expect(invoke).not.toHaveBeenCalled();
  });

  it('uses the real contract names by default', async () => {
    const invoke = vi.fn(async () => ({ ok: true, data: null }));
    const bridge = makeBridge(invoke, () => () => {});
    await bridge.call('pos:event', null);
    expect(invoke).not.toHaveBeenCalled();
  });

  it('delivers only the subscribed event and stops after unsubscribe', () => {
    const { bridge, emit, listeners } = setup();
    const seen: unknown[] = [];
    const off = bridge.on('settings.changed', (p) => seen.push(p));
    emit({ name: 'session.locked', payload: 'no' });
    emit({ name: 'settings.changed', payload: { keys: ['a'] } });
    expect(seen).toEqual([{ keys: ['a'] }]);
    off();
    expect(listeners.size).toBe(0);
    emit({ name: 'settings.changed', payload: { keys: ['b'] } });
    expect(seen).toHaveLength(1);
  });

  it('refuses unknown events', () => {
    const { bridge } = setup();
    expect(() => bridge.on('audit.appended' as never, () => {})).toThrow();
  });
});

describe('ipc handlers', () => {
  const mainFrame = { url: 'app://counterline/index.html' };
  const router = {
    names: () => ['system.ping'],
    call: vi.fn(async (_name: string, _input: unknown, _ctx: { clientKey: string }) => ({
      ok: true as const,
      data: 1,
    })),
  };

  it('calls the router as this window from the main frame', async () => {
    const handler = makeIpcHandler(router, 'system.ping', () => mainFrame);
    const res = await handler({ senderFrame: mainFrame as never, sender: { id: 7 } }, { x: 1 });
    expect(res).toEqual({ ok: true, data: 1 });
    expect(router.call).toHaveBeenCalledWith('system.ping', { x: 1 }, { clientKey: 'ipc:7' });
  });

  it('refuses other frames', async () => {
    router.call.mockClear();
    const handler = makeIpcHandler(router, 'system.ping', () => mainFrame);
    const res = await handler(
      { senderFrame: { url: 'app://counterline/index.html' } as never, sender: { id: 7 } },
      null,
    );
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(router.call).not.toHaveBeenCalled();
  });

  it('forwards events to live windows', () => {
    const bus = new EventBus();
    const live = { send: vi.fn(), isDestroyed: () => false };
    const dead = { send: vi.fn(), isDestroyed: () => true };
    const off = forwardEvents(bus, () => [live, dead] as never);
    bus.emit('session.locked', {} as never);
    expect(live.send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, { name: 'session.locked', payload: {} });
    expect(dead.send).not.toHaveBeenCalled();
    off();
    bus.emit('session.locked', {} as never);
    expect(live.send).toHaveBeenCalledTimes(1);
  });
});

describe('system print dialog for A4 PDFs', () => {
  it('shows the PDF in a sandboxed viewer window, opens the print dialog once loaded, and removes the file after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-print-'));
    const handlers: Record<string, () => void> = {};
    const calls: string[] = [];
    let seenOptions: PdfWindowOptions | null = null;
    let loaded = '';
    const win: PdfWindow = {
      loadURL: async (url) => {
        loaded = url;
        calls.push('load');
      },
      once: (event, l) => {
        handlers[event] = l;
      },
      show: () => calls.push('show'),
      webContents: {
        once: (event, l) => {
          handlers[event] = l;
        },
        print: (opts) => calls.push(`print silent=${opts.silent}`),
      },
    };
    const print = electronSystemPrint((o) => {
      seenOptions = o;
      return win;
    }, dir);
    await print.printPdf(Buffer.from('%PDF-1.7 test'), 'Invoice S-000001');
    expect(seenOptions).toMatchObject({
      title: 'Invoice S-000001',
      webPreferences: { plugins: true, sandbox: true, contextIsolation: true, nodeIntegration: false },
    });
    const file = fileURLToPath(loaded);
    expect(file.startsWith(dir)).toBe(true);
    expect(readFileSync(file, 'latin1')).toBe('%PDF-1.7 test');
    expect(calls).toEqual(['load']);
    handlers['did-finish-load']?.();
    expect(calls).toEqual(['load', 'show', 'print silent=false']);
    handlers.closed?.();
    await vi.waitFor(() => expect(existsSync(file)).toBe(false));
    rmSync(dir, { recursive: true, force: true });
  });
});
