import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/main/app';
import { seedReference } from '../src/main/seed/reference';
import { OrdersQuery } from '../src/shared/contract/history';
import { type BenchResult, median } from './stats';

const p95 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)] as number;

/**
 * Opening a customer's history on their page: the summary card and the first page of their sales (what the screen
 * asks for first), through the services, for customers spread over the reference dataset (each opened once, so
 * the page cache is not simply replaying the last query). Target: p95 ≤ 50 ms.
 * COUNTERLINE_BENCH_DATA=<dir> reuses a seeded reference shop; COUNTERLINE_BENCH_SCALE sets the seed size.
 */
export function benchCustomerHistory(opens = 300): BenchResult[] {
  const reuse = process.env.COUNTERLINE_BENCH_DATA;
  const dir = reuse ?? mkdtempSync(join(tmpdir(), 'counterline-bench-history-'));
  try {
    if (!reuse) seedReference({ dataDir: dir, scale: Number(process.env.COUNTERLINE_BENCH_SCALE ?? 1) }).app.close();
    const app = createApp({ dataDir: dir, log: () => {} });
    try {
      const customers = app.sqlite.prepare('SELECT count(*) AS n FROM customers').get() as { n: number };
      const orders = app.sqlite.prepare('SELECT count(*) AS n FROM sales_orders').get() as { n: number };
      const ids = (
        app.sqlite
          .prepare('SELECT id FROM customers WHERE rowid % ? = 0 ORDER BY rowid LIMIT ?')
          .all(Math.max(1, Math.floor(customers.n / opens)), opens) as Array<{ id: string }>
      ).map((r) => r.id);
      const open = (customerId: string) => {
        const summary = app.services.customerHistory.summary(customerId);
        const page = app.services.customerHistory.orders(OrdersQuery.parse({ customerId }));
        return summary.orders + page.rows.length;
      };
      for (const id of ids.slice(0, 10)) open(id); // warm the statement cache
      const times: number[] = [];
      let rows = 0;
      for (const id of ids) {
        const t0 = performance.now();
        rows += open(id);
        times.push(performance.now() - t0);
      }
      const tail = p95(times);
      return [
        {
          name: `customer history first page (summary + 25 sales), ${customers.n} customers, ${orders.n} sales (p95 ${tail.toFixed(2)} ms ≤ 50: ${tail <= 50 ? 'met' : 'MISSED'}; ${rows} rows read)`,
          unit: 'ms',
          median: median(times),
          samples: times,
          target: 50,
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
  for (const r of benchCustomerHistory()) console.log(report(r));
}
