import { testClock } from '../../shared/clock';
import { seededRandom, uuidv7Source } from '../../shared/ids';
import { type App, createApp } from '../app';
import { seedCustomers } from './customers';
import { seedPoints } from './points';
import { seedReceivables } from './receivables';
import { seedSales } from './sales';

export interface ReferenceOptions {
  dataDir: string;
  /** 1 = the full reference dataset; 0.01 for a quick one */
  scale: number;
  seed?: number;
}

/**
 * The reference dataset benchmarks run on, made deterministically from a seed (same ids, same rows every time;
 * only PIN salts are random). Later issues extend it with customers, sales and ledgers, in proportion to `scale`.
 */
export function seedReference(opts: ReferenceOptions): { app: App; counts: Record<string, number> } {
  const clock = testClock(Date.UTC(2024, 0, 1));
  const app = createApp({ dataDir: opts.dataDir, clock, newId: uuidv7Source(clock, seededRandom(opts.seed ?? 42)) });
  if (app.services.settings.isInitialised()) {
    app.close();
    throw new Error(`${opts.dataDir} already holds a shop; seed into an empty folder.`);
  }
  app.services.system.onboard({
    store: { name: 'Reference Wholesale', country: 'UG', currency: 'UGX', timeZone: 'Africa/Kampala', language: 'en' },
    owner: { name: 'Reference Owner', pin: '1234' },
  });
  const actor = { id: null, name: 'seed' };
  const staffCount = Math.max(2, Math.round(20 * opts.scale));
  for (let i = 0; i < staffCount; i++) {
    clock.advance(60_000);
    app.services.staff.create(actor, {
      name: `Cashier ${i + 1}`,
      role: i % 5 === 0 ? 'manager' : 'cashier',
      pin: '0000',
    });
  }
  const customers = seedCustomers(app, clock, Math.round(100_000 * opts.scale), opts.seed ?? 42);
  const sales = seedSales(app, {
    orders: Math.round(1_000_000 * opts.scale),
    products: Math.max(20, Math.round(300 * Math.min(1, opts.scale * 10))),
    seed: opts.seed ?? 42,
  });
  const { bigAccountCustomerId: _big, ...receivables } = seedReceivables(app, {
    seed: opts.seed ?? 42,
    bigAccountEntries: opts.scale >= 0.1 ? 5000 : Math.round(50_000 * opts.scale),
  });
  const points = seedPoints(app, { seed: opts.seed ?? 42 });
  app.sqlite.exec('ANALYZE');
  return { app, counts: { staff: staffCount + 1, customers, ...sales, ...receivables, ...points } };
}
