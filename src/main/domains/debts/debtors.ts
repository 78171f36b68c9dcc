import type { DebtorRow, DebtorsQuery } from '../../../shared/contract/debts';
import { AppError } from '../../../shared/errors';
import type { Sqlite } from '../../db/open';
import { stmt } from '../../db/statements';
import { AGING_BUCKETS, ageItems, type Buckets, daysPast, oldestDue } from './aging';
import { type CustomerOpenItems, openItemsAllSliced, openItemsOf } from './open-items';

/** Later than any entry: "now" for the open items, whatever the clock says. */
const ALL_TIME = Number.MAX_SAFE_INTEGER;

/**
 * Every customer's open items as they stand, kept in memory so the debtors list, alerts and the daily summary can
 * sort and filter 100k customers by overdue amount without settling each account per request. Built in one pass the
 * first time it is read; after that each read re-settles only the customers whose entries or allocations were written
 * since (the tables' rowids only grow, both being append-only), and for a merge (which re-points rows without new
 * rowids) the survivor, dropping the merged customer.
 */
export class DebtorBook {
  private items = new Map<string, CustomerOpenItems>();
  private mark: { entries: number; allocations: number; merged: number } | null = null;
  /** customers merged away as of the mark */
  private merged = new Set<string>();

  constructor(private sqlite: Sqlite) {}

  private watermark() {
    return stmt(
      this.sqlite,
      `SELECT (SELECT coalesce(max(rowid), 0) FROM account_entries) AS entries,
              (SELECT coalesce(max(rowid), 0) FROM account_allocations) AS allocations,
              (SELECT count(*) FROM customers WHERE status = 'merged') AS merged`,
    ).get() as { entries: number; allocations: number; merged: number };
  }

  private mergedNow() {
    return stmt(
      this.sqlite,
      "SELECT id, merged_into_id AS survivor FROM customers WHERE status = 'merged'",
    ).all() as Array<{
      id: string;
      survivor: string | null;
    }>;
  }

  private building: Promise<void> | null = null;

  /** whether the book has been built (after that, reads only catch up) */
  get ready(): boolean {
    return this.mark !== null;
  }

  /** The open items of every customer with a non-zero balance, brought up to date. */
  async current(): Promise<ReadonlyMap<string, CustomerOpenItems>> {
    const now = this.watermark();
    const was = this.mark;
    if (!was) {
      // one build at a time; it runs in slices so the till is not held up meanwhile
      this.building ??= (async () => {
        const merged = this.mergedNow();
        const all = await openItemsAllSliced(this.sqlite, ALL_TIME);
        this.items = new Map(all.filter((it) => it.balance !== 0).map((it) => [it.customerId, it]));
        this.merged = new Set(merged.map((m) => m.id));
        this.mark = now;
      })().finally(() => {
        this.building = null;
      });
      await this.building;
      return this.current();
    }
    const touched = new Set<string>();
    if (now.merged !== was.merged) {
      const merged = this.mergedNow();
      for (const m of merged) {
        if (this.merged.has(m.id)) continue;
        touched.add(m.id);
        if (m.survivor) touched.add(m.survivor);
      }
      this.merged = new Set(merged.map((m) => m.id));
    }
    if (now.entries !== was.entries || now.allocations !== was.allocations) {
      const rows = stmt(
        this.sqlite,
        `SELECT customer_id AS id FROM account_entries WHERE rowid > ?
         UNION SELECT customer_id FROM account_allocations WHERE rowid > ?`,
      ).all(was.entries, was.allocations) as Array<{ id: string }>;
      for (const { id } of rows) touched.add(id);
    }
    for (const id of touched) {
      const it = openItemsOf(this.sqlite, id, ALL_TIME);
      if (it.balance !== 0) this.items.set(id, it);
      else this.items.delete(id);
    }
    this.mark = now;
    return this.items;
  }
}

export interface DebtorFigures {
  id: string;
  balance: number;
  overdue: number;
  oldestDueAt: number | null;
  maxDaysPast: number;
  buckets: Buckets;
}

/** A debtor's figures at the end of the shop day `end`. */
export function figures(items: CustomerOpenItems, end: number): DebtorFigures {
  const buckets = ageItems(items, end);
  let overdue = 0;
  for (const k of AGING_BUCKETS) if (k !== 'current') overdue += buckets[k];
  let maxDaysPast = 0;
  for (const d of items.open) maxDaysPast = Math.max(maxDaysPast, daysPast(end, d.dueAt));
  return { id: items.customerId, balance: items.balance, overdue, oldestDueAt: oldestDue(items), maxDaysPast, buckets };
}

type SortKey = (f: DebtorFigures) => number;
const SORTS: Record<DebtorsQuery['sort'], { key: SortKey; direction: 'asc' | 'desc' }> = {
  balance: { key: (f) => f.balance, direction: 'desc' },
  overdue: { key: (f) => f.overdue, direction: 'desc' },
  // nothing open sorts after every date
  oldestDue: { key: (f) => f.oldestDueAt ?? Number.MAX_SAFE_INTEGER, direction: 'asc' },
};

function encodeCursor(value: number, id: string): string {
  return `${value}:${id}`;
}

function decodeCursor(cursor: string): { value: number; id: string } {
  const i = cursor.indexOf(':');
  const value = Number(cursor.slice(0, i));
  if (i < 1 || !Number.isFinite(value))
    throw new AppError('VALIDATION', 'That page link is no longer valid; open the list again.');
  return { value, id: cursor.slice(i + 1) };
}

interface CustomerInfo {
  id: string;
  name: string;
  phone: string | null;
  category: string | null;
  creditLimit: number | null;
}

/** Every debtor the filter matches, sorted; the sort key of each for the keyset. */
async function sortedDebtors(sqlite: Sqlite, book: DebtorBook, q: Omit<DebtorsQuery, 'cursor' | 'limit'>, end: number) {
  const list = filterDebtors(
    sqlite,
    [...(await book.current()).values()].map((it) => figures(it, end)),
    q,
  );
  const sort = SORTS[q.sort];
  const dir = (q.direction ?? sort.direction) === 'asc' ? 1 : -1;
  list.sort((a, b) => dir * (sort.key(a) - sort.key(b)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { list, key: sort.key, dir };
}

/**
 * One page of debtors: everyone with a balance ≠ 0, filtered and sorted in memory from the book, then names, phones
 * and categories read for the page's rows only. Keyset paging on (sort value, id).
 */
export async function debtorsPage(
  sqlite: Sqlite,
  book: DebtorBook,
  q: DebtorsQuery,
  end: number,
): Promise<{ rows: DebtorRow[]; nextCursor: string | null; count: number; total: number }> {
  if (!book.ready && isPlainBalanceList(q)) {
    // built in slices meanwhile, for the next page, filter or sort; one cut short (the app closing) is redone next read
    book.current().catch(() => {});
    return balancePageFromCache(sqlite, q, end);
  }
  const { list, key, dir } = await sortedDebtors(sqlite, book, q, end);
  let start = 0;
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    start = list.findIndex((f) => {
      const d = dir * (key(f) - c.value);
      return d > 0 || (d === 0 && f.id > c.id);
    });
    if (start < 0) start = list.length;
  }
  const page = list.slice(start, start + q.limit);
  const last = page[page.length - 1];
  const info = customerInfo(
    sqlite,
    page.map((f) => f.id),
  );
  return {
    rows: page.map((f) => toRow(f, info.get(f.id))),
    nextCursor: start + q.limit < list.length && last ? encodeCursor(key(last), last.id) : null,
    count: list.length,
    total: list.reduce((n, f) => n + f.balance, 0),
  };
}

const isPlainBalanceList = (q: DebtorsQuery) =>
  q.sort === 'balance' && (q.direction ?? 'desc') === 'desc' && q.overdue === 'any' && !q.categoryId && !q.createdBy;

/**
 * The list's default view (everyone who owes or is owed, largest balance first) straight from the balances the ledger
 * caches on each customer, settling only the page's accounts: what the debtors screen shows first after a start,
 * while the book is still being built. Same order, cursor and figures as the book's page.
 */
function balancePageFromCache(sqlite: Sqlite, q: DebtorsQuery, end: number) {
  const c = q.cursor ? decodeCursor(q.cursor) : null;
  const ids = stmt(
    sqlite,
    `SELECT id, balance FROM customers WHERE balance <> 0
       AND (:value IS NULL OR balance < :value OR (balance = :value AND id > :id))
     ORDER BY balance DESC, id LIMIT :n`,
  ).all({ value: c?.value ?? null, id: c?.id ?? '', n: q.limit + 1 }) as Array<{ id: string; balance: number }>;
  const all = stmt(
    sqlite,
    'SELECT count(*) AS count, coalesce(sum(balance), 0) AS total FROM customers WHERE balance <> 0',
  ).get() as { count: number; total: number };
  const page = ids.slice(0, q.limit).map((r) => figures(openItemsOf(sqlite, r.id, ALL_TIME), end));
  const info = customerInfo(
    sqlite,
    page.map((f) => f.id),
  );
  const last = page[page.length - 1];
  return {
    rows: page.map((f) => toRow(f, info.get(f.id))),
    nextCursor: ids.length > q.limit && last ? encodeCursor(last.balance, last.id) : null,
    count: all.count,
    total: all.total,
  };
}

/** Every debtor the filter matches, in the list's order (exports), names read a thousand at a time. */
export async function allDebtors(
  sqlite: Sqlite,
  book: DebtorBook,
  q: Omit<DebtorsQuery, 'cursor' | 'limit'>,
  end: number,
): Promise<DebtorRow[]> {
  const { list } = await sortedDebtors(sqlite, book, q, end);
  const rows: DebtorRow[] = [];
  for (let i = 0; i < list.length; i += 1000) {
    const chunk = list.slice(i, i + 1000);
    const info = customerInfo(
      sqlite,
      chunk.map((f) => f.id),
    );
    for (const f of chunk) rows.push(toRow(f, info.get(f.id)));
  }
  return rows;
}

function filterDebtors(
  sqlite: Sqlite,
  list: DebtorFigures[],
  q: Pick<DebtorsQuery, 'overdue' | 'categoryId' | 'createdBy'>,
): DebtorFigures[] {
  let out = list;
  const o = q.overdue;
  if (o === 'overdue') out = out.filter((f) => f.overdue > 0);
  else if (o === 'credit') out = out.filter((f) => f.balance < 0);
  else if (o !== 'any') out = out.filter((f) => f.buckets[o] > 0);
  if (q.categoryId || q.createdBy) {
    const where = [q.categoryId ? 'category_id = :category' : '', q.createdBy ? 'created_by = :creator' : '']
      .filter(Boolean)
      .join(' AND ');
    const ids = new Set(
      (
        stmt(sqlite, `SELECT id FROM customers WHERE ${where} AND balance <> 0`).all({
          ...(q.categoryId ? { category: q.categoryId } : {}),
          ...(q.createdBy ? { creator: q.createdBy } : {}),
        }) as Array<{ id: string }>
      ).map((r) => r.id),
    );
    out = out.filter((f) => ids.has(f.id));
  }
  return out;
}

function customerInfo(sqlite: Sqlite, ids: string[]): Map<string, CustomerInfo> {
  const rows = stmt(
    sqlite,
    `SELECT c.id, c.display_name AS name, c.phone_primary_e164 AS phone, k.name AS category, c.credit_limit AS creditLimit
     FROM customers c LEFT JOIN customer_categories k ON k.id = c.category_id
     WHERE c.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(ids)) as CustomerInfo[];
  return new Map(rows.map((r) => [r.id, r]));
}

function toRow(f: DebtorFigures, info: CustomerInfo | undefined): DebtorRow {
  return {
    id: f.id,
    name: info?.name ?? '',
    phone: info?.phone ?? null,
    category: info?.category ?? null,
    creditLimit: info?.creditLimit ?? null,
    balance: f.balance,
    overdue: f.overdue,
    oldestDueAt: f.oldestDueAt,
    buckets: f.buckets,
  };
}
