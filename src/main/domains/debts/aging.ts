import type { Sqlite } from '../../db/open';
import { stmt } from '../../db/statements';
import { type CustomerOpenItems, type OpenDebit, openItemsOf } from './open-items';

export const AGING_BUCKETS = ['current', 'd1_30', 'd31_60', 'd61_90', 'over90'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];
export type Buckets = Record<AgingBucket, number>;
/** by due date (the default) or by invoice date */
export type AgingBasis = 'due' | 'invoice';

const DAY = 86_400_000;

export const emptyBuckets = (): Buckets => ({ current: 0, d1_30: 0, d31_60: 0, d61_90: 0, over90: 0 });

/** Whole days an item is past its date at the end of the as-of day: 0 (due that day or later) is Current. */
export function daysPast(end: number, date: number): number {
  return date >= end ? 0 : Math.floor((end - date) / DAY);
}

export function bucketOf(days: number): AgingBucket {
  if (days <= 0) return 'current';
  if (days <= 30) return 'd1_30';
  if (days <= 60) return 'd31_60';
  if (days <= 90) return 'd61_90';
  return 'over90';
}

/**
 * A customer's buckets at the end of the as-of day (`end`, exclusive). Credit that no debit used goes into Current
 * as a negative amount, so the buckets always sum to the balance (docs/decisions/0006-aging.md).
 */
export function ageItems(items: CustomerOpenItems, end: number, basis: AgingBasis = 'due'): Buckets {
  const b = emptyBuckets();
  for (const d of items.open) b[bucketOf(daysPast(end, basis === 'due' ? d.dueAt : d.at))] += d.open;
  b.current -= items.credit;
  return b;
}

export interface AgingRow extends Buckets {
  id: string;
  name: string;
  balance: number;
  /** the earliest due date among open debits (null when nothing is open) */
  oldestDueAt: number | null;
}

export interface AgingResult {
  totals: Buckets & { balance: number };
  /** customers with a balance ≠ 0 at the instant */
  count: number;
  /** those customers, largest balance first: all of them, or the page asked for */
  customers: AgingRow[];
}

/**
 * Aging of every customer from their open items (one grouped pass over the ledger, or the debtor book when the
 * as-of day is today; never a query per customer). Names are read only for the rows returned (a screen's page is a
 * hundred lookups), a thousand at a time with the event loop given back in between, so an export of every debtor
 * does not hold up a scan at the till either.
 */
export async function agingAll(
  sqlite: Sqlite,
  end: number,
  basis: AgingBasis,
  source: Iterable<CustomerOpenItems>,
  page?: { offset: number; limit: number },
): Promise<AgingResult> {
  const totals = { ...emptyBuckets(), balance: 0 };
  const rows: Array<Omit<AgingRow, 'name'>> = [];
  for (const items of source) {
    if (items.balance === 0) continue;
    const b = ageItems(items, end, basis);
    for (const k of AGING_BUCKETS) totals[k] += b[k];
    totals.balance += items.balance;
    rows.push({ id: items.customerId, balance: items.balance, oldestDueAt: oldestDue(items), ...b });
  }
  rows.sort((a, b) => b.balance - a.balance || (a.id < b.id ? -1 : 1));
  const shown = page ? rows.slice(page.offset, page.offset + page.limit) : rows;
  const byIds = stmt(
    sqlite,
    'SELECT id, display_name AS name FROM customers WHERE id IN (SELECT value FROM json_each(?))',
  );
  const customers: AgingRow[] = [];
  for (let i = 0; i < shown.length; i += 1000) {
    if (i > 0) await new Promise((r) => setImmediate(r));
    const chunk = shown.slice(i, i + 1000);
    const names = new Map(
      (byIds.all(JSON.stringify(chunk.map((r) => r.id))) as Array<{ id: string; name: string }>).map((n) => [
        n.id,
        n.name,
      ]),
    );
    for (const r of chunk) customers.push({ ...r, name: names.get(r.id) ?? '' });
  }
  return { totals, count: rows.length, customers };
}

export function oldestDue(items: CustomerOpenItems): number | null {
  let min: number | null = null;
  for (const d of items.open) if (min === null || d.dueAt < min) min = d.dueAt;
  return min;
}

export interface AgingDetailItem extends OpenDebit {
  daysPast: number;
  bucket: AgingBucket;
}

/** One customer's drill-down: each open debit with its bucket, plus the buckets and unused credit. */
export function agingOf(sqlite: Sqlite, customerId: string, end: number, basis: AgingBasis = 'due') {
  const items = openItemsOf(sqlite, customerId, end);
  const detail: AgingDetailItem[] = items.open.map((d) => {
    const days = daysPast(end, basis === 'due' ? d.dueAt : d.at);
    return { ...d, daysPast: days, bucket: bucketOf(days) };
  });
  return { balance: items.balance, credit: items.credit, buckets: ageItems(items, end, basis), items: detail };
}
