import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { chartSvg, type ReportTable, writeReport } from '../../src/main/domains/exports/report-file';

const table: ReportTable = {
  title: 'Takings by month',
  columns: [
    { header: 'Month', weight: 1 },
    { header: 'Takings', weight: 1, money: true },
  ],
  rows: [
    ['2026-09', { minor: 1_250_000 }],
    ['2026-10', { minor: 2_000_000 }],
  ],
  chart: {
    kind: 'bar',
    categories: ['Sep', 'Oct'],
    series: [{ name: 'Takings', values: [1_250_000, 2_000_000] }],
    currency: 'UGX',
  },
};

function pdfText(bytes: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'report-file-')), 'r.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-']).toString();
}

describe('a report file', () => {
  it('draws its chart in the PDF above the table, with the axis in major units of the currency', async () => {
    const text = pdfText(await writeReport(table, 'pdf', 'UGX'));
    expect(text).toContain('Takings by month - page 1');
    // the chart's own labels are text in the PDF: its categories and the value axis
    expect(text).toMatch(/Sep[\s\S]*Oct/);
    expect(text).toMatch(/2,000,000/);
    expect(text).toMatch(/2026-10\s+2000000/);
  });

  it('renders a heat map as SVG without a browser', async () => {
    const svg = await chartSvg(
      {
        kind: 'heatmap',
        rows: ['2026-01'],
        columns: ['0', '1'],
        cells: [
          [0, 0, 100],
          [1, 0, 42],
        ],
      },
      'en',
    );
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('42%');
  });

  it('keeps money as numbers in major units in a spreadsheet and as exact decimals in CSV', async () => {
    const gbp: ReportTable = { ...table, rows: [['2026-10', { minor: 1205 }]] };
    const book = XLSX.read(await writeReport(gbp, 'xlsx', 'GBP'));
    const sheet = book.Sheets[book.SheetNames[0] as string] as XLSX.WorkSheet;
    expect(XLSX.utils.sheet_to_json(sheet, { header: 1 })).toEqual([
      ['Month', 'Takings (GBP)'],
      ['2026-10', 12.05],
    ]);
    const csv = (await writeReport(gbp, 'csv', 'GBP')).toString('utf8');
    expect(csv).toContain('2026-10,12.05');
  });
});
