import { DEMO_PRODUCTS } from '../../src/main/seed/products';
import type { AppErrorData } from '../../src/shared/errors';
import { DEMO, makeTestApp, signInAs, type TestApp } from '../helpers';

/** Maize flour, UGX 4,500 a piece (tax included): sales of N pieces come to N × 4,500. */
export const FLOUR = DEMO_PRODUCTS.find((p) => p.sku === 'MR-001') as (typeof DEMO_PRODUCTS)[number];

export const CLIENTS = { owner: 'owner-client', manager: 'manager-client', cashier: 'cashier-client' } as const;

/** A demo shop with the owner, a manager and a cashier signed in on their own clients, and calls that say what failed. */
export async function receivablesShop() {
  const app: TestApp = makeTestApp();
  app.services.system.createDemoShop();
  const signInAll = async () => {
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin, CLIENTS.owner);
    await signInAs(app.call, DEMO.cashier, DEMO.cashierPin, CLIENTS.cashier);
    return signInAs(app.call, DEMO.manager, DEMO.managerPin, CLIENTS.manager);
  };
  const managerId = await signInAll();
  /** moves the test clock; before anyone could have reached the idle lock (5 minutes) everyone types their PIN again */
  let idle = 0;
  const advance = async (ms: number) => {
    app.clock.advance(ms);
    idle += ms;
    if (idle >= 4 * 60_000) {
      await signInAll();
      idle = 0;
    }
  };
  const flourId = (app.sqlite.prepare('SELECT id FROM products WHERE sku = ?').get(FLOUR.sku) as { id: string }).id;
  let key = 0;

  const ok = async <T>(name: string, input: unknown, client: string = CLIENTS.manager): Promise<T> => {
    const res = await app.call(name, input, client);
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };
  const fails = async (name: string, input: unknown, client: string = CLIENTS.manager): Promise<AppErrorData> => {
    const res = await app.call(name, input, client);
    if (res.ok) throw new Error(`${name} should have failed`);
    return res.error;
  };
  const customer = async (fields: Record<string, unknown> = {}): Promise<string> => {
    const r = await ok<{ customer: { id: string } }>(
      'customers.create',
      { type: 'individual', firstName: 'Grace', lastName: `Atim ${++key}`, ...fields },
      CLIENTS.owner,
    );
    return r.customer.id;
  };
  const nextKey = (what = 'rcv') => `${what}-test-${++key}`;
  /** N flour for the customer, paid as given (default: all on account) */
  const sale = (customerId: string | null, pieces: number, payments?: unknown[], extra: object = {}) => ({
    cart: { customerId, lines: [{ productId: flourId, qtyMilli: pieces * 1000 }] },
    payments: payments ?? [{ method: 'on_account', amount: pieces * FLOUR.price }],
    idempotencyKey: nextKey('sale'),
    ...extra,
  });
  const balance = (id: string) =>
    (app.sqlite.prepare('SELECT balance AS b FROM customers WHERE id = ?').get(id) as { b: number }).b;
  const count = (table: string) => (app.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  /** Σ allocations per entry (debit side and credit side), for checking open amounts */
  const allocated = (entryId: string) =>
    (
      app.sqlite
        .prepare(
          'SELECT coalesce(sum(amount), 0) AS n FROM account_allocations WHERE debit_entry_id = ? OR credit_entry_id = ?',
        )
        .get(entryId, entryId) as { n: number }
    ).n;
  const entries = (customerId: string) =>
    app.sqlite
      .prepare(
        'SELECT id, kind, amount, due_at AS dueAt, at, document_no AS documentNo, reverses_id AS reversesId FROM account_entries WHERE customer_id = ? ORDER BY rowid',
      )
      .all(customerId) as Array<{
      id: string;
      kind: string;
      amount: number;
      dueAt: number | null;
      at: number;
      documentNo: string | null;
      reversesId: string | null;
    }>;
  return {
    app,
    managerId,
    advance,
    flourId,
    ok,
    fails,
    customer,
    nextKey,
    sale,
    balance,
    count,
    allocated,
    entries,
  };
}
export type ReceivablesShop = Awaited<ReturnType<typeof receivablesShop>>;

/** Every allocation within bounds: per debit 0 ≤ Σ ≤ amount, per credit 0 ≤ Σ ≤ |amount|. Returns the offenders. */
export function allocationOverruns(db: { prepare(sql: string): { all(): unknown[] } }) {
  return db
    .prepare(
      `SELECT e.id, e.kind, e.amount,
         coalesce((SELECT sum(a.amount) FROM account_allocations a WHERE a.debit_entry_id = e.id), 0) AS asDebit,
         coalesce((SELECT sum(a.amount) FROM account_allocations a WHERE a.credit_entry_id = e.id), 0) AS asCredit
       FROM account_entries e
       WHERE asDebit < 0 OR asCredit < 0
          OR (e.amount > 0 AND (asDebit > e.amount OR asCredit > 0))
          OR (e.amount < 0 AND (asCredit > -e.amount OR asDebit > 0))
          OR e.amount = 0 AND (asDebit <> 0 OR asCredit <> 0)`,
    )
    .all();
}
