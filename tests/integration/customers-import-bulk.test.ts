import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CustomerQuery } from '../../src/shared/contract/customers';
import { makeTestApp, type TestApp, tableCount } from '../helpers';

const actor = { id: null, name: 'test import' };
const ROWS = 6_000; // above the size from which an import rebuilds the customer indexes

/** A CSV of `n` distinct customers with phones, emails and cities. */
function bigCsv(n: number): Uint8Array {
  const lines = ['Name,Phone,Email,City'];
  for (let i = 0; i < n; i++) lines.push(`José Nabirye ${i},07${String(70_000_000 + i)},c${i}@example.org,Kampala`);
  return new TextEncoder().encode(lines.join('\n'));
}

describe('a big customer import', () => {
  let app: TestApp;
  const indexes = () =>
    app.sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all();

  beforeEach(() => {
    app = makeTestApp();
    app.services.system.createDemoShop();
  });
  afterEach(() => app.dispose());

  it('leaves every index as it was and the new customers findable by name, phone digits and email', () => {
    const before = indexes();
    const r = app.services.customerImport.run(actor, bigCsv(ROWS), { fileName: 'big.csv' });
    expect(r.created).toBe(ROWS);
    expect(indexes()).toEqual(before);
    expect(app.sqlite.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    const plan = app.sqlite
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM customers WHERE email_norm = 'c5999@example.org'")
      .all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join()).toContain('customers_email_norm');
    for (const text of ['jose nabirye 5999', '0770005999', 'c5999@example.org'])
      expect(
        app.services.customers.search(CustomerQuery.parse({ text, limit: 5 })).rows.map((c) => c.displayName),
      ).toContain('José Nabirye 5999');
  });

  it('restores the indexes with everything else when it is cancelled half way', () => {
    const before = indexes();
    let polls = 0;
    expect(() =>
      app.services.customerImport.run(
        actor,
        bigCsv(ROWS),
        { fileName: 'big.csv' },
        { cancelled: () => ++polls > ROWS / 500 + 6 }, // past the reading phase, inside the commit
      ),
    ).toThrow(/cancelled/);
    expect(tableCount(app, 'customers')).toBe(0);
    expect(indexes()).toEqual(before);
  });
});
