import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBindAddress, type HttpHost, startHttpHost } from '../../src/main/host/http';
import { makeTestApp, type TestApp } from '../helpers';

describe('browser host', () => {
  let app: TestApp;
  let host: HttpHost;
  const base = () => `http://127.0.0.1:${host.port}`;

  beforeAll(async () => {
    app = makeTestApp();
    host = await startHttpHost({ app, rendererDir: '/nonexistent' });
  });
  afterAll(async () => {
    await host.close();
    app.dispose();
  });

  it('prints a loopback URL carrying a long random token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
  });

  it('answers 401 without the token and changes nothing', async () => {
    const res = await fetch(`${base()}/rpc/system.onboard`, {
      method: 'POST',
      body: JSON.stringify({
        store: { name: 'Evil', country: 'UG', currency: 'UGX', timeZone: 'Africa/Kampala', language: 'en' },
        owner: { name: 'Mallory', pin: '0000' },
      }),
    });
    expect(res.status).toBe(401);
    expect(app.services.settings.isInitialised()).toBe(false);
  });

  it('answers 401 for a wrong token, for pages and the event stream too', async () => {
    for (const path of ['/', '/events', '/rpc/system.status?token=wrong']) {
      const res = await fetch(`${base()}${path}`, { headers: { Authorization: 'Bearer nope' } });
      expect(res.status).toBe(401);
    }
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    // fetch cannot forge Host, so speak HTTP directly
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/rpc/system.status',
          method: 'POST',
          headers: { Authorization: `Bearer ${host.token}`, Host: 'evil.example' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('sets an HttpOnly cookie when opened with the token, and accepts it afterwards', async () => {
    const page = await fetch(`${base()}/?token=${host.token}`);
    const cookie = page.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/cl_token=.*HttpOnly; SameSite=Strict/);
    const res = await fetch(`${base()}/rpc/system.status`, {
      method: 'POST',
      headers: { Cookie: cookie.split(';')[0] as string },
    });
    expect(await res.json()).toMatchObject({ ok: true, data: { initialised: false } });
  });

  it('refuses a body that is not JSON', async () => {
    const res = await fetch(`${base()}/rpc/system.status`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}` },
      body: '{nope',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('streams main-process events to the page', async () => {
    const res = await fetch(`${base()}/events`, { headers: { Authorization: `Bearer ${host.token}` } });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read(); // ": connected"
    app.events.emit('session.locked', { reason: 'manual' });
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain('event: session.locked\ndata: {"reason":"manual"}');
    await reader.cancel();
  });

  it('listens on loopback only unless --allow-lan is given', () => {
    expect(() => checkBindAddress('0.0.0.0', false)).toThrow(/allow-lan/);
    expect(() => checkBindAddress('192.168.1.20', false)).toThrow(/127\.0\.0\.1/);
    expect(() => checkBindAddress('127.0.0.1', false)).not.toThrow();
    expect(() => checkBindAddress('0.0.0.0', true)).not.toThrow();
  });
});
