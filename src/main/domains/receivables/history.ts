import type { AccountHistoryRow } from '../../../shared/contract/receivables';
import { AppError } from '../../../shared/errors';
import type { Sqlite } from '../../db/open';
import { stmt } from '../../db/statements';
import { balanceBeforeCursor, withRunningBalance } from '../ledgers/history';

interface EntryRow {
  entryId: string;
  at: number;
  kind: string;
  documentNo: string | null;
  reason: string | null;
  amount: number;
  staffName: string | null;
  paymentId: string | null;
}

/**
 * A customer's account entries newest first, a page at a time (keyset on at, id: the statement's order), each with the
 * balance once it was made, and which payments a manager may still reverse.
 */
export function accountHistory(
  sqlite: Sqlite,
  customerId: string,
  cursor: string | undefined,
  limit: number,
): { rows: AccountHistoryRow[]; nextCursor: string | null } {
  const c = stmt(sqlite, 'SELECT balance FROM customers WHERE id = ?').get(customerId) as
    | { balance: number }
    | undefined;
  if (!c) throw new AppError('NOT_FOUND', 'That customer was not found. Search for them again.', { customerId });
  const [cAt, cId] = cursor ? decodeCursor(cursor) : [Number.MAX_SAFE_INTEGER, '\uffff'];
  // only counter payments (no sale) can be reversed by receivables.reversePayment
  const rows = stmt(
    sqlite,
    `SELECT e.id AS entryId, e.at, e.kind, e.document_no AS documentNo, e.reason, e.amount, s.name AS staffName,
       CASE WHEN e.kind = 'payment' AND p.sales_order_id IS NULL THEN p.id END AS paymentId
     FROM account_entries e
     LEFT JOIN payments p ON p.id = e.payment_id
     LEFT JOIN staff s ON s.id = e.staff_id
     WHERE e.customer_id = ? AND (e.at < ? OR (e.at = ? AND e.id < ?))
     ORDER BY e.at DESC, e.id DESC LIMIT ?`,
  ).all(customerId, cAt, cAt, cId, limit + 1) as EntryRow[];
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  // reverses_id has no index of its own: one pass over this customer's reversals, through the covering index
  const reversed = new Set(
    page.some((r) => r.kind === 'payment')
      ? (
          stmt(
            sqlite,
            `SELECT reverses_id AS id FROM account_entries
             WHERE customer_id = ? AND kind = 'payment_reversal' AND reverses_id IS NOT NULL`,
          ).all(customerId) as Array<{ id: string }>
        ).map((r) => r.id)
      : [],
  );
  const ledger = { table: 'account_entries', column: 'amount' } as const;
  const start = balanceBeforeCursor(sqlite, ledger, customerId, c.balance, cursor ? [cAt, cId] : null);
  const out = withRunningBalance(
    page,
    start,
    (r) => r.amount,
    ({ paymentId, ...r }, balance): AccountHistoryRow => {
      const isReversed = r.kind === 'payment' && reversed.has(r.entryId);
      return { ...r, balance, reversed: isReversed, reversiblePaymentId: isReversed ? null : paymentId };
    },
  );
  const last = page.at(-1);
  return { rows: out, nextCursor: more && last ? `${last.at}:${last.entryId}` : null };
}

function decodeCursor(cursor: string): [number, string] {
  const cut = cursor.indexOf(':');
  const at = Number(cursor.slice(0, cut));
  const id = cursor.slice(cut + 1);
  if (cut < 1 || !Number.isSafeInteger(at) || !id)
    throw new AppError('VALIDATION', 'That page of account entries is not valid; open the customer again.');
  return [at, id];
}
