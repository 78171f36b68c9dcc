import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/main/app';
import { seedReference } from '../src/main/seed/reference';
import { CompleteInput } from '../src/shared/contract/sales';
import { startMailServer } from '../tests/mail-server';
import { type BenchResult, median } from './stats';

const BULK = 10_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Issue 16 on the reference shop. (1) Queueing a bulk send to 10,000 customers (consent, cap, one outbox row each, one
 * transaction): ≤ 2 s. Each round runs inside a transaction rolled back afterwards, so the reused dataset is unchanged
 * (its one commit, one fsync, is not in the figure). (2) The till's cash sale while the outbox drains a bulk send to a
 * real SMTP server on 127.0.0.1 at the fastest rate (600 a minute), against the same sales with the outbox idle; the
 * sales are paced like a busy till (one every 25 ms) so the outbox gets the event loop between them. The rows (2) adds
 * are removed afterwards.
 */
export async function benchMessaging(rounds = 3, sales = 150): Promise<BenchResult[]> {
  const reuse = process.env.COUNTERLINE_BENCH_DATA;
  const dir = reuse ?? mkdtempSync(join(tmpdir(), 'counterline-bench-messaging-'));
  try {
    if (!reuse) seedReference({ dataDir: dir, scale: Number(process.env.COUNTERLINE_BENCH_SCALE ?? 1) }).app.close();
    const app = createApp({ dataDir: dir, log: () => {} });
    const mail = await startMailServer();
    try {
      app.startCheckpoints();
      const owner = app.sqlite.prepare("SELECT id, name FROM staff WHERE role = 'owner' LIMIT 1").get() as {
        id: string;
        name: string;
      };
      const actor = { id: owner.id, name: owner.name, role: 'owner' as const };
      const ids = (
        app.sqlite
          .prepare("SELECT id FROM customers WHERE status = 'active' ORDER BY rowid LIMIT ?")
          .all(BULK) as Array<{ id: string }>
      ).map((r) => r.id);
      const consent = app.sqlite.prepare(
        `UPDATE customers SET email = 'c' || rowid || '@example.test', consent_email = 1, marketing_opt_in = 1
         WHERE id IN (SELECT value FROM json_each(?))`,
      );
      const run = Date.now().toString(36);
      const out: BenchResult[] = [];

      const queueing: number[] = [];
      for (let i = 0; i < rounds; i++) {
        app.sqlite.exec('BEGIN');
        try {
          consent.run(JSON.stringify(ids));
          const t0 = performance.now();
          const b = app.services.messaging.bulk.send(actor, {
            customerIds: ids,
            template: 'points_expiring',
            channel: 'email',
            perMinute: 20,
            idempotencyKey: `bench-bulk-${run}-${i}`,
          });
          queueing.push(performance.now() - t0);
          if (b.total !== ids.length) throw new Error(`queued ${b.total} of ${ids.length}`);
        } finally {
          app.sqlite.exec('ROLLBACK');
        }
      }
      out.push({
        name: `messaging: queue a bulk send to ${ids.length.toLocaleString('en')} customers (consent, cap, outbox rows)`,
        unit: 'ms',
        median: median(queueing),
        samples: queueing,
        target: 2_000,
      });

      // (2) the till while the outbox drains
      const before = app.sqlite
        .prepare(
          `SELECT id, email, consent_email AS ce, marketing_opt_in AS mo FROM customers
           WHERE id IN (SELECT value FROM json_each(?))`,
        )
        .all(JSON.stringify(ids.slice(0, 2_000))) as Array<{
        id: string;
        email: string | null;
        ce: number;
        mo: number;
      }>;
      consent.run(JSON.stringify(ids.slice(0, 2_000)));
      app.services.messaging.updateSettings(actor, {
        email: {
          host: '127.0.0.1',
          port: mail.port,
          security: 'none',
          user: null,
          from: 'bench@counterline.test',
          allowSelfSigned: false,
        },
        quietHours: null,
        marketingCap: null,
      });
      const product = app.services.catalog.create(actor, {
        sku: `BENCH-MSG-${run}`,
        name: 'Bench item',
        price: 5_000,
        unit: 'piece',
        active: true,
        barcodes: [`98${run}`],
        openingStockMilli: 10_000_000,
      }).id;
      const sale = (i: number) => {
        const input = CompleteInput.parse({
          cart: { customerId: null, orderDiscount: null, lines: [{ productId: product, qtyMilli: 1000 }] },
          payments: [{ method: 'cash', amount: 5_000 }],
          idempotencyKey: `bench-msg-${run}-${i}`,
        });
        const t0 = performance.now();
        app.services.sales.complete(actor, input);
        return performance.now() - t0;
      };
      const paced = async (from: number) => {
        const times: number[] = [];
        for (let i = 0; i < sales; i++) {
          times.push(sale(from + i));
          await sleep(25);
        }
        return times.slice(10);
      };
      const idle = await paced(0);
      const batch = app.services.messaging.bulk.send(actor, {
        customerIds: ids.slice(0, 2_000),
        template: 'points_expiring',
        channel: 'email',
        perMinute: 600,
        idempotencyKey: `bench-drain-${run}`,
      });
      app.services.messaging.start({ readReplies: false });
      const draining = await paced(sales);
      const sent = app.services.messaging.bulk.batch(batch.id).sent;
      app.services.messaging.stop();
      out.push(
        {
          name: `messaging: cash sale, outbox idle (paced every 25 ms)`,
          unit: 'ms',
          median: median(idle),
          samples: idle,
        },
        {
          name: `messaging: cash sale while the outbox drains a bulk send over SMTP (${sent} e-mails went meanwhile; ×${(median(draining) / median(idle)).toFixed(2)} the idle median)`,
          unit: 'ms',
          median: median(draining),
          samples: draining,
        },
      );
      app.sqlite.transaction(() => {
        app.sqlite.prepare('DELETE FROM outbox WHERE batch_id = ?').run(batch.id);
        app.sqlite.prepare('DELETE FROM message_batches WHERE id = ?').run(batch.id);
        const restore = app.sqlite.prepare(
          'UPDATE customers SET email = ?, consent_email = ?, marketing_opt_in = ? WHERE id = ?',
        );
        for (const c of before) restore.run(c.email, c.ce, c.mo, c.id);
      })();
      return out;
    } finally {
      await mail.close();
      app.close();
    }
  } finally {
    if (!reuse) rmSync(dir, { recursive: true, force: true });
  }
}
