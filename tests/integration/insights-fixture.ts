import type { CreateRefundResult } from '../../src/shared/contract/refunds';
import type { CompleteResult, SalesOrder } from '../../src/shared/contract/sales';
import { DEMO, makeTestApp, signInAs, type TestApp } from '../helpers';
import { FLOUR } from './receivables-fixture';

/** The demo shop is in Africa/Kampala: UTC+3 all year, so a local wall-clock time is UTC three hours earlier. */
export const kampala = (ymd: string, hm = '12:00') => Date.parse(`${ymd}T${hm}:00+03:00`);

/**
 * A demo shop (Africa/Kampala, UGX) with the owner signed in, and the till's documents made through the real services
 * at chosen instants: sales of flour (UGX 4,500 a piece), refunds, voids, refund cancels, debt payments and merges.
 */
export async function insightsShop(app: TestApp = makeTestApp()) {
  app.services.system.createDemoShop();
  await signInAs(app.call, DEMO.owner, DEMO.ownerPin);
  const flourId = (app.sqlite.prepare('SELECT id FROM products WHERE sku = ?').get(FLOUR.sku) as { id: string }).id;
  let key = 0;
  /** calls as the owner; the clock jumps by days, so a locked session signs in again first */
  const ok = async <T>(name: string, input: unknown = null): Promise<T> => {
    let res = await app.call(name, input);
    if (!res.ok && (res.error.code === 'LOCKED' || res.error.code === 'UNAUTHENTICATED')) {
      await signInAs(app.call, DEMO.owner, DEMO.ownerPin);
      res = await app.call(name, input);
    }
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };
  const fails = async (name: string, input: unknown) => {
    const res = await app.call(name, input);
    if (res.ok) throw new Error(`${name} should have failed`);
    return res.error;
  };
  const customer = async (firstName: string, lastName = 'Shopper') =>
    (await ok<{ customer: { id: string } }>('customers.create', { type: 'individual', firstName, lastName })).customer
      .id;
  /** N flour for the customer (null: a walk-in) at an instant, paid in cash unless payments are given */
  const sale = async (customerId: string | null, pieces: number, at: number, payments?: unknown[]) => {
    app.clock.set(at);
    const { order } = await ok<CompleteResult>('sales.complete', {
      cart: { customerId, lines: [{ productId: flourId, qtyMilli: pieces * 1000 }] },
      payments: payments ?? [{ method: 'cash', amount: pieces * FLOUR.price }],
      idempotencyKey: `insights-sale-${++key}`,
    });
    return order;
  };
  /** refunds N pieces of the sale's line in cash at an instant */
  const refund = async (order: SalesOrder, pieces: number, at: number) => {
    app.clock.set(at);
    const r = await ok<CreateRefundResult>('refunds.create', {
      salesOrderId: order.id,
      lines: [{ salesLineId: order.lines[0]?.id, qtyMilli: pieces * 1000, restock: true }],
      method: 'cash',
      reason: 'changed their mind',
      idempotencyKey: `insights-refund-${++key}`,
    });
    return r.refund;
  };
  const voidSale = async (order: SalesOrder, at: number) => {
    app.clock.set(at);
    return ok<SalesOrder>('sales.void', { id: order.id, reason: 'rung up twice' });
  };
  const cancelRefund = async (refundId: string, at: number) => {
    app.clock.set(at);
    return ok('refunds.cancel', { id: refundId, reason: 'given back by mistake' });
  };
  const merge = (survivorId: string, otherId: string) => ok('customers.merge', { survivorId, otherId, keep: {} });
  return { app, ok, fails, customer, sale, refund, voidSale, cancelRefund, merge, flourId };
}
export type InsightsShop = Awaited<ReturnType<typeof insightsShop>>;
