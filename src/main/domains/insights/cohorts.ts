import type { Cohort, Cohorts } from '../../../shared/contract/insights';
import { AppError } from '../../../shared/errors';
import type { Sqlite } from '../../db/open';
import { stmt } from '../../db/statements';
import { dayStart, type Window } from './days';

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

export interface FirstSale {
  /** imported with purchases from before Counterline */
  opening: boolean;
  /** completion time of their first counted sale */
  at: number;
  /** its total (the first by id of sales in the same millisecond) */
  total: number;
}

const firstsOf = (customers: string) => `
  SELECT f.id, f.opening, f.at, (SELECT o.total FROM sales_orders o WHERE o.customer_id = f.id AND o.completed_at = f.at
                                 AND o.status = 'completed' ORDER BY o.id LIMIT 1)
  FROM (SELECT c.id, (coalesce(c.opening_orders, 0) > 0 OR c.opening_first_at IS NOT NULL) AS opening,
          (SELECT p.completed_at FROM sales_orders p
           WHERE p.customer_id = c.id AND p.status = 'completed' ORDER BY p.completed_at LIMIT 1) AS at
        FROM customers c ${customers}) f
  WHERE f.at IS NOT NULL`;
const FIRSTS = firstsOf('');
const FIRSTS_SINCE = firstsOf(`WHERE c.id IN (SELECT customer_id FROM sales_orders
    INDEXED BY sales_orders_completed_customer
    WHERE completed_at >= ? AND status = 'completed' AND customer_id IS NOT NULL)`);

type FirstRow = [id: string, opening: number, at: number, total: number];

/** Every customer's first counted sale: two index seeks per customer. */
export function firstSales(sqlite: Sqlite): Map<string, FirstSale> {
  const out = new Map<string, FirstSale>();
  for (const [id, opening, at, total] of stmt(sqlite, FIRSTS).raw().iterate() as IterableIterator<FirstRow>)
    out.set(id, { opening: opening === 1, at, total });
  return out;
}

/** Works out again the first sale of each customer who bought at or after `since` (today's buyers) in a map made before. */
export function addFirstSalesSince(sqlite: Sqlite, firsts: Map<string, FirstSale>, since: number): void {
  for (const [id, opening, at, total] of stmt(sqlite, FIRSTS_SINCE).raw().iterate(since) as IterableIterator<FirstRow>)
    firsts.set(id, { opening: opening === 1, at, total });
}

/** Each month's buyers (customers with a counted sale in it) over a window, the months as [index, start, end]. */
export function buyersByMonth(
  sqlite: Sqlite,
  months: ReadonlyArray<[number, number, number]>,
  w: Window,
): Set<string>[] {
  const out = months.map(() => new Set<string>());
  for (const [i, id] of stmt(
    sqlite,
    `WITH m(i, s, e) AS MATERIALIZED (SELECT value ->> 0, max(value ->> 1, :start), min(value ->> 2, :end)
                                      FROM json_each(:months))
     SELECT DISTINCT m.i, o.customer_id
     FROM m JOIN sales_orders o INDEXED BY sales_orders_completed_customer
       ON o.completed_at >= m.s AND o.completed_at < m.e AND o.status = 'completed' AND o.customer_id IS NOT NULL`,
  )
    .raw()
    .iterate({ months: JSON.stringify(months), start: w.start, end: w.end }) as IterableIterator<[number, string]>)
    (out[i] as Set<string>).add(id);
  return out;
}

/**
 * Customers grouped by the shop-local month of their first-ever sale (earliest counted sale by completion time), and
 * for each month from then to the report's last month how many of them bought in it. Customers imported with
 * purchases from before Counterline are left out (their first sale is not in the ledger; decision 0017 does the same
 * for new vs returning) and counted apart. `buyers` gives each month's buyers (./cohorts buyersByMonth, or parts
 * of it kept by the caller).
 */
export function cohortsReport(
  sqlite: Sqlite,
  from: string,
  to: string,
  timeZone: string,
  firsts: ReadonlyMap<string, FirstSale> = firstSales(sqlite),
  buyers = (months: Array<[number, number, number]>, w: Window) => buyersByMonth(sqlite, months, w),
): Cohorts {
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
  const cohortOf = new Map<string, number>();
  const sizes = new Array<number>(span).fill(0);
  let leftOut = 0;
  for (const [id, { opening, at }] of firsts) {
    if (at < start || at >= end) continue;
    if (opening) {
      leftOut++;
      continue;
    }
    const m = monthOf(at);
    cohortOf.set(id, m);
    sizes[m] = (sizes[m] as number) + 1;
  }
  // retention[cohort][offset]: the cohort's customers among each later month's buyers
  const retention = sizes.map((_, c) => new Array<number>(span - c).fill(0));
  const months = bounds.slice(0, span).map((s, i) => [i, s, bounds[i + 1]] as [number, number, number]);
  buyers(months, { start, end }).forEach((ids, month) => {
    for (const id of ids) {
      const cohort = cohortOf.get(id);
      if (cohort === undefined || cohort > month) continue;
      const row = retention[cohort] as number[];
      row[month - cohort] = (row[month - cohort] as number) + 1;
    }
  });
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
