import type { Sqlite } from '../../db/open';
import { stmt } from '../../db/statements';
import type { Window } from './days';

/**
 * The definitions every insights report is built on (issue 15):
 * - a sale counts when it is completed and not voided (status 'completed'), at its `total`, at its completion time;
 * - a refund counts when it is not cancelled (status 'completed'), at its `total`, at its own time;
 * - walk-in sales and refunds (no customer) are left out of per-customer figures;
 * - a merged customer's rows were moved to the survivor by the merge, so reading by customer_id gives the survivor
 *   the whole history and the tombstone none.
 * The cached customers.total_spent does not fit (it is all time, and counts the cash rounding too), so windows are
 * summed from the covering indexes sales_orders_completed_customer and refunds_at_customer (migration 0016).
 */
export interface CustomerSpend {
  id: string;
  /** Σ sale totals in the window */
  sales: number;
  /** number of sales in the window */
  orders: number;
  /** Σ refund totals in the window */
  refunds: number;
  /** sales − refunds */
  spend: number;
  /** completion time of the last sale in the window, or null (refunds only) */
  lastAt: number | null;
}

const SPEND_BY_CUSTOMER = `
  SELECT id, sum(sales) AS sales, sum(orders) AS orders, sum(refunds) AS refunds, sum(sales) - sum(refunds) AS spend,
    max(lastAt) AS lastAt
  FROM (
    SELECT customer_id AS id, total AS sales, 1 AS orders, 0 AS refunds, completed_at AS lastAt FROM sales_orders
    WHERE completed_at >= :start AND completed_at < :end AND status = 'completed' AND customer_id IS NOT NULL
    UNION ALL
    SELECT customer_id, 0, 0, total, NULL FROM refunds
    WHERE at >= :start AND at < :end AND status = 'completed' AND customer_id IS NOT NULL
  )
  GROUP BY id`;

/** Every customer with a sale or a refund in the window, with their figures (unordered). */
export function spendByCustomer(sqlite: Sqlite, w: Window): CustomerSpend[] {
  return stmt(sqlite, SPEND_BY_CUSTOMER).all(w) as CustomerSpend[];
}

/** Customers with spend > 0 in the window, by spend descending, ties by id; at most `limit`. */
export function topSpenders(sqlite: Sqlite, w: Window, limit: number): CustomerSpend[] {
  return stmt(sqlite, `${SPEND_BY_CUSTOMER} HAVING spend > 0 ORDER BY spend DESC, id LIMIT :limit`).all({
    ...w,
    limit,
  }) as CustomerSpend[];
}

/** How many customers have spend > 0 in the window. */
export function spendersCount(sqlite: Sqlite, w: Window): number {
  return (stmt(sqlite, `SELECT count(*) AS n FROM (${SPEND_BY_CUSTOMER} HAVING spend > 0)`).get(w) as { n: number }).n;
}

/** Display names for a set of customer ids. */
export function namesOf(sqlite: Sqlite, ids: readonly string[]): Map<string, string> {
  const rows = stmt(
    sqlite,
    'SELECT id, display_name AS name FROM customers WHERE id IN (SELECT value FROM json_each(?))',
  ).all(JSON.stringify(ids)) as Array<{ id: string; name: string }>;
  return new Map(rows.map((r) => [r.id, r.name]));
}
