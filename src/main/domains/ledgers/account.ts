import type { ACCOUNT_ENTRY_KINDS } from '../../db/schema';
import { stmt } from '../../db/statements';
import type { Deps } from '../deps';

export type AccountEntryKind = (typeof ACCOUNT_ENTRY_KINDS)[number];

export interface AccountEntryInput {
  customerId: string;
  kind: AccountEntryKind;
  /** signed minor units: + the customer owes more */
  amount: number;
  currency: string;
  documentNo?: string | null;
  salesOrderId?: string | null;
  refundId?: string | null;
  paymentId?: string | null;
  dueAt?: number | null;
  reversesId?: string | null;
  reason?: string | null;
  staffId?: string | null;
}

/**
 * Writes one row of the customer account ledger and moves the cached customers.balance by the same amount. Must run
 * inside the caller's transaction: the entry and the cached balance change together or not at all.
 */
export function postAccountEntry(deps: Deps, e: AccountEntryInput): string {
  const id = deps.newId();
  const at = deps.clock.now();
  stmt(
    deps.sqlite,
    `INSERT INTO account_entries (id, customer_id, kind, amount, currency, document_no, sales_order_id, refund_id,
         payment_id, due_at, reverses_id, reason, staff_id, at, till_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    e.customerId,
    e.kind,
    e.amount,
    e.currency,
    e.documentNo ?? null,
    e.salesOrderId ?? null,
    e.refundId ?? null,
    e.paymentId ?? null,
    e.dueAt ?? null,
    e.reversesId ?? null,
    e.reason ?? null,
    e.staffId ?? null,
    at,
    deps.tillId(),
  );
  stmt(deps.sqlite, 'UPDATE customers SET balance = balance + ? WHERE id = ?').run(e.amount, e.customerId);
  return id;
}

/** Σ entries for a customer, the figure the cached balance must equal (tests and checks). */
export function ledgerBalance(deps: Pick<Deps, 'sqlite'>, customerId: string): number {
  return (
    stmt(deps.sqlite, 'SELECT coalesce(sum(amount), 0) AS n FROM account_entries WHERE customer_id = ?').get(
      customerId,
    ) as { n: number }
  ).n;
}
