import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postAccountEntry } from '../../src/main/domains/ledgers/account';
import { postStockMove } from '../../src/main/domains/ledgers/stock';
import type { Customer } from '../../src/shared/contract/customers';
import { DEMO, makeTestApp, signInAs, type TestApp } from '../helpers';

describe('ledgers: append-only, and a customer merge moves them whole', () => {
  let app: TestApp;
  const deps = () => ({
    db: app.db,
    sqlite: app.sqlite,
    clock: app.clock,
    newId: () => crypto.randomUUID(),
    events: app.events,
    tillId: () => 'till-1',
  });
  const customer = async (firstName: string) => {
    const res = await app.call('customers.create', { type: 'individual', firstName, lastName: 'Test' });
    if (!res.ok) throw new Error(res.error.message);
    return (res.data as { customer: Customer }).customer.id;
  };
  const addPoints = (customerId: string, points: number, op: string) => {
    app.sqlite
      .prepare(
        `INSERT INTO points_entries (id, customer_id, kind, points, operation_id, at, till_id) VALUES (?, ?, 'earn', ?, ?, 0, 't')`,
      )
      .run(crypto.randomUUID(), customerId, points, op);
    app.sqlite.prepare('UPDATE customers SET points_balance = points_balance + ? WHERE id = ?').run(points, customerId);
  };
  const sums = (id: string) =>
    app.sqlite
      .prepare(
        `SELECT balance, points_balance AS points,
           (SELECT coalesce(sum(amount), 0) FROM account_entries WHERE customer_id = c.id) AS entries,
           (SELECT coalesce(sum(points), 0) FROM points_entries WHERE customer_id = c.id) AS pointEntries
         FROM customers c WHERE id = ?`,
      )
      .get(id);

  beforeEach(async () => {
    app = makeTestApp();
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin);
  });
  afterEach(() => app.dispose());

  it('refuses to change or delete ledger rows in the database itself', async () => {
    const id = await customer('Ann');
    postAccountEntry(deps(), { customerId: id, kind: 'opening', amount: 500, currency: 'UGX' });
    addPoints(id, 10, 'op-1');
    const productId = (app.sqlite.prepare('SELECT id FROM products LIMIT 1').get() as { id: string }).id;
    postStockMove(deps(), { productId, qtyMilli: 1000, kind: 'adjustment', reason: 'count' });
    for (const sql of [
      'UPDATE account_entries SET amount = 1',
      "UPDATE account_entries SET customer_id = customer_id, reason = 'x'",
      'DELETE FROM account_entries',
      'UPDATE points_entries SET points = 1',
      'DELETE FROM points_entries',
      'UPDATE stock_moves SET qty_milli = 1',
      'DELETE FROM stock_moves',
    ]) {
      expect(() => app.sqlite.exec(sql), sql).toThrow(/append-only/);
    }
    expect(() =>
      app.sqlite
        .prepare(
          "INSERT INTO points_entries (id, customer_id, kind, points, operation_id, at, till_id) VALUES ('x', ?, 'earn', 1, 'op-1', 0, 't')",
        )
        .run(id),
    ).toThrow(/UNIQUE/);
  });

  it('merge moves account and points entries to the survivor and its cached balances still equal Σ entries', async () => {
    const keep = await customer('Keep');
    const dup = await customer('Dup');
    postAccountEntry(deps(), { customerId: keep, kind: 'opening', amount: 1_000, currency: 'UGX' });
    postAccountEntry(deps(), { customerId: dup, kind: 'opening', amount: 2_500, currency: 'UGX' });
    postAccountEntry(deps(), { customerId: dup, kind: 'payment', amount: -500, currency: 'UGX' });
    addPoints(keep, 7, 'op-a');
    addPoints(dup, 30, 'op-b');
    const res = await app.call('customers.merge', { survivorId: keep, otherId: dup });
    expect(res.ok).toBe(true);
    expect(sums(keep)).toEqual({ balance: 3_000, points: 37, entries: 3_000, pointEntries: 37 });
    expect(sums(dup)).toEqual({ balance: 0, points: 0, entries: 0, pointEntries: 0 });
    expect(app.sqlite.prepare('SELECT count(*) AS n FROM account_entries WHERE customer_id = ?').get(keep)).toEqual({
      n: 3,
    });
  });
});
