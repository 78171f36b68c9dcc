import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Product } from '../../src/shared/contract/catalog';
import type { SalesByReport, Takings } from '../../src/shared/contract/reports';
import type { CompleteResult } from '../../src/shared/contract/sales';
import { DEMO, DEMO_PRODUCTS, makeTestApp, signInAs, type TestApp } from '../helpers';

const code = (sku: string) => DEMO_PRODUCTS.find((p) => p.sku === sku)?.barcode as string;
const HOUR = 3_600_000;

describe('the Reports screen: daily takings and sales by staff, product and hour', () => {
  let app: TestApp;
  let key = 0;
  const ok = async <T>(name: string, input: unknown = null, client = 'test-client'): Promise<T> => {
    const res = await app.call(name, input, client);
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };
  let sugar: Product;
  let beans: Product;
  const sell = (product: Product, qty: number, payments: unknown[]) =>
    ok<CompleteResult>('sales.complete', {
      cart: { customerId: null, lines: [{ productId: product.id, qtyMilli: qty * 1000 }] },
      payments,
      idempotencyKey: `reports-test-${++key}`,
    });

  /** time passes at the till: the session locks, and the manager signs in again */
  const later = async (ms: number) => {
    app.clock.advance(ms);
    await signInAs(app.call, DEMO.manager, DEMO.managerPin);
  };

  beforeEach(async () => {
    app = makeTestApp(); // 2026-01-05 09:00 UTC: 12:00 in Kampala
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.manager, DEMO.managerPin);
    sugar = await ok<Product>('catalog.byBarcode', { code: code('MR-003') });
    beans = await ok<Product>('catalog.byBarcode', { code: code('MR-004') });
  });
  afterEach(() => app.dispose());

  it('adds up each shop day by payment method, refunds and debt payments apart, voids left out', async () => {
    const first = await sell(sugar, 2, [{ method: 'cash', amount: 20_000 }]); // 10,000, change 10,000
    await sell(sugar, 1, [{ method: 'card', amount: 5_000 }]);
    const voided = await sell(sugar, 1, [{ method: 'cash', amount: 5_000 }]);
    await ok('sales.void', { id: voided.order.id, reason: 'wrong item' });
    await later(12 * HOUR); // 00:00 next day in Kampala
    await sell(sugar, 3, [{ method: 'mobile_money', amount: 15_000, reference: 'MM123' }]);
    await ok('refunds.create', {
      salesOrderId: first.order.id,
      lines: [{ salesLineId: first.order.lines[0]?.id, qtyMilli: 1000, restock: true }],
      method: 'cash',
      reason: 'damaged',
      idempotencyKey: 'reports-refund-1',
    });
    const t = await ok<Takings>('reports.takings', { from: '2026-01-04', to: '2026-01-06' });
    expect(t.days.map((d) => d.day)).toEqual(['2026-01-04', '2026-01-05', '2026-01-06']);
    expect(t.days[0]).toMatchObject({ orders: 0, sales: [], taken: 0 });
    expect(t.days[1]).toMatchObject({
      orders: 2,
      sales: [
        { method: 'cash', amount: 10_000 },
        { method: 'card', amount: 5_000 },
      ],
      taken: 15_000,
    });
    expect(t.days[2]).toMatchObject({
      orders: 1,
      sales: [{ method: 'mobile_money', amount: 15_000 }],
      refunds: [{ method: 'cash', amount: 5_000 }],
      taken: 10_000,
    });
    expect(t.totals).toMatchObject({ orders: 3, taken: 25_000 });
    expect(t.methods).toEqual(['cash', 'card', 'mobile_money']);
  });

  it('ranks products and staff by what they sold, and puts sales in the shop-local hour they happened', async () => {
    await sell(sugar, 2, [{ method: 'cash', amount: 10_000 }]);
    await later(HOUR);
    const beansQuote = await ok<{ total: number }>('sales.quote', {
      cart: { customerId: null, lines: [{ productId: beans.id, qtyMilli: 3000 }] },
    });
    await sell(beans, 3, [{ method: 'card', amount: beansQuote.total }]);
    const byProduct = await ok<SalesByReport>('reports.salesBy', {
      from: '2026-01-05',
      to: '2026-01-05',
      by: 'product',
    });
    expect(byProduct.rows.map((r) => r.label)).toEqual(
      beansQuote.total > 10_000 ? [beans.name, sugar.name] : [sugar.name, beans.name],
    );
    expect(byProduct.rows.find((r) => r.key === sugar.id)).toMatchObject({ orders: 1, qtyMilli: 2000, total: 10_000 });
    const byHour = await ok<SalesByReport>('reports.salesBy', { from: '2026-01-05', to: '2026-01-05', by: 'hour' });
    expect(byHour.rows.map((r) => [r.label, r.orders])).toEqual([
      ['12:00', 1],
      ['13:00', 1],
    ]);
    const byStaff = await ok<SalesByReport>('reports.salesBy', { from: '2026-01-05', to: '2026-01-05', by: 'staff' });
    expect(byStaff.rows).toEqual([expect.objectContaining({ label: DEMO.manager, orders: 2 })]);
    expect(byStaff.averageBasket).toBe(Math.floor((10_000 + beansQuote.total) / 2));
    const byWeekday = await ok<SalesByReport>('reports.salesBy', {
      from: '2026-01-05',
      to: '2026-01-05',
      by: 'weekday',
    });
    expect(byWeekday.rows.map((r) => r.label)).toEqual(['Monday']);
  });
});

describe('daily takings across a daylight-saving change', () => {
  it('counts each London day from its own midnight, the short day included', async () => {
    const app = makeTestApp();
    try {
      app.services.system.createDemoShop();
      app.services.settings.updateStore({ id: null, name: 'test' }, { timeZone: 'Europe/London' });
      await signInAs(app.call, DEMO.manager, DEMO.managerPin);
      const ok = async <T>(name: string, input: unknown): Promise<T> => {
        const res = await app.call(name, input);
        if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
        return res.data as T;
      };
      const sugar = await ok<Product>('catalog.byBarcode', { code: code('MR-003') });
      const sellAt = async (at: number, key: string) => {
        app.clock.set(at);
        await signInAs(app.call, DEMO.manager, DEMO.managerPin);
        await ok('sales.complete', {
          cart: { customerId: null, lines: [{ productId: sugar.id, qtyMilli: 1000 }] },
          payments: [{ method: 'cash', amount: 5_000 }],
          idempotencyKey: key,
        });
      };
      await sellAt(Date.UTC(2026, 2, 28, 23, 30), 'dst-sale-1'); // 23:30 GMT, Saturday 28 March
      await sellAt(Date.UTC(2026, 2, 29, 23, 30), 'dst-sale-2'); // 00:30 BST, Monday 30 March
      const t = await ok<Takings>('reports.takings', { from: '2026-03-28', to: '2026-03-30' });
      expect(t.days.map((d) => [d.day, d.orders])).toEqual([
        ['2026-03-28', 1],
        ['2026-03-29', 0],
        ['2026-03-30', 1],
      ]);
    } finally {
      app.dispose();
    }
  });
});
