import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { createApp } from '../src/main/app';
import { type BenchResult, median } from './stats';

const FIRST = ['Grace', 'José', 'Zoë', 'Okello', 'Siti', 'Ngozi', 'Amina', 'Peter', 'Rina', 'Moses'];
const LAST = [
  'Nabirye',
  'Nuñez',
  'Santoso',
  'Kato',
  'Ssekandi',
  'Wulandari',
  'Achieng',
  'Kiprono',
  'Hartono',
  'Mugisha',
];

/** A register-shaped xlsx of `n` distinct customers (unique phones and emails), built deterministically. */
export function customersWorkbook(n: number): Uint8Array {
  const rows: Array<Array<string | number>> = [['Name', 'Phone', 'E-mail', 'Category', 'Notes']];
  for (let i = 0; i < n; i++) {
    const name = `${FIRST[i % 10]} ${LAST[Math.floor(i / 10) % 10]} ${i}`;
    rows.push([
      name,
      `07${String(70_000_000 + i).padStart(8, '0')}`,
      `c${i}@example.org`,
      i % 7 ? 'Retail' : 'VIP',
      '',
    ]);
  }
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Customers');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Uint8Array;
}

/**
 * Import of 100k customers from xlsx into an empty demo shop, committed in bulk (issue 3 target: ≤ 15 s). One run by
 * default. COUNTERLINE_BENCH_IMPORT_ROWS / _RUNS change it.
 */
export function benchCustomerImport(
  n = Number(process.env.COUNTERLINE_BENCH_IMPORT_ROWS ?? 100_000),
  runs = Number(process.env.COUNTERLINE_BENCH_IMPORT_RUNS ?? 1),
): BenchResult {
  const bytes = customersWorkbook(n);
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    const dir = mkdtempSync(join(tmpdir(), 'counterline-bench-import-'));
    const app = createApp({ dataDir: dir, log: () => {} });
    try {
      app.services.system.createDemoShop();
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      const result = app.services.customerImport.run({ id: null, name: 'bench' }, bytes, {
        fileName: 'bench.xlsx',
        preset: 'generic',
        onDuplicate: 'skip',
        dryRun: false,
        createCategories: false,
      });
      samples.push(performance.now() - started);
      const used = process.cpuUsage(cpuStarted);
      cpu.push((used.user + used.system) / 1000);
      if (result.created !== n)
        throw new Error(
          `expected ${n} created, got ${JSON.stringify({ ...result, errors: result.errors.slice(0, 3) })}`,
        );
    } finally {
      app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  // CPU time beside wall time: on a shared, loaded machine the wall figure mostly measures waiting for a core
  return {
    name: `customer import, ${n} rows from xlsx (CPU median ${(median(cpu) / 1000).toFixed(1)} s)`,
    unit: 'ms',
    median: median(samples),
    samples,
    target: 15_000,
  };
}
