import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { startOfLocalDay } from '../../src/main/domains/loyalty/dates';
import { seedDemoLife } from '../../src/main/seed/demo';
import { CustomerQuery } from '../../src/shared/contract/customers';
import { BUCKET_KEYS } from '../../src/shared/contract/debts';
import { OrdersQuery } from '../../src/shared/contract/history';
import { ledgerMismatches, makeTestApp, type TestApp } from '../helpers';

const TZ = 'Africa/Kampala';
const TODAY = '2026-03-18';
const START_OF_TODAY = startOfLocalDay(2026, 3, 18, TZ);

/** A demo shop with its life, the app's clock at 10:00 on TODAY. */
function demoApp(): { app: TestApp; counts: Record<string, number>; ms: number } {
  const app = makeTestApp();
  app.clock.set(START_OF_TODAY + 7 * 3_600_000);
  app.services.system.createDemoShop();
  const started = performance.now();
  const counts = seedDemoLife(app, { today: TODAY });
  return { app, counts, ms: performance.now() - started };
}

/** What a second run must reproduce: every row of the customer, sales, ledger and pricing tables. */
function fingerprint(app: TestApp): string {
  const hash = createHash('sha256');
  for (const table of [
    'customers',
    'customer_phones',
    'customer_addresses',
    'sales_orders',
    'sales_lines',
    'payments',
    'refunds',
    'refund_lines',
    'stock_moves',
    'account_entries',
    'account_allocations',
    'points_entries',
    'price_lists',
    'offers',
    'parked_sales',
  ]) {
    hash.update(table);
    for (const row of app.sqlite.prepare(`SELECT * FROM ${table} ORDER BY id`).all()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

describe('demo shop life (seed --demo)', () => {
  const { app, counts, ms } = demoApp();
  const seeded = fingerprint(app);
  const db = app.sqlite;
  afterAll(() => app.dispose());
  const one = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T;
  const n = (sql: string, ...params: unknown[]) => one<{ n: number }>(sql, ...params).n;

  it('is quick enough for a first run', () => {
    expect(ms).toBeLessThan(15_000);
  });

  it('has about 300 customers of both kinds, in categories, with tags, consents and birthdays this month', () => {
    const total = n('SELECT count(*) AS n FROM customers');
    expect(total).toBeGreaterThanOrEqual(300);
    expect(total).toBeLessThan(320);
    expect(n("SELECT count(*) AS n FROM customers WHERE type = 'business'")).toBeGreaterThan(15);
    expect(n("SELECT count(*) AS n FROM customers WHERE type = 'individual'")).toBeGreaterThan(200);
    expect(n('SELECT count(DISTINCT category_id) AS n FROM customers')).toBeGreaterThanOrEqual(4);
    expect(n("SELECT count(*) AS n FROM customers WHERE tags <> '[]'")).toBeGreaterThan(20);
    expect(n('SELECT count(*) AS n FROM customers WHERE consent_sms = 1')).toBeGreaterThan(50);
    expect(n('SELECT count(*) AS n FROM customers WHERE consent_whatsapp = 1')).toBeGreaterThan(20);
    expect(n('SELECT count(*) AS n FROM customers WHERE consent_email = 1')).toBeGreaterThan(20);
    expect(n('SELECT count(*) AS n FROM customers WHERE birth_month = 3')).toBeGreaterThanOrEqual(8);
    expect(n("SELECT count(*) AS n FROM customers WHERE status = 'inactive'")).toBeGreaterThan(0);
    // the list screen reads them through the service
    expect(app.services.customers.search(CustomerQuery.parse({ limit: 50 })).rows).toHaveLength(50);
    expect(app.services.customers.search(CustomerQuery.parse({ birthMonth: 3 })).rows.length).toBeGreaterThan(5);
  });

  it('has customers entered twice, waiting to be merged', () => {
    expect(counts.duplicates).toBeGreaterThanOrEqual(3);
    const shared =
      n(`SELECT count(*) AS n FROM (SELECT p.e164 FROM customer_phones p JOIN customers c ON c.id = p.customer_id
      WHERE c.status = 'active' GROUP BY p.e164 HAVING count(DISTINCT c.id) > 1)`);
    const sharedEmail = n(`SELECT count(*) AS n FROM (SELECT email_norm FROM customers WHERE email_norm IS NOT NULL
      AND status = 'active' GROUP BY email_norm HAVING count(*) > 1)`);
    expect(shared + sharedEmail).toBeGreaterThanOrEqual(3);
    // typing the number in once more, the customer form's duplicate check names both twins
    const phone = one<{ p: string }>(
      `SELECT phone_primary_e164 AS p FROM customers WHERE phone_primary_e164 IS NOT NULL
       GROUP BY phone_primary_e164 HAVING count(*) > 1 ORDER BY p LIMIT 1`,
    ).p;
    let matches: unknown[] = [];
    try {
      app.services.customers.create(
        { id: null, name: 'test' },
        {
          type: 'individual',
          firstName: 'Someone',
          lastName: 'Else',
          phones: [{ number: phone, label: 'mobile', isPrimary: true }],
        },
      );
    } catch (e) {
      matches = (e as { details?: { matches?: unknown[] } }).details?.matches ?? [];
    }
    expect(matches.length).toBeGreaterThanOrEqual(2);
  });

  it('has sales in each of the last six months, with refunds and voids, all before today', () => {
    const months = db
      .prepare(
        `SELECT strftime('%Y-%m', completed_at / 1000 + 3 * 3600, 'unixepoch') AS m, count(*) AS n
         FROM sales_orders GROUP BY m ORDER BY m`,
      )
      .all() as { m: string; n: number }[];
    for (const m of ['2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03'])
      expect(months.find((r) => r.m === m)?.n ?? 0).toBeGreaterThan(200);
    expect(n('SELECT count(*) AS n FROM sales_orders WHERE completed_at >= ?', START_OF_TODAY)).toBe(0);
    expect(n('SELECT count(*) AS n FROM refunds WHERE at >= ?', START_OF_TODAY)).toBe(0);
    // sales in opening hours (08:00–21:00 Kampala)
    const hours = one<{ lo: number; hi: number }>(
      `SELECT min(CAST(strftime('%H', completed_at / 1000 + 3 * 3600, 'unixepoch') AS INTEGER)) AS lo,
              max(CAST(strftime('%H', completed_at / 1000 + 3 * 3600, 'unixepoch') AS INTEGER)) AS hi FROM sales_orders`,
    );
    expect(hours.lo).toBeGreaterThanOrEqual(8);
    expect(hours.hi).toBeLessThan(21);
    expect(counts.refunds).toBeGreaterThan(50);
    expect(counts.voided).toBeGreaterThan(5);
    expect(n("SELECT count(*) AS n FROM sales_orders WHERE status = 'voided'")).toBe(counts.voided);
    expect(n("SELECT count(*) AS n FROM payments WHERE method = 'on_account'")).toBeGreaterThan(100);
    expect(n('SELECT count(DISTINCT method) AS n FROM payments WHERE sales_order_id IS NOT NULL')).toBe(4);
  });

  it('keeps every cached figure equal to its ledger, and no shelf empty', () => {
    expect(ledgerMismatches(db)).toEqual({ stock: [], balances: [], points: [] });
    const spentOff = db
      .prepare(
        `SELECT c.id FROM customers c WHERE c.total_spent !=
           (SELECT coalesce(sum(o.total), 0) FROM sales_orders o WHERE o.customer_id = c.id AND o.status = 'completed')
         - (SELECT coalesce(sum(r.total), 0) FROM refunds r WHERE r.customer_id = c.id AND r.status = 'completed')`,
      )
      .all();
    expect(spentOff).toEqual([]);
    expect(n('SELECT count(*) AS n FROM products WHERE stock_on_hand_milli < 0')).toBe(0);
    // the payment receipts' numbers are taken: the next one follows them
    const last = one<{ last: number }>("SELECT last FROM document_counters WHERE kind = 'payment'").last;
    expect(last).toBe(counts.debtPayments);
  });

  it('has debts in every aging bucket and debt payments', async () => {
    const report = await app.services.debtReports.aging({ asOf: TODAY, basis: 'due' });
    for (const k of BUCKET_KEYS) expect(report.totals[k], k).toBeGreaterThan(0);
    expect(report.customerCount).toBeGreaterThan(20);
    expect(counts.debtPayments).toBeGreaterThan(50);
    expect(n("SELECT count(*) AS n FROM account_entries WHERE kind = 'payment'")).toBe(counts.debtPayments);
    const debtor = report.customers[0];
    expect(debtor).toBeDefined();
    const statement = app.services.debtReports.statement({ customerId: debtor?.id as string });
    expect(JSON.stringify(statement)).toContain('P-');
  });

  it('has points, more than one tier, and points expiring within 30 days', () => {
    expect(n('SELECT count(*) AS n FROM customers WHERE points_balance > 0')).toBeGreaterThan(150);
    const tiers = db
      .prepare('SELECT loyalty_tier AS t, count(*) AS n FROM customers WHERE loyalty_tier IS NOT NULL GROUP BY t')
      .all() as { t: string; n: number }[];
    expect(tiers.map((r) => r.t).sort()).toEqual(['gold', 'member', 'silver']);
    const now = app.clock.now();
    const soon = db
      .prepare(
        `SELECT DISTINCT customer_id AS id FROM points_entries
         WHERE kind = 'earn' AND expires_at > ? AND expires_at <= ? ORDER BY customer_id`,
      )
      .all(now, now + 30 * 86_400_000) as { id: string }[];
    expect(soon.length).toBeGreaterThan(20);
    // the till's panel shows one of them a next expiry within the month
    const withPoints = soon.find(
      (s) => (one<{ b: number }>('SELECT points_balance AS b FROM customers WHERE id = ?', s.id).b ?? 0) > 0,
    );
    const panel = app.services.loyalty.tillSummary(withPoints?.id as string);
    expect(panel.nextExpiry?.at).toBeLessThanOrEqual(now + 30 * 86_400_000);
    // the daily job finds nothing overdue left to expire
    expect(app.services.loyalty.runDaily({ id: null, name: 'test' })).toMatchObject({ expiredEntries: 0 });
  });

  it('has price lists, offers, parked sales and print jobs', () => {
    expect(app.services.pricing.lists().length).toBe(2);
    expect(app.services.pricing.offers().length).toBe(2);
    expect(app.services.parkedSales.list().length).toBe(3);
    expect(n("SELECT count(*) AS n FROM print_jobs WHERE status = 'done'")).toBeGreaterThan(0);
    expect(n("SELECT count(*) AS n FROM print_jobs WHERE status = 'failed'")).toBe(1);
  });

  it("shows a regular's page: history, points and account", () => {
    const regular = one<{ id: string; spent: number }>(
      "SELECT id, total_spent AS spent FROM customers WHERE status = 'active' ORDER BY total_spent DESC, id LIMIT 1",
    );
    const summary = app.services.customerHistory.summary(regular.id);
    expect(summary.orders).toBeGreaterThan(30);
    expect(summary.totalSpent).toBe(regular.spent);
    expect(summary.lastPurchaseAt).toBeGreaterThan(START_OF_TODAY - 14 * 86_400_000);
    const orders = app.services.customerHistory.orders(OrdersQuery.parse({ customerId: regular.id, limit: 20 }));
    expect(orders.rows).toHaveLength(20);
    const loyalty = app.services.loyaltyReports.customer(regular.id, undefined, 20);
    expect(loyalty.balance).toBeGreaterThan(0);
  });

  it('is the same data when seeded again for the same day', () => {
    const again = demoApp();
    try {
      expect(again.counts).toEqual(counts);
      expect(fingerprint(again.app)).toBe(seeded);
    } finally {
      again.app.dispose();
    }
  }, 60_000);

  it('refuses a shop that already has customers', () => {
    expect(() => seedDemoLife(app, { today: TODAY })).toThrow(/already has customers/);
  });
});
