import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { writeXlsx } from '../../src/main/domains/customers/xlsx-writer';

const read = (bytes: Buffer) => {
  const book = XLSX.read(bytes, { type: 'buffer' });
  return { book, sheet: book.Sheets[book.SheetNames[0] as string] as XLSX.WorkSheet };
};

describe('xlsx writer', () => {
  it('writes a sheet a spreadsheet reader opens, with text, numbers and empty cells in their columns', () => {
    const bytes = writeXlsx(
      'Customers',
      ['Name', 'Limit', 'Notes'],
      [
        ['Zoë <Ñúñez> & "Co"', 500000, null],
        ['', 12.5, '  spaced  '],
        ['=SUM(A1:A2)', null, 'line\nbreak'],
      ],
    );
    const { book, sheet } = read(bytes);
    expect(book.SheetNames).toEqual(['Customers']);
    expect(XLSX.utils.sheet_to_json(sheet, { header: 1, defval: null })).toEqual([
      ['Name', 'Limit', 'Notes'],
      ['Zoë <Ñúñez> & "Co"', 500000, null],
      [null, 12.5, '  spaced  '],
      ['=SUM(A1:A2)', null, 'line\nbreak'],
    ]);
    // text that looks like a formula is a string cell, never a formula
    expect(sheet.A4).toMatchObject({ t: 's', v: '=SUM(A1:A2)' });
    expect(sheet.A4?.f).toBeUndefined();
  });

  it('drops characters XML cannot hold instead of writing a file Excel refuses', () => {
    const { sheet } = read(writeXlsx('S', ['A'], [['bell\u0007 and nul\u0000 gone']]));
    expect(sheet.A2?.v).toBe('bell and nul gone');
  });

  it('writes a header-only sheet when there are no rows', () => {
    const { sheet } = read(writeXlsx('S', ['Only'], []));
    expect(XLSX.utils.sheet_to_json(sheet, { header: 1 })).toEqual([['Only']]);
  });
});
