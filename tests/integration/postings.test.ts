import { afterEach, describe, expect, it } from 'vitest';
import type { Documents, Posting } from '../../src/main/domains/flow';
import type { Product } from '../../src/shared/contract/catalog';
import type { CreateRefundResult } from '../../src/shared/contract/refunds';
import type { CompleteResult } from '../../src/shared/contract/sales';
import { DEMO, DEMO_PRODUCTS, makeTestApp, signInAs, type TestApp } from '../helpers';

/** Every table a till document writes to, and how many rows each has. */
const TABLES = [
  'sales_orders',
  'sales_lines',
  'payments',
  'stock_moves',
  'account_entries',
  'account_allocations',
  'points_entries',
  'offer_uses',
  'refunds',
  'refund_lines',
  'print_jobs',
  'audit_log',
] as const;

describe('a sale and its postings happen in one transaction, in the declared order', () => {
  let app: TestApp;
  afterEach(() => app.dispose());

  const counts = () =>
    Object.fromEntries(
      TABLES.map((t) => [t, (app.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]),
    );
  const stockOf = (id: string) =>
    (app.sqlite.prepare('SELECT stock_on_hand_milli AS s FROM products WHERE id = ?').get(id) as { s: number }).s;

  /** A demo shop with the cashier signed in, a customer on account, and a recording of what the postings saw. */
  async function shop(extra: (defaults: readonly Posting[]) => readonly Posting[]) {
    app = makeTestApp({ postings: extra });
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.manager, DEMO.managerPin);
    const ok = async <T>(name: string, input: unknown): Promise<T> => {
      const res = await app.call(name, input);
      if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
      return res.data as T;
    };
    const sugar = await ok<Product>('catalog.byBarcode', {
      code: DEMO_PRODUCTS.find((p) => p.sku === 'MR-003')?.barcode,
    });
    const customer = await ok<{ customer: { id: string } }>('customers.create', {
      type: 'individual',
      firstName: 'Grace',
      lastName: 'Atim',
      creditLimit: 1_000_000,
    });
    const sale = (key: string) => ({
      cart: { customerId: customer.customer.id, lines: [{ productId: sugar.id, qtyMilli: 2000 }] },
      payments: [
        { method: 'cash', amount: 4000 },
        { method: 'on_account', amount: 6000 },
      ],
      idempotencyKey: key,
    });
    return { ok, sugar, customerId: customer.customer.id, sale };
  }

  it('hands the written sale to every posting in order, each seeing what the ones before it wrote', async () => {
    const seen: string[] = [];
    const probe = (name: string): Posting => ({
      name,
      sale: (s: Documents['sale']) => {
        const balance = (
          app.sqlite.prepare('SELECT balance FROM customers WHERE id = ?').get(s.customer?.id) as { balance: number }
        ).balance;
        seen.push(`${name}: ${s.number} balance ${balance} receipt ${s.out.printJobId ? 'queued' : 'not yet'}`);
      },
    });
    const { ok, sale } = await shop((defaults) => [probe('first'), ...defaults, probe('last')]);
    const done = await ok<CompleteResult>('sales.complete', sale('sale-key-1'));
    expect(seen).toEqual([
      `first: ${done.order.number} balance 0 receipt not yet`,
      `last: ${done.order.number} balance 6000 receipt queued`,
    ]);
  });

  it('rolls the whole sale back when a posting throws: no order, stock, account, points, receipt or audit row', async () => {
    const failing: Posting = {
      name: 'fails on purpose',
      sale: () => {
        throw new Error('this posting fails on purpose');
      },
    };
    const { sale, sugar } = await shop((defaults) => [...defaults, failing]);
    const before = counts();
    const stock = stockOf(sugar.id);
    const res = await app.call('sales.complete', sale('sale-key-2'));
    expect(res.ok).toBe(false);
    expect(counts()).toEqual(before);
    expect(stockOf(sugar.id)).toBe(stock);
    expect(app.sqlite.prepare('SELECT balance, total_spent AS t FROM customers').all()).toEqual([{ balance: 0, t: 0 }]);
  });

  it('runs the postings once: a retry with the same key returns the first sale and posts nothing again', async () => {
    let posted = 0;
    const { ok, sale } = await shop((defaults) => [...defaults, { name: 'count', sale: () => void posted++ }]);
    const first = await ok<CompleteResult>('sales.complete', sale('sale-key-3'));
    const rows = counts();
    const again = await ok<CompleteResult>('sales.complete', sale('sale-key-3'));
    expect(posted).toBe(1);
    expect(again).toMatchObject({ replayed: true, printJobId: first.printJobId });
    expect(again.order).toEqual(first.order);
    expect(counts()).toEqual(rows);
  });

  it('rolls a refund back when a posting throws, and a debt payment too', async () => {
    let fail = false;
    const failing: Posting = {
      name: 'fails when told',
      refund: () => {
        if (fail) throw new Error('refund posting fails on purpose');
      },
      debtPayment: () => {
        if (fail) throw new Error('payment posting fails on purpose');
      },
    };
    const { ok, sale, customerId } = await shop((defaults) => [...defaults, failing]);
    const done = await ok<CompleteResult>('sales.complete', sale('sale-key-4'));
    fail = true;
    const before = counts();
    const refund = await app.call('refunds.create', {
      salesOrderId: done.order.id,
      lines: [{ salesLineId: done.order.lines[0]?.id, qtyMilli: 1000, restock: true }],
      method: 'on_account',
      reason: 'torn bag',
      idempotencyKey: 'refund-key-1',
    });
    expect(refund.ok).toBe(false);
    const payment = await app.call('receivables.receivePayment', {
      customerId,
      amount: 1000,
      method: 'cash',
      idempotencyKey: 'payment-key-1',
    });
    expect(payment.ok).toBe(false);
    expect(counts()).toEqual(before);
    fail = false;
    const made = await ok<CreateRefundResult>('refunds.create', {
      salesOrderId: done.order.id,
      lines: [{ salesLineId: done.order.lines[0]?.id, qtyMilli: 1000, restock: true }],
      method: 'on_account',
      reason: 'torn bag',
      idempotencyKey: 'refund-key-1',
    });
    expect(made.refund.total).toBe(5000);
  });
});
