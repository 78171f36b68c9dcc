import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/main/app';
import { seedReference } from '../src/main/seed/reference';
import { testClock } from '../src/shared/clock';
import { type BenchResult, median } from './stats';

const DAY = 86_400_000;
const ymd = (ms: number) => new Date(ms + 3 * 3_600_000).toISOString().slice(0, 10); // the reference shop is in Kampala

/**
 * Issue 20 on the reference shop: daily takings for a year (≤ 300 ms), sales by product for a month (≤ 500 ms), and
 * closing a shift that held a whole day of the till's sales (≤ 50 ms: the Z report read and frozen). Each close runs
 * inside a transaction that is rolled back, so the reused dataset gets no shifts (the close's own commit, one fsync,
 * is not in the figure). COUNTERLINE_BENCH_DATA=<dir> reuses a seeded reference shop; COUNTERLINE_BENCH_SCALE sets its
 * size.
 */
export function benchShifts(rounds = 5): BenchResult[] {
  const reuse = process.env.COUNTERLINE_BENCH_DATA;
  const dir = reuse ?? mkdtempSync(join(tmpdir(), 'counterline-bench-shifts-'));
  try {
    if (!reuse) seedReference({ dataDir: dir, scale: Number(process.env.COUNTERLINE_BENCH_SCALE ?? 1) }).app.close();
    const probe = createApp({ dataDir: dir, log: () => {} });
    const last = (
      probe.sqlite
        .prepare("SELECT max(completed_at) AS n FROM sales_orders WHERE idempotency_key LIKE 'seed-%'")
        .get() as { n: number }
    ).n;
    const sales = (probe.sqlite.prepare('SELECT count(*) AS n FROM sales_orders').get() as { n: number }).n;
    probe.close();
    const clock = testClock(last);
    const app = createApp({ dataDir: dir, clock, log: () => {} });
    try {
      const today = ymd(last);
      const yearAgo = ymd(last - 364 * DAY);
      const monthAgo = ymd(last - 29 * DAY);
      const time = (run: () => unknown) => {
        const times: number[] = [];
        for (let i = 0; i < rounds; i++) {
          const t0 = performance.now();
          run();
          times.push(performance.now() - t0);
        }
        return times;
      };
      const out: BenchResult[] = [];
      const takings = time(() => app.services.reports.takings({ from: yearAgo, to: today }));
      out.push({
        name: `shifts: daily takings for a year (${yearAgo} to ${today}), ${sales} sales`,
        unit: 'ms',
        median: median(takings),
        samples: takings,
        target: 300,
      });
      const byProduct = time(() =>
        app.services.reports.salesBy({ from: monthAgo, to: today, by: 'product', limit: 200 }),
      );
      out.push({
        name: `shifts: sales by product for a month (${monthAgo} to ${today})`,
        unit: 'ms',
        median: median(byProduct),
        samples: byProduct,
        target: 500,
      });

      // the other reports over a month, and the year's takings of one cashier (no covering index for staff_id):
      // no target in the issue, held to the sales-by-product budget
      const cashier = (
        app.sqlite
          .prepare('SELECT staff_id AS id FROM sales_orders GROUP BY staff_id ORDER BY count(*) DESC LIMIT 1')
          .get() as {
          id: string;
        }
      ).id;
      const month = { from: monthAgo, to: today };
      const more: Array<[string, () => unknown]> = [
        ['busy hours', () => app.services.reports.peaks(month)],
        ['average basket', () => app.services.reports.basket(month)],
        ['discounts and overrides', () => app.services.reports.discounts(month)],
        ['tax by rate', () => app.services.reports.taxes(month)],
        ['stock sold and on hand', () => app.services.reports.stock(month)],
      ];
      for (const [what, run] of more) {
        const samples = time(run);
        out.push({ name: `shifts: ${what} for a month`, unit: 'ms', median: median(samples), samples, target: 500 });
      }
      const oneCashier = time(() => app.services.reports.takings({ from: yearAgo, to: today, staffId: cashier }));
      out.push({
        name: "shifts: one cashier's daily takings for a year",
        unit: 'ms',
        median: median(oneCashier),
        samples: oneCashier,
        target: 500,
      });

      const owner = app.sqlite.prepare("SELECT id, name FROM staff WHERE role = 'owner' LIMIT 1").get() as {
        id: string;
        name: string;
      };
      const actor = { id: owner.id, name: owner.name, role: 'owner' as const };
      const dayStart = last - (last % DAY) - 3 * 3_600_000; // Kampala midnight of the last day
      const closes: number[] = [];
      let heldSales = 0;
      for (let i = 0; i < rounds; i++) {
        app.sqlite.exec('BEGIN');
        try {
          // a shift from the shop's opening to its close on the last day: every sale of that day is in it
          const open = dayStart - (rounds - i) * DAY + 7 * 3_600_000;
          clock.set(open);
          app.services.shifts.open(actor, { float: { amount: 100_000 } });
          clock.advance(14 * 3_600_000);
          const expected = app.services.shifts.reportOf(actor).cash.expected;
          const t0 = performance.now();
          const closed = app.services.shifts.close(actor, { counted: { amount: expected }, note: 'bench' });
          closes.push(performance.now() - t0);
          heldSales = closed.report?.sales.count ?? 0;
        } finally {
          app.sqlite.exec('ROLLBACK');
        }
      }
      out.push({
        name: `shifts: closing a shift holding a day's sales (${heldSales} sales)`,
        unit: 'ms',
        median: median(closes),
        samples: closes,
        target: 50,
      });
      return out;
    } finally {
      app.close();
    }
  } finally {
    if (!reuse) rmSync(dir, { recursive: true, force: true });
  }
}
