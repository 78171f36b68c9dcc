import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, createApp } from '../src/main/app';
import { seedReference } from '../src/main/seed/reference';
import { DebtorsQuery } from '../src/shared/contract/debts';
import { type BenchResult, median } from './stats';

const ACTOR = { id: null, name: 'bench' };
/** what the aging screen asks for: the first 100 customers, with totals over all */
const SCREEN = { basis: 'due', offset: 0, limit: 100 } as const;

async function timeIt(n: number, fn: () => Promise<unknown> | unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

const result = (name: string, samples: number[], target?: number): BenchResult => ({
  name,
  unit: 'ms',
  median: median(samples),
  samples,
  target,
});

/**
 * Issue 6's read side on the reference dataset: aging of every customer (as of today from the debtor book, and as of
 * a past date settling the whole ledger), the debtors list's first page (fresh app: from the cached balances while
 * the book builds; warm: the book is kept), a statement (data + A4 PDF) of the customer with ~5,000 entries, and how long a barcode
 * scan waits while an aging report runs. COUNTERLINE_BENCH_DATA=<dir> reuses a seeded shop.
 */
export async function benchReceivables(runs = 5): Promise<BenchResult[]> {
  const reuse = process.env.COUNTERLINE_BENCH_DATA;
  const dir = reuse ?? mkdtempSync(join(tmpdir(), 'counterline-bench-debts-'));
  const open = () => createApp({ dataDir: dir, log: () => {} });
  try {
    if (!reuse) seedReference({ dataDir: dir, scale: Number(process.env.COUNTERLINE_BENCH_SCALE ?? 1) }).app.close();
    const out: BenchResult[] = [];
    let app: App = open();
    const counts = app.sqlite
      .prepare(
        `SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM account_entries) AS entries,
           (SELECT count(*) FROM account_allocations) AS allocations`,
      )
      .get() as { customers: number; entries: number; allocations: number };
    const size = `${counts.customers} customers, ${counts.entries} entries, ${counts.allocations} allocations`;
    const reports = () => app.services.debtReports;
    const today = reports().today();
    const past = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;

    // cold: each sample on a fresh app, so the debtor book is built from the ledger
    const cold: number[] = [];
    const coldDebtors: number[] = [];
    for (let i = 0; i < Math.min(3, runs); i++) {
      app.close();
      app = open();
      let t0 = performance.now();
      await reports().debtors(DebtorsQuery.parse({}));
      coldDebtors.push(performance.now() - t0);
      app.close();
      app = open();
      t0 = performance.now();
      await reports().aging(SCREEN);
      cold.push(performance.now() - t0);
    }
    const warm = await timeIt(runs, () => reports().aging(SCREEN));
    const pastRuns = await timeIt(runs, () => reports().aging({ ...SCREEN, asOf: past }));
    const debtors = await timeIt(runs, () => reports().debtors(DebtorsQuery.parse({})));
    const overdue = await timeIt(runs, () => reports().debtors(DebtorsQuery.parse({ sort: 'overdue' })));
    const r = await reports().aging(SCREEN);
    out.push(
      result(`aging, all customers as of today, cold (book built from the ledger), ${size}`, cold, 1000),
      result(`aging, all customers as of today, book kept (${r.customerCount} with a balance)`, warm, 1000),
      result(`aging, all customers as of ${past} (whole ledger settled in slices of ~1,000 entries)`, pastRuns, 1000),
      result(
        'debtors first page (50 by balance), fresh app: from the cached balances while the book builds',
        coldDebtors,
        200,
      ),
      result('debtors first page (50 by balance), book kept', debtors, 200),
      result('debtors first page sorted by overdue amount, book kept', overdue, 200),
    );

    const big = app.sqlite
      .prepare(
        'SELECT customer_id AS id, count(*) AS n FROM account_entries GROUP BY customer_id ORDER BY n DESC LIMIT 1',
      )
      .get() as { id: string; n: number } | undefined;
    if (big) {
      const first = app.sqlite
        .prepare('SELECT min(at) AS at FROM account_entries WHERE customer_id = ?')
        .get(big.id) as {
        at: number;
      };
      const from = new Date(first.at).toISOString().slice(0, 10);
      const to = new Date(Math.min(Date.parse(`${from}T00:00:00Z`) + 1090 * 86_400_000, Date.now()))
        .toISOString()
        .slice(0, 10);
      const period = { customerId: big.id, from, to };
      const st = reports().statement(period);
      const lines = st.lines.length;
      const data = await timeIt(runs, () => reports().statement(period));
      const pdf = await timeIt(runs, () => reports().statementPdf(ACTOR, period));
      out.push(
        result(`statement data, customer with ${big.n} entries (${lines} in the period)`, data, 500),
        result(`statement A4 PDF (data + pdfkit), customer with ${big.n} entries`, pdf, 500),
      );
    }

    // scans every 20 ms while an aging report (past date: the slowest path) runs: how late each answer comes
    const code = (app.sqlite.prepare('SELECT code FROM product_barcodes LIMIT 1').get() as { code: string } | undefined)
      ?.code;
    if (code) {
      const waits: number[] = [];
      let running = true;
      const report = reports()
        .aging({ asOf: past, basis: 'due' })
        .finally(() => {
          running = false;
        });
      // a scan every 20 ms: each wait is how late its answer came after the moment it was due
      await new Promise<void>((resolve) => {
        const fire = () => {
          const due = performance.now() + 20;
          setTimeout(() => {
            app.services.codeLookup.lookup(code);
            waits.push(performance.now() - due);
            if (running) fire();
            else resolve();
          }, 20);
        };
        fire();
      });
      await report;
      out.push(
        result(`scan lookup answered while aging runs (${waits.length} scans, max wait)`, [Math.max(...waits)], 100),
      );
      out.push(result('scan lookup answered while aging runs, each scan', waits, 100));
    }
    app.close();
    return out;
  } finally {
    if (!reuse) rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { report } = await import('./stats');
  for (const r of await benchReceivables()) console.log(report(r));
}
