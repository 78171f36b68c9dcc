import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/main/app';
import { seedReference } from '../src/main/seed/reference';
import { type BenchResult, median } from './stats';

const addDays = (ymd: string, n: number) =>
  new Date(Date.parse(`${ymd}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The insights reports (issue 15) through the service on the reference shop: each report as of the last day of the
 * dataset (its "today") and as of a day 100 days earlier, and a customer's rhythm as the till's panel would ask for it.
 * Targets: ≤ 500 ms as of today, ≤ 1.5 s for another date, the till panel's rhythm ≤ 5 ms.
 * COUNTERLINE_BENCH_DATA=<dir> reuses a seeded reference shop; COUNTERLINE_BENCH_SCALE sets its size.
 */
export function benchInsights(rounds = 5): BenchResult[] {
  const reuse = process.env.COUNTERLINE_BENCH_DATA;
  const dir = reuse ?? mkdtempSync(join(tmpdir(), 'counterline-bench-insights-'));
  try {
    if (!reuse) seedReference({ dataDir: dir, scale: Number(process.env.COUNTERLINE_BENCH_SCALE ?? 1) }).app.close();
    const app = createApp({ dataDir: dir, log: () => {} });
    try {
      const count = (sql: string) => (app.sqlite.prepare(sql).get() as { n: number }).n;
      const customers = count('SELECT count(*) AS n FROM customers');
      const sales = count('SELECT count(*) AS n FROM sales_orders');
      const last = count('SELECT max(completed_at) AS n FROM sales_orders');
      const today = new Date(last + 3 * 3_600_000).toISOString().slice(0, 10); // the reference shop is in Kampala
      const other = addDays(today, -100);
      const s = app.services.insights;
      const reports: Array<[string, (asOf: string) => unknown]> = [
        ['top customers, 90 days', (asOf) => s.topCustomers({ asOf, days: 90 })],
        ['top customers, 365 days', (asOf) => s.topCustomers({ asOf, days: 365 })],
        ['high-value inactivity, 180 days', (asOf) => s.inactiveCustomers({ asOf })],
        ['new vs returning, 12 months by month', (asOf) => s.newVsReturning({ from: addDays(asOf, -364), to: asOf })],
        ['customer sales report, 30 days', (asOf) => s.customerSales({ from: addDays(asOf, -29), to: asOf })],
        ['RFM, 365 days', (asOf) => s.rfm({ asOf })],
      ];
      const out: BenchResult[] = [];
      for (const [name, run] of reports) {
        for (const [when, asOf, target] of [
          ['today', today, 500],
          ['another date', other, 1500],
        ] as const) {
          const times: number[] = [];
          for (let i = 0; i < rounds; i++) {
            const t0 = performance.now();
            run(asOf);
            times.push(performance.now() - t0);
          }
          out.push({
            name: `insights: ${name} as of ${when} (${asOf}), ${customers} customers, ${sales} sales`,
            unit: 'ms',
            median: median(times),
            samples: times,
            target,
          });
        }
      }
      // the till's panel: a customer's rhythm from their own gaps; one with under 3 sales needs the shop's gaps,
      // a scan of every sale worked out once per as-of day, timed on its own
      const ids = (
        app.sqlite
          .prepare('SELECT DISTINCT customer_id AS id FROM sales_orders WHERE customer_id IS NOT NULL LIMIT 300')
          .all() as Array<{ id: string }>
      ).map((r) => r.id);
      const few = app.sqlite
        .prepare(
          `SELECT customer_id AS id FROM sales_orders WHERE customer_id IS NOT NULL AND status = 'completed'
           GROUP BY customer_id HAVING count(*) < 3 LIMIT 1`,
        )
        .get() as { id: string } | undefined;
      const t0 = performance.now();
      if (few) s.rhythm({ customerId: few.id, asOf: today });
      const shopGaps = performance.now() - t0;
      const times = ids.map((customerId) => {
        const t = performance.now();
        s.rhythm({ customerId, asOf: today });
        return performance.now() - t;
      });
      out.push({
        name: `insights: a customer's rhythm for the till panel, ${ids.length} customers (the shop's gaps, once a day: ${few ? `${shopGaps.toFixed(0)} ms` : 'not needed'})`,
        unit: 'ms',
        median: median(times),
        samples: times,
        target: 5,
      });
      return out;
    } finally {
      app.close();
    }
  } finally {
    if (!reuse) rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { report } = await import('./stats');
  for (const r of benchInsights()) console.log(report(r));
}
