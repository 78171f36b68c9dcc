import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/main/cli';
import { DEMO_PRODUCTS } from '../../src/main/seed/products';
import type { Product } from '../../src/shared/contract/catalog';
import type { HistoryOrderRow, HistorySummary } from '../../src/shared/contract/history';
import type { CreateRefundResult, OrderWithRefunds, RefundRow } from '../../src/shared/contract/refunds';
import type { CompleteResult, SalesOrder } from '../../src/shared/contract/sales';
import { DEMO, makeTestApp, signInAs, type TestApp } from '../helpers';

const code = (sku: string) => DEMO_PRODUCTS.find((p) => p.sku === sku)?.barcode as string;
// less than the lock-after time, so the signed-in sessions stay unlocked
const DAY = 10_000;

describe("a customer's sales and refunds on their page", () => {
  let app: TestApp;
  let call: TestApp['call'];
  const ok = async <T>(name: string, input: unknown, client = 'manager-client'): Promise<T> => {
    const res = await call(name, input, client);
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };
  let customerId: string;
  let sugar: Product;
  let n = 0;
  const sell = async (qty: number, customer: string | null = customerId) =>
    (
      await ok<CompleteResult>('sales.complete', {
        cart: { customerId: customer, lines: [{ productId: sugar.id, qtyMilli: qty * 1000 }] },
        payments: [{ method: 'card', amount: qty * 5000 }],
        idempotencyKey: `history-${++n}`,
      })
    ).order;
  const refund = (order: SalesOrder, qty: number, reason = 'broken seal') =>
    ok<CreateRefundResult>('refunds.create', {
      salesOrderId: order.id,
      lines: [{ salesLineId: order.lines[0]?.id, qtyMilli: qty * 1000, restock: true }],
      method: 'original',
      reason,
      idempotencyKey: `history-refund-${++n}`,
    });

  beforeEach(async () => {
    app = makeTestApp();
    call = app.call;
    app.services.system.createDemoShop();
    await signInAs(call, DEMO.cashier, DEMO.cashierPin);
    await signInAs(call, DEMO.manager, DEMO.managerPin, 'manager-client');
    sugar = await ok<Product>('catalog.byBarcode', { code: code('MR-003') });
    customerId = (
      await ok<{ customer: { id: string } }>('customers.create', {
        type: 'individual',
        firstName: 'Ruth',
        lastName: 'Akello',
      })
    ).customer.id;
  });
  afterEach(() => app.dispose());

  it('the summary counts completed sales net of refunds, ignores voided sales, cancelled refunds and other customers', async () => {
    const first = await sell(2); // 10,000
    app.clock.advance(DAY);
    const second = await sell(4); // 20,000
    app.clock.advance(DAY);
    const voided = await sell(1);
    await ok('sales.void', { id: voided.id, reason: 'wrong customer' });
    await sell(3, null);
    await refund(second, 1); // 5,000 back
    const cancelled = (await refund(first, 1)).refund;
    await ok('refunds.cancel', { id: cancelled.id, reason: 'customer kept it' });
    const s = await ok<HistorySummary>('history.summary', { customerId }, 'test-client');
    expect(s).toEqual({
      currency: 'UGX',
      totalSpent: 30_000 - 5_000,
      orders: 2,
      averageOrder: 15_000,
      firstPurchaseAt: first.completedAt,
      lastPurchaseAt: second.completedAt,
      refundsTotal: 5_000,
      refunds: 1,
    });
  });

  it('lists sales newest first in keyset pages, filtered by status and date range, with totals for the whole filter', async () => {
    const orders: SalesOrder[] = [];
    for (let i = 1; i <= 7; i++) {
      orders.push(await sell(i));
      app.clock.advance(DAY);
    }
    await ok('sales.void', { id: orders[6]?.id, reason: 'test' });
    await refund(orders[2] as SalesOrder, 1);
    type OrdersPage = { rows: HistoryOrderRow[]; nextCursor: string | null; totals: { count: number; amount: number } };
    const seen: string[] = [];
    let cursor: string | undefined;
    let page: OrdersPage;
    do {
      page = await ok<OrdersPage>('history.orders', { customerId, limit: 3, cursor }, 'test-client');
      seen.push(...page.rows.map((r) => r.number));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(orders.map((o) => o.number).reverse());
    expect(page.totals).toEqual({ count: 7, amount: 5000 * (1 + 2 + 3 + 4 + 5 + 6) });
    const third = (
      await ok<OrdersPage>('history.orders', { customerId, status: 'completed' }, 'test-client')
    ).rows.find((r) => r.number === orders[2]?.number);
    expect(third).toMatchObject({ status: 'completed', total: 15_000, lineCount: 1, refunded: 5_000 });
    const voided = await ok<OrdersPage>('history.orders', { customerId, status: 'voided' }, 'test-client');
    expect(voided.rows.map((r) => r.number)).toEqual([orders[6]?.number]);
    expect(voided.totals).toEqual({ count: 1, amount: 0 });
    const range = await ok<OrdersPage>(
      'history.orders',
      { customerId, from: orders[1]?.completedAt, to: orders[4]?.completedAt },
      'test-client',
    );
    expect(range.rows.map((r) => r.number)).toEqual([orders[3], orders[2], orders[1]].map((o) => o?.number));
    expect((await call('history.orders', { customerId, cursor: 'nonsense' }, 'test-client')).ok).toBe(false);
  });

  it('lists refunds with status filter, and opens a sale with its lines, payments and refunds', async () => {
    const order = await sell(5);
    const a = (await refund(order, 1)).refund;
    app.clock.advance(1000);
    const b = (await refund(order, 2)).refund;
    await ok('refunds.cancel', { id: a.id, reason: 'mistake' });
    type RefundsPage = { rows: RefundRow[]; totals: { count: number; amount: number } };
    const all = await ok<RefundsPage>('history.refunds', { customerId }, 'test-client');
    expect(all.rows.map((r) => [r.number, r.status, r.saleNumber])).toEqual([
      [b.number, 'completed', order.number],
      [a.number, 'cancelled', order.number],
    ]);
    expect(all.totals).toEqual({ count: 2, amount: b.total });
    const cancelled = await ok<RefundsPage>('history.refunds', { customerId, status: 'cancelled' }, 'test-client');
    expect(cancelled.rows.map((r) => r.number)).toEqual([a.number]);
    const opened = await ok<OrderWithRefunds>('history.order', { id: order.id }, 'test-client');
    expect(opened.order.lines).toHaveLength(1);
    expect(opened.order.payments.map((p) => p.method)).toEqual(['card']);
    expect(opened.refunds.map((r) => r.number)).toEqual([a.number, b.number]);
    expect(opened.lines[0]).toMatchObject({ soldQtyMilli: 5000, refundedQtyMilli: 2000, refundableQtyMilli: 3000 });
  });

  it('exports one customer’s sales and refunds to csv, xlsx and pdf with formula-like text neutralised, and audits it', async () => {
    const order = await sell(2);
    await sell(1, null);
    await refund(order, 1, '=HYPERLINK("http://x")');
    const file = async (what: string, format: string) => {
      const r = await ok<{ base64: string; rows: number; fileName: string }>('history.export', {
        customerId,
        what,
        format,
      });
      return { ...r, bytes: Buffer.from(r.base64, 'base64') };
    };
    const sales = await file('sales', 'csv');
    expect(sales.rows).toBe(1);
    const [header, line] = sales.bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(header).toBe('Number,Date,Status,Lines,Total (UGX),On account (UGX),Refunded (UGX)');
    expect(line).toMatch(new RegExp(`^${order.number},\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d,completed,1,10000,0,5000$`));
    const refunds = (await file('refunds', 'csv')).bytes.toString('utf8');
    expect(refunds).toContain(`"'=HYPERLINK(""http://x"")"`);
    const xlsx = await file('refunds', 'xlsx');
    expect(xlsx.bytes.subarray(0, 2).toString()).toBe('PK');
    const pdf = await file('sales', 'pdf');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await call('history.export', { customerId, what: 'sales', format: 'csv' }, 'test-client')).ok).toBe(false);
    const audits = app.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'history.export'").get() as {
      n: number;
    };
    expect(audits.n).toBe(4);
  });

  it('counterline export sales|refunds FILE --customer ID writes the file and says how many rows', async () => {
    const order = await sell(3);
    await refund(order, 1);
    app.close();
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const out = join(app.dir, 'ruth-sales.csv');
      expect(await main(['export', 'sales', out, '--customer', customerId, '--data-dir', app.dir])).toBe(0);
      expect(log).toHaveBeenLastCalledWith(`Exported 1 sales to ${out} (csv).`);
      expect(readFileSync(out, 'utf8')).toContain(order.number);
      const pdf = join(app.dir, 'ruth-refunds.out');
      expect(
        await main(['export', 'refunds', pdf, '--customer', customerId, '--format', 'pdf', '--data-dir', app.dir]),
      ).toBe(0);
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      const err = vi.spyOn(console, 'error').mockImplementation(() => {});
      expect(await main(['export', 'sales', out, '--data-dir', app.dir])).toBe(2);
      err.mockRestore();
    } finally {
      log.mockRestore();
      rmSync(app.dir, { recursive: true, force: true });
    }
  });
});
