import type { Cohort, Cohorts } from '../../../shared/contract/insights';
import { AppError } from '../../../shared/errors';
import type { Sqlite } from '../../db/open';
import { stmt } from '../../db/statements';
import { dayStart } from './days';

/** At most ten years of monthly cohorts in one report. */
const MAX_MONTHS = 120;

/** YYYY-MM n months after (n < 0: before) a YYYY-MM month. */
export function addMonths(ym: string, n: number): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  const k = y * 12 + (m - 1) + n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
}

export function monthsBetween(a: string, b: string): number {
  const [ya, ma] = a.split('-').map(Number) as [number, number];
  const [yb, mb] = b.split('-').map(Number) as [number, number];
  return yb * 12 + mb - (ya * 12 + ma);
}

/**
 * Customers grouped by the shop-local month of their first-ever sale (earliest counted sale by completion time), and
 * for each month from then to the report's last month how many of them bought in it. Customers imported with
 * purchases from before Counterline are left out (their first sale is not in the ledger; decision 0017 does the same
 * for new vs returning) and counted apart.
 */
export function cohortsReport(sqlite: Sqlite, from: string, to: string, timeZone: string): Cohorts {
  const span = monthsBetween(from, to) + 1;
  if (span > MAX_MONTHS) throw new AppError('VALIDATION', 'That is more than ten years of months; choose fewer.');
  // the first instant of each month from `from` to the month after `to`
  const bounds = Array.from({ length: span + 1 }, (_, i) => dayStart(`${addMonths(from, i)}-01`, timeZone));
  const start = bounds[0] as number;
  const end = bounds[span] as number;
  const monthOf = (at: number) => {
    let lo = 0;
    let hi = span - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((bounds[mid] as number) <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  // one index seek per customer for their first counted sale
  const firsts = stmt(
    sqlite,
    `WITH firsts AS MATERIALIZED (
       SELECT c.id AS id, (coalesce(c.opening_orders, 0) > 0 OR c.opening_first_at IS NOT NULL) AS opening,
         (SELECT p.completed_at FROM sales_orders p
          WHERE p.customer_id = c.id AND p.status = 'completed' ORDER BY p.completed_at LIMIT 1) AS at
       FROM customers c
     )
     SELECT id, opening, at FROM firsts WHERE at >= ? AND at < ?`,
  )
    .raw()
    .all(start, end) as Array<[string, number, number]>;
  const cohortOf = new Map<string, number>();
  const sizes = new Array<number>(span).fill(0);
  let leftOut = 0;
  for (const [id, opening, at] of firsts) {
    if (opening) {
      leftOut++;
      continue;
    }
    const m = monthOf(at);
    cohortOf.set(id, m);
    sizes[m] = (sizes[m] as number) + 1;
  }
  // retention[cohort][offset]: the range's sales in time order, so each month boundary is passed once
  const retention = sizes.map((_, c) => new Array<number>(span - c).fill(0));
  const lastMonth = new Map<string, number>();
  let month = 0;
  for (const [id, at] of stmt(
    sqlite,
    `SELECT customer_id, completed_at FROM sales_orders INDEXED BY sales_orders_completed_customer
     WHERE completed_at >= ? AND completed_at < ? AND status = 'completed' AND customer_id IS NOT NULL
     ORDER BY completed_at`,
  )
    .raw()
    .iterate(start, end) as IterableIterator<[string, number]>) {
    const cohort = cohortOf.get(id);
    if (cohort === undefined) continue;
    while (at >= (bounds[month + 1] as number)) month++;
    if (lastMonth.get(id) === month) continue;
    lastMonth.set(id, month);
    const row = retention[cohort] as number[];
    row[month - cohort] = (row[month - cohort] as number) + 1;
  }
  const cohorts: Cohort[] = sizes.map((customers, c) => ({
    month: addMonths(from, c),
    customers,
    retention: (retention[c] as number[]).map((n, offset) => ({
      offset,
      customers: n,
      percent: customers ? Math.round((n / customers) * 1000) / 10 : 0,
    })),
  }));
  return { from, to, cohorts, leftOut };
}
