import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS } from '../../src/main/seed/products';
import type { Product } from '../../src/shared/contract/catalog';
import type { CompleteResult, Quote } from '../../src/shared/contract/sales';
import { DEMO, makeTestApp, signInAs, type TestApp } from '../helpers';

const code = (sku: string) => DEMO_PRODUCTS.find((p) => p.sku === sku)?.barcode as string;

describe("a manager's approval is a token for one cashier, one cart and one sale", () => {
  let app: TestApp;
  let managerId: string;
  let maize: Product;
  let n = 0;
  const call = (name: string, input: unknown, client = 'till-1') => app.call(name, input, client);
  const ok = async <T>(name: string, input: unknown, client = 'till-1'): Promise<T> => {
    const res = await call(name, input, client);
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };
  /** two maize flour at 4,500 with an order discount over the cashier's 10% limit */
  const cart = (bp = 2000) => ({
    lines: [{ productId: maize.id, qtyMilli: 2000 }],
    orderDiscount: { kind: 'percent', bp },
  });
  const approve = (c: unknown, client = 'till-1') =>
    ok<{ token: string }>(
      'sales.approve',
      { staffId: managerId, pin: DEMO.managerPin, action: 'discount', cart: c },
      client,
    );
  const complete = (c: unknown, token: string, client = 'till-1') =>
    call(
      'sales.complete',
      {
        cart: c,
        payments: [{ method: 'card', amount: 7200 }],
        idempotencyKey: `approval-sale-${++n}`,
        approval: { staffId: managerId, token },
      },
      client,
    );
  const sales = () => (app.sqlite.prepare('SELECT count(*) AS n FROM sales_orders').get() as { n: number }).n;

  beforeEach(async () => {
    app = makeTestApp();
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.cashier, DEMO.cashierPin, 'till-1');
    managerId = await signInAs(app.call, DEMO.manager, DEMO.managerPin, 'office');
    maize = await ok<Product>('catalog.byBarcode', { code: code('MR-001') });
  });
  afterEach(() => app.dispose());

  it('completes the sale it was given for, and the quote shows nothing left to approve', async () => {
    const { token } = await approve(cart());
    expect(token).toMatch(/^[\w-]{20,}$/);
    const quote = await ok<Quote>('sales.quote', { cart: cart(), approval: { staffId: managerId, token } });
    expect(quote.approvalsNeeded).toEqual([]);
    const done = await complete(cart(), token);
    expect(done).toMatchObject({ ok: true, data: { order: { total: 7200 } } });
    expect((done as { data: CompleteResult }).data.order.approvedBy).toBe(managerId);
  });

  it('refuses the same token for a second sale (replay), and writes nothing for it', async () => {
    const { token } = await approve(cart());
    expect((await complete(cart(), token)).ok).toBe(true);
    const before = sales();
    expect(await complete(cart(), token)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/used for another sale/) },
    });
    expect(sales()).toBe(before);
  });

  it('refuses it for a bigger discount or other items than were approved', async () => {
    const { token } = await approve(cart(2000));
    expect(await complete(cart(5000), token)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/other items or amounts/) },
    });
    const more = { ...cart(2000), lines: [{ productId: maize.id, qtyMilli: 3000 }] };
    expect((await complete(more, token)).ok).toBe(false);
    expect(sales()).toBe(0);
  });

  it('refuses it to another cashier than the one it was given to', async () => {
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin, 'owner');
    const peter = await ok<{ id: string }>(
      'staff.create',
      { name: 'Peter Ssali', role: 'cashier', pin: '4321' },
      'owner',
    );
    await app.call('staff.signIn', { staffId: peter.id, pin: '4321' }, 'till-2');
    const { token } = await approve(cart());
    expect(await complete(cart(), token, 'till-2')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/another cashier/) },
    });
  });

  it('refuses a made-up token and one that has lapsed', async () => {
    expect((await complete(cart(), 'x'.repeat(32))).ok).toBe(false);
    const { token } = await approve(cart());
    app.clock.advance(11 * 60_000);
    await signInAs(app.call, DEMO.cashier, DEMO.cashierPin, 'till-1');
    expect(await complete(cart(), token)).toMatchObject({ ok: false, error: { message: /lapsed/ } });
  });

  it('gives no token for a cart the approver may not approve', async () => {
    // the cashier cannot approve a discount over their own limit
    const cashierId = await signInAs(app.call, DEMO.cashier, DEMO.cashierPin, 'till-3');
    expect(
      await call('sales.approve', { staffId: cashierId, pin: DEMO.cashierPin, action: 'discount', cart: cart() }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
