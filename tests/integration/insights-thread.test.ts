import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/main/app';
import { testClock } from '../../src/shared/clock';
import type { Result } from '../../src/shared/errors';
import { DEMO, signInAs } from '../helpers';

/**
 * The insights reports answered on their own thread (issue 15: off the till's thread) give exactly what the same
 * reports give on the till's thread, with the app's clock and the shop's settings, and errors in the same words.
 */
describe('insights reports on their own thread', { timeout: 120_000 }, () => {
  let dir: string;
  let app: App;
  const call = async (name: string, input: unknown): Promise<unknown> => {
    const r: Result<unknown> = await app.router.call(name, input, { clientKey: 'office' });
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.data;
  };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'counterline-insights-thread-'));
    // the demo shop with six months of life, its clock on a day of its own (not the machine's)
    app = createApp({ dataDir: dir, clock: testClock(Date.UTC(2026, 2, 18, 9)), log: () => {} });
    app.services.system.createDemoShop({ life: true });
    await signInAs((n, i, c) => app.router.call(n, i, { clientKey: c }), DEMO.owner, DEMO.ownerPin, 'office');
  }, 120_000);
  afterAll(() => {
    app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const cases: Array<[string, string, unknown]> = [
    ['topCustomers', 'insights.topCustomers', { days: 90, limit: 15 }],
    ['inactiveCustomers', 'insights.inactiveCustomers', { quietDays: 20 }],
    ['newVsReturning', 'insights.newVsReturning', { from: '2025-10-01', to: '2026-03-18', by: 'month' }],
    ['customerSales', 'insights.customerSales', { from: '2026-01-01', to: '2026-03-18' }],
    ['rfm', 'insights.rfm', {}],
    ['cohorts', 'insights.cohorts', { from: '2025-10', to: '2026-03' }],
  ];

  it.each(cases)('%s gives the same answer on the thread as here', async (method, name, input) => {
    const thread = app.services.insightsThread;
    thread.inThreadBelowCustomers = 1_000_000; // this shop's 300 customers: answered here
    expect(thread.offThread()).toBe(false);
    const here = await call(name, input);
    thread.inThreadBelowCustomers = 0;
    expect(thread.offThread()).toBe(true);
    const there = await call(name, input);
    expect(there).toEqual(here);
    // and what the service itself says, for a report that has rows
    const direct = (app.services.insights as unknown as Record<string, (i: unknown) => unknown>)[method]?.(input);
    expect(there).toEqual(JSON.parse(JSON.stringify(direct)));
  });

  it('the dashboard and a customer list drawn from a segment come from the thread, as of the app’s today', async () => {
    const thread = app.services.insightsThread;
    thread.inThreadBelowCustomers = 1_000_000;
    const dashboardHere = await call('insights.dashboard', {});
    const listHere = await call('insights.customerList', { source: { report: 'rfm', query: {} } });
    thread.inThreadBelowCustomers = 0;
    expect(await call('insights.dashboard', {})).toEqual(dashboardHere);
    expect(await call('insights.customerList', { source: { report: 'rfm', query: {} } })).toEqual(listHere);
    expect((dashboardHere as { asOf: string }).asOf).toBe('2026-03-18');
  });

  it('a date the calendar does not have is refused on the thread in the same words', async () => {
    app.services.insightsThread.inThreadBelowCustomers = 0;
    const r = await app.router.call('insights.topCustomers', { asOf: '2026-02-30' }, { clientKey: 'office' });
    app.services.insightsThread.inThreadBelowCustomers = 1_000_000;
    const here = await app.router.call('insights.topCustomers', { asOf: '2026-02-30' }, { clientKey: 'office' });
    expect(r.ok).toBe(false);
    expect(r).toEqual(here);
  });

  it('a long-running host works out the dashboard on the thread as it starts and again on each new day, not more', async () => {
    const thread = app.services.insightsThread;
    thread.inThreadBelowCustomers = 0;
    const asked: unknown[] = [];
    const run = thread.run.bind(thread);
    thread.run = ((method, input) => {
      asked.push([method, input]);
      return run(method, input);
    }) as typeof thread.run;
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    try {
      thread.startDaily(20);
      await wait(100);
      expect(asked).toEqual([['dashboard', {}]]);
      (app.clock as ReturnType<typeof testClock>).set(Date.UTC(2026, 2, 19, 9));
      await wait(100);
      expect(asked).toEqual([
        ['dashboard', {}],
        ['dashboard', {}],
      ]);
      thread.stopDaily();
      (app.clock as ReturnType<typeof testClock>).set(Date.UTC(2026, 2, 20, 9));
      await wait(100);
      expect(asked).toHaveLength(2);
    } finally {
      thread.stopDaily();
      thread.run = run;
      (app.clock as ReturnType<typeof testClock>).set(Date.UTC(2026, 2, 18, 9));
      thread.inThreadBelowCustomers = 1_000_000;
    }
  });
});
