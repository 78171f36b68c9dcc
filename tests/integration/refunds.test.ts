import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS } from '../../src/main/seed/products';
import type { Product } from '../../src/shared/contract/catalog';
import type { CreateRefundResult, OrderWithRefunds, Refund } from '../../src/shared/contract/refunds';
import type { CompleteResult, SalesOrder } from '../../src/shared/contract/sales';
import { DEMO, makeTestApp, signInAs, type TestApp } from '../helpers';

const code = (sku: string) => DEMO_PRODUCTS.find((p) => p.sku === sku)?.barcode as string;

describe('refunds against a sale', () => {
  let app: TestApp;
  let call: TestApp['call'];
  const M = 'manager-client';
  const ok = async <T>(name: string, input: unknown, client = M): Promise<T> => {
    const res = await call(name, input, client);
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };
  const fails = async (name: string, input: unknown, client = M) => {
    const res = await call(name, input, client);
    if (res.ok) throw new Error(`${name} should have failed`);
    return res.error;
  };
  const product = async (sku: string) => ok<Product>('catalog.byBarcode', { code: code(sku) });
  const stock = (id: string) =>
    (app.sqlite.prepare('SELECT stock_on_hand_milli AS s FROM products WHERE id = ?').get(id) as { s: number }).s;
  const balance = (id: string) =>
    (app.sqlite.prepare('SELECT balance AS b FROM customers WHERE id = ?').get(id) as { b: number }).b;
  const count = (table: string) => (app.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  let key = 0;
  const nextKey = () => `refund-test-${++key}`;
  let customerId: string;
  let sugar: Product;
  let beans: Product;

  /** 3 sugar with a 10% line discount and 1.5 kg beans, for Grace, paid as given. */
  const sell = async (payments: unknown[], customer: string | null = customerId) =>
    (
      await ok<CompleteResult>('sales.complete', {
        cart: {
          customerId: customer,
          lines: [
            { productId: sugar.id, qtyMilli: 3000, discount: { kind: 'percent', bp: 1000 } },
            { productId: beans.id, qtyMilli: 1500 },
          ],
        },
        payments,
        idempotencyKey: nextKey(),
      })
    ).order;
  const doRefund = (order: SalesOrder, lines: Array<[number, number, boolean]>, method = 'cash', extra = {}) =>
    ok<CreateRefundResult>('refunds.create', {
      salesOrderId: order.id,
      lines: lines.map(([i, qtyMilli, restock]) => ({ salesLineId: order.lines[i]?.id, qtyMilli, restock })),
      method,
      reason: 'damaged packet',
      idempotencyKey: nextKey(),
      ...extra,
    });

  beforeEach(async () => {
    app = makeTestApp();
    call = app.call;
    app.services.system.createDemoShop();
    await signInAs(call, DEMO.cashier, DEMO.cashierPin);
    await signInAs(call, DEMO.manager, DEMO.managerPin, M);
    sugar = await product('MR-003');
    beans = await product('MR-004');
    customerId = (
      await ok<{ customer: { id: string } }>('customers.create', {
        type: 'individual',
        firstName: 'Grace',
        lastName: 'Atim',
      })
    ).customer.id;
  });
  afterEach(() => app.dispose());

  it('refunds part of a discounted line in proportion to what it charged, restocks it, numbers it R-000001, queues a receipt and audits it', async () => {
    const order = await sell([{ method: 'cash', amount: 50_000 }]);
    const line = order.lines[0] as SalesOrder['lines'][number];
    expect(line.lineDiscount).toBe(1500);
    const before = stock(sugar.id);
    const { refund, printJobId, replayed } = await doRefund(order, [[0, 1000, true]]);
    expect(replayed).toBe(false);
    expect(refund).toMatchObject({ number: 'R-000001', status: 'completed', method: 'cash', saleNumber: order.number });
    expect(refund.lines[0]).toMatchObject({
      qtyMilli: 1000,
      net: Math.round(line.net / 3),
      tax: Math.round(line.tax / 3),
      total: Math.round(line.net / 3) + Math.round(line.tax / 3),
      restock: true,
    });
    expect(refund.total).toBe(4500); // a third of 13,500: the discount comes back off, not today's 5,000
    expect(stock(sugar.id)).toBe(before + 1000);
    const job = app.sqlite
      .prepare('SELECT template, refund_id AS r, data FROM print_jobs WHERE id = ?')
      .get(printJobId) as {
      template: string;
      r: string;
      data: string;
    };
    expect(job).toMatchObject({ template: 'refund-receipt', r: refund.id });
    expect(JSON.parse(job.data)).toMatchObject({ number: 'R-000001', saleNumber: order.number, total: 4500 });
    const audit = app.sqlite.prepare("SELECT note FROM audit_log WHERE action = 'refund.create'").all();
    expect(audit).toEqual([{ note: 'damaged packet' }]);
  });

  it('refunding a line in parts adds up to exactly the line, and a quantity over what is left is refused without writing', async () => {
    const order = await sell([{ method: 'cash', amount: 50_000 }]);
    const line = order.lines[0] as SalesOrder['lines'][number];
    const a = (await doRefund(order, [[0, 1000, false]])).refund;
    const b = (await doRefund(order, [[0, 1000, false]])).refund;
    const rows = count('refunds');
    const err = await fails('refunds.create', {
      salesOrderId: order.id,
      lines: [{ salesLineId: line.id, qtyMilli: 2000, restock: false }],
      method: 'cash',
      reason: 'x',
      idempotencyKey: nextKey(),
    });
    expect(err).toMatchObject({ code: 'VALIDATION' });
    expect(err.message).toContain('only 1 of 3 can still be refunded');
    expect(count('refunds')).toBe(rows);
    const c = (await doRefund(order, [[0, 1000, false]])).refund;
    expect(a.total + b.total + c.total).toBe(line.total);
    expect([a, b, c].reduce((s, r) => s + r.taxTotal, 0)).toBe(line.tax);
    const state = await ok<OrderWithRefunds>('refunds.start', { number: order.number.toLowerCase() });
    expect(state.lines[0]).toMatchObject({ refundedQtyMilli: 3000, refundableQtyMilli: 0 });
    expect(state.refunds).toHaveLength(3);
  });

  it('credits the customer account with a negative refund entry and lowers the balance and total spent', async () => {
    const order = await sell([{ method: 'on_account', amount: 20_700 }]);
    expect(balance(customerId)).toBe(order.total);
    const { refund } = await doRefund(order, [[1, 500, true]], 'on_account');
    expect(refund.method).toBe('on_account');
    expect(refund.total).toBe(2400);
    expect(balance(customerId)).toBe(order.total - 2400);
    const entries = app.sqlite
      .prepare('SELECT kind, amount, document_no AS doc FROM account_entries WHERE customer_id = ? ORDER BY rowid')
      .all(customerId);
    expect(entries).toEqual([
      { kind: 'invoice', amount: order.total, doc: order.number },
      { kind: 'refund', amount: -2400, doc: refund.number },
    ]);
    const spent = app.sqlite.prepare('SELECT total_spent AS t FROM customers WHERE id = ?').get(customerId) as {
      t: number;
    };
    expect(spent.t).toBe(order.total - 2400);
  });

  it('never gives back in cash what was put on account, and asks to choose when "original" was a split payment', async () => {
    const order = await sell([
      { method: 'cash', amount: 5_000 },
      { method: 'on_account', amount: order0Rest() },
    ]);
    const cash = await fails('refunds.create', {
      salesOrderId: order.id,
      lines: [{ salesLineId: order.lines[0]?.id, qtyMilli: 3000, restock: true }],
      method: 'cash',
      reason: 'x',
      idempotencyKey: nextKey(),
    });
    expect(cash.message).toMatch(/was paid at the till.*Credit this refund to the customer's account/);
    const original = await fails('refunds.create', {
      salesOrderId: order.id,
      lines: [{ salesLineId: order.lines[0]?.id, qtyMilli: 1000, restock: true }],
      method: 'original',
      reason: 'x',
      idempotencyKey: nextKey(),
    });
    expect(original.message).toContain('was paid cash and on account: choose cash or credit');
    expect(count('refunds')).toBe(0);
    // everything back: 5,000 cash at most, the rest to the account
    await doRefund(order, [[0, 1000, true]], 'cash');
    const rest = (
      await doRefund(
        order,
        [
          [0, 2000, true],
          [1, 1500, true],
        ],
        'on_account',
      )
    ).refund;
    const state = await ok<OrderWithRefunds>('refunds.start', { id: order.id });
    expect(state.refundableTotal).toBe(0);
    expect(state.blockedReason).toContain('Everything');
    expect(balance(customerId)).toBe(order.onAccountTotal - rest.total);
  });

  it('a sale without a customer cannot be credited to an account; "original" for a card sale refunds by card', async () => {
    const order = await sell([{ method: 'card', amount: 20_700 }], null);
    const err = await fails('refunds.create', {
      salesOrderId: order.id,
      lines: [{ salesLineId: order.lines[1]?.id, qtyMilli: 1500, restock: true }],
      method: 'on_account',
      reason: 'x',
      idempotencyKey: nextKey(),
    });
    expect(err.message).toContain('had no customer');
    const { refund } = await doRefund(order, [[1, 1500, true]], 'original');
    expect(refund.method).toBe('card');
  });

  it('a retry with the same key returns the same refund; the key with other lines is a conflict', async () => {
    const order = await sell([{ method: 'cash', amount: 50_000 }]);
    const input = {
      salesOrderId: order.id,
      lines: [{ salesLineId: order.lines[0]?.id, qtyMilli: 1000, restock: true }],
      method: 'cash',
      reason: 'torn',
      idempotencyKey: 'refund-key-once',
    };
    const first = await ok<CreateRefundResult>('refunds.create', input);
    const again = await ok<CreateRefundResult>('refunds.create', input);
    expect(again).toMatchObject({ replayed: true, printJobId: first.printJobId });
    expect(again.refund.id).toBe(first.refund.id);
    expect(count('refunds')).toBe(1);
    expect(count("stock_moves WHERE kind = 'refund'")).toBe(1);
    const other = await fails('refunds.create', { ...input, lines: [{ ...input.lines[0], qtyMilli: 2000 }] });
    expect(other.code).toBe('CONFLICT');
  });

  it('a cashier cannot refund or cancel; a reason is required', async () => {
    const order = await sell([{ method: 'cash', amount: 50_000 }]);
    const body = {
      salesOrderId: order.id,
      lines: [{ salesLineId: order.lines[0]?.id, qtyMilli: 1000, restock: true }],
      method: 'cash',
      reason: '  ',
      idempotencyKey: nextKey(),
    };
    expect((await fails('refunds.create', { ...body, reason: 'x' }, 'test-client')).code).toBe('FORBIDDEN');
    const noReason = await fails('refunds.create', body);
    expect(noReason.code).toBe('VALIDATION');
    expect(count('refunds')).toBe(0);
  });

  it('cancelling a refund writes reversing stock and account rows, keeps the refund, and frees the quantity again', async () => {
    const order = await sell([{ method: 'on_account', amount: 20_700 }]);
    const stockBefore = stock(sugar.id);
    const { refund } = await doRefund(order, [[0, 2000, true]], 'on_account');
    expect(stock(sugar.id)).toBe(stockBefore + 2000);
    const cancelled = await ok<Refund>('refunds.cancel', { id: refund.id, reason: 'goods were not damaged' });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'goods were not damaged' });
    expect(stock(sugar.id)).toBe(stockBefore);
    expect(balance(customerId)).toBe(order.total);
    const moves = app.sqlite
      .prepare('SELECT kind, qty_milli AS q FROM stock_moves WHERE refund_id = ? ORDER BY rowid')
      .all(refund.id);
    expect(moves).toEqual([
      { kind: 'refund', q: 2000 },
      { kind: 'refund_cancel', q: -2000 },
    ]);
    const entries = app.sqlite
      .prepare('SELECT kind, amount FROM account_entries WHERE refund_id = ? ORDER BY rowid')
      .all(refund.id);
    expect(entries).toEqual([
      { kind: 'refund', amount: -refund.total },
      { kind: 'refund_cancel', amount: refund.total },
    ]);
    expect((await fails('refunds.cancel', { id: refund.id, reason: 'again' })).message).toContain('already cancelled');
    const state = await ok<OrderWithRefunds>('refunds.start', { id: order.id });
    expect(state.lines[0]?.refundableQtyMilli).toBe(3000);
    expect(state.refundableTotal).toBe(order.total);
  });

  it('a voided sale cannot be refunded, and a sale with refunds cannot be voided until they are cancelled', async () => {
    const order = await sell([{ method: 'cash', amount: 50_000 }]);
    const { refund } = await doRefund(order, [[1, 500, true]]);
    const v = await fails('sales.void', { id: order.id, reason: 'wrong customer' });
    expect(v).toMatchObject({ code: 'CONFLICT' });
    expect(v.message).toContain('has refunds. Cancel them before voiding');
    await ok('refunds.cancel', { id: refund.id, reason: 'void instead' });
    await ok('sales.void', { id: order.id, reason: 'wrong customer' });
    const err = await fails('refunds.create', {
      salesOrderId: order.id,
      lines: [{ salesLineId: order.lines[0]?.id, qtyMilli: 1000, restock: true }],
      method: 'cash',
      reason: 'x',
      idempotencyKey: nextKey(),
    });
    expect(err).toMatchObject({ code: 'CONFLICT' });
    expect(err.message).toContain('was voided');
    const state = await ok<OrderWithRefunds>('refunds.start', { id: order.id });
    expect(state.blockedReason).toContain('voided');
  });

  it('finds a sale by its scanned receipt number and says clearly when there is none', async () => {
    const order = await sell([{ method: 'cash', amount: 50_000 }]);
    const state = await ok<OrderWithRefunds>('refunds.start', { number: ` ${order.number} ` });
    expect(state.order.id).toBe(order.id);
    expect(state.refundableMoney).toBe(order.total);
    expect((await fails('refunds.start', { number: 'S-999999' })).message).toContain('no sale numbered S-999999');
  });

  function order0Rest() {
    return 20_700 - 5_000;
  }
});
