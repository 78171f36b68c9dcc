import { describe, expect, it } from 'vitest';
import { layoutOf, previewOf } from '../../src/main/domains/customers/import/layout';
import { detectPreset, findHeaderRow, guessMapping } from '../../src/main/domains/customers/import/mapping';
import { countryCode, parseYesNo, readRow, splitTags } from '../../src/main/domains/customers/import/values';
import { csv, ECOMMERCE_HEADER, registerWorkbook } from '../import-files';

const rows = (...r: string[][]) => r.map((cells, i) => ({ line: i + 1, cells }));

describe('customer import header detection', () => {
  it('takes the row that maps the most columns, with a name and a phone, email or code', () => {
    const found = findHeaderRow(
      rows(
        ['Customer list'],
        [],
        ['Name', 'Notes'],
        ['Name', 'Phone', 'E-mail', 'Loyalty tier', 'Shoe size'],
        ['Alice', '0772123456', 'a@example.com', 'gold', '38'],
      ),
    );
    expect(found).toMatchObject({ at: 3, mapped: 3, preset: 'generic' });
  });

  it('finds a header below row ten and ignores unknown columns', () => {
    const filler = Array.from({ length: 20 }, (_, i) => [`line ${i}`, 'x', 'y']);
    const found = findHeaderRow(rows(...filler, ['A', 'Full name', 'Mobile', 'B', 'C', 'D']));
    expect(found.at).toBe(20);
    const m = guessMapping(['A', 'Full name', 'Mobile', 'B', 'C', 'D'], 'generic');
    expect(m.ignored).toEqual(['A', 'B', 'C', 'D']);
  });

  it('does not take a row without a name column', () => {
    expect(findHeaderRow(rows(['Phone', 'Email'], ['0772123456', 'a@example.com'])).at).toBe(-1);
  });

  it('takes a list of names without phones only when no row has a phone, email or code, and never prose', () => {
    expect(findHeaderRow(rows(['Customer list'], ['Name', 'Notes'], ['Alice', 'likes tea'])).at).toBe(1);
    // a row with a name and a phone wins over the names-only row above it
    expect(findHeaderRow(rows(['Name', 'Notes'], ['Name', 'Phone'], ['Alice', '0772123456'])).at).toBe(1);
    // a title that happens to hold a header word is not all header words
    expect(findHeaderRow(rows(['Name', 'of the shop'], ['Alice', 'x'])).at).toBe(-1);
    expect(findHeaderRow(rows(['Name'], ['Alice'])).at).toBe(-1);
  });

  it('detects the e-commerce and ERP presets from their header words', () => {
    expect(
      detectPreset([
        'First Name',
        'Last Name',
        'Email',
        'Accepts Email Marketing',
        'Default Address City',
        'Tax Exempt',
      ]),
    ).toBe('ecommerce');
    expect(detectPreset(['Name', 'Company Type', 'Street', 'Street2', 'City', 'Phone', 'Mobile'])).toBe('erp');
    expect(detectPreset(['Name', 'Phone', 'Email', 'City'])).toBe('generic');
  });

  it('reads a phone kept as text after an apostrophe without it', () => {
    const mapping = guessMapping(['Name', 'Phone'], 'generic');
    for (const raw of ["'+256772123456", "'0772123456", " '+256 772 123456 "]) {
      const r = readRow(2, ['Alice', raw], mapping, ['UG']);
      expect(r.candidate?.phone?.e164).toBe('+256772123456');
      expect(r.candidate?.phone?.raw.startsWith("'")).toBe(false);
      expect(r.warnings).toEqual([]);
    }
  });
});

describe('customer import layout', () => {
  it('finds the customers on the second sheet under a title and a blank row', () => {
    const layout = layoutOf(registerWorkbook(), {});
    expect(layout.sheet.sheet).toBe('Customers');
    expect(layout.sheet.rows[layout.headerAt]?.line).toBe(3);
    expect(layout.mapping.columns.map((c) => c.field)).toEqual(['name', 'phone', 'email', 'city']);
    expect(layout.mapping.ignored).toEqual(['Favourite item']);
    const preview = previewOf(layout);
    expect(preview).toMatchObject({ sheet: 'Customers', headerRow: 3, sheets: ['Instructions', 'Customers'] });
  });

  it('takes the sheet and header row the user names, as the spreadsheet numbers rows', () => {
    // row 4 as the header: Alice's cells become column names that map to nothing, and no name column is left
    expect(() => layoutOf(registerWorkbook(), { sheet: 'Customers', headerRow: 4 })).toThrow(/no name column/);
    expect(() => layoutOf(registerWorkbook(), { sheet: 'Instructions' })).toThrow(/first 30 rows/);
    expect(() => layoutOf(registerWorkbook(), { sheet: 'Sheet9' })).toThrow(/no sheet called “Sheet9”/);
    const chosen = layoutOf(registerWorkbook(), { sheet: 'Customers', headerRow: 3 });
    expect(chosen.sheet.sheet).toBe('Customers');
    expect(chosen.headerAt).toBe(2);
  });

  it('reads a web shop export with the e-commerce preset by itself', () => {
    const layout = layoutOf(
      csv(
        ECOMMERCE_HEADER,
        'Alice,Akello,alice@example.com,yes,Akello Traders,Plot 4 Kampala Rd,Suite 2,Kampala,C,UG,256,,\'+256772123456,no,"150,000.00",3,Likes tea,no,"VIP, wholesale"',
      ),
      {},
    );
    expect(layout.preset).toBe('ecommerce');
    const fields = Object.fromEntries(layout.mapping.columns.map((c) => [c.header, c.field]));
    expect(fields).toEqual({
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Email: 'email',
      'Accepts Email Marketing': 'consentEmail',
      'Default Address Company': 'company',
      'Default Address Address1': 'address',
      'Default Address Address2': 'address2',
      'Default Address City': 'city',
      'Default Address Province Code': 'region',
      'Default Address Country Code': 'country',
      'Default Address Zip': 'postalCode',
      'Default Address Phone': 'phone2',
      Phone: 'phone',
      'Accepts SMS Marketing': 'consentSms',
      Note: 'notes',
      Tags: 'tags',
      // kept as the customer's "before Counterline" figures
      'Total Spent': 'openingSpent',
      'Total Orders': 'openingOrders',
    });
    expect(layout.mapping.ignored).toEqual(['Tax Exempt']);
  });

  it('reads an ERP contacts export with the ERP preset by itself', () => {
    const layout = layoutOf(
      csv(
        'Name,Company Type,Street,Street2,City,State,Zip,Country,Phone,Mobile,Email,Tax ID,Tags',
        'Akello Traders,Company,Plot 4,,Kampala,Central,256,Uganda,+256414000111,+256772123456,info@akello.example,1000123456,"Wholesale,Gold"',
      ),
      {},
    );
    expect(layout.preset).toBe('erp');
    expect(layout.mapping.columns.map((c) => c.field)).toEqual([
      'name',
      'type',
      'address',
      'address2',
      'city',
      'region',
      'postalCode',
      'country',
      'phone',
      'phone2',
      'email',
      'taxId',
      'tags',
    ]);
    expect(layout.mapping.ignored).toEqual([]);
    const row = layout.sheet.rows[layout.headerAt + 1] as { line: number; cells: string[] };
    const read = readRow(row.line, row.cells, layout.mapping, ['UG']);
    expect(read.warnings).toEqual([]);
    expect(read.candidate).toMatchObject({
      type: 'business',
      companyName: 'Akello Traders',
      firstName: null,
      displayName: 'Akello Traders',
      phone: { e164: '+256414000111' },
      others: [{ e164: '+256772123456', raw: expect.any(String) }],
      country: 'UG',
      region: 'Central',
      postalCode: '256',
      taxId: '1000123456',
      tags: ['Wholesale', 'Gold'],
      consentEmail: null,
    });
  });

  it('a preset the user chooses wins over the detected one', () => {
    const bytes = csv('Name,Company Type,Street,Street2,Phone,Mobile', 'Ann,Person,Plot 1,,0772000111,0772000222');
    expect(layoutOf(bytes, {}).mapping.columns.find((c) => c.header === 'Mobile')?.field).toBe('phone2');
    const generic = layoutOf(bytes, { preset: 'generic' });
    expect(generic.preset).toBe('generic');
    // without the ERP's words, Mobile is a second phone column and the first one (Phone) wins
    expect(generic.mapping.ignored).toContain('Mobile');
  });
});

describe('customer import values', () => {
  it('reads yes/no words of any case as consents, and says so when a cell is neither', () => {
    const mapping = guessMapping(['Name', 'Email', 'Accepts Email Marketing', 'Accepts SMS Marketing'], 'ecommerce');
    const consents = (email: string, sms: string) => {
      const r = readRow(2, ['Ann', 'ann@example.com', email, sms], mapping, ['UG']);
      return { email: r.candidate?.consentEmail, sms: r.candidate?.consentSms, warnings: r.warnings.length };
    };
    expect(consents('yes', 'no')).toEqual({ email: true, sms: false, warnings: 0 });
    expect(consents('TRUE', 'false')).toEqual({ email: true, sms: false, warnings: 0 });
    expect(consents('No', 'YES')).toEqual({ email: false, sms: true, warnings: 0 });
    expect(consents('', '')).toEqual({ email: null, sms: null, warnings: 0 });
    expect(consents('maybe', 'yes')).toEqual({ email: null, sms: true, warnings: 1 });
    expect(parseYesNo('  y ')).toBe(true);
    expect(parseYesNo('not_subscribed')).toBe(false);
  });

  it('splits tags on commas, trimmed and without repeats', () => {
    expect(splitTags(' VIP, wholesale ,,VIP;  late  payer ')).toEqual({
      tags: ['VIP', 'wholesale', 'late payer'],
      cut: false,
    });
    const many = splitTags(Array.from({ length: 35 }, (_, i) => `t${i}`).join(','));
    expect(many.tags).toHaveLength(30);
    expect(many.cut).toBe(true);
  });

  it('takes the other phone when the first is empty, and drops it when it is the same number', () => {
    const mapping = guessMapping(['Name', 'Phone', 'Other phone'], 'generic');
    const read = (a: string, b: string) => readRow(2, ['Ann', a, b], mapping, ['UG']).candidate;
    expect(read('', "'0772000111")).toMatchObject({ phone: { e164: '+256772000111' }, others: [] });
    expect(read('0772000111', '+256772000111')).toMatchObject({ phone: { e164: '+256772000111' }, others: [] });
    expect(read('0772000111', '0772000222')?.others.map((p) => p.e164)).toEqual(['+256772000222']);
    // an export's Other phones: several numbers in one cell, each with the apostrophe a spreadsheet keeps
    expect(read('0772000111', "'+256772000222; '+256414123456")?.others.map((p) => p.e164)).toEqual([
      '+256772000222',
      '+256414123456',
    ]);
  });

  it('reads a country by its code or its name', () => {
    expect(countryCode('ug')).toBe('UG');
    expect(countryCode('Uganda')).toBe('UG');
    expect(countryCode('indonesia')).toBe('ID');
    expect(countryCode('Narnia')).toBeNull();
  });
});
