import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompleteResult } from '../../src/shared/contract/sales';
import { DEMO, ledgerMismatches, makeTestApp, signInAs, type TestApp } from '../helpers';

/** Random sequences of sales (cash, card, on account, split) and voids, checked against the ledgers after each run. */
describe('property: ledgers balance after any sequence of sales and voids', () => {
  let app: TestApp;
  let products: Array<{ id: string; unit: string }>;
  let customers: string[];
  let n = 0;

  beforeAll(async () => {
    app = makeTestApp();
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.manager, DEMO.managerPin);
    products = app.sqlite.prepare('SELECT id, unit FROM products ORDER BY sku').all() as typeof products;
    customers = [];
    for (const name of ['Ann', 'Ben', 'Cy']) {
      const res = await app.call('customers.create', { type: 'individual', firstName: name, lastName: 'Prop' });
      if (!res.ok) throw new Error(res.error.message);
      customers.push((res.data as { customer: { id: string } }).customer.id);
    }
  });
  afterAll(() => app.dispose());

  const saleArb = fc.record({
    kind: fc.constant('sale' as const),
    lines: fc.array(
      fc.record({ product: fc.nat(30), qty: fc.integer({ min: 1, max: 5 }), grams: fc.integer({ min: 1, max: 2500 }) }),
      { minLength: 1, maxLength: 5 },
    ),
    customer: fc.option(fc.nat(2), { nil: null }),
    pay: fc.constantFrom('cash', 'card', 'account', 'split'),
    discountBp: fc.constantFrom(0, 500, 1000),
  });
  const voidArb = fc.record({ kind: fc.constant('void' as const), pick: fc.nat() });

  it('stock on hand = Σ stock moves per product; balance = Σ account entries per customer; voided sales leave no trace in either', async () => {
    const sold: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(saleArb, saleArb, voidArb), { minLength: 1, maxLength: 8 }), async (ops) => {
        for (const op of ops) {
          if (op.kind === 'void') {
            const id = sold[op.pick % Math.max(sold.length, 1)];
            if (!id) continue;
            const res = await app.call('sales.void', { id, reason: 'property test' });
            expect(res.ok || (!res.ok && res.error.code === 'CONFLICT')).toBe(true);
            continue;
          }
          const customerId = op.customer === null ? null : (customers[op.customer] as string);
          const lines = op.lines.map((l) => {
            const p = products[l.product % products.length] as { id: string; unit: string };
            return { productId: p.id, qtyMilli: p.unit === 'piece' ? l.qty * 1000 : l.grams };
          });
          const cart = {
            lines,
            customerId,
            orderDiscount: op.discountBp ? { kind: 'percent', bp: op.discountBp } : null,
          };
          const quote = await app.call('sales.quote', { cart });
          if (!quote.ok) throw new Error(quote.error.message);
          const total = (quote.data as { total: number; cashTotal: number }).total;
          const cashTotal = (quote.data as { cashTotal: number }).cashTotal;
          if (total === 0) continue;
          const onAccount = customerId !== null && (op.pay === 'account' || op.pay === 'split');
          const payments =
            op.pay === 'cash' || (!onAccount && op.pay !== 'card')
              ? [{ method: 'cash', amount: cashTotal + 1000 }]
              : op.pay === 'card'
                ? [{ method: 'card', amount: total }]
                : op.pay === 'account'
                  ? [{ method: 'on_account', amount: total }]
                  : total > 1
                    ? [
                        { method: 'card', amount: Math.floor(total / 2) },
                        { method: 'on_account', amount: total - Math.floor(total / 2) },
                      ]
                    : [{ method: 'on_account', amount: total }];
          const res = await app.call('sales.complete', { cart, payments, idempotencyKey: `property-sale-${++n}` });
          if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
          sold.push((res.data as CompleteResult).order.id);
        }
        expect(ledgerMismatches(app.sqlite)).toEqual({ stock: [], balances: [], points: [] });
        // a voided sale's stock and account entries net to zero; a completed one owes exactly its on-account part
        const orders = app.sqlite
          .prepare(
            `SELECT o.status, o.on_account_total AS onAccount,
               (SELECT coalesce(sum(amount), 0) FROM account_entries e WHERE e.sales_order_id = o.id) AS owed,
               (SELECT coalesce(sum(qty_milli), 0) FROM stock_moves m WHERE m.sales_order_id = o.id) AS moved,
               (SELECT coalesce(sum(qty_milli), 0) FROM sales_lines l WHERE l.sales_order_id = o.id) AS qty
             FROM sales_orders o`,
          )
          .all() as Array<{ status: string; onAccount: number; owed: number; moved: number; qty: number }>;
        for (const o of orders) {
          if (o.status === 'voided') expect([o.owed, o.moved]).toEqual([0, 0]);
          else expect([o.owed, o.moved]).toEqual([o.onAccount, -o.qty]);
        }
      }),
      { numRuns: 30 },
    );
  }, 240_000);
});
