import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { exportCustomersToFile } from '../../src/main/domains/customers/export';
import type { Customer } from '../../src/shared/contract/customers';
import { DEMO, DEMO_PRODUCTS, makeTestApp, signInAs, type TestApp } from '../helpers';

type ExportFile = { fileName: string; mimeType: string; base64: string; rows: number };

/** A small RFC 4180 reader: quoted fields with doubled quotes, commas and line breaks; CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

const FORMULA_NOTE = '=HYPERLINK("http://evil","x")';
const MESSY_NOTE = 'Pays on Fridays, "cash only"\nAsk for Zoë';

describe('customer export', () => {
  let app: TestApp;
  const ok = async <T>(name: string, input: unknown, client?: string): Promise<T> => {
    const res = await app.call(name, input, client);
    if (!res.ok)
      throw new Error(`${name}: ${res.error.code} ${res.error.message} ${JSON.stringify(res.error.details)}`);
    return res.data as T;
  };
  const create = async (input: object) =>
    (await ok<{ customer: Customer }>('customers.create', { type: 'individual', ...input })).customer;
  const exportAs = (format: string, extra: object = {}) => ok<ExportFile>('customers.export', { format, ...extra });
  const records = (csv: ExportFile) => {
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    return rows.map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i]])) as Record<string, string>);
  };
  let jose: Customer;

  beforeEach(async () => {
    app = makeTestApp();
    app.services.system.createDemoShop(); // Uganda, UGX
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin);
    jose = await create({
      code: 'C-001',
      firstName: 'José',
      lastName: 'Nuñez',
      phones: [{ number: '0772 123456' }, { number: '0701 234567', label: 'work' }],
      email: 'jose@example.com',
      tags: ['vip', 'market'],
      creditLimit: 500000,
      paymentTermsDays: 30,
      dateOfBirth: '1990-03-14',
      loyaltyCardNo: '2000000000015',
    });
    const grace = await create({ firstName: 'Grace', lastName: 'Akello' });
    await ok('customers.setStatus', { id: grace.id, status: 'inactive' });
    await create({ firstName: 'Mallory', lastName: 'Evil', notes: FORMULA_NOTE });
    await create({ firstName: 'Zoë', lastName: 'Ñúñez-Ëdwards', notes: MESSY_NOTE });
    await create({ type: 'business', companyName: 'Kampala Traders, Ltd', phones: [{ number: '+256 414 123456' }] });
  });
  afterEach(() => app.dispose());

  it('writes CSV with a header row that parses back to the stored values, inactive customers included', async () => {
    const file = await exportAs('csv');
    expect(file.rows).toBe(5);
    expect(file.mimeType).toMatch(/^text\/csv/);
    expect(file.fileName).toMatch(/^customers-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFFCode,Type,Display name,First name,Last name,Company,Phone,Other phones,Email,Category,Tags,Notes,Status,Date of birth,Tax ID,Card number,Credit limit (UGX),Payment terms (days),' +
        'Billing address,Shipping address,Email consent,SMS consent,WhatsApp consent,Marketing opt-in at,Price list,' +
        'Language,Tier,Points balance,Account balance (UGX),Total spent (UGX),Orders,First purchase,Last purchase,Created at',
    );
    const rows = records(file);
    expect(rows).toHaveLength(5);
    const by = (name: string) => rows.find((r) => r['Display name'] === name) as Record<string, string>;
    expect(by('Grace Akello').Status).toBe('inactive');
    expect(by('José Nuñez')).toMatchObject({
      Code: 'C-001',
      Type: 'individual',
      'First name': 'José',
      'Last name': 'Nuñez',
      // phones are E.164; in CSV they carry the same leading ' as any cell a spreadsheet would run
      Phone: "'+256772123456",
      'Other phones': "'+256701234567",
      Email: 'jose@example.com',
      Tags: 'vip; market',
      Status: 'active',
      'Date of birth': '1990-03-14',
      'Card number': '2000000000015',
      'Credit limit (UGX)': '500000',
      'Payment terms (days)': '30',
      'Email consent': 'no',
      Orders: '0',
      'Total spent (UGX)': '0',
      'Account balance (UGX)': '0',
      'First purchase': '',
      'Created at': new Date(jose.createdAt).toISOString(),
    });
    expect(by('Mallory Evil').Notes).toBe(`'${FORMULA_NOTE}`);
    expect(by('Zoë Ñúñez-Ëdwards').Notes).toBe(MESSY_NOTE);
    expect(by('Kampala Traders, Ltd')).toMatchObject({ Type: 'business', Company: 'Kampala Traders, Ltd' });
  });

  it('carries the whole customer: addresses, consents, price list, tier, points, account, spend and purchase dates', async () => {
    await signInAs(app.call, DEMO.manager, DEMO.managerPin, 'manager-client');
    const ruth = await create({
      firstName: 'Ruth',
      lastName: 'Nakato',
      email: 'ruth@example.com',
      consentEmail: true,
      marketingOptIn: true,
      preferredLanguage: 'id',
      creditLimit: 100000,
      addresses: [
        { kind: 'billing', line1: 'Plot 12, Kampala Road', city: 'Kampala', country: 'UG', isDefault: true },
        { kind: 'billing', line1: 'Old shop', city: 'Jinja', country: 'UG' },
        {
          kind: 'shipping',
          line1: 'Nakasero Market, stall 4',
          city: 'Kampala',
          region: 'Central',
          country: 'UG',
          isDefault: true,
        },
      ],
    });
    const sugar = await ok<{ id: string; price: number }>('catalog.byBarcode', {
      code: DEMO_PRODUCTS.find((p) => p.sku === 'MR-003')?.barcode,
    });
    const sell = (qty: number, method: 'card' | 'on_account', key: string) =>
      ok(
        'sales.complete',
        {
          cart: { customerId: ruth.id, lines: [{ productId: sugar.id, qtyMilli: qty * 1000 }] },
          payments: [{ method, amount: qty * sugar.price }],
          idempotencyKey: key,
        },
        'manager-client',
      );
    await sell(2, 'card', 'export-1');
    await sell(3, 'on_account', 'export-2');
    const stored = app.sqlite
      .prepare('SELECT balance, total_spent AS spent, points_balance AS points FROM customers WHERE id = ?')
      .get(ruth.id) as { balance: number; spent: number; points: number };
    const dates = app.sqlite
      .prepare(
        "SELECT min(completed_at) AS first, max(completed_at) AS last FROM sales_orders WHERE customer_id = ? AND status = 'completed'",
      )
      .get(ruth.id) as { first: number; last: number };

    const [row] = records(await exportAs('csv', { filter: { text: 'ruth' } }));
    expect(row).toMatchObject({
      'Billing address': 'Plot 12, Kampala Road, Kampala, UG',
      'Shipping address': 'Nakasero Market, stall 4, Kampala, Central, UG',
      'Email consent': 'yes',
      'SMS consent': 'no',
      Language: 'id',
      'Credit limit (UGX)': '100000',
      'Account balance (UGX)': String(3 * sugar.price),
      'Total spent (UGX)': String(5 * sugar.price),
      'Points balance': String(stored.points),
      Orders: '2',
      'First purchase': new Date(dates.first).toISOString(),
      'Last purchase': new Date(dates.last).toISOString(),
    });
    expect(stored).toMatchObject({ balance: 3 * sugar.price, spent: 5 * sugar.price });
    expect(row?.['Marketing opt-in at']).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const book = XLSX.read(Buffer.from((await exportAs('xlsx', { filter: { text: 'ruth' } })).base64, 'base64'));
    const [cells] = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets.Customers as XLSX.WorkSheet);
    // figures are number cells a spreadsheet can add up
    expect(cells).toMatchObject({ 'Total spent (UGX)': 5 * sugar.price, Orders: 2, 'Points balance': stored.points });
    // every address, the old shop too, on the second sheet: defaults first within each kind
    const addresses = XLSX.utils.sheet_to_json<Record<string, string>>(book.Sheets.Addresses as XLSX.WorkSheet, {
      defval: '',
    });
    expect(addresses).toEqual([
      expect.objectContaining({
        'Display name': 'Ruth Nakato',
        Kind: 'billing',
        Default: 'yes',
        'Line 1': 'Plot 12, Kampala Road',
      }),
      expect.objectContaining({ Kind: 'billing', Default: 'no', 'Line 1': 'Old shop', City: 'Jinja', Country: 'UG' }),
      expect.objectContaining({
        Kind: 'shipping',
        Default: 'yes',
        Region: 'Central',
        'Line 1': 'Nakasero Market, stall 4',
      }),
    ]);
  });

  it('honours the filter and the chosen fields', async () => {
    const active = records(await exportAs('csv', { filter: { status: 'active' } }));
    expect(active.map((r) => r['Display name'])).not.toContain('Grace Akello');
    expect(active).toHaveLength(4);
    const text = records(await exportAs('csv', { filter: { text: 'jose' }, fields: ['displayName', 'code'] }));
    expect(text).toEqual([{ Code: 'C-001', 'Display name': 'José Nuñez' }]);
    const bad = await app.call('customers.export', { format: 'csv', fields: ['password'] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('writes XLSX whose cells are text, never formulas', async () => {
    const file = await exportAs('xlsx');
    expect(file.rows).toBe(5);
    const book = XLSX.read(Buffer.from(file.base64, 'base64'), { type: 'buffer' });
    const sheet = book.Sheets[book.SheetNames[0] as string] as XLSX.WorkSheet;
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet, { defval: '' });
    expect(rows).toHaveLength(5);
    const by = (name: string) => rows.find((r) => r['Display name'] === name) as Record<string, unknown>;
    expect(by('Grace Akello').Status).toBe('inactive');
    // stored E.164 phones stay readable: a string cell is never evaluated
    expect(by('José Nuñez')).toMatchObject({ Phone: '+256772123456', 'Credit limit (UGX)': 500000 });
    expect(by('Zoë Ñúñez-Ëdwards').Notes).toBe(MESSY_NOTE);
    const notesCol = Object.keys(rows[0] ?? {}).indexOf('Notes');
    const malloryRow = rows.findIndex((r) => r['Display name'] === 'Mallory Evil') + 1;
    const cell = sheet[XLSX.utils.encode_cell({ r: malloryRow, c: notesCol })] as XLSX.CellObject;
    expect(cell.t).toBe('s');
    expect(cell.f).toBeUndefined();
    expect(cell.v).toBe(`'${FORMULA_NOTE}`);
    for (const key of Object.keys(sheet).filter((k) => !k.startsWith('!')))
      expect((sheet[key] as XLSX.CellObject).f).toBeUndefined();
  });

  it('writes a PDF table a reader can extract the names from', async () => {
    const file = await exportAs('pdf');
    const bytes = Buffer.from(file.base64, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(file.mimeType).toBe('application/pdf');
    const path = join(app.dir, 'customers.pdf');
    writeFileSync(path, bytes);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(text).toContain('Grace Akello');
    expect(text).toContain('José Nuñez');
    expect(text).toContain('Display name');
  });

  it('writes a PDF table of the chosen columns only', async () => {
    const file = await exportAs('pdf', { fields: ['email', 'taxId'] });
    const path = join(app.dir, 'chosen.pdf');
    writeFileSync(path, Buffer.from(file.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(text).toContain('jose@example.com');
    expect(text).toContain('Tax ID');
    expect(text).not.toContain('Display name');
    expect(text).not.toContain('Grace Akello');
  });

  it('audits each export with who, the format and the row count', async () => {
    await exportAs('csv');
    await exportAs('xlsx', { filter: { status: 'inactive' } });
    const audits = app.sqlite
      .prepare("SELECT actor_name AS actor, note, changes FROM audit_log WHERE action = 'customers.export' ORDER BY id")
      .all() as Array<{ actor: string; note: string; changes: string }>;
    expect(audits).toHaveLength(2);
    expect(audits[0]?.actor).toBe(DEMO.owner);
    expect(audits[0]?.note).toMatch(/exported 5 customers as CSV/);
    expect(audits[1]?.note).toMatch(/exported 1 customer as XLSX/);
    expect(JSON.parse(audits[1]?.changes ?? '[]')).toEqual(
      expect.arrayContaining([
        { field: 'rows', before: null, after: 1 },
        { field: 'format', before: null, after: 'xlsx' },
      ]),
    );
  });

  it('is refused to a cashier', async () => {
    await signInAs(app.call, DEMO.cashier, DEMO.cashierPin, 'cashier-client');
    const res = await app.call('customers.export', { format: 'csv' }, 'cashier-client');
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(app.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'customers.export'").get()).toEqual({
      n: 0,
    });
  });

  it('writes a file for the command line, with the format taken from the extension', async () => {
    const path = join(app.dir, 'out.xlsx');
    const res = await exportCustomersToFile(app, path);
    expect(res).toMatchObject({ rows: 5, format: 'xlsx' });
    const book = XLSX.read(readFileSync(path), { type: 'buffer' });
    expect(book.SheetNames).toEqual(['Customers', 'Addresses']);
  });

  it('pages through many customers in id order', async () => {
    const tx = app.sqlite.transaction(() => {
      for (let i = 0; i < 2100; i++)
        app.services.customers.create(
          { id: null, name: 'test' },
          { type: 'individual', firstName: 'Bulk', lastName: `Customer ${String(i).padStart(4, '0')}` },
        );
    });
    tx();
    const rows = records(await exportAs('csv', { fields: ['displayName'] }));
    expect(rows).toHaveLength(2105);
    expect(new Set(rows.map((r) => r['Display name'])).size).toBe(2105);
  });
});
