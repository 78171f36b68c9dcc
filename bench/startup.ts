import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchResult, median } from './stats';

/** Wall time from spawning `counterline serve` to its ready line, on an existing demo shop. */
export async function benchStartup(runs = 9): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'counterline-bench-'));
  try {
    await run(['seed', '--demo', '--data-dir', dir], null);
    const samples: number[] = [];
    for (let i = 0; i < runs; i++)
      samples.push(await run(['serve', '--port', '0', '--data-dir', dir], /Counterline ready at /));
    return { name: 'browser host start → ready line', unit: 'ms', median: median(samples), samples, target: 400 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(args: string[], ready: RegExp | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['bin/counterline.mjs', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (ready?.test(out)) {
        const ms = performance.now() - started;
        child.kill('SIGTERM');
        child.once('exit', () => resolve(ms));
      }
    });
    child.once('exit', (code) => {
      if (!ready)
        code === 0 ? resolve(performance.now() - started) : reject(new Error(`counterline ${args[0]} failed`));
      else if (!ready.test(out)) reject(new Error(`counterline ${args.join(' ')} exited without the ready line`));
    });
  });
}
