import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/main/app';
import { seedReference } from '../src/main/seed/reference';
import { type BenchResult, median } from './stats';

const p95 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)] as number;

/**
 * The till's customer panel: loyalty.tillSummary (cached balance and tier, the next expiry worked out from the
 * customer's points ledger) through the service, for customers spread over the reference dataset, each once.
 * Target: ≤ 20 ms. COUNTERLINE_BENCH_DATA=<dir> reuses a seeded reference shop; COUNTERLINE_BENCH_SCALE sets its size.
 */
export function benchLoyalty(opens = 500): BenchResult[] {
  const reuse = process.env.COUNTERLINE_BENCH_DATA;
  const dir = reuse ?? mkdtempSync(join(tmpdir(), 'counterline-bench-loyalty-'));
  try {
    if (!reuse) seedReference({ dataDir: dir, scale: Number(process.env.COUNTERLINE_BENCH_SCALE ?? 1) }).app.close();
    const app = createApp({ dataDir: dir, log: () => {} });
    try {
      const count = (sql: string) => (app.sqlite.prepare(sql).get() as { n: number }).n;
      const customers = count('SELECT count(*) AS n FROM customers');
      const entries = count('SELECT count(*) AS n FROM points_entries');
      // customers who hold points entries, spread over the table (the ones a till would show points for)
      const ids = (
        app.sqlite
          .prepare(
            `SELECT id FROM customers WHERE rowid % ? = 0 AND EXISTS (SELECT 1 FROM points_entries e WHERE e.customer_id = customers.id)
             ORDER BY rowid LIMIT ?`,
          )
          .all(Math.max(1, Math.floor(customers / (opens * 2))), opens) as Array<{ id: string }>
      ).map((r) => r.id);
      for (const id of ids.slice(0, 10)) app.services.loyalty.tillSummary(id); // warm the statement cache
      const times: number[] = [];
      let withExpiry = 0;
      for (const id of ids) {
        const t0 = performance.now();
        const s = app.services.loyalty.tillSummary(id);
        times.push(performance.now() - t0);
        if (s.nextExpiry) withExpiry++;
      }
      const tail = p95(times);
      return [
        {
          name: `loyalty.tillSummary (balance, tier, next expiry), ${customers} customers, ${entries} points entries, ${ids.length} customers opened (p95 ${tail.toFixed(2)} ms; ${withExpiry} with points expiring)`,
          unit: 'ms',
          median: median(times),
          samples: times,
          target: 20,
        },
      ];
    } finally {
      app.close();
    }
  } finally {
    if (!reuse) rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { report } = await import('./stats');
  for (const r of benchLoyalty()) console.log(report(r));
}
