import { afterEach, describe, expect, it } from 'vitest';
import { type HttpHost, startHttpHost } from '../../src/main/host/http';
import { testClockFromEnv } from '../../src/main/host/test-clock';
import { makeTestApp, type TestApp } from '../helpers';

/** The e2e tests move the browser host's clock; nothing else may. */
describe('the test-only clock offset', () => {
  let app: TestApp | null = null;
  let host: HttpHost | null = null;
  afterEach(async () => {
    await host?.close();
    app?.dispose();
  });

  const post = (h: HttpHost, body: unknown) =>
    fetch(`http://127.0.0.1:${h.port}/test/clock`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${h.token}` },
      body: JSON.stringify(body),
    });

  it('exists only when COUNTERLINE_TEST_CLOCK=1', () => {
    expect(testClockFromEnv({})).toBeNull();
    expect(testClockFromEnv({ COUNTERLINE_TEST_CLOCK: 'true' })).toBeNull();
    const clock = testClockFromEnv({ COUNTERLINE_TEST_CLOCK: '1' });
    const before = Date.now();
    clock?.setOffset(45 * 86_400_000);
    expect(clock?.now()).toBeGreaterThanOrEqual(before + 45 * 86_400_000);
  });

  it('a normal browser host has no /test/clock to call', async () => {
    app = makeTestApp();
    host = await startHttpHost({ app, rendererDir: '/nonexistent' });
    const res = await post(host, { offsetMs: 1000 });
    expect(res.status).toBe(405);
  });

  it('an e2e host moves its clock when asked', async () => {
    app = makeTestApp();
    const testClock = testClockFromEnv({ COUNTERLINE_TEST_CLOCK: '1' }) ?? undefined;
    host = await startHttpHost({ app, rendererDir: '/nonexistent', testClock });
    const res = await post(host, { offsetMs: 86_400_000 });
    expect(await res.json()).toMatchObject({ ok: true, data: { offsetMs: 86_400_000 } });
  });
});
