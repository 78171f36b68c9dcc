import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { createApp } from '../../src/main/app';
import { testClock } from '../../src/shared/clock';
import { seededRandom, uuidv7Source } from '../../src/shared/ids';

/**
 * The whole customer out and back in: a shop's export imported into an empty shop exports the same rows and values
 * (addresses, tags, consents and opt-in date, opening points and balance, before-Counterline figures, card, terms,
 * price list by name…). Only "Created at" differs: the new shop made its records on its own day.
 */

const actor = { id: null, name: 'round trip' };

const FIRST = ['José', 'Zoë', 'Grace', 'Siti', 'Ömer', 'Ngozi'];
const LAST = ['Nuñez', 'Nabirye', 'Santoso', 'Müller', 'Okello'];
const CITIES = ['Kampala', 'Gulu', 'Jinja', 'Mbarara'];

const customerArb = fc.record({
  business: fc.boolean(),
  first: fc.constantFrom(...FIRST),
  last: fc.constantFrom(...LAST),
  company: fc.constantFrom('Kato Traders', 'Café Mama', 'Toko Jaya'),
  hasPhone: fc.boolean(),
  otherPhone: fc.boolean(),
  hasEmail: fc.boolean(),
  category: fc.constantFrom('', 'Retail', 'VIP', 'Wholesale'),
  tags: fc.uniqueArray(fc.constantFrom('VIP', 'late payer', 'delivery', 'Gold', 'market'), { maxLength: 3 }),
  note: fc.constantFrom('', 'Prefers delivery', '=HYPERLINK("http://x","y")', 'Says "hi", often'),
  inactive: fc.boolean(),
  dob: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: null }),
  taxId: fc.boolean(),
  card: fc.boolean(),
  creditLimit: fc.option(
    fc.integer({ min: 1, max: 500 }).map((k) => k * 10_000),
    { nil: null },
  ),
  terms: fc.option(fc.constantFrom(7, 14, 30), { nil: null }),
  billing: fc.option(fc.tuple(fc.integer({ min: 1, max: 99 }), fc.constantFrom(...CITIES)), { nil: null }),
  shipping: fc.option(fc.tuple(fc.integer({ min: 1, max: 99 }), fc.constantFrom(...CITIES)), { nil: null }),
  consents: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
  optInDay: fc.option(fc.integer({ min: 0, max: 900 }), { nil: null }),
  language: fc.constantFrom('', 'en', 'id'),
  priceList: fc.constantFrom('', 'Wholesale prices', 'wholesale PRICES'),
  points: fc.nat({ max: 5000 }),
  balance: fc.option(
    fc.integer({ min: -50, max: 300 }).map((k) => k * 1000),
    { nil: null },
  ),
  spent: fc.option(
    fc.integer({ min: 1, max: 10_000 }).map((k) => k * 500),
    { nil: null },
  ),
  orders: fc.nat({ max: 80 }),
  lastDay: fc.integer({ min: 0, max: 600 }),
});
type Generated = typeof customerArb extends fc.Arbitrary<infer T> ? T : never;

const DAY = 86_400_000;
const EPOCH = Date.UTC(2024, 0, 1);
const csvField = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const isoAt = (day: number) => new Date(EPOCH + day * DAY).toISOString();

/** The file another Counterline shop would have exported, with the columns of `export customers`. */
function fileOf(rows: Generated[]): Uint8Array {
  const header = [
    'Code',
    'Type',
    'First name',
    'Last name',
    'Company',
    'Phone',
    'Other phones',
    'Email',
    'Category',
    'Tags',
    'Notes',
    'Status',
    'Date of birth',
    'Tax ID',
    'Card number',
    'Credit limit (UGX)',
    'Payment terms (days)',
    'Billing address',
    'Shipping address',
    'Email consent',
    'SMS consent',
    'WhatsApp consent',
    'Marketing opt-in at',
    'Price list',
    'Language',
    'Points balance',
    'Account balance (UGX)',
    'Total spent (UGX)',
    'Orders',
    'First purchase',
    'Last purchase',
  ];
  const lines = [header.join(',')];
  rows.forEach((r, i) => {
    const n = String(i).padStart(4, '0');
    const hasOrders = r.orders > 0;
    lines.push(
      [
        `C-${n}`,
        r.business ? 'business' : 'individual',
        r.business ? '' : r.first,
        r.business ? '' : `${r.last} ${i}`,
        r.business ? `${r.company} ${i}` : '',
        r.hasPhone ? `+25677${String(1_000_000 + i * 7).padStart(7, '0')}` : '',
        r.otherPhone ? `+25670${String(2_000_000 + i * 7).padStart(7, '0')}` : '',
        r.hasEmail ? `person.${i}@example.org` : '',
        r.category,
        r.tags.join('; '),
        r.note,
        r.inactive ? 'inactive' : 'active',
        r.dob === null ? '' : new Date(Date.UTC(1950, 0, 1) + r.dob * DAY).toISOString().slice(0, 10),
        r.taxId ? `10001${n}` : '',
        r.card ? `29000000${n}` : '',
        r.creditLimit === null ? '' : String(r.creditLimit),
        r.terms === null ? '' : String(r.terms),
        r.billing ? `Plot ${r.billing[0]} Main St, ${r.billing[1]}` : '',
        r.shipping ? `Stall ${r.shipping[0]} Market Rd, ${r.shipping[1]}` : '',
        r.consents[0] ? 'yes' : 'no',
        r.consents[1] ? 'yes' : 'no',
        r.consents[2] ? 'yes' : 'no',
        r.optInDay === null ? '' : isoAt(r.optInDay),
        r.priceList,
        r.language,
        String(r.points),
        r.balance === null ? '' : String(r.balance),
        r.spent === null ? '' : String(r.spent),
        String(r.orders),
        hasOrders ? isoAt(r.lastDay - 30) : '',
        hasOrders ? isoAt(r.lastDay) : '',
      ]
        .map(csvField)
        .join(','),
    );
  });
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

function shop(seed: number) {
  const clock = testClock(Date.UTC(2026, 5, 1, 9) + seed * DAY);
  const app = createApp({ dataDir: ':memory:', clock, newId: uuidv7Source(clock, seededRandom(seed)), log: () => {} });
  app.services.system.createDemoShop();
  // each shop has its own price list of that name (the export names it, the import finds it by name)
  app.services.pricing.createList(actor, { name: 'Wholesale prices', currency: 'UGX' });
  return app;
}

/** Every sheet of an export as rows of text, the header first (xlsx and csv read the same way). */
function sheets(bytes: Buffer): Record<string, string[][]> {
  const zip = bytes.subarray(0, 2).toString('latin1') === 'PK';
  const wb = zip
    ? XLSX.read(bytes, { type: 'buffer' })
    : XLSX.read(bytes.toString('utf8').replace(/^\uFEFF/, ''), { type: 'string', raw: true });
  return Object.fromEntries(
    wb.SheetNames.map((name) => [
      name,
      XLSX.utils.sheet_to_json<string[]>(wb.Sheets[name] as XLSX.WorkSheet, { header: 1, raw: false, defval: '' }),
    ]),
  );
}

/** The rows without the column that cannot survive a move: when the record was made. */
function withoutCreated(rows: string[][]): string[][] {
  const at = (rows[0] ?? []).indexOf('Created at');
  return rows.map((r) => r.filter((_, i) => i !== at));
}

describe('export → import into an empty shop → export', () => {
  it('gives the same rows and values, addresses on their own sheet included', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(customerArb, { minLength: 1, maxLength: 20 }),
        fc.constantFrom('xlsx', 'csv'),
        async (rows, format: 'xlsx' | 'csv') => {
          const first = shop(1);
          const second = shop(2);
          try {
            const loaded = first.services.customerImport.run(actor, fileOf(rows), {
              fileName: 'other-shop.csv',
              createCategories: true,
            });
            expect(loaded).toMatchObject({ rows: rows.length, created: rows.length, errors: [] });
            const out = await first.services.customerExport.run(actor, { format, filter: { status: 'all' } });
            const moved = second.services.customerImport.run(actor, new Uint8Array(out.bytes), {
              fileName: out.fileName,
              createCategories: true,
            });
            expect(moved).toMatchObject({ rows: rows.length, created: rows.length, errors: [] });
            const back = await second.services.customerExport.run(actor, { format, filter: { status: 'all' } });

            const before = sheets(out.bytes);
            const after = sheets(back.bytes);
            expect(Object.keys(after)).toEqual(Object.keys(before));
            const [name] = Object.keys(before) as [string];
            expect(withoutCreated(after[name] as string[][])).toEqual(withoutCreated(before[name] as string[][]));
            if (format === 'xlsx') expect(after.Addresses).toEqual(before.Addresses);

            // and the first export holds what the file said (so a field the importer dropped fails here)
            const [header, ...records] = before[name] as string[][];
            const col = (h: string) => (header as string[]).findIndex((x) => x.startsWith(h));
            rows.forEach((r, i) => {
              const rec = records.find((x) => x[col('Code')] === `C-${String(i).padStart(4, '0')}`) as string[];
              expect(rec[col('Tags')]).toBe(r.tags.join('; '));
              expect(rec[col('Points balance')]).toBe(String(r.points));
              expect(rec[col('Email consent')]).toBe(r.consents[0] ? 'yes' : 'no');
              expect(rec[col('WhatsApp consent')]).toBe(r.consents[2] ? 'yes' : 'no');
              expect(rec[col('Billing address')]).toBe(
                r.billing ? `Plot ${r.billing[0]} Main St, ${r.billing[1]}` : '',
              );
              expect(rec[col('Shipping address')]).toBe(
                r.shipping ? `Stall ${r.shipping[0]} Market Rd, ${r.shipping[1]}` : '',
              );
              expect(rec[col('Orders')]).toBe(String(r.orders));
              expect(rec[col('Price list')]).toBe(r.priceList ? 'Wholesale prices' : '');
              expect(rec[col('Status')]).toBe(r.inactive ? 'inactive' : 'active');
            });
          } finally {
            first.close();
            second.close();
          }
        },
      ),
      { numRuns: 15 },
    );
  }, 300_000);
});
