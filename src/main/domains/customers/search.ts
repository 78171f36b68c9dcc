import type { Statement } from 'better-sqlite3';
import type { CustomerListRow, CustomerQuery } from '../../../shared/contract/customers';
import { AppError } from '../../../shared/errors';
import type { Sqlite } from '../../db/open';
import { ftsQuery, phoneSearchDigits, searchTerms } from './normalise';

/** What the full-text index holds for one customer. */
export interface SearchDoc {
  displayName: string;
  firstName?: string | null;
  lastName?: string | null;
  companyName?: string | null;
  contactPerson?: string | null;
  phonesE164: string[];
  email?: string | null;
  code?: string | null;
  loyaltyCardNo?: string | null;
  taxId?: string | null;
}

/** `digits` may be a faster equal of phoneSearchDigits (the bulk import's, which learns number ranges). */
export function ftsColumns(
  d: SearchDoc,
  digits: (e164: string) => string[] = phoneSearchDigits,
): [string, string, string] {
  const name = [d.displayName, d.firstName, d.lastName, d.companyName, d.contactPerson].filter(Boolean).join(' ');
  const phones = [...new Set(d.phonesE164.flatMap((p) => digits(p)))].join(' ');
  const other = [d.email, d.code, d.loyaltyCardNo, d.taxId].filter(Boolean).join(' ');
  return [name, phones, other];
}

/** Keeps customers_fts in step with one customer; call inside the mutation's transaction. */
export class SearchIndex {
  private del;
  private ins;
  constructor(sqlite: Sqlite) {
    this.del = sqlite.prepare('DELETE FROM customers_fts WHERE rowid = ?');
    this.ins = sqlite.prepare('INSERT INTO customers_fts (rowid, name, phones, other) VALUES (?, ?, ?, ?)');
  }
  put(searchKey: number, doc: SearchDoc): void {
    this.del.run(searchKey);
    this.ins.run(searchKey, ...ftsColumns(doc));
  }
  remove(searchKey: number): void {
    this.del.run(searchKey);
  }
}

const SORT_COLUMN: Record<CustomerQuery['sort'], string> = {
  name: 'c.display_name',
  created: 'c.created_at',
  lastActivity: 'c.last_activity_at',
  totalSpent: 'c.total_spent',
  balance: 'c.balance',
  points: 'c.points_balance',
};

/**
 * Up to this many matches, or one in DENSE_MATCHES of the shop's customers if that is more, the page is chosen by
 * looking each match up by key (its name and id come from the customers_search_key_name index, about a microsecond
 * each). Denser matches are met soon by walking the name index in order, which stops at the page. Measured on the
 * 100k and 300k reference shops (README): the walk wins above ~1.5% of the customers, lookups below it.
 */
const BROAD_MATCHES = 1500;
const DENSE_MATCHES = 60;

type SortValue = string | number | null;

function sortValue(sort: CustomerQuery['sort'], r: CustomerListRow & { createdAt?: number }): SortValue {
  if (sort === 'name') return r.displayName;
  if (sort === 'created') return r.createdAt ?? null;
  if (sort === 'lastActivity') return r.lastActivityAt;
  if (sort === 'points') return r.pointsBalance;
  return sort === 'totalSpent' ? r.totalSpent : r.balance;
}

/** Keyset paging: the cursor is where the previous page's last row sorted (its sort value and id). */
export function encodeCursor(value: SortValue, id: string): string {
  return JSON.stringify([value, id]);
}

function decodeCursor(cursor: string): [SortValue, string] {
  try {
    const v = JSON.parse(cursor) as unknown;
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      (v[0] === null || typeof v[0] === 'string' || typeof v[0] === 'number') &&
      typeof v[1] === 'string'
    )
      return v as [SortValue, string];
  } catch {}
  throw new AppError('VALIDATION', 'That list position is out of date; search again.', {
    issues: [{ path: 'cursor', message: 'not a cursor from this list' }],
  });
}

/**
 * Rows after the cursor in `ORDER BY col dir, c.id dir`. SQLite sorts NULL first ascending and last descending, so a
 * NULL sort value (a customer never seen at the till) is its own block before or after the others.
 */
function keysetAfter(col: string, dir: 'ASC' | 'DESC', [value, id]: [SortValue, string]) {
  if (value === null)
    return dir === 'ASC'
      ? { cond: `((${col} IS NULL AND c.id > ?) OR ${col} IS NOT NULL)`, params: [id] }
      : { cond: `(${col} IS NULL AND c.id < ?)`, params: [id] };
  return dir === 'ASC'
    ? { cond: `(${col}, c.id) > (?, ?)`, params: [value, id] }
    : { cond: `((${col}, c.id) < (?, ?) OR ${col} IS NULL)`, params: [value, id] };
}

/** The customers list and search: filtered in the database, paged by keyset (never OFFSET, so page 500 costs what page 1 does). */
export class CustomerSearch {
  private cache = new Map<string, Statement<unknown[]>>();
  private readTx: (q: CustomerQuery) => { rows: CustomerListRow[]; nextCursor: string | null };
  constructor(private sqlite: Sqlite) {
    this.readTx = sqlite.transaction((q: CustomerQuery) => this.run(q));
  }

  private stmt(sql: string) {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.sqlite.prepare<unknown[]>(sql);
      this.cache.set(sql, s);
    }
    return s;
  }

  /** One read transaction around the search's statements: the database's read lock is taken once, not per statement. */
  search(q: CustomerQuery): { rows: CustomerListRow[]; nextCursor: string | null } {
    return this.sqlite.inTransaction ? this.run(q) : this.readTx(q);
  }

  private run(q: CustomerQuery): { rows: CustomerListRow[]; nextCursor: string | null } {
    const { where, params } = filters(q);
    const dir = q.direction === 'desc' ? 'DESC' : 'ASC';
    const column = SORT_COLUMN[q.sort];
    const order = `ORDER BY ${column} ${dir}, c.id ${dir}`;
    if (q.cursor) {
      const after = keysetAfter(column, dir, decodeCursor(q.cursor));
      where.push(after.cond);
      params.push(...after.params);
    }
    const page = [q.limit + 1];
    // the created sort needs the row's creation time for the next cursor; other sort values are list columns
    const columns = q.sort === 'created' ? `${COLUMNS}, c.created_at AS createdAt` : COLUMNS;
    const terms = searchTerms(q.text);
    let rows: CustomerListRow[];
    if (!terms.length) {
      rows = this.stmt(`SELECT ${columns} FROM customers c ${CATEGORY} ${whereSql(where)} ${order} LIMIT ?`).all(
        ...params,
        ...page,
      ) as CustomerListRow[];
    } else {
      const match = ftsQuery(terms);
      // search keys are handed out in turn, so the largest is how many customers the shop has had
      const shop = this.stmt('SELECT coalesce(max(search_key), 0) FROM customers').pluck().get() as number;
      const broad = Math.max(BROAD_MATCHES, Math.ceil(shop / DENSE_MATCHES));
      // the matches are read once (at most broad + 1 of them); up to broad are then looked up by key
      const keys = this.stmt('SELECT rowid FROM customers_fts WHERE customers_fts MATCH ? LIMIT ?')
        .pluck()
        .all(match, broad + 1) as number[];
      if (keys.length === 0) return { rows: [], nextCursor: null };
      if (keys.length <= broad) {
        let byKey: string;
        let keyParams: unknown[];
        if (keys.length <= 64) {
          // bound parameters, padded to a few sizes so the prepared statements are reused
          const slots = 2 ** Math.ceil(Math.log2(Math.max(keys.length, 4)));
          byKey = `c.search_key IN (${'?,'.repeat(slots - 1)}?)`;
          keyParams = [...keys, ...Array(slots - keys.length).fill(null)];
        } else {
          byKey = 'c.search_key IN (SELECT value FROM json_each(?))';
          keyParams = [JSON.stringify(keys)];
        }
        rows = this.stmt(narrowThenWide(columns, `FROM customers c ${whereSql([byKey, ...where])}`, order)).all(
          ...keyParams,
          ...params,
          ...page,
        ) as CustomerListRow[];
      } else if (q.sort === 'name' && q.status !== 'any') {
        // Thousands of matches (a two-letter prefix): walk the (status, name) index in order and stop at the page,
        // instead of joining and sorting every match. `+` keeps SQLite from driving the query by search_key.
        rows = this.stmt(
          `SELECT ${columns} FROM customers c ${CATEGORY}
           ${whereSql(['+c.search_key IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH ?)', ...where])} ${order} LIMIT ?`,
        ).all(match, ...params, ...page) as CustomerListRow[];
      } else {
        // every match must be sorted
        rows = this.stmt(
          narrowThenWide(
            columns,
            `FROM customers_fts f JOIN customers c ON c.search_key = f.rowid ${whereSql(['customers_fts MATCH ?', ...where])}`,
            order,
          ),
        ).all(match, ...params, ...page) as CustomerListRow[];
      }
    }
    const more = rows.length > q.limit;
    if (more) rows = rows.slice(0, q.limit);
    const last = rows[rows.length - 1] as (CustomerListRow & { createdAt?: number }) | undefined;
    const nextCursor = more && last ? encodeCursor(sortValue(q.sort, last), last.id) : null;
    if (q.sort === 'created') rows = rows.map(({ createdAt: _c, ...r }: CustomerListRow & { createdAt?: number }) => r);
    return { rows, nextCursor };
  }
}

const COLUMNS = `c.id, c.code, c.display_name AS displayName, c.company_name AS companyName,
  c.phone_primary_e164 AS phone, c.email, g.name AS categoryName, c.status, c.balance,
  c.total_spent AS totalSpent, c.points_balance AS pointsBalance, c.last_activity_at AS lastActivityAt, c.loyalty_card_no AS cardNo`;
const CATEGORY = 'LEFT JOIN customer_categories g ON g.id = c.category_id';

/**
 * Chooses the page on narrow rows (the sort value and id: for the name sort the customers_search_key_name index holds
 * them, so a match is never read whole), then reads the list's columns and category for the page's rows only.
 */
const narrowThenWide = (columns: string, from: string, order: string) =>
  `SELECT ${columns} FROM (SELECT c.id AS pid ${from} ${order} LIMIT ?) p
   JOIN customers c ON c.id = p.pid ${CATEGORY} ${order}`;
const whereSql = (where: string[]) => (where.length ? `WHERE ${where.join(' AND ')}` : '');

export type ListFilters = Pick<
  CustomerQuery,
  'type' | 'categoryId' | 'tag' | 'city' | 'birthMonth' | 'createdFrom' | 'createdTo' | 'activeFrom' | 'activeTo'
> & { status: string };

/** The list filters other than the text, as SQL conditions on `c` (customers); status 'any' adds none. */
export function filters(q: ListFilters): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (cond: string, value: unknown) => {
    where.push(cond);
    params.push(value);
  };
  if (q.status !== 'any') add('c.status = ?', q.status);
  if (q.type) add('c.type = ?', q.type);
  if (q.categoryId) add('c.category_id = ?', q.categoryId);
  if (q.tag) add('EXISTS (SELECT 1 FROM json_each(c.tags) t WHERE t.value = ? COLLATE NOCASE)', q.tag);
  if (q.city?.trim()) {
    where.push(
      'EXISTS (SELECT 1 FROM customer_addresses a WHERE a.customer_id = c.id AND (a.city = ? COLLATE NOCASE OR trim(a.region) = ? COLLATE NOCASE))',
    );
    params.push(q.city.trim(), q.city.trim());
  }
  if (q.birthMonth) add('c.birth_month = ?', q.birthMonth);
  if (q.createdFrom !== undefined) add('c.created_at >= ?', q.createdFrom);
  if (q.createdTo !== undefined) add('c.created_at <= ?', q.createdTo);
  if (q.activeFrom !== undefined) add('c.last_activity_at >= ?', q.activeFrom);
  if (q.activeTo !== undefined) add('c.last_activity_at <= ?', q.activeTo);
  return { where, params };
}
