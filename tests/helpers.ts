import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, type AppConfig, createApp } from '../src/main/app';
import { type TestClock, testClock } from '../src/shared/clock';
import type { Result } from '../src/shared/errors';
import { seededRandom, uuidv7Source } from '../src/shared/ids';

export interface TestApp extends App {
  clock: TestClock;
  dir: string;
  /** call a procedure as a given client (defaults to one test client) */
  call(name: string, input?: unknown, clientKey?: string): ReturnType<App['router']['call']>;
  dispose(): void;
}

/** A real app over a real SQLite file in a fresh temp folder, with a test clock and deterministic ids. */
export function makeTestApp(config: Pick<AppConfig, 'postings'> = {}): TestApp {
  const dir = mkdtempSync(join(tmpdir(), 'counterline-test-'));
  const clock = testClock();
  const app = createApp({ dataDir: dir, clock, newId: uuidv7Source(clock, seededRandom(7)), log: () => {}, ...config });
  return Object.assign(app, {
    clock,
    dir,
    call: (name: string, input: unknown = null, clientKey = 'test-client') =>
      app.router.call(name, input, { clientKey }),
    dispose: () => {
      app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

/** The demo shop's catalog (SKU, EAN-13 barcode, UGX price, unit): the barcodes a test scans. */
export { DEMO_PRODUCTS } from '../src/main/seed/products';

export const DEMO = {
  owner: 'Rose Nakato',
  ownerPin: '1234',
  manager: 'Moses Okello',
  managerPin: '2468',
  cashier: 'Aisha Namuli',
  cashierPin: '1357',
};

type Caller = (name: string, input: unknown, clientKey: string) => Promise<Result<unknown>>;

/** Signs the named staff member in on the given client, through any binding (router or HTTP). */
export async function signInAs(call: Caller, name: string, pin: string, clientKey = 'test-client') {
  const roster = await call('staff.roster', null, clientKey);
  if (!roster.ok) throw new Error(roster.error.message);
  const member = (roster.data as Array<{ id: string; name: string }>).find((s) => s.name === name);
  if (!member) throw new Error(`no staff member ${name}`);
  const res = await call('staff.signIn', { staffId: member.id, pin }, clientKey);
  if (!res.ok) throw new Error(res.error.message);
  return member.id;
}

export function tableCount(app: App, table: string): number {
  return (app.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/**
 * Cached figures that disagree with their append-only ledgers: products whose stock on hand is not Σ stock moves,
 * customers whose balance is not Σ account entries or whose points balance is not Σ points entries. Empty when all is well.
 */
export function ledgerMismatches(db: { prepare(sql: string): { all(): unknown[] } }) {
  return {
    stock: db
      .prepare(
        `SELECT p.id FROM products p WHERE p.stock_on_hand_milli !=
           (SELECT coalesce(sum(qty_milli), 0) FROM stock_moves m WHERE m.product_id = p.id)`,
      )
      .all(),
    balances: db
      .prepare(
        `SELECT c.id FROM customers c WHERE c.balance !=
           (SELECT coalesce(sum(amount), 0) FROM account_entries e WHERE e.customer_id = c.id)`,
      )
      .all(),
    points: db
      .prepare(
        `SELECT c.id FROM customers c WHERE c.points_balance !=
           (SELECT coalesce(sum(points), 0) FROM points_entries e WHERE e.customer_id = c.id)`,
      )
      .all(),
  };
}

/**
 * Customers whose cached tier spend (migration 0023) is not the sum it stands for: completed sales less completed
 * refunds at or after its window start, with the earliest of their times.
 */
export function tierSpendMismatches(db: { prepare(sql: string): { all(): unknown[] } }) {
  const counted = (what: string) => `SELECT ${what} FROM sales_orders WHERE customer_id = c.id
      AND completed_at >= c.tier_spend_since AND status = 'completed'`;
  const refunded = (what: string) => `SELECT ${what} FROM refunds WHERE customer_id = c.id
      AND at >= c.tier_spend_since AND status = 'completed'`;
  return db
    .prepare(
      `SELECT c.id, c.tier_spend AS spend, c.tier_spend_oldest_at AS oldest FROM customers c
       WHERE c.tier_spend IS NOT NULL AND (c.tier_spend_since IS NULL
         OR c.tier_spend != (${counted('coalesce(sum(total + rounding), 0)')}) - (${refunded('coalesce(sum(subtotal + tax_total), 0)')})
         OR c.tier_spend_oldest_at IS NOT (SELECT min(t) FROM (${counted('completed_at AS t')} UNION ALL ${refunded('at')})))`,
    )
    .all();
}

const LEDGERS = [
  'sales_orders',
  'sales_lines',
  'payments',
  'refunds',
  'account_entries',
  'points_entries',
  'stock_moves',
];

/** Every row of every ledger, in a stable order: two databases with the same books give the same text. */
export function books(db: { prepare(sql: string): { all(): unknown[] } }): string {
  return LEDGERS.map((t) => JSON.stringify(db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all())).join('\n');
}
