import type { LoyaltyProgram } from '../src/shared/contract/loyalty';
import type { CreateRefundResult } from '../src/shared/contract/refunds';
import type { CompleteResult, PaymentInput, SalesOrder } from '../src/shared/contract/sales';
import { DEMO, makeTestApp, signInAs, type TestApp } from './helpers';

/** 1 point per UGX 1,000 (tax included), a point pays UGX 10, at least 100 points, at most half a sale. */
export const PROGRAM: LoyaltyProgram = {
  enabled: true,
  earn: {
    points: 1,
    per: 1000,
    base: 'taxIncluded',
    excludedCategoryIds: [],
    excludedProductIds: [],
    minSpend: 0,
    perVisit: 0,
  },
  redeem: { pointValue: 10, minPoints: 100, maxSharePercent: 50 },
  tiers: [{ id: 'member', name: 'Member', thresholdSpend: 0, multiplierBp: 10_000 }],
  tierWindowMonths: 12,
  expiry: { kind: 'none' },
  birthdayBonus: 0,
};

export interface LoyaltyShop {
  app: TestApp;
  ok<T>(name: string, input?: unknown): Promise<T>;
  /** the demo product with this SKU */
  product(sku: string): string;
  customer(firstName: string, extra?: object): Promise<string>;
  sell(
    customerId: string | null,
    lines: Array<[string, number]>,
    payments: PaymentInput[],
    key?: string,
  ): Promise<CompleteResult>;
  refund(order: SalesOrder, lines: Array<[number, number]>, key?: string): Promise<CreateRefundResult>;
  adjust(customerId: string, points: number): Promise<void>;
  balance(customerId: string): number;
  entries(customerId: string): Array<{ kind: string; points: number; operationId: string; expiresAt: number | null }>;
  nextKey(): string;
  /** moves the clock (the till locks after a pause, so the manager signs in again) */
  at(ms: number): Promise<void>;
}

/** The demo shop with a manager signed in and the loyalty program switched on (with `program` changes). */
export async function loyaltyShop(program: Partial<LoyaltyProgram> = {}): Promise<LoyaltyShop> {
  const app = makeTestApp();
  app.services.system.createDemoShop();
  await signInAs(app.call, DEMO.manager, DEMO.managerPin);
  let k = 0;
  const nextKey = () => `loyalty-test-${++k}`;
  const ok = async <T>(name: string, input: unknown = null): Promise<T> => {
    const res = await app.call(name, input);
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };
  await ok('loyalty.setProgram', { ...PROGRAM, ...program });
  const skus = new Map(
    (app.sqlite.prepare('SELECT id, sku FROM products').all() as Array<{ id: string; sku: string }>).map((p) => [
      p.sku,
      p.id,
    ]),
  );
  return {
    app,
    ok,
    nextKey,
    at: async (ms) => {
      app.clock.set(ms);
      await signInAs(app.call, DEMO.manager, DEMO.managerPin);
    },
    product: (sku) => skus.get(sku) as string,
    customer: async (firstName, extra = {}) =>
      (
        await ok<{ customer: { id: string } }>('customers.create', {
          type: 'individual',
          firstName,
          lastName: 'Loyal',
          ...extra,
        })
      ).customer.id,
    sell: (customerId, lines, payments, key = nextKey()) =>
      ok<CompleteResult>('sales.complete', {
        cart: { customerId, lines: lines.map(([sku, n]) => ({ productId: skus.get(sku), qtyMilli: n * 1000 })) },
        payments,
        idempotencyKey: key,
      }),
    refund: (order, lines, key = nextKey()) =>
      ok<CreateRefundResult>('refunds.create', {
        salesOrderId: order.id,
        lines: lines.map(([i, n]) => ({ salesLineId: order.lines[i]?.id, qtyMilli: n * 1000, restock: true })),
        method: 'cash',
        reason: 'changed their mind',
        idempotencyKey: key,
      }),
    adjust: async (customerId, points) => {
      await ok('loyalty.adjust', { customerId, points, reason: 'welcome points', idempotencyKey: nextKey() });
    },
    balance: (id) =>
      (app.sqlite.prepare('SELECT points_balance AS b FROM customers WHERE id = ?').get(id) as { b: number }).b,
    entries: (id) =>
      app.sqlite
        .prepare(
          `SELECT kind, points, operation_id AS operationId, expires_at AS expiresAt FROM points_entries
           WHERE customer_id = ? ORDER BY at, id`,
        )
        .all(id) as Array<{ kind: string; points: number; operationId: string; expiresAt: number | null }>,
  };
}
