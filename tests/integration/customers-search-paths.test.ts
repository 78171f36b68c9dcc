import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ftsQuery, searchTerms } from '../../src/main/domains/customers/normalise';
import { seedCustomers } from '../../src/main/seed/customers';
import { CustomerQuery } from '../../src/shared/contract/customers';
import { makeTestApp, type TestApp } from '../helpers';

/**
 * The search reads a page in one of four ways by how many customers match (a few by bound keys, up to 1,500 or one in
 * 60 of the shop's customers by key through json_each, more by walking the name index, and any other sort by sorting
 * every match). Each must
 * give the page the plain query gives: every match joined, sorted by the list's order, the page taken.
 */
describe('customer search, each way of reading a page', () => {
  let app: TestApp;
  beforeAll(() => {
    app = makeTestApp();
    app.services.system.createDemoShop();
    seedCustomers(app, app.clock, 12_000, 11);
  });
  afterAll(() => app.dispose());

  const plain = (text: string, sort: 'name' | 'points', limit: number) =>
    (
      app.sqlite
        .prepare(
          `SELECT c.id FROM customers_fts f JOIN customers c ON c.search_key = f.rowid
           WHERE customers_fts MATCH ? AND c.status = 'active'
           ORDER BY ${sort === 'name' ? 'c.display_name' : 'c.points_balance'} ASC, c.id ASC`,
        )
        .all(ftsQuery(searchTerms(text))) as Array<{ id: string }>
    )
      .map((r) => r.id)
      .slice(0, limit * 2);
  const matches = (text: string) =>
    (
      app.sqlite
        .prepare('SELECT count(*) AS n FROM customers_fts WHERE customers_fts MATCH ?')
        .get(ftsQuery(searchTerms(text))) as { n: number }
    ).n;
  /** two pages through the service, the second from the first's cursor */
  const twoPages = (text: string, sort: 'name' | 'points', limit: number) => {
    const first = app.services.customers.search(CustomerQuery.parse({ text, sort, limit }));
    const second = first.nextCursor
      ? app.services.customers.search(CustomerQuery.parse({ text, sort, limit, cursor: first.nextCursor })).rows
      : [];
    return [...first.rows, ...second].map((r) => r.id);
  };

  it.each([
    ['a name and a surname prefix (a few matches, bound keys)', 'amina nam', 10, [1, 64]],
    ['a first name (hundreds, by key)', 'grace', 50, [65, 1500]],
    ['a one-letter prefix after a name (the one-letter prefix index)', 'amina c', 50, [65, 1500]],
    ['a two-letter prefix (about two thousand, the name-index walk)', 'na', 50, [1501, 12_000]],
    ['a phone prefix every customer has (the name-index walk)', '07', 50, [1501, 12_000]],
    ['a one-letter prefix alone (every customer code)', 'c', 50, [1501, 12_000]],
  ] as const)('%s gives the plain query’s pages', (_what, text, limit, [least, most]) => {
    const n = matches(text);
    expect(n).toBeGreaterThanOrEqual(least);
    expect(n).toBeLessThanOrEqual(most);
    expect(twoPages(text, 'name', limit)).toEqual(plain(text, 'name', limit));
  });

  it('sorts every match when the list is sorted by points', () => {
    expect(matches('07')).toBeGreaterThan(1500);
    expect(twoPages('07', 'points', 50)).toEqual(plain('07', 'points', 50));
    expect(twoPages('grace', 'points', 30)).toEqual(plain('grace', 'points', 30));
  });
});
