import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/main/app';
import { testClock } from '../../src/shared/clock';
import { seededRandom, uuidv7Source } from '../../src/shared/ids';

const actor = { id: null, name: 'round trip' };

const FIRST = ['José', 'Zoë', 'Grace', 'Siti', 'Ömer', 'Ngozi', 'Renée', 'Ayşe'];
const LAST = ['Nuñez', 'Nabirye', 'Santoso', 'Müller', 'Okello', 'Wulandari'];
/** Note texts a shopkeeper types, formula-looking ones included (they must come back as the same text). */
const NOTES = [
  '',
  'Prefers delivery',
  '=HYPERLINK("http://x","y")',
  '+256 call first',
  '-',
  '@home',
  'Line one\nLine two',
  'Says "hi", often',
];

const customerArb = fc.record({
  first: fc.constantFrom(...FIRST),
  last: fc.constantFrom(...LAST),
  company: fc.option(fc.constantFrom('Kato Traders', 'Café Mama', 'Toko Jaya'), { nil: null }),
  hasPhone: fc.boolean(),
  hasEmail: fc.boolean(),
  note: fc.constantFrom(...NOTES),
  dob: fc.option(fc.date({ min: new Date('1940-01-01'), max: new Date('2010-12-31'), noInvalidDate: true }), {
    nil: null,
  }),
  category: fc.constantFrom('', 'Retail', 'VIP', 'Wholesale'),
});

type Row = typeof customerArb extends fc.Arbitrary<infer T> ? T : never;

const csvField = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function fileOf(rows: Row[]): Uint8Array {
  const lines = ['Name,Phone,Email,Company,Notes,Birthday,Category'];
  rows.forEach((r, i) => {
    lines.push(
      [
        // the index keeps names apart: two rows with neither phone nor email are the same person only by name
        `${r.first} ${r.last} ${i}`,
        r.hasPhone ? `07${String(70_000_000 + i * 7).padStart(8, '0')}` : '',
        r.hasEmail ? `Person.${i}@Example.org` : '',
        r.company ?? '',
        r.note,
        r.dob ? r.dob.toISOString().slice(0, 10) : '',
        r.category,
      ]
        .map(csvField)
        .join(','),
    );
  });
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

describe('import → export → import', () => {
  it('is idempotent: the second import creates and updates nothing, and the export is unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(customerArb, { minLength: 1, maxLength: 25 }), async (rows) => {
        const clock = testClock();
        const app = createApp({
          dataDir: ':memory:',
          clock,
          newId: uuidv7Source(clock, seededRandom(3)),
          log: () => {},
        });
        try {
          app.services.system.createDemoShop();
          const first = app.services.customerImport.run(actor, fileOf(rows), { fileName: 'in.csv' });
          expect(first.created).toBe(rows.length);
          const exported = await app.services.customerExport.run(actor, { format: 'csv', filter: { status: 'all' } });
          const again = app.services.customerImport.run(actor, new Uint8Array(exported.bytes), {
            fileName: exported.fileName,
          });
          expect(again).toMatchObject({ rows: rows.length, created: 0, updated: 0, errors: [] });
          const update = app.services.customerImport.run(actor, new Uint8Array(exported.bytes), {
            fileName: exported.fileName,
            onDuplicate: 'update',
          });
          expect(update.created).toBe(0);
          const after = await app.services.customerExport.run(actor, { format: 'csv', filter: { status: 'all' } });
          expect(after.bytes.toString('utf8')).toBe(exported.bytes.toString('utf8'));
        } finally {
          app.close();
        }
      }),
      { numRuns: 25 },
    );
  }, 300_000);
});
