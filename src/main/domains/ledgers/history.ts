import type { Sqlite } from '../../db/open';
import { stmt } from '../../db/statements';

/**
 * A customer's ledger read newest first a page at a time (keyset on at, id), each entry with the balance once it was
 * made: the balance now, less what the entries at or after the page's cursor moved it, less each entry on the way down.
 */
export function balanceBeforeCursor(
  sqlite: Sqlite,
  ledger: { table: 'points_entries'; column: 'points' } | { table: 'account_entries'; column: 'amount' },
  customerId: string,
  balanceNow: number,
  cursor: [at: number, id: string] | null,
): number {
  if (!cursor) return balanceNow;
  const [cAt, cId] = cursor;
  const newer = (
    stmt(
      sqlite,
      `SELECT coalesce(sum(${ledger.column}), 0) AS n FROM ${ledger.table}
       WHERE customer_id = ? AND (at > ? OR (at = ? AND id >= ?))`,
    ).get(customerId, cAt, cAt, cId) as { n: number }
  ).n;
  return balanceNow - newer;
}

/** The page's rows, newest first, each shaped with the balance after it; `moved` is what an entry moved it by. */
export function withRunningBalance<R, O>(
  page: readonly R[],
  balance: number,
  moved: (r: R) => number,
  shape: (r: R, balance: number) => O,
): O[] {
  return page.map((r) => {
    const row = shape(r, balance);
    balance -= moved(r);
    return row;
  });
}
