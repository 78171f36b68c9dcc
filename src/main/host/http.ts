import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import type { App } from '../app';
import { mimeTypeOf } from './content-types';
import { CONTENT_SECURITY_POLICY } from './csp';
import type { MovableClock } from './test-clock';

export interface HttpHostOptions {
  app: App;
  rendererDir: string;
  host?: string;
  port?: number;
  /** fixed token for tests; a random one per run otherwise */
  token?: string;
  /** only in e2e runs (COUNTERLINE_TEST_CLOCK=1): POST /test/clock moves the app's clock */
  testClock?: MovableClock;
}

export interface HttpHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

// a customer import uploads its file as base64 in one request: 50 MB of file is ~67 MB of JSON
const MAX_BODY = 72 * 1024 * 1024;
const CLIENT_KEY = /^[A-Za-z0-9_-]{8,64}$/;
/** where SMS gateways post replies (see MessagingService.hookReply); a reply is a few hundred bytes */
const HOOK_PREFIX = '/hooks/sms/';
const MAX_HOOK_BODY = 16 * 1024;
/** /r/<sale id>.<signature>: a receipt link (see MessagingService.receiptLink) */
const RECEIPT_LINK = /^\/r\/([0-9A-Za-z-]{8,64})\.([A-Za-z0-9_-]{22})$/;

/**
 * The browser host: the same router as Electron's IPC, over HTTP on loopback. Every request needs the per-run token
 * (query string once, then an HttpOnly cookie, or a Bearer header for scripts); the Host header must be ours so a
 * web page elsewhere cannot reach the till through DNS rebinding.
 */
export async function startHttpHost(opts: HttpHostOptions): Promise<HttpHost> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const tokenBuf = Buffer.from(token);
  let port = opts.port ?? 0;
  const streams = new Set<ServerResponse>();

  const tokenOk = (candidate: string | undefined | null): boolean => {
    if (!candidate) return false;
    const b = Buffer.from(candidate);
    return b.length === tokenBuf.length && timingSafeEqual(b, tokenBuf);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      console.error('browser host error', err);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Server error' } });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    // an SMS gateway posting a customer's reply reaches the till through the shop's tunnel or proxy, under another
    // host name and without the token: the secret in the path is its key, and all it can do is withdraw a consent
    if (url.pathname.startsWith(HOOK_PREFIX)) return smsHook(req, res, url.pathname.slice(HOOK_PREFIX.length));
    // a receipt link sent to a customer: the signature in it is the key, and it gives that one receipt only
    const link = RECEIPT_LINK.exec(url.pathname);
    if (link && req.method === 'GET') return receiptLink(res, link[1] as string, link[2] as string);
    const allowedHosts = new Set([`${host}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`]);
    if (!allowedHosts.has(req.headers.host ?? '')) {
      sendJson(res, 421, { ok: false, error: { code: 'FORBIDDEN', message: 'Unknown host' } });
      return;
    }
    // a page of another site never calls the till, even with the cookie (SameSite=Strict keeps it out already)
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) {
      sendJson(res, 403, {
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Requests from other sites are refused.' },
      });
      return;
    }
    const queryToken = url.searchParams.get('token');
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const cookie = parseCookies(req.headers.cookie).cl_token;
    const authorised = tokenOk(queryToken) || tokenOk(bearer) || tokenOk(cookie);
    if (!authorised) {
      sendJson(res, 401, {
        ok: false,
        error: {
          code: 'UNAUTHENTICATED',
          message: 'Open Counterline with the address it printed (it includes a token).',
        },
      });
      return;
    }
    if (tokenOk(queryToken)) {
      res.setHeader('Set-Cookie', `cl_token=${token}; HttpOnly; SameSite=Strict; Path=/`);
    }
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');

    if (url.pathname.startsWith('/rpc/')) return rpc(req, res, decodeURIComponent(url.pathname.slice(5)));
    if (url.pathname === '/events') return eventStream(req, res);
    if (url.pathname === '/test/clock' && opts.testClock && req.method === 'POST') {
      const body = JSON.parse((await readBody(req)).toString() || '{}') as { offsetMs?: unknown };
      if (typeof body.offsetMs === 'number' && Number.isInteger(body.offsetMs)) opts.testClock.setOffset(body.offsetMs);
      sendJson(res, 200, { ok: true, data: { offsetMs: opts.testClock.offset(), now: opts.testClock.now() } });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { ok: false, error: { code: 'VALIDATION', message: 'Method not allowed' } });
      return;
    }
    serveStatic(url.pathname, res);
  }

  async function rpc(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 405, { ok: false, error: { code: 'VALIDATION', message: 'Use POST for /rpc' } });
      return;
    }
    if (!opts.app.router.has(name)) {
      sendJson(res, 404, {
        ok: false,
        error: { code: 'NOT_FOUND', message: `There is no procedure called ${name.slice(0, 80)}.` },
      });
      return;
    }
    let input: unknown;
    try {
      const body = await readBody(req);
      input = body.length === 0 ? null : JSON.parse(body.toString('utf8'));
    } catch (err) {
      sendJson(res, 400, {
        ok: false,
        error: {
          code: 'VALIDATION',
          message:
            (err as Error).message === 'too large' ? 'The request is too large.' : 'The request body is not JSON.',
        },
      });
      return;
    }
    const clientHeader = req.headers['x-counterline-client'];
    const clientKey =
      typeof clientHeader === 'string' && CLIENT_KEY.test(clientHeader) ? `http:${clientHeader}` : 'http:default';
    const result = await opts.app.router.call(name, input, { clientKey });
    sendJson(res, 200, result);
  }

  async function smsHook(req: IncomingMessage, res: ServerResponse, secret: string): Promise<void> {
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'POST' }).end();
      return;
    }
    let body: string;
    try {
      body = (await readBody(req, MAX_HOOK_BODY)).toString('utf8');
    } catch {
      res.writeHead(413).end();
      return;
    }
    const outcome = opts.app.services.messaging.hookReply(secret, body, req.headers['content-type'] ?? '');
    if (outcome === 'unknown') res.writeHead(404).end();
    else if (outcome === 'unreadable') res.writeHead(400, { 'Content-Type': 'text/plain' }).end('No sender and text.');
    else res.writeHead(200, { 'Content-Type': 'text/plain' }).end('OK');
  }

  async function receiptLink(res: ServerResponse, orderId: string, mac: string): Promise<void> {
    const pdf = await opts.app.services.messaging.receiptByLink(orderId, mac);
    if (!pdf) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('There is no receipt at this address.');
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="${pdf.fileName}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(Buffer.from(pdf.base64, 'base64'));
  }

  function eventStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 25_000);
    req.on('close', () => {
      clearInterval(heartbeat);
      streams.delete(res);
    });
  }

  const unsubscribe = opts.app.events.subscribe((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const s of streams) s.write(frame);
  });

  function serveStatic(pathname: string, res: ServerResponse): void {
    const root = normalize(opts.rendererDir);
    let file = normalize(join(root, pathname));
    if (!file.startsWith(root + sep) && file !== root) file = join(root, 'index.html');
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    if (!existsSync(file)) {
      sendJson(res, 503, {
        ok: false,
        error: { code: 'INTERNAL', message: 'The screens are not built yet: run `npm run build`.' },
      });
      return;
    }
    res.writeHead(200, {
      'Content-Type': mimeTypeOf(file),
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    });
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const s of streams) s.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(text);
}

function readBody(req: IncomingMessage, max = MAX_BODY): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

/** Loopback only, unless the owner explicitly opens the till to the shop's network. */
export function checkBindAddress(host: string, allowLan: boolean): void {
  const loopback = host === '127.0.0.1' || host === '::1' || host === 'localhost';
  if (!loopback && !allowLan) {
    throw new Error(
      `Refusing to listen on ${host}: the till only listens on 127.0.0.1 unless you add --allow-lan (anyone on the network with the token could then use it).`,
    );
  }
}
