import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/main/app';
import { seedReference } from '../../src/main/seed/reference';
import { ledgerMismatches } from '../helpers';

/** The reference seed's sales history at a small scale: whole, consistent with its ledgers, and the same every time. */
describe('reference seed: sales, refunds and payments', () => {
  const dirs: string[] = [];
  const seed = (scale: number) => {
    const dir = mkdtempSync(join(tmpdir(), 'counterline-seed-sales-'));
    dirs.push(dir);
    return seedReference({ dataDir: dir, scale });
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const all = (app: App, sql: string) => app.sqlite.prepare(sql).all();

  it('writes orders with lines and payments, cached stock and balances equal to their ledgers, refunds within what was sold and paid', () => {
    const { app, counts } = seed(0.005);
    try {
      expect(counts).toMatchObject({ customers: 500, salesOrders: 5000 });
      expect(counts.salesLines).toBeGreaterThan(12_000);
      expect(counts.refunds).toBeGreaterThan(50);
      expect(
        all(
          app,
          'SELECT id FROM sales_orders o WHERE NOT EXISTS (SELECT 1 FROM sales_lines WHERE sales_order_id = o.id)',
        ),
      ).toEqual([]);
      expect(
        all(app, 'SELECT id FROM sales_orders o WHERE NOT EXISTS (SELECT 1 FROM payments WHERE sales_order_id = o.id)'),
      ).toEqual([]);
      expect(
        all(
          app,
          `SELECT o.id FROM sales_orders o WHERE o.total != (SELECT sum(total) FROM sales_lines WHERE sales_order_id = o.id)
          OR o.tax_total != (SELECT sum(tax) FROM sales_lines WHERE sales_order_id = o.id)`,
        ),
      ).toEqual([]);
      expect(ledgerMismatches(app.sqlite)).toEqual({ stock: [], balances: [], points: [] });
      expect(
        all(
          app,
          `SELECT sl.id FROM sales_lines sl JOIN refund_lines rl ON rl.sales_line_id = sl.id
          GROUP BY sl.id HAVING sum(rl.qty_milli) > sl.qty_milli OR sum(rl.total) > sl.total`,
        ),
      ).toEqual([]);
      expect(
        all(
          app,
          `SELECT o.id FROM sales_orders o JOIN refunds r ON r.sales_order_id = o.id
          GROUP BY o.id HAVING sum(r.total) > o.paid_total + o.on_account_total OR o.status = 'voided'`,
        ),
      ).toEqual([]);
      // nobody bought before they were a customer
      expect(
        all(
          app,
          'SELECT o.id FROM sales_orders o JOIN customers c ON c.id = o.customer_id WHERE o.completed_at < c.created_at',
        ),
      ).toEqual([]);
      // the till carries on numbering after the seeded documents
      const last = app.sqlite.prepare('SELECT max(number) AS n FROM sales_orders').get() as { n: string };
      expect(last.n).toBe('S-005000');
      const someone = app.sqlite
        .prepare('SELECT customer_id AS id FROM refunds WHERE customer_id IS NOT NULL LIMIT 1')
        .get() as { id: string };
      const summary = app.services.customerHistory.summary(someone.id);
      expect(summary.refunds).toBeGreaterThan(0);
      expect(summary.totalSpent).toBe(
        (app.sqlite.prepare('SELECT total_spent AS t FROM customers WHERE id = ?').get(someone.id) as { t: number }).t,
      );
    } finally {
      app.close();
    }
  }, 120_000);

  it('is the same from the same seed', () => {
    const fingerprint = () => {
      const { app } = seed(0.001);
      try {
        return all(
          app,
          `SELECT (SELECT group_concat(id || number || total || coalesce(customer_id, ''), ',') FROM sales_orders) AS o,
             (SELECT group_concat(id || total, ',') FROM refunds) AS r`,
        );
      } finally {
        app.close();
      }
    };
    expect(fingerprint()).toEqual(fingerprint());
  }, 120_000);
});
