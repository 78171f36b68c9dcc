import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportResult } from '../../src/main/domains/customers/import/run';
import { makeTestApp, type TestApp, tableCount } from '../helpers';
import { csv, ECOMMERCE_HEADER, ecommerceCsv, registerWorkbook } from '../import-files';

const actor = { id: null, name: 'test import' };

const ERP_HEADER = 'Name,Company Type,Street,Street2,City,State,Zip,Country,Phone,Mobile,Email,Tax ID,Tags';
const erpCsv = () =>
  csv(
    ERP_HEADER,
    'Akello Traders,Company,Plot 4,Block B,Kampala,Central,256,Uganda,+256414000111,+256772123456,info@akello.example,1000123456,"Wholesale,Gold"',
    'Ann Apio,Individual,,,Gulu,,,UG,,0772000444,ann@example.org,,',
  );

describe('customer import of web shop and ERP exports', () => {
  let app: TestApp;
  const customer = (name: string) =>
    app.sqlite.prepare('SELECT * FROM customers WHERE display_name = ?').get(name) as Record<string, unknown>;
  const phones = (id: unknown) =>
    app.sqlite
      .prepare('SELECT e164, raw, is_primary FROM customer_phones WHERE customer_id = ? ORDER BY is_primary DESC')
      .all(id);
  const address = (id: unknown) =>
    app.sqlite
      .prepare('SELECT line1, line2, city, region, postal_code, country FROM customer_addresses WHERE customer_id = ?')
      .get(id);

  beforeEach(() => {
    app = makeTestApp();
    app.services.system.createDemoShop(); // country UG
  });
  afterEach(() => app.dispose());

  it('imports a web shop export: address, consents, tags and notes; the totals kept as before-Counterline figures', () => {
    const bytes = ecommerceCsv();
    const before = tableCount(app, 'customers');
    const dry = app.services.customerImport.run(actor, bytes, { fileName: 'shop.csv', dryRun: true });
    expect(dry).toMatchObject({ rows: 4, created: 3, skipped: 1, errors: [], preset: 'ecommerce', headerRow: 1 });
    expect(dry.sheet).toBeNull();
    expect(dry.ignoredColumns).toEqual(['Tax Exempt']);
    expect(tableCount(app, 'customers')).toBe(before);

    const r = app.services.customerImport.run(actor, bytes, { fileName: 'shop.csv' });
    expect(r).toMatchObject({ rows: 4, created: 3, updated: 0, skipped: 1, errors: [] });
    expect(r.warnings).toEqual([expect.objectContaining({ row: 5, field: 'duplicate' })]);
    expect(tableCount(app, 'customers')).toBe(before + 3);

    const alice = customer('Alice Akello');
    expect(alice).toMatchObject({
      company_name: 'Akello Traders',
      type: 'individual',
      consent_email: 1,
      consent_sms: 0,
      marketing_opt_in: 1,
      notes: 'Likes tea',
      phone_primary_e164: '+256772123456',
    });
    expect(JSON.parse(alice.tags as string)).toEqual(['VIP', 'wholesale']);
    expect(address(alice.id)).toEqual({
      line1: 'Plot 4 Kampala Rd',
      line2: 'Suite 2',
      city: 'Kampala',
      region: 'C',
      postal_code: '256',
      country: 'UG',
    });
    expect(phones(alice.id)).toEqual([{ e164: '+256772123456', raw: '+256772123456', is_primary: 1 }]);

    // Brian has no Phone but a Default Address Phone (kept with an apostrophe): that is his number
    const brian = customer('Brian Okot');
    expect(brian).toMatchObject({ consent_email: 0, consent_sms: 1, marketing_opt_in: 1 });
    expect(phones(brian.id)).toEqual([{ e164: '+256772000222', raw: '+256772000222', is_primary: 1 }]);
    expect(JSON.parse(brian.tags as string)).toEqual([]);

    const carol = customer('Carol Auma');
    expect(carol).toMatchObject({ consent_email: 0, consent_sms: 1, phone_primary_e164: '+256772000333' });
    expect(JSON.parse(carol.tags as string)).toEqual(['late payer']);
    expect(address(carol.id)).toBeUndefined();

    // the customers read back through the service as they were written
    const view = app.services.customers.get(alice.id as string);
    expect(view).toMatchObject({ tags: ['VIP', 'wholesale'], consentEmail: true, consentSms: false });
    expect(view.addresses[0]).toMatchObject({ line2: 'Suite 2', region: 'C', postalCode: '256' });

    // a second run skips everyone; with update it changes consents the file states and keeps the rest
    const again = app.services.customerImport.run(actor, bytes, { fileName: 'shop.csv' });
    expect(again).toMatchObject({ created: 0, skipped: 4, errors: [] });
    const changed = csv(ECOMMERCE_HEADER, 'Alice,Akello,alice@example.com,no,,,,,,,,,,,,,,,');
    const upd = app.services.customerImport.run(actor, changed, { fileName: 'shop2.csv', onDuplicate: 'update' });
    expect(upd).toMatchObject({ rows: 1, updated: 1, errors: [] });
    expect(app.services.customers.get(alice.id as string)).toMatchObject({
      consentEmail: false,
      consentSms: false,
      marketingOptIn: false,
      tags: ['VIP', 'wholesale'],
      companyName: 'Akello Traders',
    });
  });

  it('imports an ERP contacts export: companies by Company Type, the mobile as a second phone, countries by name', () => {
    const r = app.services.customerImport.run(actor, erpCsv(), { fileName: 'contacts.csv' });
    expect(r).toMatchObject({ rows: 2, created: 2, errors: [], warnings: [], preset: 'erp', ignoredColumns: [] });
    const akello = customer('Akello Traders');
    expect(akello).toMatchObject({ type: 'business', first_name: null, company_name: 'Akello Traders' });
    expect(akello.tax_id).toBeTruthy();
    expect(JSON.parse(akello.tags as string)).toEqual(['Wholesale', 'Gold']);
    expect(phones(akello.id)).toEqual([
      { e164: '+256414000111', raw: '+256414000111', is_primary: 1 },
      { e164: '+256772123456', raw: '+256772123456', is_primary: 0 },
    ]);
    expect(address(akello.id)).toMatchObject({
      line2: 'Block B',
      region: 'Central',
      postal_code: '256',
      country: 'UG',
    });
    const ann = customer('Ann Apio');
    expect(ann).toMatchObject({ type: 'individual', first_name: 'Ann', last_name: 'Apio' });
    expect(phones(ann.id)).toEqual([{ e164: '+256772000444', raw: '0772000444', is_primary: 1 }]);
    // the mobile is a match key too: a later file with only that number finds the same company
    const later = csv('Name,Mobile', 'Akello Traders Ltd,0772123456');
    expect(app.services.customerImport.run(actor, later, { fileName: 'later.csv' })).toMatchObject({ skipped: 1 });
  });

  it('gives customers the price list the file names, in any letters, and says when the shop has no such list', () => {
    const list = app.services.pricing.createList(actor, { name: 'Wholesale', currency: 'UGX' });
    const file = csv('Name,Phone,Price list', 'Ann Apio,0772000444,WHOLESALE', 'Ben Okot,0772000555,Trade prices');
    const r = app.services.customerImport.run(actor, file, { fileName: 'lists.csv' });
    expect(r).toMatchObject({ created: 2, errors: [] });
    expect(r.warnings).toEqual([
      expect.objectContaining({
        row: 3,
        field: 'priceList',
        message: 'Row 3: there is no price list “Trade prices”; imported without a price list.',
      }),
    ]);
    expect(customer('Ann Apio').price_list_id).toBe(list.id);
    expect(customer('Ben Okot').price_list_id).toBeNull();
    // an update sets the list on the customer already there, audited as any assignment
    const later = csv('Name,Phone,Price list', 'Ben Okot,0772000555,wholesale');
    const upd = app.services.customerImport.run(actor, later, { fileName: 'later.csv', onDuplicate: 'update' });
    expect(upd).toMatchObject({ updated: 1, errors: [] });
    expect(customer('Ben Okot').price_list_id).toBe(list.id);
    const audit = app.sqlite
      .prepare("SELECT entity_id AS id FROM audit_log WHERE action = 'priceList.assignedToCustomer'")
      .all() as { id: string }[];
    expect(audit).toEqual([{ id: customer('Ben Okot').id }]);
  });

  it('refuses a hostile workbook sheet choice with nothing written', () => {
    const before = (app.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    expect(() =>
      app.services.customerImport.run(actor, registerWorkbook(), { fileName: 'r.xlsx', sheet: 'Instructions' }),
    ).toThrow(/first 30 rows/);
    expect(() =>
      app.services.customerImport.run(actor, registerWorkbook(), { fileName: 'r.xlsx', headerRow: 40 }),
    ).toThrow(/Row 40 is not in this file/);
    expect((app.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n).toBe(before);
  });
});

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/counterline.mjs', ...args], { encoding: 'utf8' });

// each spawn may rebuild the CLI: seconds on a quiet machine, tens of seconds on a loaded 2-core one
describe('counterline import customers on the command line', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'counterline-import-cli-'));
  dirs.push(dir);
  const workbook = join(dir, 'register.xlsx');
  writeFileSync(workbook, registerWorkbook());
  const shop = join(dir, 'shop.csv');
  writeFileSync(shop, ecommerceCsv());
  const count = () => {
    const db = new Database(join(dir, 'counterline.db'), { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  it('finds the sheet and header row itself, says which, and takes --sheet and --header-row over them', () => {
    expect(cli('seed', '--demo', '--data-dir', dir).status).toBe(0);
    const before = count();
    const dry = cli('import', 'customers', workbook, '--data-dir', dir, '--dry-run', '--json');
    expect(dry.stderr).toBe('');
    expect(dry.status).toBe(0);
    expect(JSON.parse(dry.stdout) as ImportResult).toMatchObject({
      rows: 3,
      created: 3,
      skipped: 0,
      errors: [],
      dryRun: true,
      sheet: 'Customers',
      headerRow: 3,
      preset: 'generic',
      ignoredColumns: ['Favourite item'],
    });
    expect(count()).toBe(before);

    // the sheet and header row named by hand: row 3 of the Customers sheet, as the spreadsheet numbers it
    const named = cli(
      'import',
      'customers',
      workbook,
      '--data-dir',
      dir,
      '--sheet',
      'Customers',
      '--header-row',
      '3',
      '--json',
    );
    expect(named.status).toBe(0);
    expect(JSON.parse(named.stdout)).toMatchObject({ rows: 3, created: 3, sheet: 'Customers', headerRow: 3 });
    expect(count()).toBe(before + 3);

    // a header row that is not one is refused with one line and nothing written
    const wrong = cli('import', 'customers', workbook, '--data-dir', dir, '--sheet', 'Customers', '--header-row', '4');
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    expect(wrong.stderr).toMatch(/no name column/);
    const noSheet = cli('import', 'customers', workbook, '--data-dir', dir, '--sheet', 'Instructions', '--json');
    expect(noSheet.status).not.toBe(0);
    expect(noSheet.stdout).toBe('');
    expect(cli('import', 'customers', workbook, '--data-dir', dir, '--header-row', '0').status).toBe(2);
    expect(count()).toBe(before + 3);
  });

  it('detects the e-commerce preset, prints where it read, and meets the people from the workbook as duplicates', () => {
    // Alice, Brian and Carol came in with the workbook above (same phones and email): skipped, then updated
    const r = cli('import', 'customers', shop, '--data-dir', dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^Imported shop\.csv \(header row 1, preset ecommerce\): 4 rows, 0 created, 0 updated, 4 skipped, 0 errors\./,
    );
    expect(r.stdout).toMatch(/Row 2 matches Alice Akello already in Counterline; skipped/);
    expect(r.stdout).toMatch(/ignored columns: Tax Exempt/);
    const before = count();
    const upd = cli('import', 'customers', shop, '--data-dir', dir, '--on-duplicate', 'update', '--json');
    expect(upd.status).toBe(0);
    expect(JSON.parse(upd.stdout) as ImportResult).toMatchObject({
      rows: 4,
      created: 0,
      updated: 3,
      skipped: 1,
      errors: [],
      sheet: null,
      headerRow: 1,
      preset: 'ecommerce',
    });
    expect(count()).toBe(before);
    const db = new Database(join(dir, 'counterline.db'), { readonly: true });
    try {
      expect(db.prepare("SELECT consent_email, tags FROM customers WHERE display_name = 'Alice Akello'").get()).toEqual(
        { consent_email: 1, tags: '["VIP","wholesale"]' },
      );
    } finally {
      db.close();
    }
  });
});
