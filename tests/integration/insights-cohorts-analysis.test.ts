import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClvReport, Cohorts, CustomerAnalysis } from '../../src/shared/contract/insights';
import type { CompleteResult } from '../../src/shared/contract/sales';
import { DEMO_PRODUCTS } from '../helpers';
import { type InsightsShop, insightsShop, kampala } from './insights-fixture';

const P = 4_500; // a piece of flour, UGX
const MILK = DEMO_PRODUCTS.find((p) => p.sku === 'MR-013') as (typeof DEMO_PRODUCTS)[number];

describe('insights.cohorts: customers by the month of their first sale, and who came back (Africa/Kampala)', () => {
  let s: InsightsShop;
  beforeEach(async () => {
    s = await insightsShop();
  });
  afterEach(() => s.app.dispose());

  it('puts a customer in the shop-local month of their first sale and counts each later month they bought in once', async () => {
    const a = await s.customer('Amina');
    const b = await s.customer('Brian');
    const c = await s.customer('Cissy');
    const d = await s.customer('Dan');
    const e = await s.customer('Esther');
    await s.sale(d, 1, kampala('2025-12-31', '23:59')); // before the report: in no cohort
    await s.sale(a, 1, kampala('2026-01-31', '23:30')); // 20:30 UTC: January
    const voided = await s.sale(c, 1, kampala('2026-01-15')); // a voided first sale is not the first sale
    await s.voidSale(voided, kampala('2026-01-15', '12:05'));
    await s.sale(b, 1, kampala('2026-02-01', '00:10')); // still 31 January in UTC, February in Kampala
    await s.sale(c, 1, kampala('2026-02-10'));
    await s.sale(null, 5, kampala('2026-02-11')); // a walk-in
    await s.sale(a, 1, kampala('2026-02-28', '23:59')); // offset 1
    await s.sale(a, 1, kampala('2026-02-28', '23:59')); // the same month again: still one customer
    await s.sale(a, 1, kampala('2026-03-01', '00:01')); // offset 2 (28 Feb in UTC)
    await s.sale(b, 1, kampala('2026-03-31', '23:00')); // offset 1 of February
    await s.sale(d, 1, kampala('2026-03-02')); // Dan came back, but his cohort is before the report
    await s.sale(e, 1, kampala('2026-02-05'));
    // Esther was imported with purchases from before Counterline: she was not new in February
    s.app.sqlite.prepare('UPDATE customers SET opening_orders = 4 WHERE id = ?').run(e);
    const r = await s.ok<Cohorts>('insights.cohorts', { from: '2026-01', to: '2026-03' });
    expect(r).toEqual({
      from: '2026-01',
      to: '2026-03',
      leftOut: 1,
      cohorts: [
        {
          month: '2026-01',
          customers: 1,
          retention: [
            { offset: 0, customers: 1, percent: 100 },
            { offset: 1, customers: 1, percent: 100 },
            { offset: 2, customers: 1, percent: 100 },
          ],
        },
        {
          month: '2026-02',
          customers: 2,
          retention: [
            { offset: 0, customers: 2, percent: 100 },
            { offset: 1, customers: 1, percent: 50 },
          ],
        },
        { month: '2026-03', customers: 0, retention: [{ offset: 0, customers: 0, percent: 0 }] },
      ],
    });
  });

  it('counts a customer who first buys later the same day, though first sales are read once a day', async () => {
    const a = await s.customer('Amina');
    await s.sale(a, 1, kampala('2026-04-02', '09:00'));
    const before = await s.ok<Cohorts>('insights.cohorts', { from: '2026-04', to: '2026-04' });
    expect(before.cohorts[0]?.customers).toBe(1);
    const b = await s.customer('Brian');
    await s.sale(b, 1, kampala('2026-04-02', '15:00'));
    const after = await s.ok<Cohorts>('insights.cohorts', { from: '2026-04', to: '2026-04' });
    expect(after.cohorts[0]?.customers).toBe(2);
  });

  it('defaults to the twelve months ending this month, and refuses months in the wrong order or form', async () => {
    s.app.clock.set(kampala('2026-04-30', '23:30'));
    const r = await s.ok<Cohorts>('insights.cohorts', {});
    expect([r.from, r.to, r.cohorts.length]).toEqual(['2025-05', '2026-04', 12]);
    expect(await s.fails('insights.cohorts', { from: '2026-05', to: '2026-04' })).toMatchObject({
      code: 'VALIDATION',
    });
    expect(await s.fails('insights.cohorts', { from: '2026-13' })).toMatchObject({ code: 'VALIDATION' });
    expect(await s.fails('insights.cohorts', { from: '2000-01', to: '2026-01' })).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/more than ten years/),
    });
  });
});

describe('insights.customerAnalysis: one customer on one page', () => {
  let s: InsightsShop;
  beforeEach(async () => {
    s = await insightsShop();
  });
  afterEach(() => s.app.dispose());

  it('gives spend by month, favourites, basket, visit times, payments, debts and points, RFM, rhythm', async () => {
    const a = await s.customer('Amina');
    const milkId = (s.app.sqlite.prepare('SELECT id FROM products WHERE sku = ?').get(MILK.sku) as { id: string }).id;
    // flour and milk on 2 March at 09:30 in Kampala (a Monday), paid by card and on account
    s.app.clock.set(kampala('2026-03-02', '09:30'));
    const mixed = await s.ok<CompleteResult>('sales.complete', {
      cart: {
        customerId: a,
        lines: [
          { productId: s.flourId, qtyMilli: 2_000 },
          { productId: milkId, qtyMilli: 3_000 },
        ],
      },
      payments: [
        { method: 'card', amount: 2 * P },
        { method: 'on_account', amount: 3 * MILK.price },
      ],
      idempotencyKey: 'analysis-mixed',
    });
    const first = await s.sale(a, 4, kampala('2026-01-10', '23:30')); // a Saturday, 23h local (20:30 UTC)
    await s.sale(a, 1, kampala('2026-03-20', '18:00'));
    await s.refund(first, 1, kampala('2026-03-21'));
    s.app.clock.set(kampala('2026-03-31', '12:00'));
    const r = await s.ok<CustomerAnalysis>('insights.customerAnalysis', { customerId: a });
    expect(r.asOf).toBe('2026-03-31');
    expect(r.name).toBe('Amina Shopper');
    expect(r.spendByMonth).toHaveLength(12);
    expect(r.spendByMonth.at(-1)).toEqual({ month: '2026-03', orders: 2, spend: mixed.order.total + P - P });
    expect(r.spendByMonth.at(-3)).toEqual({ month: '2026-01', orders: 1, spend: 4 * P });
    expect(r.spendByMonth[0]?.month).toBe('2025-04');
    expect(r.favouriteProducts.byQuantity.map((p) => [p.name, p.quantityMilli, p.sales])).toEqual([
      ['Maize flour (posho) 1 kg', 7_000, 3],
      [MILK.name, 3_000, 1],
    ]);
    expect(r.favouriteCategories.byQuantity.map((c) => [c.name, c.quantityMilli])).toEqual([
      ['Staples', 7_000],
      ['Dairy', 3_000],
    ]);
    expect(r.basket).toEqual({
      orders: 3,
      averageValue: Math.round((mixed.order.total + 5 * P) / 3),
      averageLines: 1.3,
    });
    expect(r.visits.weekdays).toEqual([1, 0, 0, 0, 1, 1, 0]); // Monday, Friday 20 March, Saturday
    expect(r.visits.hours[23]).toBe(1);
    expect(r.visits.hours[9]).toBe(1);
    expect(r.visits.hours[18]).toBe(1);
    expect(r.paymentMethods).toEqual(
      [
        { method: 'cash', amount: 5 * P },
        { method: 'card', amount: 2 * P },
        { method: 'on_account', amount: 3 * MILK.price },
      ].sort((x, y) => y.amount - x.amount),
    );
    expect(r.balance).toBe(3 * MILK.price);
    expect(r.rfm).toMatchObject({ frequency: 3, recencyDays: 11, segment: expect.any(String) });
    expect(r.rhythm).toMatchObject({ customerId: a, sales: 3, basis: 'own' });
    expect(r.clv).toBeNull(); // no model fitted today yet
    expect(r.opening).toBeNull();
    // once today's model is fitted, the page shows the customer's prediction from it
    await s.ok<ClvReport>('insights.clv', {});
    const again = await s.ok<CustomerAnalysis>('insights.customerAnalysis', { customerId: a });
    expect(again.clv).toMatchObject({ fittedAt: kampala('2026-03-31', '12:00') });
  });

  it('shows the opening figures an import brought', async () => {
    const a = await s.customer('Amina');
    s.app.sqlite
      .prepare('UPDATE customers SET opening_spent = 90000, opening_orders = 12, opening_first_at = ? WHERE id = ?')
      .run(kampala('2024-05-01'), a);
    const r = await s.ok<CustomerAnalysis>('insights.customerAnalysis', { customerId: a });
    expect(r.opening).toEqual({
      spent: 90_000,
      orders: 12,
      firstAt: kampala('2024-05-01'),
      lastAt: null,
      balance: 0,
      points: 0,
    });
    expect(r.basket.orders).toBe(0);
    expect(r.rfm).toBeNull();
  });

  it('answers NOT_FOUND in plain words for an id that is no customer', async () => {
    expect(
      await s.fails('insights.customerAnalysis', { customerId: '01900000-0000-7000-8000-00000000dead' }),
    ).toMatchObject({ code: 'NOT_FOUND', message: 'There is no customer with that id.' });
  });
});
