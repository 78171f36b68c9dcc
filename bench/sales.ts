import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/main/app';
import { seedReference } from '../src/main/seed/reference';
import { systemClock } from '../src/shared/clock';
import { CompleteInput } from '../src/shared/contract/sales';
import { uuidv7Source } from '../src/shared/ids';
import { type BenchResult, median } from './stats';

const p95 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)] as number;

/**
 * Completing a 5-line credit sale (all on account) through the sales service on the reference dataset, with
 * synchronous=FULL, against hand-written prepared inserts of the same rows in one transaction (order, 5 lines,
 * payment, 5 stock moves with their cached stock, invoice entry with the cached balance, print job, audit row,
 * document counter). The two are interleaved so both see the same database and disk. Targets (issue 18): p95 ≤ 3 ms, ≤ 1.5× raw by medians and p95s.
 * COUNTERLINE_BENCH_DATA=<dir> reuses a seeded reference shop; COUNTERLINE_BENCH_SCALE sets the seed size.
 */
export function benchCreditSale(sales = 300): BenchResult[] {
  const reuse = process.env.COUNTERLINE_BENCH_DATA;
  const dir = reuse ?? mkdtempSync(join(tmpdir(), 'counterline-bench-sales-'));
  try {
    if (!reuse) seedReference({ dataDir: dir, scale: Number(process.env.COUNTERLINE_BENCH_SCALE ?? 1) }).app.close();
    const app = createApp({ dataDir: dir, log: () => {} });
    try {
      // as the till runs it: the Electron shell and the browser host checkpoint the WAL on a thread of their own
      if (!process.env.COUNTERLINE_BENCH_INLINE_CHECKPOINTS) app.startCheckpoints();
      const sync = app.sqlite.pragma('synchronous', { simple: true });
      if (sync !== 2) throw new Error(`expected synchronous=FULL (2), found ${sync}`);
      const owner = app.sqlite.prepare("SELECT id, name FROM staff WHERE role = 'owner' LIMIT 1").get() as {
        id: string;
        name: string;
      };
      const actor = { id: owner.id, name: owner.name, role: 'owner' as const };
      const run = Date.now().toString(36);
      // each earlier run on this shop left its five bench products (and a sale to each of its customers)
      const runsBefore =
        (app.sqlite.prepare("SELECT count(*) AS n FROM products WHERE sku LIKE 'BENCH-%'").get() as { n: number }).n /
        5;
      const productIds = [1, 2, 3, 4, 5].map(
        (i) =>
          app.services.catalog.create(actor, {
            sku: `BENCH-${run}-${i}`,
            name: `Bench item ${i}`,
            price: 1_000 * i + 250,
            unit: i === 5 ? 'kg' : 'piece',
            active: true,
            barcodes: [`99${run}${i}`],
            openingStockMilli: 1_000_000,
          }).id,
      );
      const total = (app.sqlite.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
      // customers spread over the shop, and others than the earlier runs sold to: a reused shop's bench customers
      // would otherwise gain a sale and an open invoice every run (one had 79 after 90 runs against 18 seeded),
      // and the service, which reads their sales and open items, would get slower run after run
      const rounds = sales + 20; // 20 warm-up sales first
      const stride = Math.max(1, Math.floor(total / (rounds * 2)));
      const customerIds = (
        app.sqlite
          .prepare("SELECT id FROM customers WHERE status = 'active' AND rowid % ? = ? ORDER BY rowid LIMIT ?")
          .all(stride, Math.round(runsBefore) % stride, rounds * 2) as Array<{ id: string }>
      ).map((r) => r.id);
      // the service and the raw inserts take turns down the list, each to a customer of its own: the reference shop's
      // later customers have almost no history (0.2–1.2 sales each against 16–17 for the earlier half), so giving the
      // service the first half and the raw inserts the second compared sales to different kinds of customer
      const cart = (customerId: string) => ({
        customerId,
        orderDiscount: null,
        lines: productIds.map((productId, i) => ({ productId, qtyMilli: i === 4 ? 1250 : 1000 + 1000 * (i % 2) })),
      });
      const quote = app.services.sales.quote(actor, cart(customerIds[0] as string));
      const loyaltyOn = app.services.loyalty.getProgram().enabled;
      const raw = rawInserts(app.sqlite, app.services.sales.quote(actor, cart(customerIds[0] as string)), loyaltyOn);

      const timeService: number[] = [];
      const timeRaw: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const customerId = customerIds[(2 * i) % customerIds.length] as string;
        const input = CompleteInput.parse({
          cart: cart(customerId),
          payments: [{ method: 'on_account', amount: quote.total }],
          idempotencyKey: `bench-${run}-${i}`,
        });
        const t0 = performance.now();
        app.services.sales.complete(actor, input);
        const t1 = performance.now();
        raw(customerIds[(2 * i + 1) % customerIds.length] as string, owner.id, productIds, `${run}-${i}`);
        const t2 = performance.now();
        if (i < 20) continue; // warm-up
        timeService.push(t1 - t0);
        timeRaw.push(t2 - t1);
      }
      const sP95 = p95(timeService);
      const rP95 = p95(timeRaw);
      const ratioMedian = median(timeService) / median(timeRaw);
      const ratioP95 = sP95 / rP95;
      const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
      return [
        {
          name: `5-line credit sale, sales.complete, ${total} customers, synchronous=FULL (p95 ${sP95.toFixed(2)} ms ≤ 3: ${verdict(sP95 <= 3)}; vs raw inserts: medians ×${ratioMedian.toFixed(2)}, p95s ×${ratioP95.toFixed(2)} (≤ 1.5: ${verdict(ratioMedian <= 1.5 && ratioP95 <= 1.5)}))`,
          unit: 'ms',
          median: median(timeService),
          samples: timeService,
          target: 3,
        },
        {
          name: `5-line credit sale, raw prepared inserts of the same rows (p95 ${rP95.toFixed(2)} ms)`,
          unit: 'ms',
          median: median(timeRaw),
          samples: timeRaw,
        },
      ];
    } finally {
      app.close();
    }
  } finally {
    if (!reuse) rmSync(dir, { recursive: true, force: true });
  }
}

type Q = ReturnType<ReturnType<typeof createApp>['services']['sales']['quote']>;

/**
 * The same rows sales.complete writes, as bare prepared statements in one transaction, with precomputed prices. With
 * the loyalty program on (the reference shop's is) a sale to a customer also writes its earned points, their cached
 * balance and the points' audit row, so the baseline writes them too. Its ids are time-ordered like the app's (random
 * v4 ids put each row in a random page of every index: ~0.15 ms more a sale), and it bumps the counter then reads it,
 * as nextDocumentNumber does (RETURNING builds a temporary b-tree: ~0.25 ms, see src/main/domains/documents.ts).
 */
function rawInserts(sqlite: ReturnType<typeof createApp>['sqlite'], q: Q, loyaltyOn: boolean) {
  const newId = uuidv7Source(systemClock);
  const bump = sqlite.prepare(
    "INSERT INTO document_counters (till_id, kind, last) VALUES ((SELECT id FROM tills WHERE is_this_till = 1), 'bench', 1) ON CONFLICT (till_id, kind) DO UPDATE SET last = last + 1",
  );
  const counter = sqlite.prepare(
    "SELECT last FROM document_counters WHERE till_id = (SELECT id FROM tills WHERE is_this_till = 1) AND kind = 'bench'",
  );
  const order = sqlite.prepare(`INSERT INTO sales_orders (id, number, customer_id, staff_id, status, currency,
      prices_include_tax, subtotal, discount_total, tax_total, rounding, total, regular_total, paid_total, on_account_total,
      change_given, idempotency_key, request_hash, completed_at, created_at, till_id)
    VALUES (?, ?, ?, ?, 'completed', 'UGX', 1, ?, 0, ?, 0, ?, ?, 0, ?, 0, ?, 'h', ?, ?, 't')`);
  const line =
    sqlite.prepare(`INSERT INTO sales_lines (id, sales_order_id, line_no, product_id, name, sku, unit, qty_milli,
      regular_unit_price, unit_price, price_reason, amount, tax_rate_bp, tax, net, total, created_at, till_id)
    VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, 'regular', ?, ?, ?, ?, ?, ?, 't')`);
  const move = sqlite.prepare(
    "INSERT INTO stock_moves (id, product_id, qty_milli, kind, sales_order_id, staff_id, at, till_id) VALUES (?, ?, ?, 'sale', ?, ?, ?, 't')",
  );
  const stock = sqlite.prepare('UPDATE products SET stock_on_hand_milli = stock_on_hand_milli + ? WHERE id = ?');
  const payment = sqlite.prepare(
    "INSERT INTO payments (id, sales_order_id, customer_id, method, amount, staff_id, at, till_id) VALUES (?, ?, ?, 'on_account', ?, ?, ?, 't')",
  );
  const entry = sqlite.prepare(`INSERT INTO account_entries (id, customer_id, kind, amount, currency, document_no,
      sales_order_id, payment_id, due_at, staff_id, at, till_id) VALUES (?, ?, 'invoice', ?, 'UGX', ?, ?, ?, ?, ?, ?, 't')`);
  const balance = sqlite.prepare(
    'UPDATE customers SET balance = balance + ?, last_activity_at = ?, total_spent = total_spent + ? WHERE id = ?',
  );
  const job = sqlite.prepare(`INSERT INTO print_jobs (id, template, data, status, attempts, sales_order_id, created_at,
      updated_at, till_id) VALUES (?, 'sale-receipt', ?, 'queued', 0, ?, ?, ?, 't')`);
  const audit = sqlite.prepare(
    "INSERT INTO audit_log (id, at, actor_id, actor_name, action, entity, entity_id, changes, till_id) VALUES (?, ?, ?, 'bench', 'sale.complete', 'salesOrder', ?, '[]', 't')",
  );
  const points = sqlite.prepare(
    "INSERT INTO points_entries (id, customer_id, kind, points, sales_order_id, operation_id, staff_id, at, till_id) VALUES (?, ?, 'earn', ?, ?, ?, ?, ?, 't')",
  );
  const pointsBalance = sqlite.prepare('UPDATE customers SET points_balance = points_balance + ? WHERE id = ?');
  const pointsAudit = sqlite.prepare(
    "INSERT INTO audit_log (id, at, actor_id, actor_name, action, entity, entity_id, changes, till_id) VALUES (?, ?, ?, 'bench', 'loyalty.sale', 'customer', ?, '[]', 't')",
  );
  const earned = Math.floor(q.total / 1000);
  const snapshot = JSON.stringify(q);
  return sqlite.transaction((customerId: string, staffId: string, productIds: string[], key: string) => {
    const now = Date.now();
    const id = newId();
    bump.run();
    const { last } = counter.get() as { last: number };
    order.run(
      id,
      `B-${last}-${key}`,
      customerId,
      staffId,
      q.subtotal,
      q.taxTotal,
      q.total,
      q.regularTotal,
      q.total,
      `raw-${key}`,
      now,
      now,
    );
    q.lines.forEach((l, i) => {
      line.run(
        newId(),
        id,
        l.lineNo,
        productIds[i],
        l.name,
        l.unit,
        l.qtyMilli,
        l.regularUnitPrice,
        l.unitPrice,
        l.amount,
        l.taxRateBp,
        l.tax,
        l.net,
        l.total,
        now,
      );
      move.run(newId(), productIds[i], -l.qtyMilli, id, staffId, now);
      stock.run(-l.qtyMilli, productIds[i]);
    });
    const paymentId = newId();
    payment.run(paymentId, id, customerId, q.total, staffId, now);
    entry.run(newId(), customerId, q.total, `B-${last}`, id, paymentId, now + 30 * 86_400_000, staffId, now);
    balance.run(q.total, now, q.total, customerId);
    job.run(newId(), snapshot, id, now, now);
    audit.run(newId(), now, staffId, id);
    if (loyaltyOn) {
      points.run(newId(), customerId, earned, id, `earn:${id}`, staffId, now);
      pointsBalance.run(earned, customerId);
      pointsAudit.run(newId(), now, staffId, customerId);
    }
  });
}
