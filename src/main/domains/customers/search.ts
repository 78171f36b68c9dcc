import type { Statement } from 'better-sqlite3';
import type { CustomerListRow, CustomerQuery } from '../../../shared/contract/customers';
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

export function ftsColumns(d: SearchDoc): [string, string, string] {
  const name = [d.displayName, d.firstName, d.lastName, d.companyName, d.contactPerson].filter(Boolean).join(' ');
  const phones = [...new Set(d.phonesE164.flatMap(phoneSearchDigits))].join(' ');
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
};

/** The customers list and search: one SQL statement, filtered in the database, paged by offset. */
export class CustomerSearch {
  private cache = new Map<string, Statement<unknown[]>>();
  constructor(private sqlite: Sqlite) {}

  private stmt(sql: string) {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.sqlite.prepare<unknown[]>(sql);
      this.cache.set(sql, s);
    }
    return s;
  }

  search(q: CustomerQuery): { rows: CustomerListRow[]; nextCursor: string | null } {
    const where: string[] = [];
    const params: unknown[] = [];
    const terms = searchTerms(q.text);
    let from = 'customers c';
    if (terms.length) {
      from = 'customers_fts f JOIN customers c ON c.search_key = f.rowid';
      where.push('customers_fts MATCH ?');
      params.push(ftsQuery(terms));
    }
    if (q.status !== 'any') {
      where.push('c.status = ?');
      params.push(q.status);
    }
    if (q.type) {
      where.push('c.type = ?');
      params.push(q.type);
    }
    if (q.categoryId) {
      where.push('c.category_id = ?');
      params.push(q.categoryId);
    }
    if (q.tag) {
      where.push('EXISTS (SELECT 1 FROM json_each(c.tags) t WHERE t.value = ? COLLATE NOCASE)');
      params.push(q.tag);
    }
    if (q.city) {
      where.push(
        'EXISTS (SELECT 1 FROM customer_addresses a WHERE a.city = ? COLLATE NOCASE AND a.customer_id = c.id)',
      );
      params.push(q.city.trim());
    }
    if (q.birthMonth) {
      where.push('c.birth_month = ?');
      params.push(q.birthMonth);
    }
    if (q.createdFrom !== undefined) {
      where.push('c.created_at >= ?');
      params.push(q.createdFrom);
    }
    if (q.createdTo !== undefined) {
      where.push('c.created_at <= ?');
      params.push(q.createdTo);
    }
    const dir = q.direction === 'desc' ? 'DESC' : 'ASC';
    const offset = q.cursor ? Number(q.cursor) : 0;
    const sql = `SELECT c.id, c.code, c.display_name AS displayName, c.company_name AS companyName,
        c.phone_primary_e164 AS phone, c.email, g.name AS categoryName, c.status, c.balance,
        c.total_spent AS totalSpent, c.last_activity_at AS lastActivityAt, c.loyalty_card_no AS cardNo
      FROM ${from} LEFT JOIN customer_categories g ON g.id = c.category_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${SORT_COLUMN[q.sort]} ${dir}, c.id ${dir} LIMIT ? OFFSET ?`;
    const rows = this.stmt(sql).all(...params, q.limit + 1, offset) as CustomerListRow[];
    const more = rows.length > q.limit;
    return { rows: more ? rows.slice(0, q.limit) : rows, nextCursor: more ? String(offset + q.limit) : null };
  }
}
