import type { OpenDebit } from '../../../shared/contract/receivables';
import type { Sqlite } from '../../db/open';
import { stmt } from '../../db/statements';
import type { Deps } from '../deps';

/**
 * Which credit paid which debit, written when the money moves (docs/decisions: receivables allocations). A debit is an
 * entry with amount > 0 (invoice, opening balance, positive adjustment, payment reversal, refund cancel); a credit has
 * amount < 0. Open = |amount| − Σ allocations, so these functions only ever read the ledger and the allocation rows.
 */

/** One entry with what the stored allocations leave of it (`left`, between 0 and its size for a sound ledger). */
export interface Residual {
  id: string;
  kind: string;
  amount: number;
  at: number;
  dueAt: number;
  documentNo: string | null;
  reversesId: string | null;
  left: number;
}

export interface PlannedAllocation {
  debitEntryId: string;
  creditEntryId: string;
  amount: number;
}

// one sub-select per side, each on its own index: a CASE choosing the column inside one WHERE scanned every allocation
// of the shop for every entry (a credit sale took 200 ms on the reference shop)
const RESIDUALS_SQL = `
  SELECT id, kind, amount, at, dueAt, documentNo, reversesId, left FROM (
    SELECT e.id, e.kind, e.amount, e.at, coalesce(e.due_at, e.at) AS dueAt, e.document_no AS documentNo,
      e.reverses_id AS reversesId,
      abs(e.amount) - coalesce(CASE WHEN e.amount > 0
        THEN (SELECT sum(a.amount) FROM account_allocations a WHERE a.debit_entry_id = e.id)
        ELSE (SELECT sum(a.amount) FROM account_allocations a WHERE a.credit_entry_id = e.id) END, 0) AS left
    FROM account_entries e WHERE e.customer_id = ? AND e.amount <> 0
  ) WHERE left <> 0 ORDER BY at, id`;

const UNUSED_CREDIT_SQL = `SELECT 1 FROM account_entries e WHERE e.customer_id = ? AND e.amount < 0
  AND -e.amount > coalesce((SELECT sum(a.amount) FROM account_allocations a WHERE a.credit_entry_id = e.id), 0) LIMIT 1`;

/** Every entry of a customer with something unallocated, oldest first. */
export function residuals(sqlite: Sqlite, customerId: string): Residual[] {
  return stmt(sqlite, RESIDUALS_SQL).all(customerId) as Residual[];
}

/** Debits with something still open by the stored allocations, oldest first (open = amount − Σ allocations). */
export function openDebits(sqlite: Sqlite, customerId: string): OpenDebit[] {
  return residuals(sqlite, customerId)
    .filter((r) => r.amount > 0 && r.left > 0)
    .map((r) => openDebitOf(r, r.left));
}

/** A debit entry as the open items list it, with `open` of its amount still to pay. */
export function openDebitOf(r: Residual, open: number): OpenDebit {
  return {
    entryId: r.id,
    kind: r.kind,
    documentNo: r.documentNo,
    at: r.at,
    dueAt: r.dueAt,
    amount: r.amount,
    open,
  };
}

export interface SettleOptions {
  /** a credit that should go to these debits first, in this order (a refund to its sale's invoice, a cashier's pick) */
  prefer?: { creditEntryId: string; debitEntryIds: readonly string[] };
}

/**
 * The allocations that leave no credit unused while a debit is open. Pure, so the property tests drive it directly.
 * Order: an entry and its reversal settle each other; then a preferred credit pays its chosen debits; then every
 * unused credit, oldest first, pays the oldest open debits. Nothing is allocated beyond what is left of either side.
 */
export function planSettlement(rows: readonly Residual[], opts: SettleOptions = {}): PlannedAllocation[] {
  const left = new Map<string, number>();
  const byId = new Map<string, Residual>();
  for (const r of rows) {
    left.set(r.id, Math.max(0, Math.min(Math.abs(r.amount), r.left)));
    byId.set(r.id, r);
  }
  const out: PlannedAllocation[] = [];
  const take = (debit: Residual, credit: Residual, most = Number.POSITIVE_INFINITY) => {
    const x = Math.min(left.get(debit.id) as number, left.get(credit.id) as number, most);
    if (x <= 0) return;
    left.set(debit.id, (left.get(debit.id) as number) - x);
    left.set(credit.id, (left.get(credit.id) as number) - x);
    const last = out.at(-1);
    if (last && last.debitEntryId === debit.id && last.creditEntryId === credit.id) last.amount += x;
    else out.push({ debitEntryId: debit.id, creditEntryId: credit.id, amount: x });
  };
  for (const r of rows) {
    const o = r.reversesId ? byId.get(r.reversesId) : undefined;
    if (!o || o.amount > 0 === r.amount > 0) continue;
    if (r.amount > 0) take(r, o);
    else take(o, r);
  }
  const preferred = opts.prefer ? byId.get(opts.prefer.creditEntryId) : undefined;
  if (preferred && preferred.amount < 0 && opts.prefer) {
    for (const id of opts.prefer.debitEntryIds) {
      const d = byId.get(id);
      if (d && d.amount > 0) take(d, preferred);
    }
  }
  const debits = rows.filter((r) => r.amount > 0);
  let di = 0;
  for (const c of rows) {
    if (c.amount >= 0) continue;
    while ((left.get(c.id) as number) > 0 && di < debits.length) {
      const d = debits[di] as Residual;
      if ((left.get(d.id) as number) <= 0) {
        di++;
        continue;
      }
      take(d, c);
    }
  }
  return out;
}

/** Open debits after the settlement plan: what the customer owes item by item, for reads that must not write. */
export function settledOpenDebits(rows: readonly Residual[]): OpenDebit[] {
  const used = new Map<string, number>();
  for (const a of planSettlement(rows)) used.set(a.debitEntryId, (used.get(a.debitEntryId) ?? 0) + a.amount);
  return rows
    .filter((r) => r.amount > 0)
    .map((r) => ({ ...r, left: r.left - (used.get(r.id) ?? 0) }))
    .filter((r) => r.left > 0)
    .map((r) => openDebitOf(r, r.left));
}

export function insertAllocation(deps: Deps, customerId: string, a: PlannedAllocation, staffId: string | null): void {
  stmt(
    deps.sqlite,
    `INSERT INTO account_allocations (id, customer_id, debit_entry_id, credit_entry_id, amount, staff_id, at, till_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(deps.newId(), customerId, a.debitEntryId, a.creditEntryId, a.amount, staffId, deps.clock.now(), deps.tillId());
}

/**
 * Writes the settlement plan for a customer. Call inside the transaction that posted the entry, after posting it, so
 * the new credit (or debit) is allocated with the ledger row that caused it.
 */
export function settleAccount(
  deps: Deps,
  customerId: string,
  staffId: string | null,
  opts: SettleOptions = {},
): PlannedAllocation[] {
  // without a credit still to use nothing can be allocated (planSettlement would plan nothing): one cheap look
  // instead of reading every open entry, which is what a credit sale to a customer who owes already meets
  if (!stmt(deps.sqlite, UNUSED_CREDIT_SQL).get(customerId)) return [];
  const plan = planSettlement(residuals(deps.sqlite, customerId), opts);
  for (const a of plan) insertAllocation(deps, customerId, a, staffId);
  return plan;
}

/**
 * Takes a credit back (a reversed payment, a cancelled refund): a negative row for each debit it paid, so those debits
 * are open again with their own dates, then the credit is allocated to its reversing debit, which it exactly cancels.
 */
export function undoCredit(
  deps: Deps,
  customerId: string,
  creditEntryId: string,
  reversalDebitId: string,
  staffId: string | null,
): PlannedAllocation[] {
  const given = stmt(
    deps.sqlite,
    `SELECT debit_entry_id AS debitEntryId, sum(amount) AS amount FROM account_allocations
     WHERE credit_entry_id = ? GROUP BY debit_entry_id HAVING sum(amount) <> 0 ORDER BY min(at), debit_entry_id`,
  ).all(creditEntryId) as Array<{ debitEntryId: string; amount: number }>;
  const out: PlannedAllocation[] = [];
  for (const g of given) {
    const undo = { debitEntryId: g.debitEntryId, creditEntryId, amount: -g.amount };
    insertAllocation(deps, customerId, undo, staffId);
    out.push(undo);
  }
  const size = stmt(deps.sqlite, 'SELECT abs(amount) AS n FROM account_entries WHERE id = ?').get(creditEntryId) as {
    n: number;
  };
  const pair = { debitEntryId: reversalDebitId, creditEntryId, amount: size.n };
  insertAllocation(deps, customerId, pair, staffId);
  out.push(pair);
  return out;
}
