import type { Sqlite } from '../../db/open';
import { stmt } from '../../db/statements';

/**
 * What is still open on customer accounts at an instant. A debit (amount > 0: invoice, opening balance, positive
 * adjustment, a reversed payment or cancelled refund) is open by its amount less what was allocated to it by then; a
 * credit (amount < 0) is unapplied by its size less what it was allocated by then. Entries written before allocations
 * existed (old refunds, voids, imported balances) have none, so three rules settle the rest:
 *   1. an entry and its reversal (reverses_id) cancel each other first (a void closes its own invoice, not the oldest);
 *   2. the remaining unapplied credit pays the open debits oldest first (by date, then id);
 *   3. credit left over after every debit is paid is the customer's credit (a negative balance).
 * So Σ open − credit = Σ entries = the balance at that instant, exactly (docs/decisions/0006-aging.md).
 */

/** One ledger entry with what is left of it at the instant: open (a debit) or unapplied (a credit), ≥ 0. */
export interface ResidualRow {
  id: string;
  customerId: string;
  kind: string;
  amount: number;
  at: number;
  /** invoices: when payment falls due; other debits fall due when written */
  dueAt: number;
  documentNo: string | null;
  reversesId: string | null;
  left: number;
}

export interface OpenDebit {
  entryId: string;
  kind: string;
  documentNo: string | null;
  at: number;
  dueAt: number;
  amount: number;
  open: number;
}

export interface CustomerOpenItems {
  customerId: string;
  /** Σ entries up to the instant */
  balance: number;
  /** debits with something still open, oldest first */
  open: OpenDebit[];
  /** credit not used by any debit (≥ 0); balance = Σ open − credit */
  credit: number;
}

// A range of customers (all of them, or a slice so a long report can let the till in between slices): allocations
// summed per entry in one pass (an entry is a debit or a credit, so its two sums never mix), then one scan of the
// ledger. Fully settled entries are dropped in SQL: they can change
// nothing below, and on a real shop they are most rows, so only the unsettled rest reaches JavaScript.
const ALL_SQL = `
  WITH al AS MATERIALIZED (
    SELECT id, sum(s) AS s FROM (
      SELECT debit_entry_id AS id, amount AS s FROM account_allocations
      WHERE at < :t AND customer_id >= :lo AND customer_id < :hi
      UNION ALL SELECT credit_entry_id, amount FROM account_allocations
      WHERE at < :t AND customer_id >= :lo AND customer_id < :hi)
    GROUP BY id)
  SELECT * FROM (
    SELECT e.id, e.customer_id AS customerId, e.kind, e.amount, e.at, coalesce(e.due_at, e.at) AS dueAt,
      e.document_no AS documentNo, e.reverses_id AS reversesId, abs(e.amount) - coalesce(al.s, 0) AS left
    FROM account_entries e LEFT JOIN al ON al.id = e.id
    WHERE e.at < :t AND e.amount <> 0 AND e.customer_id >= :lo AND e.customer_id < :hi)
  WHERE left <> 0 ORDER BY customerId, at, id`;

// One customer: a correlated sum per entry through the (debit|credit)_entry_id indexes.
const ONE_SQL = `
  SELECT e.id, e.customer_id AS customerId, e.kind, e.amount, e.at, coalesce(e.due_at, e.at) AS dueAt,
    e.document_no AS documentNo, e.reverses_id AS reversesId,
    abs(e.amount) - coalesce((SELECT sum(a.amount) FROM account_allocations a
      WHERE (a.debit_entry_id = e.id OR a.credit_entry_id = e.id) AND a.at < :t), 0) AS left
  FROM account_entries e
  WHERE e.customer_id = :customer AND e.at < :t AND e.amount <> 0
  ORDER BY e.at, e.id`;

/**
 * Settles one customer's residual rows (ordered by date, id) into open debits and unused credit. Pure: the property
 * tests drive it directly and through the database.
 */
export function settleCustomer(customerId: string, rows: readonly ResidualRow[]): CustomerOpenItems {
  // clamp: an allocation can never make an entry more than fully settled nor more than its own size
  const left = new Map<string, number>();
  const byId = new Map<string, ResidualRow>();
  let balance = 0;
  for (const r of rows) {
    const size = Math.abs(r.amount);
    const l = Math.min(size, Math.max(0, r.left));
    left.set(r.id, l);
    byId.set(r.id, r);
    balance += r.amount > 0 ? r.left : -r.left;
  }
  // 1. an entry and its reversal settle each other
  for (const r of rows) {
    if (!r.reversesId) continue;
    const o = byId.get(r.reversesId);
    if (!o || o.amount > 0 === r.amount > 0) continue;
    const x = Math.min(left.get(r.id) as number, left.get(o.id) as number);
    if (x <= 0) continue;
    left.set(r.id, (left.get(r.id) as number) - x);
    left.set(o.id, (left.get(o.id) as number) - x);
  }
  // 2. the rest of the credit pays the oldest debits first
  let credit = 0;
  for (const r of rows) if (r.amount < 0) credit += left.get(r.id) as number;
  const open: OpenDebit[] = [];
  for (const r of rows) {
    if (r.amount <= 0) continue;
    let o = left.get(r.id) as number;
    if (o <= 0) continue;
    const used = Math.min(o, credit);
    credit -= used;
    o -= used;
    if (o > 0)
      open.push({
        entryId: r.id,
        kind: r.kind,
        documentNo: r.documentNo,
        at: r.at,
        dueAt: r.dueAt,
        amount: r.amount,
        open: o,
      });
  }
  // 3. what credit is left is the customer's
  return { customerId, balance, open, credit };
}

function settleRows(rows: readonly ResidualRow[]): CustomerOpenItems[] {
  const out: CustomerOpenItems[] = [];
  let from = 0;
  for (let i = 1; i <= rows.length; i++) {
    const id = (rows[from] as ResidualRow).customerId;
    if (i === rows.length || (rows[i] as ResidualRow).customerId !== id) {
      out.push(settleCustomer(id, rows.slice(from, i)));
      from = i;
    }
  }
  return out;
}

/** Open items of customers with ids in [lo, hi) and anything unsettled before `before` (exclusive). */
export function openItemsRange(sqlite: Sqlite, before: number, lo = '', hi = '\uffff'): CustomerOpenItems[] {
  return settleRows(stmt(sqlite, ALL_SQL).all({ t: before, lo, hi }) as ResidualRow[]);
}

/**
 * Customer id boundaries splitting the ledger into slices of about `entries` rows each (a customer is never split), from
 * one index-only count per customer.
 */
export function customerSlices(sqlite: Sqlite, entries = 1500): Array<[string, string]> {
  // one count of the whole ledger is itself a blocking statement: reuse the cuts until the ledger grew by a quarter
  const size = (stmt(sqlite, 'SELECT coalesce(max(rowid), 0) AS n FROM account_entries').get() as { n: number }).n;
  const known = sliceCache.get(sqlite);
  if (known && known.entries === entries && size <= known.size * 1.25 + 1000) return known.slices;
  const cuts: string[] = [''];
  let n = 0;
  for (const r of stmt(
    sqlite,
    'SELECT customer_id AS id, count(*) AS n FROM account_entries GROUP BY customer_id ORDER BY customer_id',
  ).iterate() as IterableIterator<{ id: string; n: number }>) {
    if (n >= entries) {
      cuts.push(r.id);
      n = 0;
    }
    n += r.n;
  }
  cuts.push('\uffff');
  const slices = cuts.slice(1).map((hi, i): [string, string] => [cuts[i] as string, hi]);
  sliceCache.set(sqlite, { size, entries, slices });
  return slices;
}

const sliceCache = new WeakMap<Sqlite, { size: number; entries: number; slices: Array<[string, string]> }>();

/** Every customer's open items before `before`, in one pass. */
export function openItemsAll(sqlite: Sqlite, before: number): CustomerOpenItems[] {
  return openItemsRange(sqlite, before);
}

/**
 * The same in slices of customers, giving the event loop back between slices: a report over 100k customers then
 * never holds up a scan at the till for more than one slice.
 */
export async function openItemsAllSliced(sqlite: Sqlite, before: number, entries = 1500): Promise<CustomerOpenItems[]> {
  const out: CustomerOpenItems[] = [];
  for (const [lo, hi] of customerSlices(sqlite, entries)) {
    out.push(...openItemsRange(sqlite, before, lo, hi));
    await new Promise((r) => setImmediate(r));
  }
  return out;
}

/** One customer's open items before `before` (exclusive). */
export function openItemsOf(sqlite: Sqlite, customerId: string, before: number): CustomerOpenItems {
  const rows = stmt(sqlite, ONE_SQL).all({ t: before, customer: customerId }) as ResidualRow[];
  return settleCustomer(
    customerId,
    rows.filter((r) => r.left !== 0),
  );
}
