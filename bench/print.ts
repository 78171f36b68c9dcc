import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/main/app';
import { CompleteInput } from '../src/shared/contract/sales';
import { serialPrinter, socatPair, unusedPort } from '../tests/devices/fake-printers';
import { type BenchResult, median } from './stats';

/**
 * Receipt printing, end to end on the demo shop: sale completed through the sales service → the first byte of its
 * receipt at a serial printer on a socat pty (target median ≤ 50 ms); and the checkout call itself with the printer
 * alive against the printer dead (TCP refused, the queue retrying in the background): it must not get slower.
 */
export async function benchPrint(sales = 40): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'counterline-bench-print-'));
  const pair = await socatPair();
  const printer = await serialPrinter(pair.b);
  const app = createApp({ dataDir: dir, log: () => {} });
  try {
    app.services.system.createDemoShop();
    const owner = app.sqlite.prepare("SELECT id, name FROM staff WHERE role = 'owner' LIMIT 1").get() as {
      id: string;
      name: string;
    };
    const actor = { id: owner.id, name: owner.name, role: 'owner' as const };
    const product = app.sqlite.prepare('SELECT id FROM products WHERE active = 1 LIMIT 1').get() as { id: string };
    let n = 0;
    const sell = () =>
      app.services.sales.complete(
        actor,
        CompleteInput.parse({
          cart: { lines: [{ productId: product.id, qtyMilli: 1000 }] },
          payments: [{ method: 'cash', amount: 1_000_000 }],
          idempotencyKey: `bench-print-${++n}`,
        }),
      );
    const devices = app.services.devices;
    const [alive] = devices.savePrinter(actor, { name: 'Bench pty', uri: `serial:${pair.a}?baud=115200` });
    devices.queue.start();
    const until = async (what: string, ok: () => boolean) => {
      const end = Date.now() + 10_000;
      while (!ok()) {
        if (Date.now() > end)
          throw new Error(`bench: timed out waiting for ${what}: ${JSON.stringify(devices.jobs({ limit: 3 }))}`);
        await new Promise((r) => setTimeout(r, 1));
      }
    };

    const firstByte: number[] = [];
    const checkoutAlive: number[] = [];
    for (let i = 0; i < sales + 5; i++) {
      const before = printer.sink.bytes.length;
      printer.sink.firstByteAt = null;
      const t0 = performance.now();
      const { printJobId } = sell();
      const t1 = performance.now();
      await until('first byte', () => printer.sink.firstByteAt !== null && printer.sink.bytes.length > before);
      const t2 = printer.sink.firstByteAt as unknown as number;
      await until('job done', () => devices.job(printJobId as string).status === 'done');
      if (i < 5) continue;
      checkoutAlive.push(t1 - t0);
      firstByte.push(t2 - t0);
    }

    // The printer dies: receipts pile up in the queue, retried in the background, while the till keeps selling.
    const port = await unusedPort();
    if (!alive) throw new Error('bench: the printer was not saved');
    devices.savePrinter(actor, { ...alive, uri: `tcp://127.0.0.1:${port}` });
    devices.queue.configure({ backoffMs: 20, maxBackoffMs: 50 });
    const checkoutDead: number[] = [];
    for (let i = 0; i < sales + 5; i++) {
      const t0 = performance.now();
      sell();
      const t1 = performance.now();
      // give the worker its turn (connect, refused, reschedule) between sales, as a cashier's pace would
      await new Promise((r) => setTimeout(r, 5));
      if (i >= 5) checkoutDead.push(t1 - t0);
    }
    const waiting = devices.jobs({ status: 'queued', limit: 500 }).length;
    const ratio = median(checkoutDead) / median(checkoutAlive);
    console.log(
      `print: ${waiting} receipts waiting for the dead printer; checkout median dead/alive ratio ×${ratio.toFixed(2)}`,
    );
    return [
      {
        name: 'sale complete → first receipt byte at a pty printer',
        unit: 'ms',
        median: median(firstByte),
        samples: firstByte,
        target: 50,
      },
      {
        name: 'checkout (sales.complete), printer alive',
        unit: 'ms',
        median: median(checkoutAlive),
        samples: checkoutAlive,
      },
      {
        name: 'checkout (sales.complete), printer dead',
        unit: 'ms',
        median: median(checkoutDead),
        samples: checkoutDead,
      },
    ];
  } finally {
    app.close();
    await printer.close();
    await pair.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { report } = await import('./stats');
  for (const r of await benchPrint()) console.log(report(r));
}
