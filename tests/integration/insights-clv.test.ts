import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ClvHoldout, ClvReport } from '../../src/shared/contract/insights';
import { type InsightsShop, insightsShop, kampala } from './insights-fixture';

const P = 4_500; // a piece of flour, UGX
const addDays = (ymd: string, n: number) =>
  new Date(Date.parse(`${ymd}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Twelve customers with a rhythm each, from 2026-01-05 to 2026-06-30: customer k buys k+1 pieces every 10·(k%4+1)
 * days; the even ones stop buying after March. Walk-ins buy too; C03 has a refund; a late comer first buys on
 * 30 June. Sales run through the real till, in time order.
 */
async function population(s: InsightsShop) {
  const ids: string[] = [];
  for (let k = 0; k < 12; k++) ids.push(await s.customer(`C${String(k).padStart(2, '0')}`));
  const events: Array<{ at: number; who: string | null; pieces: number }> = [];
  for (let k = 0; k < 12; k++) {
    const every = 10 * ((k % 4) + 1);
    const stop = k % 2 === 0 ? '2026-03-31' : '2026-06-30';
    for (let d = addDays('2026-01-05', k); d <= stop; d = addDays(d, every))
      events.push({ at: kampala(d, '10:00') + k * 60_000, who: ids[k] as string, pieces: k + 1 });
  }
  for (let d = '2026-01-05'; d <= '2026-06-30'; d = addDays(d, 30))
    events.push({ at: kampala(d, '09:00'), who: null, pieces: 9 });
  events.sort((a, b) => a.at - b.at);
  const orders = [];
  for (const e of events) orders.push({ ...(await s.sale(e.who, e.pieces, e.at)), who: e.who });
  const c3 = orders.find((o) => o.who === ids[3]);
  if (!c3) throw new Error('no sale of C03');
  await s.refund(c3, 1, kampala('2026-06-30', '18:00'));
  const late = await s.customer('Late', 'Comer');
  await s.sale(late, 1, kampala('2026-06-30', '12:00'));
  return { ids, orders, late };
}

describe('insights.clv: BG/NBD + Gamma-Gamma lifetime value on the shop’s own sales', { timeout: 120_000 }, () => {
  let s: InsightsShop;
  let ids: string[];
  let orders: Awaited<ReturnType<typeof population>>['orders'];
  let late: string;
  beforeAll(async () => {
    s = await insightsShop();
    ({ ids, orders, late } = await population(s));
  }, 120_000);
  afterAll(() => s.app.dispose());
  beforeEach(() => {
    s.app.services.insights.clvModels.inThreadBelowCustomers = 3_000;
  });

  it('lists every customer with a sale by predicted value, with historic spend, in whole minor units', async () => {
    s.app.clock.set(kampala('2026-07-01', '08:00'));
    const r = await s.ok<ClvReport>('insights.clv', { limit: 100 });
    expect(r.asOf).toBe('2026-07-01');
    expect(r.currency).toBe('UGX');
    expect(r.total).toBe(13);
    expect(r.model.customers).toBe(13);
    expect(r.model.bgNbd).not.toBeNull();
    expect(r.model.gammaGamma).not.toBeNull();
    expect(r.model.calibrationEnd).toBe('2026-07-01');
    expect(r.model.fittedAt).toBe(kampala('2026-07-01', '08:00'));
    expect(r.customers.map((c) => c.id).sort()).toEqual([...ids, late].sort());
    for (let i = 1; i < r.customers.length; i++)
      expect((r.customers[i - 1]?.predicted12m as number) >= (r.customers[i]?.predicted12m as number)).toBe(true);
    for (const c of r.customers) {
      expect(Number.isInteger(c.historic365)).toBe(true);
      expect(Number.isInteger(c.predicted12m)).toBe(true);
      expect(Number.isInteger(c.expectedAov)).toBe(true);
      expect(c.pAlive).toBeGreaterThanOrEqual(0);
      expect(c.pAlive).toBeLessThanOrEqual(1);
      const k = ids.indexOf(c.id);
      if (k < 0) continue; // the late comer
      const bought = orders.filter((o) => o.who === c.id).reduce((t, o) => t + o.total, 0);
      expect(c.historicAll).toBe(bought - (k === 3 ? P : 0));
      expect(c.historic365).toBe(c.historicAll);
    }
    // the customers who stopped in March are less likely alive than those who bought last week at the same pace
    const byId = new Map(r.customers.map((c) => [c.id, c]));
    expect(byId.get(ids[4] as string)?.pAlive as number).toBeLessThan(byId.get(ids[5] as string)?.pAlive as number);
    expect(byId.get(ids[4] as string)?.predicted12m as number).toBeLessThan(
      byId.get(ids[5] as string)?.predicted12m as number,
    );
    // a page of the same list
    const page = await s.ok<ClvReport>('insights.clv', { offset: 3, limit: 2 });
    expect(page.customers.map((c) => c.id)).toEqual(r.customers.slice(3, 5).map((c) => c.id));
  });

  it('keeps the fit until the next shop-local day, and fits the same on its worker thread', async () => {
    s.app.clock.set(kampala('2026-07-01', '08:00'));
    const first = await s.ok<ClvReport>('insights.clv', {});
    s.app.clock.set(kampala('2026-07-01', '23:59'));
    const later = await s.ok<ClvReport>('insights.clv', {});
    expect(later.model.fittedAt).toBe(first.model.fittedAt);
    // 00:01 in Kampala is the next day: a new fit, here on the worker (as a shop of any size does)
    s.app.services.insights.clvModels.inThreadBelowCustomers = 0;
    s.app.clock.set(kampala('2026-07-02', '00:01'));
    const next = await s.ok<ClvReport>('insights.clv', { asOf: '2026-07-01', limit: 50 });
    expect(next.model.fittedAt).toBe(kampala('2026-07-02', '00:01'));
    expect(next.model.bgNbd).toEqual(first.model.bgNbd);
    expect(next.model.gammaGamma).toEqual(first.model.gammaGamma);
    expect(next.customers).toEqual(first.customers);
  });

  it('holds out the last days: fits on what came before and counts the purchases that happened in them', async () => {
    // the late comer's first sale is in the holdout: not in the model
    s.app.clock.set(kampala('2026-07-01', '08:00'));
    const h = await s.ok<ClvHoldout>('insights.clvHoldout', { asOf: '2026-06-30', holdoutDays: 30 });
    expect(h.model.calibrationEnd).toBe('2026-05-31');
    expect(h.customers).toBe(12);
    const inHoldout = orders.filter(
      (o) =>
        o.who !== null &&
        o.completedAt >= kampala('2026-06-01', '00:00') &&
        o.completedAt < kampala('2026-07-01', '00:00'),
    );
    expect(inHoldout.every((o) => ids.includes(o.who as string))).toBe(true);
    expect(h.actual).toBe(inHoldout.length); // one sale a day per customer here
    expect(h.byFrequency.map((g) => g.frequency)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(h.byFrequency.reduce((t, g) => t + g.actual, 0)).toBe(h.actual);
    expect(h.byFrequency.reduce((t, g) => t + g.customers, 0)).toBe(12);
    expect(h.predicted).toBeGreaterThan(0);
  });

  it('says nothing it cannot know: with too few customers the model and predictions are null', async () => {
    const s = await insightsShop();
    const a = await s.customer('Amina');
    await s.sale(a, 2, kampala('2026-03-01'));
    await s.sale(a, 2, kampala('2026-03-09'));
    s.app.clock.set(kampala('2026-03-10'));
    const r = await s.ok<ClvReport>('insights.clv', {});
    expect(r.model.bgNbd).toBeNull();
    expect(r.customers).toEqual([
      {
        id: a,
        name: 'Amina Shopper',
        historic365: 4 * P,
        historicAll: 4 * P,
        expectedPurchases12m: null,
        expectedAov: 2 * P,
        predicted12m: null,
        pAlive: null,
      },
    ]);
    s.app.dispose();
  });

  it('refuses a bad input in words', async () => {
    expect(await s.fails('insights.clv', { limit: 0 })).toMatchObject({ code: 'VALIDATION' });
    expect(await s.fails('insights.clvHoldout', { holdoutDays: 3 })).toMatchObject({ code: 'VALIDATION' });
    expect(await s.fails('insights.clv', { asOf: '2026-02-30' })).toMatchObject({ code: 'VALIDATION' });
  });
});
