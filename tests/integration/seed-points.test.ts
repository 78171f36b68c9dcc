import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seedReference } from '../../src/main/seed/reference';
import type { TestClock } from '../../src/shared/clock';
import { ledgerMismatches } from '../helpers';

/** The reference seed's points ledger at a small scale: it follows from the sales as the engine would write it. */
describe('reference seed: points entries', () => {
  const dir = mkdtempSync(join(tmpdir(), 'counterline-seed-points-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an earn per customer sale, clawbacks within what was earned, expiries the daily job agrees with, cached = Σ entries', () => {
    const { app, counts } = seedReference({ dataDir: dir, scale: 0.005 });
    try {
      const db = app.sqlite;
      expect(counts.pointsEntries).toBeGreaterThan(5000);
      expect(counts.pointsExpired).toBeGreaterThan(100);
      expect(ledgerMismatches(db).points).toEqual([]);
      // 1 point per whole UGX 1,000 the sale took
      expect(
        db
          .prepare(
            `SELECT e.id FROM points_entries e JOIN sales_orders o ON o.id = e.sales_order_id
             WHERE e.kind = 'earn' AND e.points != (o.total + o.rounding) / 1000`,
          )
          .all(),
      ).toEqual([]);
      expect(
        db
          .prepare(
            `SELECT sales_order_id FROM points_entries GROUP BY sales_order_id
             HAVING sum(CASE WHEN kind = 'clawback' THEN -points ELSE 0 END) > sum(CASE WHEN kind = 'earn' THEN points ELSE 0 END)`,
          )
          .all(),
      ).toEqual([]);
      const voidedLeft = db
        .prepare(
          `SELECT o.id FROM sales_orders o JOIN points_entries e ON e.sales_order_id = o.id
           WHERE o.status = 'voided' AND e.kind IN ('earn', 'clawback') GROUP BY o.id HAVING sum(e.points) != 0`,
        )
        .all();
      expect(voidedLeft).toEqual([]);
      // the daily job finds nothing past its date left to expire
      const last = db.prepare('SELECT max(completed_at) AS t FROM sales_orders').get() as { t: number };
      (app.clock as TestClock).set(last.t + 86_400_000);
      expect(app.services.loyalty.runDaily({ id: null, name: 'test' })).toMatchObject({ expiredEntries: 0 });
    } finally {
      app.close();
    }
  }, 120_000);
});
