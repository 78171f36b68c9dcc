import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/main/app';
import { DEMO_PRODUCTS } from '../../src/main/seed/products';
import type { Product } from '../../src/shared/contract/catalog';
import type { CompleteResult, LookupResult, ParkedSale, Quote, SalesOrder } from '../../src/shared/contract/sales';
import { DEMO, makeTestApp, signInAs, type TestApp } from '../helpers';

const code = (sku: string) => DEMO_PRODUCTS.find((p) => p.sku === sku)?.barcode as string;

describe('the till: checkout, park and void', () => {
  let app: TestApp;
  let call: TestApp['call'];
  let managerId: string;
  const ok = async <T>(name: string, input: unknown, client?: string): Promise<T> => {
    const res = await call(name, input, client);
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };
  const product = async (sku: string) => (await ok<Product>('catalog.byBarcode', { code: code(sku) })) as Product;
  const stock = (id: string) =>
    (app.sqlite.prepare('SELECT stock_on_hand_milli AS s FROM products WHERE id = ?').get(id) as { s: number }).s;
  const newCustomer = async (extra: object = {}) =>
    (
      await ok<{ customer: { id: string } }>('customers.create', {
        type: 'individual',
        firstName: 'Grace',
        lastName: 'Atim',
        loyaltyCardNo: '2000000000015',
        ...extra,
      })
    ).customer.id;
  let key = 0;
  const nextKey = () => `test-sale-${++key}`;

  beforeEach(async () => {
    app = makeTestApp();
    call = app.call;
    app.services.system.createDemoShop();
    await signInAs(call, DEMO.cashier, DEMO.cashierPin);
    managerId = await signInAs(call, DEMO.manager, DEMO.managerPin, 'manager-client');
  });
  afterEach(() => app.dispose());

  it('rings up a cash sale: VAT inside the price, change worked out, stock moved, receipt job and audit written', async () => {
    const sugar = await product('MR-003'); // 5,000 incl. 18% VAT
    const beans = await product('MR-004'); // 4,800 per kg, no tax
    const result = await ok<CompleteResult>('sales.complete', {
      cart: {
        lines: [
          { productId: sugar.id, qtyMilli: 2000 },
          { productId: beans.id, qtyMilli: 1250 },
        ],
      },
      payments: [{ method: 'cash', amount: 20_000 }],
      idempotencyKey: nextKey(),
    });
    const o = result.order;
    expect(o).toMatchObject({
      number: 'S-000001',
      status: 'completed',
      subtotal: 16_000,
      total: 16_000,
      paidTotal: 16_000,
      changeGiven: 4_000,
      onAccountTotal: 0,
      currency: 'UGX',
    });
    expect(o.lines.map((l) => [l.name, l.qtyMilli, l.net, l.tax, l.total])).toEqual([
      ['Sugar, Kakira 1 kg', 2000, 8475, 1525, 10_000],
      ['Beans, Nambale', 1250, 6000, 0, 6000],
    ]);
    expect(o.taxTotal).toBe(1525);
    expect(o.payments).toMatchObject([{ method: 'cash', amount: 16_000, tendered: 20_000, change: 4_000 }]);
    expect(stock(sugar.id)).toBe(40_000 - 2000);
    expect(stock(beans.id)).toBe(25_000 - 1250);
    const job = app.sqlite
      .prepare('SELECT template, status, data FROM print_jobs WHERE id = ?')
      .get(result.printJobId) as {
      template: string;
      status: string;
      data: string;
    };
    expect(job).toMatchObject({ template: 'sale-receipt', status: 'queued' });
    expect(JSON.parse(job.data).order.number).toBe('S-000001');
    expect(app.services.audit.list({ entity: 'salesOrder', limit: 5 }).rows[0]).toMatchObject({
      action: 'sale.complete',
      actorName: DEMO.cashier,
    });
  });

  it('never makes two sales from one key: a retry returns the same sale, another cart with the key is a conflict', async () => {
    const bread = await product('MR-017');
    const input = {
      cart: { lines: [{ productId: bread.id, qtyMilli: 1000 }] },
      payments: [{ method: 'card', amount: 4500 }],
      idempotencyKey: nextKey(),
    };
    const first = await ok<CompleteResult>('sales.complete', input);
    const again = await ok<CompleteResult>('sales.complete', input);
    expect(again).toMatchObject({ replayed: true, order: { id: first.order.id, number: first.order.number } });
    expect(again.printJobId).toBe(first.printJobId);
    const other = await call('sales.complete', {
      ...input,
      cart: { lines: [{ productId: bread.id, qtyMilli: 2000 }] },
      payments: [{ method: 'card', amount: 9000 }],
    });
    expect(other).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((app.sqlite.prepare('SELECT count(*) AS n FROM sales_orders').get() as { n: number }).n).toBe(1);
    expect(stock(bread.id)).toBe(39_000);
  });

  it('refuses a sale that is not fully paid, naming the amount, and changes nothing', async () => {
    const oil = await product('MR-006');
    const before = (app.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const res = await call('sales.complete', {
      cart: { lines: [{ productId: oil.id, qtyMilli: 1000 }] },
      payments: [{ method: 'cash', amount: 5000 }],
      idempotencyKey: nextKey(),
    });
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/UGX 4,500 still to pay/) },
    });
    expect((app.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n).toBe(before);
    expect(
      await call('sales.complete', {
        cart: { lines: [{ productId: oil.id, qtyMilli: 1000 }] },
        payments: [{ method: 'on_account', amount: 9500 }],
        idempotencyKey: nextKey(),
      }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/needs a customer/) } });
    expect(
      await call('sales.complete', {
        cart: { lines: [{ productId: oil.id, qtyMilli: 1000 }] },
        payments: [{ method: 'mobile_money', amount: 9500 }],
        idempotencyKey: nextKey(),
      }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/reference/) } });
    expect(
      await call('sales.complete', {
        cart: { lines: [] },
        payments: [{ method: 'cash', amount: 1 }],
        idempotencyKey: nextKey(),
      }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/no lines/) } });
  });

  it('puts the unpaid part on the customer account: invoice entry due by the terms, cached balance = Σ entries', async () => {
    const customerId = await newCustomer({ paymentTermsDays: 14 });
    const eggs = await product('MR-016');
    const { order } = await ok<CompleteResult>('sales.complete', {
      cart: { lines: [{ productId: eggs.id, qtyMilli: 2000 }], customerId },
      payments: [
        { method: 'cash', amount: 10_000 },
        { method: 'on_account', amount: 17_000 },
      ],
      idempotencyKey: nextKey(),
    });
    expect(order).toMatchObject({
      total: 27_000,
      paidTotal: 10_000,
      onAccountTotal: 17_000,
      customerName: 'Grace Atim',
    });
    const entries = app.sqlite
      .prepare('SELECT kind, amount, document_no AS doc, due_at AS dueAt, at FROM account_entries')
      .all() as Array<{
      kind: string;
      amount: number;
      doc: string;
      dueAt: number;
      at: number;
    }>;
    expect(entries).toMatchObject([{ kind: 'invoice', amount: 17_000, doc: order.number }]);
    expect((entries[0]?.dueAt ?? 0) - (entries[0]?.at ?? 0)).toBe(14 * 86_400_000);
    const c = app.sqlite
      .prepare('SELECT balance, total_spent AS spent, last_activity_at AS last FROM customers WHERE id = ?')
      .get(customerId) as {
      balance: number;
      spent: number;
      last: number;
    };
    expect(c).toMatchObject({ balance: 17_000, spent: 27_000 });

    const voided = await ok<SalesOrder>('sales.void', { id: order.id, reason: 'rang up twice' }, 'manager-client');
    expect(voided).toMatchObject({ status: 'voided', voidReason: 'rang up twice', voidedBy: managerId });
    expect(stock(eggs.id)).toBe(40_000);
    expect(app.sqlite.prepare('SELECT kind, amount FROM account_entries ORDER BY at, id').all()).toEqual([
      { kind: 'invoice', amount: 17_000 },
      { kind: 'void', amount: -17_000 },
    ]);
    expect(voided.payments.map((p) => p.amount)).toEqual([10_000, 17_000, -10_000, -17_000]);
    expect(
      app.sqlite.prepare('SELECT balance, total_spent AS spent FROM customers WHERE id = ?').get(customerId),
    ).toEqual({
      balance: 0,
      spent: 0,
    });
    expect(await call('sales.void', { id: order.id, reason: 'again' }, 'manager-client')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/already voided/) },
    });
    expect(await call('sales.void', { id: order.id, reason: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it("dates an on-account invoice by the customer's terms, else their category's, else the store default", async () => {
    const cats = await ok<Array<{ id: string; name: string }>>('customers.categories', null);
    const wholesale = cats.find((c) => c.name === 'Wholesale')?.id as string;
    await signInAs(call, DEMO.owner, DEMO.ownerPin, 'owner-client');
    await ok('customers.saveCategory', { id: wholesale, name: 'Wholesale', paymentTermsDays: 7 }, 'owner-client');
    await ok('sales.updateSettings', { defaultPaymentTermsDays: 45 }, 'owner-client');
    const byCategory = await newCustomer({ categoryId: wholesale, loyaltyCardNo: null });
    const byStore = await newCustomer({ firstName: 'Paul', loyaltyCardNo: null });
    const salt = await product('MR-005');
    const days: number[] = [];
    for (const customerId of [byCategory, byStore]) {
      const { order } = await ok<CompleteResult>('sales.complete', {
        cart: { lines: [{ productId: salt.id, qtyMilli: 1000 }], customerId },
        payments: [{ method: 'on_account', amount: 1000 }],
        idempotencyKey: nextKey(),
      });
      const e = app.sqlite
        .prepare('SELECT due_at - at AS d FROM account_entries WHERE sales_order_id = ?')
        .get(order.id) as {
        d: number;
      };
      days.push(e.d / 86_400_000);
    }
    expect(days).toEqual([7, 45]);
  });

  it("asks for a manager's PIN above the cashier's discount limit, and accepts the manager's approval, audited", async () => {
    const soap = await product('MR-025');
    const cart = { lines: [{ productId: soap.id, qtyMilli: 1000, discount: { kind: 'percent', bp: 2000 } }] };
    const q = await ok<Quote>('sales.quote', { cart });
    expect(q).toMatchObject({ total: 4800, discountTotal: 1200, approvalsNeeded: [{ kind: 'discount', lineNo: 1 }] });
    const refused = await call('sales.complete', {
      cart,
      payments: [{ method: 'card', amount: 4800 }],
      idempotencyKey: nextKey(),
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/manager/) },
    });
    const wrongPin = await call('sales.complete', {
      cart,
      payments: [{ method: 'card', amount: 4800 }],
      idempotencyKey: nextKey(),
      approval: { staffId: managerId, pin: '0000' },
    });
    expect(wrongPin).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const { order } = await ok<CompleteResult>('sales.complete', {
      cart,
      payments: [{ method: 'card', amount: 4800 }],
      idempotencyKey: nextKey(),
      approval: { staffId: managerId, pin: DEMO.managerPin },
    });
    expect(order).toMatchObject({ approvedBy: managerId, total: 4800, regularTotal: 6000, savings: 1200 });
    expect(app.services.audit.list({ entity: 'salesOrder', limit: 1 }).rows[0]?.note).toMatch(
      /approved by Moses Okello/,
    );
  });

  it('lets a manager change a price but asks a cashier for a manager PIN; the line keeps regular and charged price', async () => {
    const milk = await product('MR-013'); // 1,500
    const cart = { lines: [{ productId: milk.id, qtyMilli: 2000, unitPrice: 1200 }] };
    const cashierQuote = await ok<Quote>('sales.quote', { cart });
    expect(cashierQuote.approvalsNeeded).toMatchObject([{ kind: 'priceOverride', lineNo: 1 }]);
    expect(await ok('sales.approve', { staffId: managerId, pin: DEMO.managerPin, action: 'priceOverride' })).toEqual({
      staffId: managerId,
      name: DEMO.manager,
      role: 'manager',
      // no cart given: nothing to scope a token to
      token: null,
    });
    const cashierId = (app.sqlite.prepare('SELECT id FROM staff WHERE name = ?').get(DEMO.cashier) as { id: string })
      .id;
    expect(
      await call('sales.approve', { staffId: cashierId, pin: DEMO.cashierPin, action: 'priceOverride' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const managerQuote = await ok<Quote>('sales.quote', { cart }, 'manager-client');
    expect(managerQuote.approvalsNeeded).toEqual([]);
    const { order } = await ok<CompleteResult>(
      'sales.complete',
      {
        cart,
        payments: [{ method: 'mobile_money', amount: 2400, reference: 'MTN-778812' }],
        idempotencyKey: nextKey(),
      },
      'manager-client',
    );
    expect(order.lines[0]).toMatchObject({
      regularUnitPrice: 1500,
      unitPrice: 1200,
      priceOverridden: true,
      priceReason: 'override',
      total: 2400,
    });
    expect(order).toMatchObject({
      regularTotal: 3000,
      savings: 600,
      payments: [{ method: 'mobile_money', reference: 'MTN-778812' }],
    });
  });

  it('spreads an order discount over the lines exactly and keeps it within the cashier limit', async () => {
    const [a, b, c] = await Promise.all(['MR-019', 'MR-020', 'MR-021'].map(product));
    const q = await ok<Quote>('sales.quote', {
      cart: {
        lines: [a, b, c].map((p) => ({ productId: (p as Product).id, qtyMilli: 1000 })),
        orderDiscount: { kind: 'amount', amount: 499 },
      },
    });
    expect(q.lines.map((l) => l.orderDiscountShare)).toEqual([100, 200, 199]);
    expect(q).toMatchObject({ subtotal: 5000, orderDiscount: 499, total: 4501, approvalsNeeded: [] });
  });

  it('rounds cash payments to the shop’s increment, only when cash is used', async () => {
    await signInAs(call, DEMO.owner, DEMO.ownerPin, 'owner-client');
    await ok('sales.updateSettings', { cashRounding: { UGX: 500 } }, 'owner-client');
    const beans = await product('MR-004'); // 4,800/kg
    const cart = { lines: [{ productId: beans.id, qtyMilli: 1100 }] }; // 5,280
    const q = await ok<Quote>('sales.quote', { cart });
    expect(q).toMatchObject({ total: 5280, cashTotal: 5500, cashRounding: 220 });
    const cash = await ok<CompleteResult>('sales.complete', {
      cart,
      payments: [{ method: 'cash', amount: 10_000 }],
      idempotencyKey: nextKey(),
    });
    expect(cash.order).toMatchObject({ total: 5280, rounding: 220, paidTotal: 5500, changeGiven: 4500 });
    const card = await ok<CompleteResult>('sales.complete', {
      cart,
      payments: [{ method: 'card', amount: 5280 }],
      idempotencyKey: nextKey(),
    });
    expect(card.order).toMatchObject({ total: 5280, rounding: 0, paidTotal: 5280 });
  });

  it('parks a sale and resumes it after a restart of the app; it stays parked until its sale completes', async () => {
    const tea = await product('MR-023');
    const parked = await ok<ParkedSale>('sales.park', {
      cart: { lines: [{ productId: tea.id, qtyMilli: 3000 }] },
      label: 'Lady in blue',
    });
    expect(await ok<ParkedSale[]>('sales.parked', null)).toMatchObject([
      { id: parked.id, label: 'Lady in blue', lineCount: 1 },
    ]);
    // a second app over the same file stands in for a restart: the parked sale is in the database, not in memory
    const restarted = createApp({ dataDir: app.dir, log: () => {} });
    try {
      expect(restarted.services.parkedSales.list().map((p) => p.id)).toEqual([parked.id]);
    } finally {
      restarted.close();
    }
    const resumed = await ok<ParkedSale>('sales.resume', { id: parked.id });
    expect(resumed.cart.lines).toEqual([{ productId: tea.id, qtyMilli: 3000 }]);
    // the till crashes (or the tab is refreshed) before the sale is paid: the parked sale is still there
    const afterCrash = createApp({ dataDir: app.dir, log: () => {} });
    try {
      expect(afterCrash.services.parkedSales.list().map((p) => p.id)).toEqual([parked.id]);
    } finally {
      afterCrash.close();
    }
    const again = await ok<ParkedSale>('sales.resume', { id: parked.id });
    expect(again.cart).toEqual(resumed.cart);
    // parking the resumed sale again keeps one row, with the new cart
    await ok('sales.park', { id: parked.id, cart: { lines: [{ productId: tea.id, qtyMilli: 4000 }] } });
    expect((await ok<ParkedSale[]>('sales.parked', null)).map((p) => [p.id, p.cart.lines[0]?.qtyMilli])).toEqual([
      [parked.id, 4000],
    ]);
    // paying for it removes it, in the sale's transaction
    const sale = await ok<CompleteResult>('sales.complete', {
      cart: { lines: [{ productId: tea.id, qtyMilli: 4000 }] },
      payments: [{ method: 'card', amount: 4 * tea.price }],
      idempotencyKey: nextKey(),
      parkedId: parked.id,
    });
    expect(sale.order.status).toBe('completed');
    expect(await ok<ParkedSale[]>('sales.parked', null)).toEqual([]);
    expect(await call('sales.resume', { id: parked.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // a second till that had resumed it too cannot sell it again, and nothing is written for the attempt
    const orders = app.sqlite.prepare('SELECT count(*) AS n FROM sales_orders').get() as { n: number };
    expect(
      await call('sales.complete', {
        cart: { lines: [{ productId: tea.id, qtyMilli: 4000 }] },
        payments: [{ method: 'card', amount: 4 * tea.price }],
        idempotencyKey: nextKey(),
        parkedId: parked.id,
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/already completed/) } });
    expect(app.sqlite.prepare('SELECT count(*) AS n FROM sales_orders').get()).toEqual(orders);
  });

  it('discarding a resumed sale removes it from the parked list', async () => {
    const tea = await product('MR-023');
    const parked = await ok<ParkedSale>('sales.park', { cart: { lines: [{ productId: tea.id, qtyMilli: 1000 }] } });
    await ok('sales.resume', { id: parked.id });
    await ok('sales.discardParked', { id: parked.id });
    expect(await ok<ParkedSale[]>('sales.parked', null)).toEqual([]);
  });

  it('resolves a scanned code: loyalty card, then product barcode or SKU, then sale number; unknown says so', async () => {
    const customerId = await newCustomer();
    expect(await ok<LookupResult>('sales.lookupCode', { code: '2000000000015' })).toMatchObject({
      kind: 'customer',
      customer: { id: customerId, displayName: 'Grace Atim', balance: 0, pointsBalance: 0 },
    });
    expect(await ok<LookupResult>('sales.lookupCode', { code: code('MR-001') })).toMatchObject({
      kind: 'product',
      product: { sku: 'MR-001', price: 4500 },
    });
    expect(await ok<LookupResult>('sales.lookupCode', { code: 'MR-002' })).toMatchObject({
      kind: 'product',
      product: { sku: 'MR-002' },
    });
    const salt = await product('MR-005');
    const { order } = await ok<CompleteResult>('sales.complete', {
      cart: { lines: [{ productId: salt.id, qtyMilli: 1000 }] },
      payments: [{ method: 'cash', amount: 1000 }],
      idempotencyKey: nextKey(),
    });
    expect(await ok<LookupResult>('sales.lookupCode', { code: order.number.toLowerCase() })).toMatchObject({
      kind: 'sale',
      id: order.id,
    });
    expect(await ok<SalesOrder>('sales.get', { number: order.number })).toMatchObject({ id: order.id });
    expect(await ok<LookupResult>('sales.lookupCode', { code: '999' })).toMatchObject({
      kind: 'unknown',
      message: expect.stringMatching(/No loyalty card, product or receipt/),
    });
  });
});
