// `npm run bench`: every benchmark, medians against the issues' targets. Run on a quiet machine.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedReference } from '../src/main/seed/reference';
import { benchBackup, benchRestore } from './backups';
import { benchCustomerHistory } from './customer-history';
import { benchCustomerSearch } from './customers';
import { benchCustomerExport } from './customers-export';
import { benchCustomerImport } from './customers-import';
import { benchEncryption } from './encryption';
import { benchInsights } from './insights';
import { benchLoyalty } from './loyalty';
import { benchMessaging } from './messaging';
import { benchPricing } from './pricing';
import { benchPrint } from './print';
import { benchReceivables } from './receivables';
import { benchCreditSale } from './sales';
import { benchShifts } from './shifts';
import { benchStartup } from './startup';
import { type BenchResult, report } from './stats';

// Seed the reference shop (100k customers, 1M sales) once for every benchmark, not once per benchmark.
let seeded: string | null = null;
if (!process.env.COUNTERLINE_BENCH_DATA) {
  seeded = mkdtempSync(join(tmpdir(), 'counterline-bench-'));
  console.log(`Seeding the reference dataset into ${seeded} (minutes; set COUNTERLINE_BENCH_DATA=<dir> to reuse one)`);
  seedReference({ dataDir: seeded, scale: Number(process.env.COUNTERLINE_BENCH_SCALE ?? 1) }).app.close();
  process.env.COUNTERLINE_BENCH_DATA = seeded;
}

// `npm run bench -- sales pricing` runs only those (names as below); no names: all of them, in this order
const benches: Record<string, () => Promise<BenchResult | BenchResult[]> | BenchResult | BenchResult[]> = {
  startup: benchStartup,
  'customer-search': benchCustomerSearch,
  'customer-import': benchCustomerImport,
  'customer-export': benchCustomerExport,
  sales: benchCreditSale,
  'customer-history': benchCustomerHistory,
  print: benchPrint,
  pricing: benchPricing,
  loyalty: benchLoyalty,
  receivables: benchReceivables,
  backup: benchBackup,
  restore: benchRestore,
  insights: benchInsights,
  encryption: benchEncryption,
  shifts: benchShifts,
  messaging: benchMessaging,
};
const wanted = process.argv.slice(2);
const unknown = wanted.filter((n) => !(n in benches));
if (unknown.length)
  throw new Error(`No benchmark named ${unknown.join(', ')}; there are ${Object.keys(benches).join(', ')}`);
const results: BenchResult[] = [];
for (const [name, run] of Object.entries(benches))
  if (!wanted.length || wanted.includes(name)) results.push(...[await run()].flat());
for (const r of results) console.log(report(r));
// kept, since seeding takes minutes: the next run can reuse it
if (seeded)
  console.log(`The seeded shop stays in ${seeded}: reuse it with COUNTERLINE_BENCH_DATA=${seeded}, or delete it.`);
