import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS } from '../../src/main/seed/products';
import type { Product } from '../../src/shared/contract/catalog';
import type { Offer, PriceList } from '../../src/shared/contract/pricing';
import type { CreateRefundResult } from '../../src/shared/contract/refunds';
import type { CompleteResult, Quote } from '../../src/shared/contract/sales';
import { DEMO, makeTestApp, signInAs, type TestApp } from '../helpers';

const M = 'manager-client';
const code = (sku: string) => DEMO_PRODUCTS.find((p) => p.sku === sku)?.barcode as string;

describe('prices by customer: price lists and segment offers at the till', () => {
  let app: TestApp;
  let call: TestApp['call'];
  let sugar: Product; // 5,000
  let flour: Product; // 4,500
  let wholesaleCat: string;
  let wholesale: PriceList;
  let key = 0;
  const ok = async <T>(name: string, input: unknown, client?: string): Promise<T> => {
    const res = await call(name, input, client);
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };
  const fails = async (name: string, input: unknown, client?: string) => {
    const res = await call(name, input, client);
    if (res.ok) throw new Error(`${name} should have failed`);
    return res.error;
  };
  const customer = async (firstName: string, extra: object = {}) =>
    (
      await ok<{ customer: { id: string } }>('customers.create', {
        type: 'individual',
        firstName,
        lastName: 'T',
        ...extra,
      })
    ).customer.id;
  const quote = (customerId: string | null, lines: Array<[Product, number]>) =>
    ok<Quote>('sales.quote', {
      cart: { customerId, lines: lines.map(([p, qtyMilli]) => ({ productId: p.id, qtyMilli })) },
    });
  const sell = (customerId: string | null, lines: Array<[Product, number]>) =>
    ok<CompleteResult>('sales.complete', {
      cart: { customerId, lines: lines.map(([p, qtyMilli]) => ({ productId: p.id, qtyMilli })) },
      payments: [{ method: 'cash', amount: 10_000_000 }],
      idempotencyKey: `pricing-${++key}`,
    });

  beforeEach(async () => {
    app = makeTestApp();
    call = app.call;
    app.services.system.createDemoShop();
    await signInAs(call, DEMO.cashier, DEMO.cashierPin);
    await signInAs(call, DEMO.manager, DEMO.managerPin, M);
    sugar = await ok<Product>('catalog.byBarcode', { code: code('MR-003') });
    flour = await ok<Product>('catalog.byBarcode', { code: code('MR-001') });
    wholesaleCat = '01900000-0000-7000-8000-00000000beef';
    app.sqlite
      .prepare("INSERT INTO customer_categories (id, name, created_at) VALUES (?, 'Wholesale', 0)")
      .run(wholesaleCat);
    wholesale = await ok<PriceList>(
      'pricing.createList',
      {
        name: 'Wholesale',
        currency: 'UGX',
        items: [
          { productId: sugar.id, kind: 'fixed', price: 4600, minQtyMilli: 6000 },
          { productId: sugar.id, kind: 'fixed', price: 4200, minQtyMilli: 12_000 },
        ],
      },
      M,
    );
    await ok('pricing.assignToCategory', { categoryId: wholesaleCat, priceListId: wholesale.id }, M);
  });
  afterEach(() => app.dispose());

  it('a wholesale-category customer gets the carton price at 12 units, and the line says which rule and why', async () => {
    const w = await customer('Wanda', { categoryId: wholesaleCat });
    const q11 = await quote(w, [[sugar, 11_000]]);
    expect(q11.lines[0]).toMatchObject({ unitPrice: 4600, regularUnitPrice: 5000, priceReason: 'Wholesale (6+)' });
    const q12 = await quote(w, [[sugar, 12_000]]);
    expect(q12.lines[0]).toMatchObject({ unitPrice: 4200, regularUnitPrice: 5000, priceReason: 'Wholesale (12+)' });
    expect(q12.lines[0]?.priceRuleId).toBe(wholesale.items.find((i) => i.minQtyMilli === 12_000)?.id);
    expect(q12.savings).toBe(12 * 800);
    const sale = await sell(w, [[sugar, 12_000]]);
    const row = app.sqlite
      .prepare(
        'SELECT regular_unit_price AS r, unit_price AS u, price_rule_id AS rule FROM sales_lines WHERE sales_order_id = ?',
      )
      .get(sale.order.id);
    expect(row).toEqual({ r: 5000, u: 4200, rule: q12.lines[0]?.priceRuleId });
  });

  it("the customer's own list wins over the category's; a walk-in pays regular prices", async () => {
    const own = await ok<PriceList>(
      'pricing.createList',
      { name: 'Hotel Africana', currency: 'UGX', items: [{ kind: 'percent_off', bp: 500 }] },
      M,
    );
    const h = await customer('Hotel', { categoryId: wholesaleCat });
    await ok('pricing.assignToCustomer', { customerId: h, priceListId: own.id }, M);
    expect((await quote(h, [[sugar, 12_000]])).lines[0]).toMatchObject({
      unitPrice: 4750,
      priceReason: 'Hotel Africana',
    });
    const walkIn = await quote(null, [
      [sugar, 12_000],
      [flour, 1000],
    ]);
    expect(walkIn.lines.map((l) => [l.unitPrice, l.priceRuleId, l.priceReason])).toEqual([
      [5000, null, 'regular'],
      [4500, null, 'regular'],
    ]);
    expect(walkIn.savings).toBe(0);
  });

  it('a member gets the member discount; a per-customer limit is counted from completed sales', async () => {
    const offer = await ok<Offer>(
      'pricing.createOffer',
      {
        name: 'Members 10% off',
        kind: 'percent',
        value: 1000,
        scope: 'order',
        eligibleTiers: ['member'],
        perCustomerLimit: 1,
      },
      M,
    );
    const m = await customer('Mary');
    app.sqlite.prepare("UPDATE customers SET loyalty_tier = 'member' WHERE id = ?").run(m);
    const other = await customer('Otto');
    expect((await quote(m, [[flour, 2000]])).lines[0]).toMatchObject({
      unitPrice: 4050,
      priceReason: 'Members 10% off',
    });
    expect((await quote(other, [[flour, 2000]])).lines[0]).toMatchObject({ unitPrice: 4500, priceRuleId: null });
    await sell(m, [[flour, 2000]]);
    expect(app.sqlite.prepare('SELECT offer_id AS o, customer_id AS c FROM offer_uses').all()).toEqual([
      { o: offer.id, c: m },
    ]);
    // used once: the limit is reached
    expect((await quote(m, [[flour, 2000]])).lines[0]).toMatchObject({ unitPrice: 4500, priceRuleId: null });
  });

  it('re-prices at once when the list changes (the rule cache is invalidated)', async () => {
    const w = await customer('Wanda', { categoryId: wholesaleCat });
    expect((await quote(w, [[sugar, 12_000]])).lines[0]?.unitPrice).toBe(4200);
    await ok(
      'pricing.updateList',
      {
        id: wholesale.id,
        list: {
          name: 'Wholesale',
          currency: 'UGX',
          items: [{ productId: sugar.id, kind: 'fixed', price: 4000, minQtyMilli: 12_000 }],
        },
      },
      M,
    );
    expect((await quote(w, [[sugar, 12_000]])).lines[0]?.unitPrice).toBe(4000);
    await ok(
      'pricing.updateList',
      { id: wholesale.id, list: { name: 'Wholesale', currency: 'UGX', active: false } },
      M,
    );
    expect((await quote(w, [[sugar, 12_000]])).lines[0]?.unitPrice).toBe(5000);
  });

  it('a refund repays the price charged, even after the price list changed', async () => {
    const w = await customer('Wanda', { categoryId: wholesaleCat });
    const sale = await sell(w, [[sugar, 12_000]]);
    await ok(
      'pricing.updateList',
      {
        id: wholesale.id,
        list: {
          name: 'Wholesale',
          currency: 'UGX',
          items: [{ productId: sugar.id, kind: 'fixed', price: 3000, minQtyMilli: 12_000 }],
        },
      },
      M,
    );
    const r = await ok<CreateRefundResult>(
      'refunds.create',
      {
        salesOrderId: sale.order.id,
        lines: [{ salesLineId: sale.order.lines[0]?.id, qtyMilli: 2000, restock: true }],
        method: 'cash',
        reason: 'damaged packet',
        idempotencyKey: 'refund-1',
      },
      M,
    );
    expect(r.refund.total).toBe(2 * 4200);
  });

  it('audits every change to price lists, assignments and offers', async () => {
    const o = await ok<Offer>(
      'pricing.createOffer',
      { name: 'June', kind: 'amount', value: 100, scope: 'product', targetId: flour.id },
      M,
    );
    await ok('pricing.deleteOffer', { id: o.id }, M);
    const actions = (
      app.sqlite
        .prepare(
          "SELECT action FROM audit_log WHERE action LIKE 'priceList.%' OR action LIKE 'offer.%' ORDER BY at, rowid",
        )
        .all() as Array<{ action: string }>
    ).map((a) => a.action);
    expect(actions).toEqual(['priceList.created', 'priceList.assignedToCategory', 'offer.created', 'offer.deleted']);
  });

  it('refuses bad lists and offers in words, changing nothing', async () => {
    expect((await fails('pricing.createList', { name: 'Wholesale', currency: 'UGX' }, M)).code).toBe('CONFLICT');
    expect(
      (
        await fails(
          'pricing.createList',
          {
            name: 'X',
            currency: 'UGX',
            items: [{ productId: '01900000-0000-7000-8000-0000000000aa', kind: 'fixed', price: 1 }],
          },
          M,
        )
      ).message,
    ).toMatch(/Item 1: that product was not found/);
    // an order-wide offer has no product or category to target
    expect(
      (
        await fails(
          'pricing.createOffer',
          { name: 'O', kind: 'amount', value: 5, scope: 'order', targetId: sugar.id },
          M,
        )
      ).code,
    ).toBe('VALIDATION');
    const del = await fails('pricing.deleteList', { id: wholesale.id }, M);
    expect(del.message).toMatch(/still given to 1/);
    expect((await fails('pricing.createList', { name: 'C', currency: 'UGX' })).code).toBe('FORBIDDEN');
    expect((await ok<PriceList[]>('pricing.lists', null)).map((l) => l.name)).toEqual(['Wholesale']);
  });
});
