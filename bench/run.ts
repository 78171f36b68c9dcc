// `npm run bench`: every benchmark, medians against the issues' targets. Run on a quiet machine.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedReference } from '../src/main/seed/reference';
import { benchCustomerHistory } from './customer-history';
import { benchCustomerSearch } from './customers';
import { benchCustomerExport } from './customers-export';
import { benchCustomerImport } from './customers-import';
import { benchInsights } from './insights';
import { benchLoyalty } from './loyalty';
import { benchPricing } from './pricing';
import { benchPrint } from './print';
import { benchReceivables } from './receivables';
import { benchCreditSale } from './sales';
import { benchStartup } from './startup';
import { report } from './stats';

// Seed the reference shop (100k customers, 1M sales) once for every benchmark, not once per benchmark.
if (!process.env.COUNTERLINE_BENCH_DATA) {
  const dir = mkdtempSync(join(tmpdir(), 'counterline-bench-'));
  console.log(`Seeding the reference dataset into ${dir} (minutes; set COUNTERLINE_BENCH_DATA=<dir> to reuse one)`);
  seedReference({ dataDir: dir, scale: Number(process.env.COUNTERLINE_BENCH_SCALE ?? 1) }).app.close();
  process.env.COUNTERLINE_BENCH_DATA = dir;
}

const results = [
  await benchStartup(),
  ...(await benchCustomerSearch()),
  benchCustomerImport(),
  ...(await benchCustomerExport()),
  ...benchCreditSale(),
  ...benchCustomerHistory(),
  ...(await benchPrint()),
  ...benchPricing(),
  ...benchLoyalty(),
  ...(await benchReceivables()),
  ...benchInsights(),
];
for (const r of results) console.log(report(r));
