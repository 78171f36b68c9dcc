import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, localDate, windowEnding } from '../../src/main/domains/insights/days';
import { CustomerInsights } from '../../src/main/domains/insights/service';
import { type CustomerSpend, spendByCustomer } from '../../src/main/domains/insights/spend';
import type { SalesOrder } from '../../src/shared/contract/sales';
import { type InsightsShop, insightsShop, kampala } from './insights-fixture';

const byId = (rows: readonly Readonly<CustomerSpend>[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));

/** one of the rows still live, or undefined */
const pick = <T extends { live: boolean }>(rows: T[], n: number) => {
  const live = rows.filter((r) => r.live);
  return live[n % Math.max(1, live.length)];
};

const event = fc.record({
  kind: fc.constantFrom('sale', 'sale', 'now', 'now', 'refund', 'void', 'cancel', 'merge'),
  /** 0–2 a customer, 3 a walk-in */
  who: fc.integer({ min: 0, max: 3 }),
  pieces: fc.integer({ min: 1, max: 3 }),
  pick: fc.nat(),
  /** the day of the event: not in time order, so the clock goes back as well as on */
  day: fc.integer({ min: 0, max: 4 }),
  minute: fc.integer({ min: 0, max: 1439 }),
});

/** Every report part the kept service answers, against a service that has kept nothing. */
function expectSameAsFresh(s: InsightsShop) {
  const kept = s.app.services.insights;
  const fresh = new CustomerInsights(
    { sqlite: s.app.sqlite, clock: s.app.clock },
    s.app.services.settings,
    s.app.services.insightsSettings,
  );
  const { timeZone } = s.app.services.settings.store();
  const today = localDate(s.app.clock.now(), timeZone);
  // windows as of today move with the clock; the fixed ones keep their past parts across events
  for (const asOf of [today, addDays(today, -2), '2026-03-02', '2026-03-04'])
    for (const days of [1, 7, 30]) {
      const w = windowEnding(asOf, days, timeZone);
      expect(byId(kept.spend(w))).toEqual(byId(spendByCustomer(s.app.sqlite, w)));
    }
  for (const range of [
    { from: addDays(today, -20), to: addDays(today, 1), by: 'day' as const },
    { from: '2026-02-20', to: '2026-03-04', by: 'day' as const },
  ])
    expect(kept.newVsReturning(range)).toEqual(fresh.newVsReturning(range));
  expect(kept.rfm({ days: 30 })).toEqual(fresh.rfm({ days: 30 }));
  expect(kept.cohorts({ from: '2026-02', to: '2026-04' })).toEqual(fresh.cohorts({ from: '2026-02', to: '2026-04' }));
}

describe('reports keep the days before today while nothing under them changes (decision 0032)', () => {
  it('read a void of yesterday’s sale, a merge and a sale dated in the past at the next call', async () => {
    const s = await insightsShop();
    try {
      const [ann, ben] = [await s.customer('Ann'), await s.customer('Ben')];
      const older = await s.sale(ann, 2, kampala('2026-03-01'));
      await s.sale(ben, 1, kampala('2026-03-02'));
      s.app.clock.set(kampala('2026-03-03', '09:00'));
      const spend = () =>
        Object.fromEntries(
          s.app.services.insights.spend(windowEnding('2026-03-03', 7, 'Africa/Kampala')).map((r) => [r.id, r.spend]),
        );
      expect(spend()).toEqual({ [ann]: 9_000, [ben]: 4_500 });
      await s.sale(ann, 1, kampala('2026-03-03', '10:00'));
      expect(spend()).toEqual({ [ann]: 13_500, [ben]: 4_500 });
      await s.voidSale(older, kampala('2026-03-03', '10:05'));
      expect(spend()).toEqual({ [ann]: 4_500, [ben]: 4_500 });
      s.app.clock.set(kampala('2026-03-03', '10:10'));
      await s.merge(ann, ben);
      expect(spend()).toEqual({ [ann]: 9_000 });
      await s.sale(ann, 1, kampala('2026-02-28'));
      s.app.clock.set(kampala('2026-03-03', '11:00'));
      expect(spend()).toEqual({ [ann]: 13_500 });
      // names are kept too, until a customer changes
      const names = () => s.app.services.insights.rfm({}).customers.map((c) => c.name);
      expect(names()).toEqual(['Ann Shopper']);
      await s.ok('customers.update', { id: ann, firstName: 'Anne' });
      expect(names()).toEqual(['Anne Shopper']);
    } finally {
      s.app.dispose();
    }
  });

  it('answer as a fresh read would after every sale, refund, void, cancel and merge, with the clock going back and on', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 12 }), async (events) => {
        const s = await insightsShop();
        try {
          const ids = [await s.customer('Ann'), await s.customer('Ben'), await s.customer('Cat')];
          const sales: Array<{ order: SalesOrder; live: boolean }> = [];
          const refunds: Array<{ id: string; live: boolean }> = [];
          expectSameAsFresh(s);
          for (const e of events) {
            // sales on any day; a sale 'now', a refund, a void, a cancel and a merge a minute after the last event,
            // as at a till, so they change days whose parts were kept
            const at =
              e.kind === 'sale'
                ? kampala(addDays('2026-03-01', e.day), '00:00') + e.minute * 60_000
                : s.app.clock.now() + 60_000;
            if (e.kind === 'sale' || e.kind === 'now') {
              const order = await s.sale(e.who < 3 ? (ids[e.who] as string) : null, e.pieces, at);
              sales.push({ order, live: true });
            } else if (e.kind === 'refund') {
              const target = pick(sales, e.pick);
              if (!target) continue;
              const r = await s.refund(target.order, 1, at);
              refunds.push({ id: r.id, live: true });
              target.live = false; // one refund a sale: what is left to refund stays simple
            } else if (e.kind === 'void') {
              // a sale with a refund standing cannot be voided: only untouched ones
              const target = pick(sales, e.pick);
              if (!target) continue;
              await s.voidSale(target.order, at);
              target.live = false;
            } else if (e.kind === 'cancel') {
              const target = pick(refunds, e.pick);
              if (!target) continue;
              await s.cancelRefund(target.id, at);
              target.live = false;
            } else {
              const [a, b] = [ids[e.pick % 3], ids[(e.pick + 1) % 3]] as [string, string];
              if (a === b) continue;
              s.app.clock.set(at);
              await s.merge(a, b);
              ids.forEach((id, i) => {
                if (id === b) ids[i] = a;
              });
            }
            expectSameAsFresh(s);
            expectSameAsFresh(s);
          }
        } finally {
          s.app.dispose();
        }
      }),
      { numRuns: 12, seed: 32, interruptAfterTimeLimit: 200_000, markInterruptAsFailure: true },
    );
  }, 240_000);
});
