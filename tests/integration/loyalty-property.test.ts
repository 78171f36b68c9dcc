import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/main/domains/deps';
import { monthsBefore } from '../../src/main/domains/loyalty/dates';
import { replayLots } from '../../src/main/domains/loyalty/entries';
import { recomputeTier, rollingSpend, tierFor } from '../../src/main/domains/loyalty/tiers';
import type { LoyaltyQuote } from '../../src/shared/contract/loyalty';
import type { SalesOrder } from '../../src/shared/contract/sales';
import { ledgerMismatches, tierSpendMismatches } from '../helpers';
import { type LoyaltyShop, loyaltyShop } from '../loyalty-helpers';

const SKUS = ['MR-001', 'MR-002', 'MR-003', 'MR-004', 'MR-005', 'MR-006'];
const DAY = 86_400_000;

/**
 * Random sequences of sales (paid in cash, card, or partly with points), retried sales, partial refunds, refund
 * cancels, voids, expiries (the clock moves on a month and the daily job runs), adjustments and merges.
 */
describe('property: points stay equal to their ledger whatever happens at the till', () => {
  let shop: LoyaltyShop;
  let customers: string[];
  const sold: SalesOrder[] = [];
  const refunds: string[] = [];
  const lastSale: { input: Parameters<LoyaltyShop['sell']> | null } = { input: null };
  let n = 0;

  beforeAll(async () => {
    shop = await loyaltyShop({
      expiry: { kind: 'months', months: 1 },
      earn: {
        points: 1,
        per: 500,
        base: 'preTax',
        excludedCategoryIds: [],
        excludedProductIds: [],
        minSpend: 0,
        perVisit: 2,
      },
      redeem: { pointValue: 10, minPoints: 20, maxSharePercent: 60 },
      tiers: [
        { id: 'member', name: 'Member', thresholdSpend: 0, multiplierBp: 10_000 },
        { id: 'silver', name: 'Silver', thresholdSpend: 60_000, multiplierBp: 12_500 },
        { id: 'gold', name: 'Gold', thresholdSpend: 200_000, multiplierBp: 20_000 },
      ],
      // short, so that the clock's moves take sales out of the tier window
      tierWindowMonths: 1,
    });
    customers = [];
    for (const name of ['Ann', 'Ben', 'Cas']) customers.push(await shop.customer(name));
  });
  afterAll(() => shop.app.dispose());

  const line = fc.record({ sku: fc.constantFrom(...SKUS), qty: fc.integer({ min: 1, max: 6 }) });
  const sale = fc.record({
    kind: fc.constant('sale' as const),
    customer: fc.nat(9),
    lines: fc.array(line, { minLength: 1, maxLength: 3 }),
    pay: fc.constantFrom('cash', 'card', 'points', 'points'),
    share: fc.integer({ min: 1, max: 100 }),
  });
  const refund = fc.record({
    kind: fc.constant('refund' as const),
    pick: fc.nat(),
    line: fc.nat(),
    qty: fc.integer({ min: 1, max: 4 }),
  });
  const op = fc.oneof(
    sale,
    sale,
    sale,
    refund,
    refund,
    fc.record({ kind: fc.constant('retry' as const) }),
    fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('void' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('expire' as const), days: fc.integer({ min: 10, max: 45 }) }),
    fc.record({ kind: fc.constant('adjust' as const), customer: fc.nat(9), points: fc.integer({ min: -80, max: 80 }) }),
    fc.record({ kind: fc.constant('merge' as const) }),
  );
  const refused = (res: { ok: boolean; error?: { code: string } }) =>
    res.ok || ['VALIDATION', 'CONFLICT'].includes(res.error?.code ?? '');

  const run = async (o: fc.Arbitrary<unknown> extends never ? never : Record<string, unknown> & { kind: string }) => {
    const app = shop.app;
    const active = () =>
      customers.filter(
        (id) =>
          (app.sqlite.prepare('SELECT status FROM customers WHERE id = ?').get(id) as { status: string }).status ===
          'active',
      );
    switch (o.kind) {
      case 'sale': {
        const list = active();
        const s = o as unknown as {
          customer: number;
          lines: Array<{ sku: string; qty: number }>;
          pay: string;
          share: number;
        };
        const customerId = s.customer < 8 ? (list[s.customer % list.length] ?? null) : null;
        const lines = s.lines.map((l) => [l.sku, l.qty] as [string, number]);
        const cart = {
          customerId,
          lines: lines.map(([sku, q]) => ({ productId: shop.product(sku), qtyMilli: q * 1000 })),
        };
        const quote = await shop.ok<{ total: number; cashTotal: number }>('sales.quote', { cart });
        let payments: Array<{ method: 'cash' | 'card' | 'points'; amount: number }> = [
          { method: 'card', amount: quote.total },
        ];
        if (s.pay === 'cash') payments = [{ method: 'cash', amount: quote.cashTotal }];
        if (s.pay === 'points' && customerId) {
          const lq = await shop.ok<LoyaltyQuote>('loyalty.quote', { cart });
          const points = Math.floor((lq.maxRedeemPoints * s.share) / 100);
          if (points > 0 && points * 10 < quote.total)
            payments = [
              { method: 'points', amount: points * 10 },
              { method: 'card', amount: quote.total - points * 10 },
            ];
        }
        const key = `prop-sale-${++n}`;
        lastSale.input = [customerId, lines, payments, key];
        const res = await app.call('sales.complete', { cart, payments, idempotencyKey: key });
        expect(refused(res)).toBe(true);
        if (res.ok) sold.push((res.data as { order: SalesOrder }).order);
        return;
      }
      case 'retry': {
        if (!lastSale.input) return;
        const [customerId, lines, payments, key] = lastSale.input;
        const res = await app.call('sales.complete', {
          cart: { customerId, lines: lines.map(([sku, q]) => ({ productId: shop.product(sku), qtyMilli: q * 1000 })) },
          payments,
          idempotencyKey: key,
        });
        expect(refused(res)).toBe(true);
        return;
      }
      case 'refund': {
        const r = o as unknown as { pick: number; line: number; qty: number };
        const order = sold[r.pick % Math.max(1, sold.length)];
        if (!order) return;
        const l = order.lines[r.line % order.lines.length] as SalesOrder['lines'][number];
        const res = await app.call('refunds.create', {
          salesOrderId: order.id,
          lines: [{ salesLineId: l.id, qtyMilli: Math.min(r.qty * 1000, l.qtyMilli), restock: true }],
          method: 'cash',
          reason: 'prop',
          idempotencyKey: `prop-refund-${++n}`,
        });
        expect(refused(res)).toBe(true);
        if (res.ok) refunds.push((res.data as { refund: { id: string } }).refund.id);
        return;
      }
      case 'cancel':
      case 'void': {
        const pick = (o as unknown as { pick: number }).pick;
        const list = o.kind === 'void' ? sold.map((s) => s.id) : refunds;
        const id = list[pick % Math.max(1, list.length)];
        if (!id) return;
        const res = await app.call(o.kind === 'void' ? 'sales.void' : 'refunds.cancel', { id, reason: 'prop' });
        expect(refused(res)).toBe(true);
        return;
      }
      case 'expire': {
        await shop.at(app.clock.now() + (o as unknown as { days: number }).days * DAY);
        await shop.ok('loyalty.runDaily');
        return;
      }
      case 'adjust': {
        const a = o as unknown as { customer: number; points: number };
        const list = active();
        const id = list[a.customer % list.length];
        if (!id || a.points === 0) return;
        await shop.ok('loyalty.adjust', {
          customerId: id,
          points: a.points,
          reason: 'prop',
          idempotencyKey: `prop-adjust-${++n}`,
        });
        return;
      }
      case 'merge': {
        const list = active();
        if (list.length < 2) {
          customers.push(await shop.customer(`New${++n}`));
          return;
        }
        const [survivorId, otherId] = list.slice(-2) as [string, string];
        await shop.ok('customers.merge', { survivorId, otherId, keep: {} });
        customers.push(await shop.customer(`New${++n}`));
        return;
      }
    }
  };

  it('balance = Σ entries = cached; no earn without a paid sale; clawback ≤ earned; given back ≤ redeemed; no operation id twice', async () => {
    const db = shop.app.sqlite;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const o of ops) await run(o as never);
        expect(ledgerMismatches(db).points).toEqual([]);
        expect(tierSpendMismatches(db)).toEqual([]);
        // the tier worked out from the cache (where it answers) is the tier of the summed spend
        const program = shop.app.services.loyalty.getProgram();
        const tz = shop.app.services.settings.store().timeZone;
        const deps = { sqlite: db, clock: shop.app.clock } as unknown as Deps;
        const since = monthsBefore(shop.app.clock.now(), program.tierWindowMonths, tz);
        for (const id of customers) {
          const summed = tierFor(rollingSpend(deps, id, since), program.tiers)?.id ?? null;
          expect(recomputeTier(deps, program, id, tz).tier?.id ?? null).toBe(summed);
        }
        // every earn comes from a sale that took money other than points
        const unpaid = db
          .prepare(
            `SELECT e.id FROM points_entries e LEFT JOIN sales_orders o ON o.id = e.sales_order_id
             WHERE e.kind = 'earn' AND (o.id IS NULL OR o.customer_id IS NULL OR
               (SELECT coalesce(sum(amount), 0) FROM payments p WHERE p.sales_order_id = o.id AND p.method != 'points'
                 AND p.reverses_id IS NULL) <= 0)`,
          )
          .all();
        expect(unpaid).toEqual([]);
        const perSale = db
          .prepare(
            `SELECT o.id, o.status,
               coalesce(sum(CASE WHEN e.kind = 'earn' THEN e.points END), 0) AS earned,
               -coalesce(sum(CASE WHEN e.kind = 'clawback' THEN e.points END), 0) AS clawed,
               -coalesce(sum(CASE WHEN e.kind = 'redeem' AND e.refund_id IS NULL AND e.operation_id LIKE 'redeem:%' THEN e.points END), 0) AS redeemed,
               coalesce(sum(CASE WHEN e.kind = 'redeem' AND e.operation_id NOT LIKE 'redeem:%' THEN e.points END), 0) AS back
             FROM sales_orders o JOIN points_entries e ON e.sales_order_id = o.id GROUP BY o.id`,
          )
          .all() as Array<{
          id: string;
          status: string;
          earned: number;
          clawed: number;
          redeemed: number;
          back: number;
        }>;
        for (const s of perSale) {
          expect(s.clawed).toBeGreaterThanOrEqual(0);
          expect(s.clawed).toBeLessThanOrEqual(s.earned);
          expect(s.back).toBeGreaterThanOrEqual(0);
          expect(s.back).toBeLessThanOrEqual(s.redeemed);
          if (s.status === 'voided') expect([s.clawed, s.back]).toEqual([s.earned, s.redeemed]);
        }
        const dup = db
          .prepare('SELECT operation_id FROM points_entries GROUP BY operation_id HAVING count(*) > 1')
          .all();
        expect(dup).toEqual([]);
        // the lots derived from the ledger account for every point of the balance
        for (const { id, b } of db.prepare('SELECT id, points_balance AS b FROM customers').all() as Array<{
          id: string;
          b: number;
        }>) {
          const rows = db
            .prepare(
              'SELECT id, kind, points, operation_id AS operationId, expires_at AS expiresAt, at FROM points_entries WHERE customer_id = ? ORDER BY at, id',
            )
            .all(id) as Parameters<typeof replayLots>[0];
          const { lots, debt } = replayLots(rows);
          expect(lots.reduce((a, l) => a + l.remaining, 0) - debt).toBe(b);
        }
      }),
      {
        numRuns: 20,
        // one hand-written run first, so that every kind of entry is exercised whatever the random runs draw
        examples: [
          [
            [
              {
                kind: 'sale',
                customer: 0,
                lines: [
                  { sku: 'MR-001', qty: 6 },
                  { sku: 'MR-002', qty: 6 },
                ],
                pay: 'cash',
                share: 1,
              },
              {
                kind: 'sale',
                customer: 0,
                lines: [
                  { sku: 'MR-003', qty: 6 },
                  { sku: 'MR-004', qty: 6 },
                ],
                pay: 'card',
                share: 1,
              },
              { kind: 'sale', customer: 0, lines: [{ sku: 'MR-005', qty: 2 }], pay: 'points', share: 100 },
              { kind: 'refund', pick: 0, line: 0, qty: 4 },
              { kind: 'expire', days: 45 },
              { kind: 'expire', days: 45 },
              { kind: 'merge' },
            ],
          ],
        ],
      },
    );
    // the run must have exercised redemptions, clawbacks, give-backs, expiries and merges, or it proved nothing
    const kinds = Object.fromEntries(
      (
        db.prepare('SELECT kind, count(*) AS n FROM points_entries GROUP BY kind').all() as Array<{
          kind: string;
          n: number;
        }>
      ).map((r) => [r.kind, r.n]),
    );
    expect(kinds).toMatchObject({
      earn: expect.any(Number),
      redeem: expect.any(Number),
      clawback: expect.any(Number),
      expire: expect.any(Number),
    });
    const merged = db.prepare("SELECT count(*) AS n FROM customers WHERE status = 'merged'").get() as { n: number };
    expect(merged.n).toBeGreaterThan(0);
  }, 300_000);
});
