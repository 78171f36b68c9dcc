import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Posting } from '../../src/main/domains/flow';
import type { Product } from '../../src/shared/contract/catalog';
import type { CompleteResult } from '../../src/shared/contract/sales';
import { DEMO, DEMO_PRODUCTS, makeTestApp, signInAs, type TestApp } from '../helpers';

/**
 * A completed sale's document carries the order as written, built from what was written rather than read back. It
 * must be exactly the order as the database gives it back later (same fields, values and key order, since the
 * receipt job stores it as JSON), for every shape of sale.
 */
describe('the sale document is the order as stored', () => {
  let app: TestApp;
  const mismatches: string[] = [];
  const compare: Posting = {
    name: 'compare with the stored order',
    sale: (s) => {
      const stored = app.services.sales.orders.get({ id: s.id });
      if (JSON.stringify(stored) !== JSON.stringify(s.order))
        mismatches.push(`${JSON.stringify(s.order)}\n  stored as\n${JSON.stringify(stored)}`);
    },
  };
  const ok = async <T>(name: string, input: unknown): Promise<T> => {
    const res = await app.call(name, input);
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };
  const product = (sku: string) =>
    ok<Product>('catalog.byBarcode', { code: DEMO_PRODUCTS.find((p) => p.sku === sku)?.barcode });
  let n = 0;
  const sell = (cart: object, payments: object[]) =>
    ok<CompleteResult>('sales.complete', { cart, payments, idempotencyKey: `document-sale-${++n}` });

  beforeEach(async () => {
    mismatches.length = 0;
    app = makeTestApp({ postings: (defaults) => [compare, ...defaults] });
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin);
  });
  afterEach(() => app.dispose());

  it('for walk-in cash with change, split payments, discounts, a changed price, kilos and on account', async () => {
    const [sugar, beans, soap, milk] = await Promise.all(['MR-003', 'MR-004', 'MR-001', 'MR-002'].map(product));
    const { customer } = await ok<{ customer: { id: string } }>('customers.create', {
      type: 'individual',
      firstName: 'Grace',
      lastName: 'Atim',
    });
    const results = [
      await sell({ lines: [{ productId: sugar?.id, qtyMilli: 2000 }] }, [{ method: 'cash', amount: 20_000 }]),
      await sell(
        {
          lines: [
            { productId: beans?.id, qtyMilli: 1250 },
            { productId: soap?.id, qtyMilli: 1000, discount: { kind: 'percent', bp: 1000 } },
            { productId: milk?.id, qtyMilli: 3000, unitPrice: 1200, discount: { kind: 'amount', amount: 100 } },
          ],
          orderDiscount: { kind: 'amount', amount: 499 },
        },
        [
          { method: 'card', amount: 3000 },
          { method: 'mobile_money', amount: 1000, reference: 'MM12345' },
          { method: 'cash', amount: 50_000 },
        ],
      ),
      await sell({ customerId: customer.id, lines: [{ productId: sugar?.id, qtyMilli: 1000 }] }, [
        { method: 'on_account', amount: 5000 },
      ]),
    ];
    const split = {
      customerId: customer.id,
      lines: [{ productId: soap?.id, qtyMilli: 1000 }],
      orderDiscount: { kind: 'percent', bp: 500 },
    };
    const { total } = await ok<{ total: number }>('sales.quote', { cart: split });
    results.push(
      await sell(split, [
        { method: 'cash', amount: 1000 },
        { method: 'on_account', amount: total - 1000 },
      ]),
    );
    expect(results.map((r) => r.order.number)).toEqual(['S-000001', 'S-000002', 'S-000003', 'S-000004']);
    expect(mismatches).toEqual([]);
  });
});
