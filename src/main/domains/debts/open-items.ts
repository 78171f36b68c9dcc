import type { Sqlite } from '../../db/open';
import { stmt } from '../../db/statements';
import { openDebitOf, type Residual } from '../receivables/allocations';

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
export interface ResidualRow extends Residual {
  customerId: string;
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

// What is left of each entry at the instant: its size less what was allocated to it by then, summed from the
// covering (debit|credit)_entry_id, at, amount indexes. The entries come in order from the covering
// customer_id, at, id… index, so neither the table nor a sort is touched. Fully settled entries are dropped in SQL:
// they can change nothing below, and on a real shop they are most rows, so only the unsettled rest reaches JavaScript.
const LEFT = `abs(e.amount) - coalesce(CASE WHEN e.amount > 0
    THEN (SELECT sum(a.amount) FROM account_allocations a WHERE a.debit_entry_id = e.id AND a.at < :t)
    ELSE (SELECT sum(a.amount) FROM account_allocations a WHERE a.credit_entry_id = e.id AND a.at < :t) END, 0)`;
const COLUMNS = `e.id, e.customer_id AS customerId, e.kind, e.amount, e.at, coalesce(e.due_at, e.at) AS dueAt,
  e.document_no AS documentNo, e.reverses_id AS reversesId, ${LEFT} AS left`;

// A range of customers: all of them, or a slice so a long report can let the till in between slices. LIMIT -1 keeps
// SQLite from flattening the subquery (which would work `left` out twice per entry) and, being a LIMIT, keeps its
// ORDER BY: the co-routine hands rows on in index order, which settleRows relies on (an outer ORDER BY would sort
// them again in a temp B-tree). The property tests settle through this query.
const ALL_SQL = `
  SELECT * FROM (
    SELECT ${COLUMNS} FROM account_entries e
    WHERE e.customer_id >= :lo AND e.customer_id < :hi AND e.at < :t AND e.amount <> 0
    ORDER BY e.customer_id, e.at, e.id LIMIT -1)
  WHERE left <> 0`;

// One customer, settled entries included (the caller drops them).
const ONE_SQL = `
  SELECT ${COLUMNS} FROM account_entries e
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
    if (o > 0) open.push(openDebitOf(r, o));
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
 * Where the slice starting at customer `lo` ends (exclusive): the customer about `entries` entries on in the covering
 * index, which the slice then leaves whole to the next one (or, when one customer alone has that many, the customer
 * after it). A short index walk per slice, so no count of the whole ledger ever holds up the till.
 */
function sliceEnd(sqlite: Sqlite, lo: string, entries: number): string | null {
  const at = (sql: string, p: object) => (stmt(sqlite, sql).get(p) as { id: string } | undefined)?.id ?? null;
  const cut = at(
    'SELECT customer_id AS id FROM account_entries WHERE customer_id >= :lo ORDER BY customer_id LIMIT 1 OFFSET :n',
    { lo, n: entries },
  );
  if (cut === null) return null;
  const first = at('SELECT min(customer_id) AS id FROM account_entries WHERE customer_id >= :lo', { lo });
  if (cut !== first) return cut;
  return at('SELECT min(customer_id) AS id FROM account_entries WHERE customer_id > :c', { c: cut });
}

/** Every customer's open items before `before`, in one pass. */
export function openItemsAll(sqlite: Sqlite, before: number): CustomerOpenItems[] {
  return openItemsRange(sqlite, before);
}

/**
 * The same in slices of about `entries` ledger entries, giving the event loop back between slices: a report over 100k
 * customers then never holds up a scan at the till for more than one slice.
 */
export async function openItemsAllSliced(sqlite: Sqlite, before: number, entries = 1000): Promise<CustomerOpenItems[]> {
  const out: CustomerOpenItems[] = [];
  let lo: string | null = '';
  while (lo !== null) {
    const hi = sliceEnd(sqlite, lo, entries);
    for (const it of openItemsRange(sqlite, before, lo, hi ?? '\uffff')) out.push(it);
    lo = hi;
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
