import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/main/app';
import { seedReference } from '../src/main/seed/reference';
import type { ExportFormat } from '../src/shared/contract/customers';
import { type BenchResult, median } from './stats';

const TARGET_XLSX_MS = 10_000;

/**
 * Export of every customer of the reference dataset (100 000 at scale 1), all columns, through the export service
 * as the procedure and the command line call it (read, write the file, audit). Target: xlsx ≤ 10 s.
 * COUNTERLINE_BENCH_DATA=<dir> reuses a seeded shop; COUNTERLINE_BENCH_RUNS sets the runs per format (default 3).
 */
export async function benchCustomerExport(): Promise<BenchResult[]> {
  const reuse = process.env.COUNTERLINE_BENCH_DATA;
  const runs = Number(process.env.COUNTERLINE_BENCH_RUNS ?? 3);
  const dir = reuse ?? mkdtempSync(join(tmpdir(), 'counterline-bench-export-'));
  try {
    if (!reuse) seedReference({ dataDir: dir, scale: Number(process.env.COUNTERLINE_BENCH_SCALE ?? 1) }).app.close();
    const app = createApp({ dataDir: dir, log: () => {} });
    try {
      const actor = { id: null, name: 'bench' };
      const results: BenchResult[] = [];
      for (const format of ['xlsx', 'csv', 'pdf'] as ExportFormat[]) {
        const samples: number[] = [];
        let rows = 0;
        let bytes = 0;
        for (let i = 0; i < runs; i++) {
          const t0 = performance.now();
          const file = await app.services.customerExport.run(actor, { format });
          samples.push(performance.now() - t0);
          rows = file.rows;
          bytes = file.bytes.length;
        }
        const m = median(samples);
        const size = `${(bytes / 1e6).toFixed(1)} MB`;
        results.push(
          format === 'xlsx'
            ? {
                name: `customer export, ${rows} rows to xlsx, ${size} (×${(m / TARGET_XLSX_MS).toFixed(2)} of the 10 s target)`,
                unit: 'ms',
                median: m,
                samples,
                target: TARGET_XLSX_MS,
              }
            : { name: `customer export, ${rows} rows to ${format}, ${size}`, unit: 'ms', median: m, samples },
        );
      }
      return results;
    } finally {
      app.close();
    }
  } finally {
    if (!reuse) rmSync(dir, { recursive: true, force: true });
  }
}
