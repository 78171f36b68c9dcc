import { afterEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/shared/clock';
import type { LoyaltyQuote, TillLoyalty } from '../../src/shared/contract/loyalty';
import { DEMO, ledgerMismatches, signInAs } from '../helpers';
import { type LoyaltyShop, loyaltyShop } from '../loyalty-helpers';

// MR-002 is rice at UGX 5,500 without VAT, so tax-included and pre-tax amounts are the same
describe('loyalty points at the till', () => {
  let shop: LoyaltyShop;
  afterEach(() => shop.app.dispose());
  const receiptPoints = (printJobId: string | null) =>
    JSON.parse(
      (shop.app.sqlite.prepare('SELECT data FROM print_jobs WHERE id = ?').get(printJobId) as { data: string }).data,
    ).points;

  it('earns 1 point per whole UGX 1,000 in the sale’s transaction, cached = Σ entries, and the receipt shows it', async () => {
    shop = await loyaltyShop();
    const ann = await shop.customer('Ann');
    const sale = await shop.sell(ann, [['MR-002', 3]], [{ method: 'cash', amount: 20_000 }]);
    // 16,500 → 16 points (rounded down)
    expect(shop.entries(ann)).toEqual([
      { kind: 'earn', points: 16, operationId: `earn:${sale.order.id}`, expiresAt: null },
    ]);
    expect(shop.balance(ann)).toBe(16);
    expect(receiptPoints(sale.printJobId)).toEqual({ earned: 16, redeemed: 0, balance: 16, tier: 'Member' });
    expect(ledgerMismatches(shop.app.sqlite).points).toEqual([]);
    const audit = shop.app.sqlite
      .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'loyalty.sale' AND entity_id = ?")
      .get(ann) as { n: number };
    expect(audit.n).toBe(1);
  });

  it('a sale without a customer earns nothing and cannot be paid with points', async () => {
    shop = await loyaltyShop();
    await shop.sell(null, [['MR-002', 2]], [{ method: 'cash', amount: 11_000 }]);
    expect(shop.app.sqlite.prepare('SELECT count(*) AS n FROM points_entries').get()).toEqual({ n: 0 });
    const res = await shop.app.call('sales.complete', {
      cart: { lines: [{ productId: shop.product('MR-002'), qtyMilli: 2000 }] },
      payments: [
        { method: 'points', amount: 1000 },
        { method: 'cash', amount: 10_000 },
      ],
      idempotencyKey: shop.nextKey(),
    });
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/needs a customer/) },
    });
  });

  it('the same sale submitted twice earns and redeems once', async () => {
    shop = await loyaltyShop();
    const ann = await shop.customer('Ann');
    await shop.adjust(ann, 1000);
    const pay = [
      { method: 'points' as const, amount: 2000 },
      { method: 'cash' as const, amount: 20_000 },
    ];
    const first = await shop.sell(ann, [['MR-002', 4]], pay, 'retry-sale-0001');
    const again = await shop.sell(ann, [['MR-002', 4]], pay, 'retry-sale-0001');
    expect(again.replayed).toBe(true);
    expect(again.order.id).toBe(first.order.id);
    expect(shop.entries(ann).map((e) => [e.kind, e.points])).toEqual([
      ['adjust', 1000],
      ['redeem', -200],
      ['earn', 20],
    ]);
    expect(shop.balance(ann)).toBe(820);
    // a retried refund takes back once too
    const r1 = await shop.refund(first.order, [[0, 2]], 'retry-refund-0001');
    const r2 = await shop.refund(first.order, [[0, 2]], 'retry-refund-0001');
    expect(r2.replayed).toBe(true);
    expect(r2.refund.id).toBe(r1.refund.id);
    expect(shop.entries(ann).filter((e) => e.kind === 'clawback')).toHaveLength(1);
    const ops = shop.app.sqlite
      .prepare('SELECT operation_id, count(*) AS n FROM points_entries GROUP BY operation_id HAVING n > 1')
      .all();
    expect(ops).toEqual([]);
  });

  it('points for the part paid with points: only what the customer paid otherwise earns', async () => {
    shop = await loyaltyShop();
    const ann = await shop.customer('Ann');
    await shop.adjust(ann, 1000);
    // 22,000: 5,000 with 500 points, 17,000 in cash → 17 points, not 22
    const sale = await shop.sell(
      ann,
      [['MR-002', 4]],
      [
        { method: 'points', amount: 5000 },
        { method: 'cash', amount: 17_000 },
      ],
    );
    expect(
      shop
        .entries(ann)
        .slice(1)
        .map((e) => [e.kind, e.points]),
    ).toEqual([
      ['redeem', -500],
      ['earn', 17],
    ]);
    expect(receiptPoints(sale.printJobId)).toEqual({ earned: 17, redeemed: 500, balance: 517, tier: 'Member' });
    const quote = await shop.ok<LoyaltyQuote>('loyalty.quote', {
      cart: { customerId: ann, lines: [{ productId: shop.product('MR-002'), qtyMilli: 4000 }] },
      payments: [{ method: 'points', amount: 5000 }],
    });
    expect(quote).toMatchObject({ earnPoints: 17, maxRedeemPoints: 517, maxRedeemAmount: 5170 });
  });

  it('a partial refund of a sale that used a reward: points taken back and given back in proportion, money less by the points', async () => {
    shop = await loyaltyShop();
    const ann = await shop.customer('Ann');
    await shop.adjust(ann, 1000);
    const sale = await shop.sell(
      ann,
      [['MR-002', 4]],
      [
        { method: 'points', amount: 5000 },
        { method: 'cash', amount: 17_000 },
      ],
    );
    // half the goods back: ⌊17/2⌋ = 8 earned points off, 250 of the 500 redeemed back, 11,000 − 2,500 in cash
    const half = await shop.refund(sale.order, [[0, 2]]);
    expect(half.refund.total).toBe(8500);
    expect(shop.balance(ann)).toBe(1000 - 500 + 17 - 8 + 250);
    const refundReceipt = shop.app.sqlite.prepare('SELECT data FROM print_jobs WHERE id = ?').get(half.printJobId) as {
      data: string;
    };
    expect(JSON.parse(refundReceipt.data).customer.pointsBalance).toBe(759);
    // the rest: everything left of the earn and of the redemption, whatever the rounding did
    const rest = await shop.refund(sale.order, [[0, 2]]);
    expect(rest.refund.total).toBe(8500);
    expect(shop.balance(ann)).toBe(1000);
    const sums = shop.app.sqlite
      .prepare(
        `SELECT sum(CASE WHEN kind IN ('earn', 'clawback') THEN points END) AS earnedLeft,
           sum(CASE WHEN kind = 'redeem' THEN points END) AS redeemedLeft FROM points_entries WHERE sales_order_id = ?`,
      )
      .get(sale.order.id);
    expect(sums).toEqual({ earnedLeft: 0, redeemedLeft: 0 });
    // cancelling the second refund undoes its points
    await shop.ok('refunds.cancel', { id: rest.refund.id, reason: 'customer kept them' });
    expect(shop.balance(ann)).toBe(1000 - 500 + 17 - 8 + 250);
    expect(ledgerMismatches(shop.app.sqlite).points).toEqual([]);
  });

  it('a refund after redemption: the points already spent leave a negative balance and the refund still goes through', async () => {
    shop = await loyaltyShop();
    const ben = await shop.customer('Ben');
    await shop.adjust(ben, 100);
    const a = await shop.sell(ben, [['MR-002', 20]], [{ method: 'cash', amount: 110_000 }]);
    expect(shop.balance(ben)).toBe(210);
    // spends all 210 points on the next sale (44,000: 2,100 in points, 41,900 cash → 41 points)
    await shop.sell(
      ben,
      [['MR-002', 8]],
      [
        { method: 'points', amount: 2100 },
        { method: 'cash', amount: 41_900 },
      ],
    );
    expect(shop.balance(ben)).toBe(41);
    const r = await shop.refund(a.order, [[0, 20]]);
    expect(r.refund.total).toBe(110_000);
    expect(shop.balance(ben)).toBe(41 - 110);
    const summary = await shop.ok<TillLoyalty>('loyalty.tillSummary', { customerId: ben });
    expect(summary.balance).toBe(-69);
    const quote = await shop.ok<LoyaltyQuote>('loyalty.quote', {
      cart: { customerId: ben, lines: [{ productId: shop.product('MR-002'), qtyMilli: 1000 }] },
    });
    expect(quote).toMatchObject({ maxRedeemPoints: 0, noRedeemReason: 'No points to redeem.' });
    // future earnings pay it off
    await shop.sell(ben, [['MR-002', 20]], [{ method: 'cash', amount: 110_000 }]);
    expect(shop.balance(ben)).toBe(41);
  });

  it('a void takes back everything the sale earned and gives back everything it redeemed', async () => {
    shop = await loyaltyShop();
    const ann = await shop.customer('Ann');
    await shop.adjust(ann, 300);
    const sale = await shop.sell(
      ann,
      [['MR-002', 4]],
      [
        { method: 'points', amount: 3000 },
        { method: 'cash', amount: 19_000 },
      ],
    );
    expect(shop.balance(ann)).toBe(300 - 300 + 19);
    await shop.ok('sales.void', { id: sale.order.id, reason: 'rang up the wrong customer' });
    expect(shop.balance(ann)).toBe(300);
    expect(ledgerMismatches(shop.app.sqlite).points).toEqual([]);
  });

  it('refuses a points payment below the minimum, above the share, above the balance or not in whole points, writing nothing', async () => {
    shop = await loyaltyShop();
    const ann = await shop.customer('Ann');
    await shop.adjust(ann, 400);
    const before = shop.app.sqlite.prepare('SELECT count(*) AS n FROM sales_orders').get();
    const attempt = (points: number) =>
      shop.app.call('sales.complete', {
        cart: { customerId: ann, lines: [{ productId: shop.product('MR-002'), qtyMilli: 2000 }] },
        payments: [
          { method: 'points', amount: points },
          { method: 'cash', amount: 11_000 - points },
        ],
        idempotencyKey: shop.nextKey(),
      });
    const message = async (points: number) => {
      const res = await attempt(points);
      expect(res.ok).toBe(false);
      return res.ok ? '' : `${res.error.code}: ${res.error.message}`;
    };
    expect(await message(500)).toMatch(/VALIDATION: At least 100 points/);
    expect(await message(5505)).toMatch(/VALIDATION: Points pay in steps of UGX 10/);
    expect(await message(5600)).toMatch(/VALIDATION: Points may pay at most 50% of a sale \(UGX 5,500 here\)/);
    await shop.adjust(ann, -350);
    expect(await message(1000)).toMatch(/VALIDATION: The customer has 50 points, not the 100 asked/);
    expect(shop.app.sqlite.prepare('SELECT count(*) AS n FROM sales_orders').get()).toEqual(before);
    expect(shop.balance(ann)).toBe(50);
  });

  it('points expire at the end of the month N months after earning; redemptions use the oldest first', async () => {
    shop = await loyaltyShop({ expiry: { kind: 'months', months: 1 } });
    await shop.at(Date.UTC(2026, 0, 10, 9));
    const ann = await shop.customer('Ann');
    await shop.sell(ann, [['MR-002', 40]], [{ method: 'cash', amount: 220_000 }]); // 220 points, valid to 28 Feb
    await shop.at(Date.UTC(2026, 1, 10, 9));
    await shop.sell(ann, [['MR-002', 40]], [{ method: 'cash', amount: 220_000 }]); // 220, valid to 31 Mar
    // 150 points in February come out of January's points
    await shop.sell(
      ann,
      [['MR-002', 4]],
      [
        { method: 'points', amount: 1500 },
        { method: 'cash', amount: 20_500 },
      ],
    );
    const janEnd = Date.UTC(2026, 1, 28, 21) - 1; // 23:59:59.999 in Kampala (UTC+3)
    expect(shop.entries(ann)[0]?.expiresAt).toBe(janEnd);
    const summary = await shop.ok<TillLoyalty>('loyalty.tillSummary', { customerId: ann });
    expect(summary.nextExpiry).toEqual({ points: 70, at: janEnd });
    await shop.at(Date.UTC(2026, 2, 1, 6));
    const run = await shop.ok('loyalty.runDaily');
    expect(run).toMatchObject({ expiredEntries: 1, expiredPoints: 70 });
    expect(await shop.ok('loyalty.runDaily')).toMatchObject({ expiredEntries: 0 });
    expect(shop.balance(ann)).toBe(220 + 220 - 150 + 20 - 70);
    expect(ledgerMismatches(shop.app.sqlite).points).toEqual([]);
  });

  it('the tier follows spend over the rolling window and multiplies what the next sale earns', async () => {
    shop = await loyaltyShop({
      tiers: [
        { id: 'member', name: 'Member', thresholdSpend: 0, multiplierBp: 10_000 },
        { id: 'gold', name: 'Gold', thresholdSpend: 100_000, multiplierBp: 15_000 },
      ],
    });
    const ann = await shop.customer('Ann');
    const big = await shop.sell(ann, [['MR-002', 20]], [{ method: 'cash', amount: 110_000 }]);
    expect(receiptPoints(big.printJobId)).toMatchObject({ earned: 110, tier: 'Gold' });
    const next = await shop.sell(ann, [['MR-002', 2]], [{ method: 'cash', amount: 11_000 }]);
    expect(receiptPoints(next.printJobId)).toMatchObject({ earned: 16 }); // ⌊11 × 1.5⌋
    await shop.refund(big.order, [[0, 10]]);
    const tier = shop.app.sqlite.prepare('SELECT loyalty_tier AS t FROM customers WHERE id = ?').get(ann);
    expect(tier).toEqual({ t: 'member' });
    // a year on, the spend has left the window
    await shop.refund(next.order, [[0, 1]]);
    await shop.sell(ann, [['MR-002', 20]], [{ method: 'cash', amount: 110_000 }]);
    await shop.at(shop.app.clock.now() + 400 * DAY_MS);
    expect(await shop.ok('loyalty.runDaily')).toMatchObject({ tiersChanged: 1 });
  });

  it('merging two customers works out the survivor’s tier from the spend it now carries, at once', async () => {
    shop = await loyaltyShop({
      tiers: [
        { id: 'member', name: 'Member', thresholdSpend: 0, multiplierBp: 10_000 },
        { id: 'gold', name: 'Gold', thresholdSpend: 100_000, multiplierBp: 15_000 },
      ],
    });
    const ann = await shop.customer('Ann');
    const dup = await shop.customer('Ann duplicate');
    await shop.sell(ann, [['MR-002', 10]], [{ method: 'cash', amount: 55_000 }]);
    await shop.sell(dup, [['MR-002', 10]], [{ method: 'cash', amount: 55_000 }]);
    const tierOf = (id: string) =>
      (shop.app.sqlite.prepare('SELECT loyalty_tier AS t FROM customers WHERE id = ?').get(id) as { t: string }).t;
    expect(tierOf(ann)).toBe('member');
    await shop.ok('customers.merge', { survivorId: ann, otherId: dup, keep: {} });
    expect(tierOf(ann)).toBe('gold');
    const audit = shop.app.sqlite
      .prepare("SELECT note FROM audit_log WHERE action = 'loyalty.tier' AND entity_id = ?")
      .all(ann);
    expect(audit).toEqual([{ note: 'customers merged' }]);
  });

  it('birthday bonus once a year with consent: 29 February falls on 28 February, and editing the birthday gives no second one', async () => {
    shop = await loyaltyShop({ birthdayBonus: 200 });
    await shop.at(Date.UTC(2027, 1, 28, 7)); // 28 Feb 2027, 10:00 in Kampala
    const leap = await shop.customer('Leap', { dateOfBirth: '2000-02-29', marketingOptIn: true });
    const noConsent = await shop.customer('Quiet', { dateOfBirth: '2000-02-29' });
    expect(await shop.ok('loyalty.runDaily')).toMatchObject({ birthdayGrants: 1 });
    expect(await shop.ok('loyalty.runDaily')).toMatchObject({ birthdayGrants: 0 });
    expect(shop.balance(leap)).toBe(200);
    expect(shop.balance(noConsent)).toBe(0);
    await shop.ok('customers.update', { id: leap, dateOfBirth: '2000-03-05' });
    await shop.at(Date.UTC(2027, 2, 6, 7));
    expect(await shop.ok('loyalty.runDaily')).toMatchObject({ birthdayGrants: 0 });
    // next year, on the (new) birthday
    await shop.at(Date.UTC(2028, 2, 5, 7));
    await shop.sell(leap, [['MR-002', 1]], [{ method: 'cash', amount: 5500 }]);
    expect(shop.entries(leap).map((e) => [e.kind, e.points])).toEqual([
      ['birthday', 200],
      ['earn', 5],
      ['birthday', 200],
    ]);
  });

  it('adjustments need a manager and a reason, are audited, and a retry writes once', async () => {
    shop = await loyaltyShop();
    const ann = await shop.customer('Ann');
    const input = { customerId: ann, points: 50, reason: 'apology for a late delivery', idempotencyKey: 'adjust-0001' };
    await shop.ok('loyalty.adjust', input);
    await shop.ok('loyalty.adjust', input);
    expect(shop.balance(ann)).toBe(50);
    expect(await shop.app.call('loyalty.adjust', { ...input, reason: ' ' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    await signInAs(shop.app.call, DEMO.cashier, DEMO.cashierPin);
    expect(await shop.app.call('loyalty.adjust', { ...input, idempotencyKey: 'adjust-0002' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const audit = shop.app.sqlite.prepare("SELECT note FROM audit_log WHERE action = 'loyalty.adjust'").all();
    expect(audit).toEqual([{ note: 'apology for a late delivery' }]);
  });
});
