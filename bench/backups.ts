import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/main/app';
import { seedReference } from '../src/main/seed/reference';
import { type BenchResult, median } from './stats';

const p95 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)] as number;

/**
 * A backup of the reference shop (issue 17) while the till keeps scanning: loyalty cards are looked up as the
 * scanner would, one every few milliseconds, for as long as the online backup runs. Target: every scan resolves in
 * ≤ 100 ms while it runs. Reports the backup's time and size, and the scans' median, p95 and worst.
 */
export async function benchBackup(): Promise<BenchResult[]> {
  const reuse = process.env.COUNTERLINE_BENCH_DATA;
  const dir = reuse ?? mkdtempSync(join(tmpdir(), 'counterline-bench-backup-'));
  const out = mkdtempSync(join(tmpdir(), 'counterline-bench-backup-out-'));
  try {
    if (!reuse) seedReference({ dataDir: dir, scale: Number(process.env.COUNTERLINE_BENCH_SCALE ?? 1) }).app.close();
    const app = createApp({ dataDir: dir, log: () => {} });
    try {
      const cards = (
        app.sqlite.prepare('SELECT card_no AS c FROM loyalty_cards WHERE rowid % 97 = 0 LIMIT 500').all() as {
          c: string;
        }[]
      ).map((r) => r.c);
      if (!cards.length) throw new Error('The reference shop has no loyalty cards to scan.');
      const scans: number[] = [];
      let done = false;
      const scanning = (async () => {
        for (let i = 0; !done; i++) {
          const t = performance.now();
          app.services.codeLookup.lookup(cards[i % cards.length] as string);
          scans.push(performance.now() - t);
          await new Promise((r) => setTimeout(r, 5));
        }
      })();
      // the gap between two scans is the longest a scan could wait behind a backup step
      const gaps: number[] = [];
      let last = performance.now();
      const tick = setInterval(() => {
        const now = performance.now();
        gaps.push(now - last);
        last = now;
      }, 5);
      const started = performance.now();
      const info = await app.services.backups.create({ id: null, name: 'bench' }, 'manual', out);
      const took = performance.now() - started;
      done = true;
      clearInterval(tick);
      await scanning;
      const mb = (info.bytes / 1_048_576).toFixed(0);
      console.log(
        `backup of the reference shop (${mb} MB, checked ${info.ok ? 'ok' : info.problem}) in ${(took / 1000).toFixed(1)} s ` +
          `(check included); ${scans.length} scans during it: median ${median(scans).toFixed(2)} ms, p95 ${p95(scans).toFixed(2)} ms, ` +
          `worst ${Math.max(...scans).toFixed(1)} ms; longest the event loop was held: ${Math.max(...gaps).toFixed(1)} ms (target ≤ 100 ms)`,
      );
      const worst = Math.max(...gaps, ...scans);
      return [
        {
          name: `worst wait for a scan during a backup of ${mb} MB (event-loop gap or lookup)`,
          unit: 'ms',
          median: worst,
          samples: [worst],
          target: 100,
        },
        { name: 'scan → customer during that backup', unit: 'ms', median: median(scans), samples: scans },
      ];
    } finally {
      app.close();
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
    if (!reuse) rmSync(dir, { recursive: true, force: true });
  }
}
