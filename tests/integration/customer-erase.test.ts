import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, DEMO_PRODUCTS, ledgerMismatches, makeTestApp, signInAs, type TestApp } from '../helpers';
import { csv } from '../import-files';

const C = 'manager-client';
/** what must not be found anywhere in the shop's files once she is erased */
const PERSONAL = [
  'Wanjiru',
  'Kamau-Otieno',
  '+256772901234',
  'wanjiru.k@example.org',
  'Plot 77 Acacia Avenue',
  'Allergic to peanuts',
];

describe('erasing a customer at her request', () => {
  let app: TestApp;
  const ok = async <T>(name: string, input: unknown, client = C): Promise<T> => {
    const res = await app.call(name, input, client);
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };
  const fails = async (name: string, input: unknown, client = C) => {
    const res = await app.call(name, input, client);
    if (res.ok) throw new Error(`${name} should have been refused`);
    return res.error;
  };
  const sums = () =>
    app.sqlite
      .prepare(
        `SELECT (SELECT sum(total) FROM sales_orders) AS sales, (SELECT sum(amount) FROM account_entries) AS account,
           (SELECT sum(points) FROM points_entries) AS points, (SELECT count(*) FROM sales_orders) AS orders`,
      )
      .get();

  beforeEach(async () => {
    app = makeTestApp();
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.manager, DEMO.managerPin, C);
  });
  afterEach(() => app.dispose());

  it('refuses while she owes money, then removes every personal value while the books keep their amounts', async () => {
    const { customer } = await ok<{ customer: { id: string; displayName: string } }>('customers.create', {
      type: 'individual',
      firstName: 'Wanjiru',
      lastName: 'Kamau-Otieno',
      email: 'wanjiru.k@example.org',
      phones: [{ number: '+256772901234', isPrimary: true }],
      addresses: [{ kind: 'billing', line1: 'Plot 77 Acacia Avenue', city: 'Kampala', country: 'UG', isDefault: true }],
      notes: 'Allergic to peanuts',
      dateOfBirth: '1990-04-12',
      tags: ['VIP'],
    });
    const sugar = await ok<{ id: string; price: number }>('catalog.byBarcode', {
      code: DEMO_PRODUCTS.find((p) => p.sku === 'MR-003')?.barcode,
    });
    await ok('sales.complete', {
      cart: { customerId: customer.id, lines: [{ productId: sugar.id, qtyMilli: 2000 }] },
      payments: [{ method: 'on_account', amount: 2 * sugar.price }],
      idempotencyKey: 'erase-sale-1',
    });

    // she owes the shop: refused, in words, nothing changed
    const owing = await fails('customers.erase', { id: customer.id, confirm: 'Wanjiru Kamau-Otieno' });
    expect(owing).toMatchObject({ code: 'CONFLICT' });
    expect(owing.message).toMatch(/owes UGX\s?\d[\d,]*.*write the debt off first/);
    await ok('receivables.receivePayment', {
      customerId: customer.id,
      amount: 2 * sugar.price,
      method: 'cash',
      idempotencyKey: 'erase-pay-1',
    });
    const before = sums();

    // the name must be typed exactly; a cashier may not erase
    const typed = await fails('customers.erase', { id: customer.id, confirm: 'Wanjiru' });
    expect(typed).toMatchObject({ code: 'VALIDATION' });
    expect(typed.message).toContain('Wanjiru Kamau-Otieno');
    await signInAs(app.call, DEMO.cashier, DEMO.cashierPin, 'cashier-client');
    expect(
      await fails('customers.erase', { id: customer.id, confirm: 'Wanjiru Kamau-Otieno' }, 'cashier-client'),
    ).toMatchObject({ code: 'FORBIDDEN' });

    const erased = await ok<{ displayName: string }>('customers.erase', {
      id: customer.id,
      confirm: 'Wanjiru Kamau-Otieno',
    });
    expect(erased.displayName).toMatch(/^Erased customer [0-9A-F]{6}$/);

    // the books still balance, with the same amounts under the same id
    expect(sums()).toEqual(before);
    expect(ledgerMismatches(app.sqlite)).toEqual({ stock: [], balances: [], points: [] });
    const view = await ok<Record<string, unknown>>('customers.get', { id: customer.id });
    expect(view).toMatchObject({
      displayName: erased.displayName,
      firstName: null,
      email: null,
      phones: [],
      addresses: [],
      notes: '',
      dateOfBirth: null,
      tags: [],
      status: 'inactive',
    });
    const found = await ok<{ rows: unknown[] }>('customers.search', { text: 'wanjiru', status: 'any' });
    expect(found.rows).toEqual([]);
    const audit = app.sqlite.prepare("SELECT note, changes FROM audit_log WHERE action = 'customer.erase'").get() as {
      note: string;
      changes: string;
    };
    expect(`${audit.note} ${audit.changes}`).not.toMatch(/Wanjiru|Kamau|peanut/);
    // again is refused: there is nothing left to erase
    expect(await fails('customers.erase', { id: customer.id, confirm: erased.displayName })).toMatchObject({
      code: 'CONFLICT',
    });

    // an export and a backup made now, and the database file itself, hold none of it
    const exported = await ok<{ base64: string }>('customers.export', { format: 'csv', filter: { status: 'any' } });
    const text = Buffer.from(exported.base64, 'base64').toString('utf8');
    const backup = await ok<{ file: string; ok: boolean }>('backups.create', null);
    expect(backup.ok).toBe(true);
    const files = ['counterline.db', 'counterline.db-wal', backup.file].map((f) => {
      try {
        return readFileSync(f.startsWith('/') ? f : join(app.dir, f)).toString('latin1');
      } catch {
        return '';
      }
    });
    for (const value of PERSONAL) {
      expect(text).not.toContain(value);
      for (const bytes of files) expect(bytes.includes(value), `${value} still in the database file`).toBe(false);
    }
  });

  it('scrubs an imported customer out of the import’s batch audit entry, leaving the others in it', async () => {
    const file = csv(
      'Name,Phone,Email,Notes',
      'Wanjiru Kamau-Otieno,+256772901234,wanjiru.k@example.org,Allergic to peanuts',
      'Okello Brian,0772000555,brian@example.org,Pays Fridays',
    );
    const r = app.services.customerImport.run({ id: null, name: 'test' }, file, { fileName: 'list.csv' });
    expect(r.created).toBe(2);
    const id = (app.sqlite.prepare("SELECT id FROM customers WHERE first_name = 'Wanjiru'").get() as { id: string }).id;
    await ok('customers.erase', { id, confirm: 'Wanjiru Kamau-Otieno' });
    const batch = app.sqlite.prepare("SELECT changes FROM audit_log WHERE action = 'customer.importCreate'").get() as {
      changes: string;
    };
    for (const value of PERSONAL) expect(batch.changes).not.toContain(value);
    expect(batch.changes).toContain('Pays Fridays');
    // outside an erase the audit log refuses any change, as before
    expect(() => app.sqlite.prepare("UPDATE audit_log SET note = 'x' WHERE action = 'customer.erase'").run()).toThrow(
      /append-only/,
    );
  });
});
