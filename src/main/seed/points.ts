import { testClock } from '../../shared/clock';
import type { LoyaltyProgram } from '../../shared/contract/loyalty';
import { seededRandom, uuidv7Source } from '../../shared/ids';
import type { AppCore } from '../app';
import { cumulativeShare } from '../domains/loyalty/clawback';
import { expiryAfter, monthsBefore } from '../domains/loyalty/dates';
import { EXPIRE_PREFIX, type LedgerRow, replayLots } from '../domains/loyalty/entries';
import { cacheTierSpend, tierFor } from '../domains/loyalty/tiers';

/** The reference shop's program: 1 point per UGX 1,000, valid 12 months, tiers by a year's spend (all ×1). */
export const REFERENCE_PROGRAM: LoyaltyProgram = {
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
  // ×1 everywhere so the seeded earns follow from the sales alone, whatever a customer's tier was at the time
  tiers: [
    { id: 'member', name: 'Member', thresholdSpend: 0, multiplierBp: 10_000 },
    { id: 'silver', name: 'Silver', thresholdSpend: 2_000_000, multiplierBp: 10_000 },
    { id: 'gold', name: 'Gold', thresholdSpend: 10_000_000, multiplierBp: 10_000 },
  ],
  tierWindowMonths: 12,
  expiry: { kind: 'months', months: 12 },
  birthdayBonus: 0,
};

const DAY = 86_400_000;

interface Sale {
  id: string;
  customerId: string;
  at: number;
  total: number;
  status: string;
  voidedAt: number | null;
  net: number;
}

interface Event {
  at: number;
  kind: 'earn' | 'clawback';
  points: number;
  operationId: string;
  salesOrderId: string;
  refundId: string | null;
}

/**
 * Points entries for the reference shop, from its sales: an earn per sale with a customer, the clawbacks its refunds
 * and voids take (the engine's cumulative rule), and an expire entry for every lot left when its 12 months ran out
 * (FIFO as the engine derives it). Bulk-inserted in one transaction with the cached balances and tiers written once,
 * so cached = Σ entries and the daily job finds nothing left to do. ~1M entries at scale 1.
 */
export function seedPoints(
  app: AppCore,
  opts: {
    seed: number;
    /** default REFERENCE_PROGRAM; tiers must all be ×1 (earns follow from the sales alone) */
    program?: LoyaltyProgram;
    /** when the ledger is brought up to (expiries before it written, tiers from the year before it) */
    now?: number;
  },
): Record<string, number> {
  const { sqlite } = app;
  const timeZone = app.services.settings.store().timeZone;
  const program = opts.program ?? REFERENCE_PROGRAM;
  if (program.tiers.some((t) => t.multiplierBp !== 10_000)) throw new Error('seedPoints needs ×1 tiers');
  const months = program.expiry.kind === 'months' ? program.expiry.months : null;
  app.services.loyalty.setProgram({ id: null, name: 'seed' }, program);
  const sales = sqlite
    .prepare(
      `SELECT o.id, o.customer_id AS customerId, o.completed_at AS at, o.total + o.rounding AS total, o.status,
         o.voided_at AS voidedAt, (SELECT coalesce(sum(net), 0) FROM sales_lines l WHERE l.sales_order_id = o.id) AS net
       FROM sales_orders o WHERE o.customer_id IS NOT NULL ORDER BY o.customer_id, o.completed_at, o.id`,
    )
    .all() as Sale[];
  if (!sales.length) return {};
  const refunds = sqlite
    .prepare(
      `SELECT id, sales_order_id AS salesOrderId, at, subtotal FROM refunds WHERE status = 'completed'
       ORDER BY sales_order_id, at, id`,
    )
    .all() as Array<{ id: string; salesOrderId: string; at: number; subtotal: number }>;
  const refundsOf = new Map<string, typeof refunds>();
  for (const r of refunds) {
    const list = refundsOf.get(r.salesOrderId) ?? [];
    list.push(r);
    refundsOf.set(r.salesOrderId, list);
  }
  const now = opts.now ?? sales.reduce((m, s) => Math.max(m, s.at, s.voidedAt ?? 0), 0) + DAY;
  const tillId = (sqlite.prepare('SELECT id FROM tills WHERE is_this_till = 1').get() as { id: string }).id;
  const clock = testClock(0);
  const newId = uuidv7Source(clock, seededRandom(opts.seed + 7));
  const insert = sqlite.prepare(
    `INSERT INTO points_entries (id, customer_id, kind, points, sales_order_id, refund_id, operation_id, expires_at,
       reason, staff_id, at, till_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
  );
  const setCached = sqlite.prepare('UPDATE customers SET points_balance = ?, loyalty_tier = ? WHERE id = ?');
  const counts = { pointsEntries: 0, pointsExpired: 0 };
  const yearAgo = now - 365 * DAY;

  const flush = (customerId: string, list: Sale[]) => {
    const events: Event[] = [];
    let spend = 0;
    for (const s of list) {
      const earned = Math.floor(Math.max(0, s.total) / program.earn.per) * program.earn.points;
      if (earned <= 0) continue;
      events.push({
        at: s.at,
        kind: 'earn',
        points: earned,
        operationId: `earn:${s.id}`,
        salesOrderId: s.id,
        refundId: null,
      });
      let refundedNet = 0;
      let clawed = 0;
      if (s.status === 'voided' && s.voidedAt) {
        events.push({
          at: s.voidedAt,
          kind: 'clawback',
          points: -earned,
          operationId: `void-clawback:${s.id}`,
          salesOrderId: s.id,
          refundId: null,
        });
        continue;
      }
      if (s.at >= yearAgo) spend += s.total;
      for (const r of refundsOf.get(s.id) ?? []) {
        refundedNet += r.subtotal;
        const take = cumulativeShare(earned, refundedNet, s.net) - clawed;
        clawed += take;
        if (r.at >= yearAgo) spend -= r.subtotal;
        if (take > 0)
          events.push({
            at: r.at,
            kind: 'clawback',
            points: -take,
            operationId: `clawback:${r.id}`,
            salesOrderId: s.id,
            refundId: r.id,
          });
      }
    }
    events.sort((a, b) => a.at - b.at);
    // write in time order, expiring each lot the moment its date passes (what the daily job would have done)
    const rows: LedgerRow[] = [];
    let balance = 0;
    const write = (e: {
      at: number;
      kind: LedgerRow['kind'];
      points: number;
      operationId: string;
      expiresAt: number | null;
      salesOrderId: string | null;
      refundId: string | null;
    }) => {
      clock.set(e.at);
      const id = newId();
      insert.run(
        id,
        customerId,
        e.kind,
        e.points,
        e.salesOrderId,
        e.refundId,
        e.operationId,
        e.expiresAt,
        e.kind === 'expire' ? 'points past their expiry date' : null,
        e.at,
        tillId,
      );
      rows.push({ id, kind: e.kind, points: e.points, operationId: e.operationId, expiresAt: e.expiresAt, at: e.at });
      balance += e.points;
      counts.pointsEntries++;
    };
    const expireUpTo = (t: number) => {
      const due = replayLots(rows).lots.filter((l) => l.expiresAt !== null && l.expiresAt < t);
      for (const lot of due) {
        write({
          at: (lot.expiresAt as number) + 1,
          kind: 'expire',
          points: -lot.remaining,
          operationId: `${EXPIRE_PREFIX}${lot.id}`,
          expiresAt: null,
          salesOrderId: null,
          refundId: null,
        });
        counts.pointsExpired++;
      }
    };
    for (const e of events) {
      expireUpTo(e.at);
      write({ ...e, expiresAt: e.kind === 'earn' && months ? expiryAfter(e.at, months, timeZone) : null });
    }
    expireUpTo(now);
    setCached.run(balance, tierFor(spend, program.tiers)?.id ?? null, customerId);
  };

  sqlite.transaction(() => {
    let start = 0;
    for (let i = 1; i <= sales.length; i++) {
      if (i === sales.length || (sales[i] as Sale).customerId !== (sales[start] as Sale).customerId) {
        flush((sales[start] as Sale).customerId, sales.slice(start, i));
        start = i;
      }
    }
    // the rolling spend cached as the daily job leaves it, so a sale to a seeded customer need not sum it first
    cacheTierSpend(sqlite, monthsBefore(now, program.tierWindowMonths, timeZone), "status = 'active'");
  })();
  return counts;
}
