import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type App, createApp } from '../src/main/app';
import { DATABASE_FILE } from '../src/main/config';
import { encryptInPlace } from '../src/main/db/key';
import { seedReference } from '../src/main/seed/reference';
import { CustomerQuery } from '../src/shared/contract/customers';
import { CompleteInput } from '../src/shared/contract/sales';
import { type BenchResult, median } from './stats';

const KEY = 'bench: a passphrase of the usual length';
const SCREEN = { basis: 'due', offset: 0, limit: 100 } as const;

/**
 * What encryption at rest costs (issue 17): the same reference shop twice, plain and encrypted (SQLCipher 4 through
 * SQLite3 Multiple Ciphers), and the same work on both, interleaved so they see the same machine: a 5-line credit sale
 * with synchronous=FULL, a customer search by name, and the aging report as the Debts screen asks for it (a fresh app
 * each time, so the debtor book is read from the ledger). Reports each median, plain and encrypted, and the ratio.
 */
export async function benchEncryption(runs = 60): Promise<BenchResult[]> {
  const reuse = process.env.COUNTERLINE_BENCH_DATA;
  const plainDir = reuse ?? mkdtempSync(join(tmpdir(), 'counterline-bench-plain-'));
  const encDir = mkdtempSync(join(tmpdir(), 'counterline-bench-enc-'));
  try {
    if (!reuse)
      seedReference({ dataDir: plainDir, scale: Number(process.env.COUNTERLINE_BENCH_SCALE ?? 1) }).app.close();
    // the encrypted twin: a copy of the same file, rekeyed in place as `counterline encrypt` does
    const t0 = performance.now();
    const folded = new Database(join(plainDir, DATABASE_FILE));
    folded.pragma('wal_checkpoint(TRUNCATE)');
    folded.close();
    copyFileSync(join(plainDir, DATABASE_FILE), join(encDir, DATABASE_FILE));
    const enc = new Database(join(encDir, DATABASE_FILE));
    encryptInPlace(enc, KEY);
    enc.close();
    const convertMs = performance.now() - t0;

    const open = (dir: string, key: string | null) => {
      const app = createApp({ dataDir: dir, key, log: () => {} });
      app.startCheckpoints();
      return app;
    };
    const shops: Array<{ label: string; dir: string; key: string | null; app: App }> = [
      { label: 'plain', dir: plainDir, key: null, app: open(plainDir, null) },
      { label: 'encrypted', dir: encDir, key: KEY, app: open(encDir, KEY) },
    ];
    const times: Record<string, Record<string, number[]>> = { sale: {}, search: {}, aging: {} };
    for (const s of shops) for (const k of Object.keys(times)) (times[k] as Record<string, number[]>)[s.label] = [];

    const run = Date.now().toString(36);
    const setup = shops.map(({ app }) => {
      const owner = app.sqlite.prepare("SELECT id, name FROM staff WHERE role = 'owner' LIMIT 1").get() as {
        id: string;
        name: string;
      };
      const actor = { id: owner.id, name: owner.name, role: 'owner' as const };
      const productIds = [1, 2, 3, 4, 5].map(
        (i) =>
          app.services.catalog.create(actor, {
            sku: `ENC-${run}-${i}`,
            name: `Bench item ${i}`,
            price: 1_000 * i + 250,
            unit: 'piece',
            active: true,
            barcodes: [`98${run}${i}`],
            openingStockMilli: 1_000_000,
          }).id,
      );
      const customers = (
        app.sqlite
          .prepare("SELECT id, display_name AS name FROM customers WHERE status = 'active' AND rowid % 97 = 0 LIMIT ?")
          .all(runs * 2) as Array<{ id: string; name: string }>
      ).map((c) => c);
      return { actor, productIds, customers };
    });

    for (let i = 0; i < runs + 5; i++) {
      // alternate which shop goes first: the second finds the disk and the CPU warmer
      const order = i % 2 ? [1, 0] : [0, 1];
      for (const j of order) {
        const { app, label } = shops[j] as (typeof shops)[number];
        const { actor, productIds, customers } = setup[j] as (typeof setup)[number];
        const customer = customers[i % customers.length] as { id: string; name: string };
        const cart = {
          customerId: customer.id,
          orderDiscount: null,
          lines: productIds.map((productId) => ({ productId, qtyMilli: 1000 })),
        };
        const quote = app.services.sales.quote(actor, cart);
        const input = CompleteInput.parse({
          cart,
          payments: [{ method: 'on_account', amount: quote.total }],
          idempotencyKey: `enc-${run}-${label}-${i}`,
        });
        let t = performance.now();
        app.services.sales.complete(actor, input);
        const sale = performance.now() - t;
        const q = CustomerQuery.parse({ text: customer.name.split(' ')[0] as string });
        t = performance.now();
        app.services.customers.search(q);
        const search = performance.now() - t;
        if (i >= 5) {
          times.sale?.[label]?.push(sale);
          times.search?.[label]?.push(search);
        }
      }
    }
    // aging from the ledger: a fresh app each sample, so the book is built from the account entries
    for (let i = 0; i < 5; i++)
      for (const s of i % 2 ? [...shops].reverse() : shops) {
        s.app.close();
        s.app = open(s.dir, s.key);
        const t = performance.now();
        await s.app.services.debtReports.aging(SCREEN);
        times.aging?.[s.label]?.push(performance.now() - t);
      }
    for (const s of shops) s.app.close();

    const names = {
      sale: '5-line credit sale',
      search: 'customer search by first name',
      aging: 'aging of all customers, book read from the ledger',
    };
    const out: BenchResult[] = [];
    for (const [k, name] of Object.entries(names)) {
      const plain = times[k]?.plain ?? [];
      const encrypted = times[k]?.encrypted ?? [];
      const ratio = median(encrypted) / median(plain);
      out.push(
        { name: `${name}, plain`, unit: 'ms', median: median(plain), samples: plain },
        {
          name: `${name}, encrypted (×${ratio.toFixed(2)} of plain)`,
          unit: 'ms',
          median: median(encrypted),
          samples: encrypted,
        },
      );
    }
    out.push({
      name: 'encrypting the shop in place (copy + rekey)',
      unit: 'ms',
      median: convertMs,
      samples: [convertMs],
    });
    return out;
  } finally {
    rmSync(encDir, { recursive: true, force: true });
    if (!reuse) rmSync(plainDir, { recursive: true, force: true });
  }
}
