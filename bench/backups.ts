import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type App, createApp } from '../src/main/app';
import { DATABASE_FILE } from '../src/main/config';
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
      const scanner = scanWhile(app);
      const started = performance.now();
      const info = await app.services.backups.create({ id: null, name: 'bench' }, 'manual', out);
      const took = performance.now() - started;
      const { scans, gap } = await scanner.stop();
      const mb = (info.bytes / 1_048_576).toFixed(0);
      console.log(
        `backup of the reference shop (${mb} MB, checked ${info.ok ? 'ok' : info.problem}) in ${(took / 1000).toFixed(1)} s ` +
          `(check included); ${scans.length} scans during it: median ${median(scans).toFixed(2)} ms, p95 ${p95(scans).toFixed(2)} ms, ` +
          `worst ${Math.max(...scans).toFixed(1)} ms; longest the event loop was held: ${gap.toFixed(1)} ms (target ≤ 100 ms)`,
      );
      const worst = Math.max(gap, ...scans);
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

/**
 * A till that scans a loyalty card every 5 ms while something heavy runs: `stop` gives each lookup's time and the
 * longest the event loop was held (the longest a scan could have waited).
 */
export function scanWhile(app: App): { stop(): Promise<{ scans: number[]; gap: number }> } {
  const cards = cardsToScan(app);
  const scans: number[] = [];
  let done = false;
  const loop = (async () => {
    for (let i = 0; !done; i++) {
      const t = performance.now();
      app.services.codeLookup.lookup(cards[i % cards.length] as string);
      scans.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  let gap = 0;
  let last = performance.now();
  const tick = setInterval(() => {
    const now = performance.now();
    gap = Math.max(gap, now - last);
    last = now;
  }, 5);
  return {
    stop: async () => {
      done = true;
      clearInterval(tick);
      await loop;
      return { scans, gap };
    },
  };
}

function cardsToScan(app: App): string[] {
  const cards = (
    app.sqlite.prepare('SELECT card_no AS c FROM loyalty_cards WHERE rowid % 97 = 0 LIMIT 500').all() as {
      c: string;
    }[]
  ).map((r) => r.c);
  if (!cards.length) throw new Error('The reference shop has no loyalty cards to scan.');
  return cards;
}

/**
 * A restore of the reference shop from the Backups screen (App.restore), on a copy of it so the shared dataset is
 * left alone: how long each step takes, how long the till refuses calls (from "keep" to the backup open), and the
 * scans made while the backup is checked (the till still sells then).
 */
export async function benchRestore(): Promise<BenchResult[]> {
  const reuse = process.env.COUNTERLINE_BENCH_DATA;
  const source = reuse ?? mkdtempSync(join(tmpdir(), 'counterline-bench-restore-src-'));
  const dir = mkdtempSync(join(tmpdir(), 'counterline-bench-restore-'));
  try {
    if (!reuse) seedReference({ dataDir: source, scale: Number(process.env.COUNTERLINE_BENCH_SCALE ?? 1) }).app.close();
    const folded = new Database(join(source, DATABASE_FILE));
    folded.pragma('wal_checkpoint(TRUNCATE)');
    folded.close();
    copyFileSync(join(source, DATABASE_FILE), join(dir, DATABASE_FILE));
    const app = createApp({ dataDir: dir, log: () => {} });
    try {
      app.startCheckpoints();
      const actor = { id: null, name: 'bench' };
      const backup = await app.services.backups.create(actor, 'manual');
      const at: Record<string, number> = {};
      const scanner = scanWhile(app);
      // the till sells while the backup is checked; from "keep" on it is told to wait
      let checked: ReturnType<typeof scanner.stop> | null = null;
      const stop = app.events.subscribe((name, payload) => {
        if (name !== 'backups.restoreProgress') return;
        const step = (payload as { step: string }).step;
        at[step] = performance.now();
        if (step === 'keep') checked = scanner.stop();
      });
      const started = performance.now();
      const outcome = await app.restore(backup, actor);
      const ended = performance.now();
      const { scans } = await (checked ?? scanner.stop());
      stop();
      const s = (from: number, to: number) => ((to - from) / 1000).toFixed(1);
      const mb = (backup.bytes / 1_048_576).toFixed(0);
      console.log(
        `restore of a ${mb} MB backup while running: ${s(started, ended)} s in all; check ${s(at.check as number, at.keep as number)} s ` +
          `(${scans.length} scans meanwhile, median ${median(scans).toFixed(2)} ms, worst ${Math.max(...scans).toFixed(1)} ms), ` +
          `calls refused for ${s(at.keep as number, ended)} s (keep aside ${s(at.keep as number, at.swap as number)} s, ` +
          `swap ${s(at.swap as number, at.upgrade as number)} s, open ${s(at.upgrade as number, ended)} s); kept aside ${outcome.keptAside?.name}`,
      );
      return [
        {
          name: `restore of a ${mb} MB backup, calls refused meanwhile`,
          unit: 'ms',
          median: ended - (at.keep as number),
          samples: [ended - (at.keep as number)],
        },
        {
          name: 'worst scan → customer while the backup to restore is checked',
          unit: 'ms',
          median: Math.max(...scans),
          samples: [Math.max(...scans)],
          target: 100,
        },
      ];
    } finally {
      app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (!reuse) rmSync(source, { recursive: true, force: true });
  }
}
