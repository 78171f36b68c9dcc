import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spendByCustomer } from '../../src/main/domains/insights/spend';
import type { CustomerSalesReport, TopCustomers } from '../../src/shared/contract/insights';
import type { SalesOrder } from '../../src/shared/contract/sales';
import { insightsShop } from './insights-fixture';

const DAY = 86_400_000;
const START = Date.parse('2026-01-01T00:00:00+03:00');
/** Kampala is UTC+3 all year: the oracle's local day is the UTC date three hours on */
const localDay = (at: number) => new Date(at + 3 * 3_600_000).toISOString().slice(0, 10);
const addDays = (ymd: string, n: number) =>
  new Date(Date.parse(`${ymd}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

const event = fc.record({
  kind: fc.constantFrom('sale', 'sale', 'sale', 'refund', 'void', 'cancel'),
  /** 0–2 a customer, 3 a walk-in */
  who: fc.integer({ min: 0, max: 3 }),
  pieces: fc.integer({ min: 1, max: 4 }),
  pick: fc.nat(),
  /** minutes from the start, over 40 days: many land near local midnight */
  minute: fc.integer({ min: 0, max: 40 * 1440 }),
});

describe('Σ per-customer spend = Σ sales − Σ refunds in every window (fast-check, real services)', () => {
  it('holds for windows of 7 and 30 days and for the customer sales report, whatever the sales, refunds, voids and cancels', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { minLength: 1, maxLength: 14 }),
        fc.integer({ min: 0, max: 40 }),
        async (events, asOfOffset) => {
          const s = await insightsShop();
          try {
            const ids = [await s.customer('Ann'), await s.customer('Ben'), await s.customer('Cat')];
            const sales: Array<{ order: SalesOrder; customerId: string | null; left: number; voided: boolean }> = [];
            const refunds: Array<{
              id: string;
              sale: number;
              customerId: string | null;
              total: number;
              at: number;
              live: boolean;
            }> = [];
            for (const e of [...events].sort((a, b) => a.minute - b.minute)) {
              const at = START + e.minute * 60_000;
              if (e.kind === 'sale') {
                const customerId = e.who < 3 ? (ids[e.who] as string) : null;
                const order = await s.sale(customerId, e.pieces, at);
                sales.push({ order, customerId, left: e.pieces, voided: false });
              } else if (e.kind === 'refund') {
                const open = sales.filter((x) => !x.voided && x.left > 0);
                const target = open[e.pick % Math.max(1, open.length)];
                if (!target) continue;
                const pieces = 1 + (e.pieces % target.left);
                const r = await s.refund(target.order, pieces, at);
                target.left -= pieces;
                const sale = sales.indexOf(target);
                refunds.push({ id: r.id, sale, customerId: target.customerId, total: r.total, at, live: true });
              } else if (e.kind === 'void') {
                // a sale with refunds standing cannot be voided
                const open = sales.filter((x, i) => !x.voided && !refunds.some((r) => r.live && r.sale === i));
                const target = open[e.pick % Math.max(1, open.length)];
                if (!target) continue;
                await s.voidSale(target.order, at);
                target.voided = true;
              } else {
                const live = refunds.filter((r) => r.live);
                const target = live[e.pick % Math.max(1, live.length)];
                if (!target) continue;
                await s.cancelRefund(target.id, at);
                target.live = false;
              }
            }
            const asOf = addDays('2026-01-01', asOfOffset);
            for (const days of [7, 30]) {
              const first = addDays(asOf, -(days - 1));
              const inWindow = (at: number) => localDay(at) >= first && localDay(at) <= asOf;
              // the oracle: per customer, Σ counted sales − Σ counted refunds on their own local days
              const want = new Map<string, number>();
              for (const x of sales)
                if (x.customerId && !x.voided && inWindow(x.order.completedAt))
                  want.set(x.customerId, (want.get(x.customerId) ?? 0) + x.order.total);
              for (const r of refunds)
                if (r.customerId && r.live && inWindow(r.at))
                  want.set(r.customerId, (want.get(r.customerId) ?? 0) - r.total);
              const total = [...want.values()].reduce((a, b) => a + b, 0);

              const w = {
                start: Date.parse(`${first}T00:00:00+03:00`),
                end: Date.parse(`${addDays(asOf, 1)}T00:00:00+03:00`),
              };
              const got = spendByCustomer(s.app.sqlite, w);
              expect(got.reduce((a, r) => a + r.spend, 0)).toBe(total);
              expect(Object.fromEntries(got.map((r) => [r.id, r.spend]))).toEqual(Object.fromEntries(want));

              const report = await s.ok<CustomerSalesReport>('insights.customerSales', { from: first, to: asOf });
              expect(report.customers.reduce((a, r) => a + r.net, 0)).toBe(total);
              expect(report.totals.net).toBe(total);

              const top = await s.ok<TopCustomers>('insights.topCustomers', { asOf, days, limit: 100 });
              const positive = [...want].filter(([, v]) => v > 0);
              expect(top.customers.reduce((a, r) => a + r.spend, 0)).toBe(positive.reduce((a, [, v]) => a + v, 0));
              expect(top.customers.map((c) => c.id)).toEqual(
                positive.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id),
              );
            }
          } finally {
            s.app.dispose();
          }
        },
      ),
      // a failure shrinks for minutes (a shop per run): stop shrinking after 200 s and report what it has
      { numRuns: 12, seed: 15, interruptAfterTimeLimit: 200_000, markInterruptAsFailure: true },
    );
  }, 240_000);
});
