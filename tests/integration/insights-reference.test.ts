import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/main/app';
import { seedReference } from '../../src/main/seed/reference';

/**
 * The insights reports over a small reference shop (2,000 customers, 20k sales over two years): enough active
 * customers for RFM quintiles, figures checked against plain per-customer SQL, and the query plans that keep the
 * reports fast on the full reference shop.
 */
describe('insights on a small reference shop', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'counterline-insights-ref-'));
  let app: App;
  let asOf = '';
  beforeAll(() => {
    app = seedReference({ dataDir: dir, scale: 0.02 }).app;
    const last = app.sqlite.prepare('SELECT max(completed_at) AS t FROM sales_orders').get() as { t: number };
    asOf = new Date(last.t + 3 * 3_600_000).toISOString().slice(0, 10);
  });
  afterAll(() => {
    app.close();
    rmSync(dir, { recursive: true, force: true });
  });
  /** the first instant of a Kampala day */
  const start = (ymd: string) => Date.parse(`${ymd}T00:00:00+03:00`);
  const shift = (ymd: string, n: number) =>
    new Date(Date.parse(`${ymd}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

  it('scores RFM by quintiles with 500 or more active customers, every active customer in one segment', () => {
    const r = app.services.insights.rfm({ asOf });
    const from = start(shift(asOf, -364));
    const to = start(shift(asOf, 1));
    const active = (
      app.sqlite
        .prepare(
          `SELECT count(DISTINCT customer_id) AS n FROM sales_orders
           WHERE status = 'completed' AND customer_id IS NOT NULL AND completed_at >= ? AND completed_at < ?`,
        )
        .get(from, to) as { n: number }
    ).n;
    expect(active).toBeGreaterThanOrEqual(500);
    expect(r.scoring).toBe('quintiles');
    expect(r.customers).toHaveLength(active);
    expect(r.segments.reduce((t, g) => t + g.customers, 0)).toBe(active);
    // about a fifth of customers in each recency band (ties make it uneven, never empty at the top)
    const bands = [1, 2, 3, 4, 5].map((k) => r.customers.filter((c) => c.r === k).length);
    expect(bands[4]).toBeGreaterThanOrEqual(active * 0.15);
    for (const c of r.customers.slice(0, 50)) {
      const own = app.sqlite
        .prepare(
          `SELECT
             (SELECT coalesce(sum(total), 0) FROM sales_orders WHERE customer_id = :id AND status = 'completed'
                AND completed_at >= :from AND completed_at < :to)
           - (SELECT coalesce(sum(total), 0) FROM refunds WHERE customer_id = :id AND status = 'completed'
                AND at >= :from AND at < :to) AS m,
             (SELECT count(*) FROM sales_orders WHERE customer_id = :id AND status = 'completed'
                AND completed_at >= :from AND completed_at < :to) AS f`,
        )
        .get({ id: c.id, from, to }) as { m: number; f: number };
      expect([c.monetary, c.frequency]).toEqual([own.m, own.f]);
    }
  });

  it('top customers and the customer sales report agree with plain per-customer sums', () => {
    const top = app.services.insights.topCustomers({ asOf, days: 30, limit: 10 });
    const from = start(shift(asOf, -29));
    const to = start(shift(asOf, 1));
    const plain = app.sqlite
      .prepare(
        `SELECT c.id,
           (SELECT coalesce(sum(total), 0) FROM sales_orders WHERE customer_id = c.id AND status = 'completed'
              AND completed_at >= :from AND completed_at < :to)
         - (SELECT coalesce(sum(total), 0) FROM refunds WHERE customer_id = c.id AND status = 'completed'
              AND at >= :from AND at < :to) AS spend
         FROM customers c WHERE spend > 0 ORDER BY spend DESC, c.id LIMIT 10`,
      )
      .all({ from, to }) as Array<{ id: string; spend: number }>;
    expect(top.customers.map((c) => [c.id, c.spend])).toEqual(plain.map((p) => [p.id, p.spend]));

    const report = app.services.insights.customerSales({ from: shift(asOf, -29), to: asOf });
    const sums = app.sqlite
      .prepare(
        `SELECT
           (SELECT coalesce(sum(total), 0) FROM sales_orders WHERE customer_id IS NOT NULL AND status = 'completed'
              AND completed_at >= :from AND completed_at < :to) AS gross,
           (SELECT coalesce(sum(total), 0) FROM refunds WHERE customer_id IS NOT NULL AND status = 'completed'
              AND at >= :from AND at < :to) AS refunds`,
      )
      .get({ from, to }) as { gross: number; refunds: number };
    expect([report.totals.gross, report.totals.refunds, report.totals.net]).toEqual([
      sums.gross,
      sums.refunds,
      sums.gross - sums.refunds,
    ]);
  });

  it('reads windows from the covering indexes, never the sales or refunds tables', () => {
    const plan = (sql: string) =>
      (app.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail);
    expect(
      plan(`SELECT customer_id, total FROM sales_orders WHERE completed_at >= 1 AND completed_at < 2
            AND status = 'completed' AND customer_id IS NOT NULL`),
    ).toEqual([expect.stringContaining('USING COVERING INDEX sales_orders_completed_customer')]);
    expect(
      plan(`SELECT customer_id, total FROM refunds WHERE at >= 1 AND at < 2 AND status = 'completed'
            AND customer_id IS NOT NULL`),
    ).toEqual([expect.stringContaining('USING COVERING INDEX refunds_at_customer')]);
    expect(
      plan(`SELECT customer_id, -sum(amount) FROM account_entries WHERE at >= 1 AND at < 2
            AND kind IN ('payment', 'payment_reversal') GROUP BY customer_id`)[0],
    ).toContain('USING COVERING INDEX account_entries_at_kind');
  });
});
