import { describe, expect, it } from 'vitest';
import { detectPreset, findHeaderRow, guessMapping } from '../../src/main/domains/customers/import/mapping';
import { readRow } from '../../src/main/domains/customers/import/values';

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
