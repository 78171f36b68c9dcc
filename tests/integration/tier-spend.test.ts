import { afterEach, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/main/domains/deps';
import { monthsBefore } from '../../src/main/domains/loyalty/dates';
import { rollingSpend } from '../../src/main/domains/loyalty/tiers';
import { tierSpendMismatches } from '../helpers';
import { type LoyaltyShop, loyaltyShop } from '../loyalty-helpers';

const DAY = 86_400_000;
const TIERS = [
  { id: 'member', name: 'Member', thresholdSpend: 0, multiplierBp: 10_000 },
  { id: 'gold', name: 'Gold', thresholdSpend: 50_000, multiplierBp: 10_000 },
];

/** The loyalty tier's rolling spend, cached on the customer (migration 0023) so that a sale need not sum it. */
describe('the cached tier spend', () => {
  let shop: LoyaltyShop;
  afterEach(() => shop.app.dispose());
  const cache = (id: string) =>
    shop.app.sqlite
      .prepare(
        `SELECT tier_spend AS spend, tier_spend_since AS since, tier_spend_oldest_at AS oldest, loyalty_tier AS tier
         FROM customers WHERE id = ?`,
      )
      .get(id) as { spend: number | null; since: number | null; oldest: number | null; tier: string | null };
  const card = (amount: number) => [{ method: 'card' as const, amount }];
  const sell = async (id: string, n: number) => {
    const q = await shop.ok<{ total: number }>('sales.quote', {
      cart: { customerId: id, lines: [{ productId: shop.product('MR-001'), qtyMilli: n * 1000 }] },
    });
    return shop.sell(id, [['MR-001', n]], card(q.total));
  };
  const spendNow = (id: string) => {
    const tz = shop.app.services.settings.store().timeZone;
    return rollingSpend(shop.app as unknown as Deps, id, monthsBefore(shop.app.clock.now(), 1, tz));
  };

  it('is filled at the first sale and added to by the next, which reads it instead of summing', async () => {
    shop = await loyaltyShop({ tiers: TIERS, tierWindowMonths: 1 });
    const ann = await shop.customer('Ann');
    const first = await sell(ann, 2);
    const filled = cache(ann);
    expect(filled.spend).toBe(first.order.total + first.order.rounding);
    await shop.at(shop.app.clock.now() + 2 * DAY);
    const second = await sell(ann, 3);
    const after = cache(ann);
    // the window start moved on two days, the cache still answers: only the sale was added
    expect(after.since).toBe(filled.since);
    expect(after.spend).toBe(spendNow(ann));
    expect(after.spend).toBe(first.order.total + second.order.total + first.order.rounding + second.order.rounding);
    expect(after.oldest).toBe(first.order.completedAt);
    expect(tierSpendMismatches(shop.app.sqlite)).toEqual([]);
  });

  it('is summed again once a counted sale leaves the window, and the tier falls', async () => {
    shop = await loyaltyShop({ tiers: TIERS, tierWindowMonths: 1 });
    const ann = await shop.customer('Ann');
    await sell(ann, 20);
    expect(cache(ann).tier).toBe('gold');
    await shop.at(shop.app.clock.now() + 40 * DAY);
    const small = await sell(ann, 1);
    expect(cache(ann)).toMatchObject({ spend: small.order.total + small.order.rounding, tier: 'member' });
    expect(cache(ann).oldest).toBe(small.order.completedAt);
  });

  it('is summed again by a refund and a void (which work the tier out again), forgotten by a refund cancel', async () => {
    shop = await loyaltyShop({ tiers: TIERS, tierWindowMonths: 1 });
    const ann = await shop.customer('Ann');
    const sale = await sell(ann, 12);
    await sell(ann, 1);
    expect(cache(ann).tier).toBe('gold');
    const refund = await shop.refund(sale.order, [[0, 10]]);
    expect(cache(ann)).toMatchObject({ spend: spendNow(ann), tier: 'member' });
    await shop.ok('refunds.cancel', { id: refund.refund.id, reason: 'kept it' });
    expect(cache(ann).spend).toBeNull(); // a cancel leaves the tier to the next sale or the daily job
    await sell(ann, 1);
    expect(cache(ann)).toMatchObject({ spend: spendNow(ann), tier: 'gold' });
    await shop.ok('sales.void', { id: sale.order.id, reason: 'wrong customer' });
    expect(cache(ann)).toMatchObject({ spend: spendNow(ann), tier: 'member' });
    await sell(ann, 1);
    expect(cache(ann).spend).toBe(spendNow(ann));
    expect(tierSpendMismatches(shop.app.sqlite)).toEqual([]);
  });

  it('keeps true for sales written outside the app (an import, a repair): counted, left out or forgotten', async () => {
    shop = await loyaltyShop({ tiers: TIERS, tierWindowMonths: 1 });
    const db = shop.app.sqlite;
    const ann = await shop.customer('Ann');
    const sale = await sell(ann, 2);
    const copy = (id: string, number: string, at: number, key: string) =>
      db
        .prepare(
          `INSERT INTO sales_orders (id, number, customer_id, staff_id, status, currency, prices_include_tax, subtotal,
             discount_total, tax_total, rounding, total, regular_total, paid_total, on_account_total, change_given,
             idempotency_key, request_hash, completed_at, created_at, till_id)
           SELECT ?, ?, customer_id, staff_id, status, currency, prices_include_tax, subtotal, discount_total,
             tax_total, rounding, total, regular_total, paid_total, on_account_total, change_given, ?, request_hash, ?,
             ?, till_id FROM sales_orders WHERE id = ?`,
        )
        .run(id, number, key, at, at, sale.order.id);
    const now = shop.app.clock.now();
    copy('imported-old', 'IMP-1', now - 90 * DAY, 'imp-1'); // before the cached window: not counted, cache kept
    expect(cache(ann).spend).toBe(spendNow(ann));
    copy('imported-new', 'IMP-2', now - DAY, 'imp-2'); // inside it: counted
    expect(cache(ann).spend).toBe(spendNow(ann));
    expect(cache(ann).spend).toBe(2 * (sale.order.total + sale.order.rounding));
    expect(tierSpendMismatches(db)).toEqual([]);
    db.prepare("UPDATE sales_orders SET total = total + 1000 WHERE id = 'imported-new'").run();
    expect(cache(ann).spend).toBeNull();
  });

  it('is filled for every active customer by the daily job, a slice at a time, whether they bought or not', async () => {
    shop = await loyaltyShop({ tiers: TIERS, tierWindowMonths: 1 });
    const ann = await shop.customer('Ann');
    const ben = await shop.customer('Ben');
    await sell(ann, 1);
    shop.app.sqlite.prepare('UPDATE customers SET tier_spend = NULL').run();
    await shop.ok('loyalty.runDaily');
    await shop.app.services.loyalty.fillTierSpend();
    expect(cache(ann).spend).toBe(spendNow(ann));
    expect(cache(ben)).toMatchObject({ spend: 0, oldest: null });
    // and again at the next run
    shop.app.sqlite.prepare('UPDATE customers SET tier_spend = NULL').run();
    await shop.app.services.loyalty.fillTierSpend();
    expect(cache(ben).spend).toBe(0);
    expect(tierSpendMismatches(shop.app.sqlite)).toEqual([]);
  });
  it('is filled by the daily job the host starts, a while after the start', async () => {
    shop = await loyaltyShop({ tiers: TIERS, tierWindowMonths: 1 });
    const ann = await shop.customer('Ann');
    const ben = await shop.customer('Ben'); // no sale and no tier: only the slices fill his
    await sell(ann, 1);
    shop.app.sqlite.prepare('UPDATE customers SET tier_spend = NULL').run();
    const loyalty = shop.app.services.loyalty;
    loyalty.startDaily(10, 86_400_000);
    try {
      for (let i = 0; i < 100 && cache(ben).spend === null; i++) await new Promise((r) => setTimeout(r, 20));
      expect(cache(ann).spend).toBe(spendNow(ann));
      expect(cache(ben)).toMatchObject({ spend: 0, oldest: null });
    } finally {
      loyalty.stopDaily();
    }
  });
});
