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
 * summed from covering indexes (sales_orders_completed_customer, sales_orders_customer_spend, refunds_at_customer;
 * migration 0016).
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

// Two ways to a window's sales per customer, both from a covering index: by completion time (reads only the window's
// rows, then sorts them by customer) or in customer order (reads every sale, no sort). On the reference shop (1M
// sales over two years) the first wins up to about 90 days, the second from 180 (about 320 ms for any window).
const SALES_BY_TIME = `
  SELECT customer_id AS id, sum(total) AS sales, count(*) AS orders, 0 AS refunds, sum(total) AS spend,
    max(completed_at) AS lastAt
  FROM sales_orders INDEXED BY sales_orders_completed_customer
  WHERE completed_at >= :start AND completed_at < :end AND status = 'completed' AND customer_id IS NOT NULL
  GROUP BY customer_id`;
const SALES_BY_CUSTOMER = `
  SELECT customer_id AS id, sum(total) AS sales, count(*) AS orders, 0 AS refunds, sum(total) AS spend,
    max(completed_at) AS lastAt
  FROM sales_orders INDEXED BY sales_orders_customer_spend
  WHERE customer_id IS NOT NULL AND completed_at >= :start AND completed_at < :end AND status = 'completed'
  GROUP BY customer_id`;
const REFUNDS = `
  SELECT customer_id AS id, sum(total) AS refunds FROM refunds
  WHERE at >= :start AND at < :end AND status = 'completed' AND customer_id IS NOT NULL
  GROUP BY customer_id`;
/** the share of all sales a window may hold before reading in customer order is cheaper */
const CUSTOMER_ORDER_FROM = 0.15;

/** Whether a window holds enough of the shop's sales (judged by their time span) to read them in customer order. */
function readInCustomerOrder(sqlite: Sqlite, w: Window): boolean {
  // two queries: SQLite answers a lone min() or max() from the index in one step, both together by a full scan
  const span = {
    first: stmt(sqlite, 'SELECT min(completed_at) FROM sales_orders').pluck().get() as number | null,
    last: stmt(sqlite, 'SELECT max(completed_at) FROM sales_orders').pluck().get() as number | null,
  };
  if (span.first === null || span.last === null || span.last <= span.first) return false;
  const overlap = Math.min(w.end, span.last) - Math.max(w.start, span.first);
  return overlap / (span.last - span.first) > CUSTOMER_ORDER_FROM;
}

/** Every customer with a sale or a refund in the window, with their figures (unordered). */
export function spendByCustomer(sqlite: Sqlite, w: Window): CustomerSpend[] {
  // the sales rows come out of SQL in their final shape and are only updated here: 50k customers in a window
  const rows = stmt(sqlite, readInCustomerOrder(sqlite, w) ? SALES_BY_CUSTOMER : SALES_BY_TIME).all(
    w,
  ) as CustomerSpend[];
  const refunds = new Map<string, number>();
  for (const r of stmt(sqlite, REFUNDS).raw().all(w) as Array<[string, number]>) refunds.set(r[0], r[1]);
  if (refunds.size === 0) return rows;
  for (const r of rows) {
    const back = refunds.get(r.id);
    if (back === undefined) continue;
    r.refunds = back;
    r.spend = r.sales - back;
    refunds.delete(r.id);
  }
  for (const [id, back] of refunds) rows.push({ id, sales: 0, orders: 0, refunds: back, spend: -back, lastAt: null });
  return rows;
}

/** By spend descending, ties by id. */
export const bySpend = (a: Readonly<CustomerSpend>, b: Readonly<CustomerSpend>) =>
  b.spend - a.spend || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The figures of two adjoining windows as one. Rows found in one window only are the same objects (the earlier
 * window's are kept by ./past.ts), so the result is read-only.
 */
export function addSpend(
  earlier: readonly Readonly<CustomerSpend>[],
  later: readonly Readonly<CustomerSpend>[],
): readonly Readonly<CustomerSpend>[] {
  if (later.length === 0) return earlier;
  const rest = new Map(later.map((r) => [r.id, r]));
  const out: Readonly<CustomerSpend>[] = earlier.map((a) => {
    const b = rest.get(a.id);
    if (!b) return a;
    rest.delete(a.id);
    return {
      id: a.id,
      sales: a.sales + b.sales,
      orders: a.orders + b.orders,
      refunds: a.refunds + b.refunds,
      spend: a.spend + b.spend,
      lastAt: b.lastAt ?? a.lastAt,
    };
  });
  for (const b of rest.values()) out.push(b);
  return out;
}

/** Display names for a set of customer ids. */
export function namesOf(sqlite: Sqlite, ids: readonly string[]): Map<string, string> {
  const rows = stmt(
    sqlite,
    'SELECT id, display_name AS name FROM customers WHERE id IN (SELECT value FROM json_each(?))',
  ).all(JSON.stringify(ids)) as Array<{ id: string; name: string }>;
  return new Map(rows.map((r) => [r.id, r.name]));
}
