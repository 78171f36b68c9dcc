import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diffFields } from '../../src/main/domains/audit/service';
import type { ImportOptions, ImportResult } from '../../src/main/domains/customers/import/run';
import { makeTestApp, type TestApp, tableCount } from '../helpers';

const fixture = (name: string) => join(process.cwd(), 'tests', 'fixtures', 'customers', name);
const bytesOf = (name: string) => new Uint8Array(readFileSync(fixture(name)));
const actor = { id: null, name: 'test import' };

describe('customer import', () => {
  let app: TestApp;
  const run = (file: string | Uint8Array, opts: Partial<ImportOptions> = {}): ImportResult =>
    app.services.customerImport.run(actor, typeof file === 'string' ? bytesOf(file) : file, {
      fileName: typeof file === 'string' ? file : 'upload',
      ...opts,
    });
  const byName = (name: string) =>
    app.sqlite.prepare('SELECT * FROM customers WHERE display_name = ?').all(name) as Array<Record<string, unknown>>;
  const changes = () => (app.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  const accounted = (r: ImportResult) => r.created + r.updated + r.skipped + r.errors.length;

  beforeEach(() => {
    app = makeTestApp();
    app.services.system.createDemoShop(); // country UG
  });
  afterEach(() => app.dispose());

  it('imports the hand-kept Excel register', () => {
    const r = run('register-2019.xlsx');
    expect(r.rows).toBe(40);
    expect(accounted(r)).toBe(40);
    expect(r.errors).toEqual([{ row: 14, field: 'name', message: expect.stringContaining('Row 14') }]);
    expect(r.created).toBe(38);
    expect(r.skipped).toBe(1);
    expect(r.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 10, field: 'duplicate' }),
        expect.objectContaining({ row: 15, field: 'email', message: expect.stringContaining('kept without email') }),
      ]),
    );
    expect(r.ignoredColumns).toEqual([]);
    expect(tableCount(app, 'customers')).toBe(38);
    // Balance owed is an opening debt on the customer's account, cached on the customer in the same transaction
    const joy = byName('Joy Byaruhanga')[0];
    expect(joy?.balance).toBe(4500);
    expect(
      app.sqlite.prepare('SELECT kind, amount, currency FROM account_entries WHERE customer_id = ?').all(joy?.id),
    ).toEqual([{ kind: 'opening', amount: 4500, currency: 'UGX' }]);
    expect(byName('Joy Okonkwo')[0]?.balance).toBe(0);
    const sums = app.sqlite
      .prepare(
        'SELECT c.balance AS cached, (SELECT coalesce(sum(amount), 0) FROM account_entries e WHERE e.customer_id = c.id) AS ledger FROM customers c',
      )
      .all() as Array<{ cached: number; ledger: number }>;
    for (const s of sums) expect(s.cached).toBe(s.ledger);
    // 772123456 typed as a number lost its 0; read with the store's country
    expect(byName('Ayşe Kato')[0]?.phone_primary_e164).toBe('+256772123456');
    expect(byName('Grace Kiprono')).toHaveLength(0);
    expect(byName('Joy Byaruhanga')[0]?.phone_primary_e164).toBe('+256791493975');
    expect(byName('Aisha Nabirye')[0]?.notes).toBe('=HYPERLINK("http://evil.example","click")');
    expect(byName('Grace Nabirye')).toHaveLength(1);
    expect(byName('José Kato')[0]?.date_of_birth).toBe('1970-07-22');
    expect(byName('Ayşe Kato')[0]?.date_of_birth).toBe('1979-01-05');
    expect(byName('Grace Otieno')[0]?.email).toBeNull();
    const cat = app.sqlite
      .prepare(
        'SELECT k.name FROM customers c JOIN customer_categories k ON k.id = c.category_id WHERE c.display_name = ?',
      )
      .get('Joy Byaruhanga') as { name: string };
    expect(cat.name).toBe('Member');
    const audits = app.sqlite.prepare("SELECT * FROM audit_log WHERE action = 'customer.import'").all() as Array<{
      note: string;
    }>;
    expect(audits).toHaveLength(1);
    expect(audits[0]?.note).toContain('register-2019.xlsx');
    // every created customer's history starts with its creation by this import
    const ids = app.sqlite.prepare('SELECT id FROM customers').pluck().all() as string[];
    expect(ids).toHaveLength(38);
    for (const id of ids)
      expect(app.services.customers.history(id, undefined, 10).rows.at(-1)).toMatchObject({
        action: 'customer.create',
        actorName: 'test import',
        note: expect.stringMatching(/^Imported from register-2019\.xlsx, row \d+$/),
      });
  });

  it("records each imported customer's creation in its history, field by field as the service would", () => {
    run('pos-export.csv', { preset: 'pos-export' });
    run('register-2019.xlsx');
    for (const name of ['Zoë Nuñez', 'Joy Byaruhanga', 'Ngozi Nabirye']) {
      const id = byName(name)[0]?.id as string;
      const history = app.services.customers.history(id, undefined, 10).rows;
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({ action: 'customer.create', note: expect.stringMatching(/^Imported from /) });
      const view = app.services.customers.auditView(app.services.customers.get(id));
      // fields left empty are not listed: a creation's nulls say nothing
      expect(history[0]?.changes).toEqual(diffFields(null, view).filter((c) => c.after !== null));
    }
  });

  it("keeps the creations compactly: the audit log lists an import's creations as a count, histories page through them", () => {
    run('register-2019.xlsx');
    const listed = app.services.audit.list({ limit: 50 }).rows.filter((r) => r.action === 'customer.importCreate');
    expect(listed).toEqual([
      expect.objectContaining({
        actorName: 'test import',
        changes: [{ field: 'customers', before: null, after: 38 }],
        note: 'Imported from register-2019.xlsx: 38 customers created from rows 4 to 44',
      }),
    ]);
    const id = byName('Joy Byaruhanga')[0]?.id as string;
    app.services.customers.update(actor, { id, notes: 'Pays on Fridays' });
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = app.services.customers.history(id, cursor, 1);
      pages.push(page.rows.map((r) => r.action));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages).toEqual([['customer.update'], ['customer.create']]);
  });

  it('pages to the creation of a customer the same file created and then updated (the update is audited first)', () => {
    const r = run(new TextEncoder().encode('Name,Notes\nAlice Smith,first\nAlice Smith,second\n'), {
      onDuplicate: 'update',
    });
    expect([r.created, r.updated]).toEqual([1, 1]);
    const id = byName('Alice Smith')[0]?.id as string;
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = app.services.customers.history(id, cursor, 1);
      pages.push(page.rows.map((x) => x.action));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && pages.length < 5);
    expect(pages).toEqual([['customer.update'], ['customer.create']]);
    expect(app.services.customers.history(id, undefined, 50).rows.map((x) => x.action)).toEqual([
      'customer.update',
      'customer.create',
    ]);
  });

  it('imports the other POS export: BOM, CRLF, quotes, line breaks and a case-differing duplicate email', () => {
    const r = run('pos-export.csv', { preset: 'pos-export' });
    expect(r.rows).toBe(26);
    expect(r.created).toBe(25);
    expect(r.skipped).toBe(1);
    expect(r.errors).toEqual([]);
    expect(r.ignoredColumns).toEqual([]);
    const zoe = byName('Zoë Nuñez')[0];
    // the old till's first and last visit are kept "before Counterline", read in the shop's time zone (Kampala, +3)
    expect(new Date(zoe?.opening_first_at as number).toISOString()).toBe('2023-01-05T07:12:00.000Z');
    expect(new Date(zoe?.opening_last_at as number).toISOString()).toBe('2024-11-30T15:40:00.000Z');
    expect(app.sqlite.prepare('SELECT count(*) AS n FROM sales_orders').get()).toEqual({ n: 0 });
    // Points balance opens the points ledger, once per import row
    expect(zoe?.points_balance).toBe(877);
    expect(
      app.sqlite
        .prepare('SELECT kind, points, operation_id AS op FROM points_entries WHERE customer_id = ?')
        .all(zoe?.id),
    ).toEqual([{ kind: 'opening', points: 877, op: expect.stringMatching(/^import:.+:2$/) }]);
    expect(zoe?.code).toBe('C-1000');
    expect(byName('Ngozi Ssekandi')[0]?.notes).toBe('Allergic to nuts, prefers "low salt" items');
    expect(byName('Ngozi Nabirye')[0]?.notes).toBe('Line one\nLine two');
    const addr = app.sqlite
      .prepare('SELECT line1, city FROM customer_addresses WHERE customer_id = ?')
      .get(zoe?.id) as { line1: string; city: string };
    expect(addr).toEqual({ line1: 'Jl. Merdeka No. 0, RT 00', city: 'Kampala' });
    expect(byName('Ngozi Kato')).toHaveLength(1);
  });

  it('imports the Indonesian cashier export in Windows-1252 with semicolons', () => {
    const r = run('kasir-pelanggan.csv', { preset: 'kasir' });
    expect(r.rows).toBe(20);
    expect(r.created).toBe(20);
    expect(accounted(r)).toBe(20);
    expect(r.ignoredColumns).toEqual([]);
    // 792.916,00: Indonesian thousands dots and decimal comma
    expect(byName('Rina Nuñez')[0]?.balance).toBe(792_916);
    expect(byName('Zoë Santoso')[0]?.balance).toBe(326_679);
    expect(byName('Rina Nuñez')[0]).toMatchObject({ date_of_birth: '1970-01-01', email: 'pelanggan0@contoh.co.id' });
    expect(byName('Dewi Nuñez')[0]?.date_of_birth).toBe('1982-01-13');
    expect(byName('Zoë Santoso')[0]?.notes).toBe('Café owner');
    expect(byName('José Nuñez')).toHaveLength(1);
    // Eceran is Retail, Grosir is Wholesale
    const cats = app.sqlite
      .prepare(
        'SELECT k.name AS name, count(*) AS n FROM customers c JOIN customer_categories k ON k.id = c.category_id GROUP BY k.name ORDER BY k.name',
      )
      .all();
    expect(cats).toEqual([
      { name: 'Member', n: 8 },
      { name: 'Retail', n: 7 },
      { name: 'Wholesale', n: 5 },
    ]);
    expect(byName('Rina Nuñez')[0]?.phone_primary_e164).toBe('+6289532662630');
  });

  it('a dry run writes nothing; a second run skips or updates', () => {
    const before = changes();
    const dry = run('register-2019.xlsx', { dryRun: true });
    expect(dry).toMatchObject({ rows: 40, created: 38, skipped: 1, dryRun: true });
    expect(changes()).toBe(before);
    expect(tableCount(app, 'customers')).toBe(0);
    run('register-2019.xlsx');
    const again = run('register-2019.xlsx');
    expect(again).toMatchObject({ rows: 40, created: 0, updated: 0, skipped: 39 });
    const update = run('register-2019.xlsx', { onDuplicate: 'update' });
    expect(update).toMatchObject({ created: 0, updated: 38, skipped: 1 });
    // an existing customer's account is not opened twice
    expect(update.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ row: 4, field: 'balance' })]));
    expect(tableCount(app, 'account_entries')).toBe(
      (app.sqlite.prepare('SELECT count(*) AS n FROM customers WHERE balance <> 0').get() as { n: number }).n,
    );
    expect(accounted(update)).toBe(40);
    expect(tableCount(app, 'customers')).toBe(38);
  });

  it('creates missing categories only when asked', () => {
    const csv = new TextEncoder().encode(
      'Name,Phone,Category\nAnn Apio,0772000111,Staff\nBen Ojok,0772000222,grosir\n',
    );
    const without = run(csv, { dryRun: true });
    expect(without.warnings).toEqual([expect.objectContaining({ row: 2, field: 'category' })]);
    const withCats = run(csv, { createCategories: true });
    expect(withCats.created).toBe(2);
    const names = (app.sqlite.prepare('SELECT name FROM customer_categories').all() as Array<{ name: string }>).map(
      (c) => c.name,
    );
    expect(names).toContain('Staff');
  });

  it('refuses hostile files clearly and writes nothing', () => {
    const before = changes();
    expect(() => run(new Uint8Array(randomBytes(64 * 1024)))).toThrow(/not a spreadsheet or CSV/);
    const junk = new TextEncoder().encode('x'.repeat(1024 * 1024));
    expect(() => run(junk)).toThrow(/not a spreadsheet or CSV/);
    const words = new TextEncoder().encode('lorem ipsum dolor\n'.repeat(60_000));
    expect(() => run(words)).toThrow(/not a spreadsheet or CSV/);
    expect(() => run(new Uint8Array(21 * 1024 * 1024))).toThrow(/20 MB/);
    expect(changes()).toBe(before);
  });

  it('runs from the command line and prints one JSON object', () => {
    app.close();
    const out = spawnSync(
      process.execPath,
      ['bin/counterline.mjs', 'import', 'customers', fixture('register-2019.xlsx'), '--data-dir', app.dir, '--json'],
      { encoding: 'utf8' },
    );
    expect(out.status).toBe(0);
    const result = JSON.parse(out.stdout) as ImportResult;
    expect(result.rows).toBe(40);
    expect(result.rows).toBe(result.created + result.updated + result.skipped + result.errors.length);
    expect(result.errors[0]).toEqual({ row: 14, field: 'name', message: expect.any(String) });
    const bad = spawnSync(
      process.execPath,
      ['bin/counterline.mjs', 'import', 'customers', 'package.json', '--data-dir', app.dir, '--json'],
      { encoding: 'utf8' },
    );
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    rmSync(app.dir, { recursive: true, force: true });
    app = makeTestApp(); // afterEach disposes this one
  });
});
