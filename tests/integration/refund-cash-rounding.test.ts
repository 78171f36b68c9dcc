import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cashRefundAmount } from '../../src/main/domains/refunds/cash-rounding';
import { DEMO_PRODUCTS } from '../../src/main/seed/products';
import type { Product } from '../../src/shared/contract/catalog';
import type { CreateRefundResult } from '../../src/shared/contract/refunds';
import type { CompleteResult } from '../../src/shared/contract/sales';
import { DEMO, makeTestApp, signInAs, type TestApp } from '../helpers';

const code = (sku: string) => DEMO_PRODUCTS.find((p) => p.sku === sku)?.barcode as string;

describe('cash refunds are rounded like cash sales', () => {
  let app: TestApp;
  let n = 0;
  const ok = async <T>(name: string, input: unknown, client = 'manager'): Promise<T> => {
    const res = await app.call(name, input, client);
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };
  beforeEach(async () => {
    app = makeTestApp();
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.manager, DEMO.managerPin, 'manager');
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin, 'owner');
    // UGX cash in steps of 1,000
    await ok('sales.updateSettings', { cashRounding: { UGX: 1000 } }, 'owner');
  });
  afterEach(() => app.dispose());

  const sellTwo = async (method: 'cash' | 'card') => {
    const maize = await ok<Product>('catalog.byBarcode', { code: code('MR-001') }); // 4,500
    return (
      await ok<CompleteResult>('sales.complete', {
        cart: { lines: [{ productId: maize.id, qtyMilli: 2000 }] },
        payments: [{ method, amount: 9000 }],
        idempotencyKey: `cash-round-sale-${++n}`,
      })
    ).order;
  };
  const refundOne = (orderId: string, lineId: string, method: 'cash' | 'original') =>
    ok<CreateRefundResult>('refunds.create', {
      salesOrderId: orderId,
      lines: [{ salesLineId: lineId, qtyMilli: 1000, restock: true }],
      method,
      reason: 'changed mind',
      idempotencyKey: `round-refund-${++n}`,
    });

  it('hands back a whole number of the cash steps, and never more in all than was paid', async () => {
    const order = await sellTwo('cash');
    const line = order.lines[0]?.id as string;
    const first = await refundOne(order.id, line, 'cash');
    expect(first.refund.total).toBe(5000); // 4,500 → 5,000 (halves up, as at the sale)
    const second = await refundOne(order.id, line, 'cash');
    expect(second.refund.total).toBe(4000); // only 4,000 of the 9,000 paid is left
    expect(first.refund.total + second.refund.total).toBe(order.paidTotal - order.changeGiven);
  });

  it('refunds a card sale exactly: rounding is for cash only', async () => {
    const order = await sellTwo('card');
    const r = await refundOne(order.id, order.lines[0]?.id as string, 'original');
    expect(r.refund.total).toBe(4500);
  });

  it('rounds to a multiple of the step and never above the most that may be refunded (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.constantFrom(1, 5, 10, 50, 100, 200, 500, 1000),
        fc.integer({ min: 0, max: 10_000_000 }),
        (total, step, slack) => {
          const max = total + slack;
          const cash = cashRefundAmount(total, step, max);
          expect(cash % step).toBe(0);
          expect(cash).toBeLessThanOrEqual(max);
          expect(Math.abs(cash - total)).toBeLessThan(step);
        },
      ),
    );
  });
});
