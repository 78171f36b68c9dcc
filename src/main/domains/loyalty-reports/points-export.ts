import type { PointsReport, PointsReportQuery } from '../../../shared/contract/loyalty-reports';
import { type CurrencyCode, formatMoney, toDecimalString } from '../../../shared/money';
import { MIME_TYPES } from '../customers/export';
import { csvLine } from '../customers/export-cells';
import { writeXlsx } from '../customers/xlsx-writer';
import { pdfTable } from '../exports/pdf-table';

const HEADERS = ['Period', 'Issued', 'Redeemed', 'Expired', 'Taken back', 'Adjusted', 'Outstanding'] as const;

/** The points report as a file: numbers stay numbers in xlsx and csv, the liability in the currency's units. */
export async function pointsReportFile(
  report: PointsReport,
  q: PointsReportQuery,
  format: 'xlsx' | 'csv' | 'pdf',
  locale: string,
): Promise<{ fileName: string; mimeType: string; bytes: Buffer }> {
  const currency = report.currency as CurrencyCode;
  const headers = [...HEADERS, `Liability (${currency})`];
  const numbers = (r: PointsReport['totals']) => [
    r.issued,
    r.redeemed,
    r.expired,
    r.clawedBack,
    r.adjusted,
    r.outstanding,
  ];
  const lines = [...report.rows.map((r) => ({ label: r.period, r })), { label: 'Total', r: report.totals }];
  const fileName = `loyalty-points-${q.from}-to-${q.to}-by-${q.period}.${format}`;
  let bytes: Buffer;
  if (format === 'xlsx')
    bytes = writeXlsx(
      'Loyalty points',
      headers,
      lines.map(({ label, r }) => [label, ...numbers(r), Number(toDecimalString(r.liability, currency))]),
    );
  else if (format === 'csv')
    bytes = Buffer.from(
      [
        '\uFEFF',
        csvLine(headers),
        ...lines.map(({ label, r }) =>
          csvLine([label, ...numbers(r).map(String), toDecimalString(r.liability, currency)]),
        ),
      ].join(''),
    );
  else
    bytes = await pdfTable({
      title: `Loyalty points ${q.from} to ${q.to} (opening outstanding ${report.openingOutstanding})`,
      columns: headers.map((h, i) => ({ header: h, weight: i === 0 ? 1.4 : 1, align: i === 0 ? 'left' : 'right' })),
      rows: lines.map(({ label, r }) => [
        label,
        ...numbers(r).map((n) => n.toLocaleString(locale)),
        formatMoney(r.liability, currency, locale, { code: false }),
      ]),
      emptyText: 'No points in this period.',
    });
  return { fileName, mimeType: MIME_TYPES[format], bytes };
}
