import { extname } from 'node:path';
import type { ExportFormat } from '../../../shared/contract/customers';
import { EXPORT_FORMATS } from '../../../shared/contract/customers';
import type { HISTORY_EXPORTS } from '../../../shared/contract/history';
import { AppError } from '../../../shared/errors';
import { type CurrencyCode, toDecimalString } from '../../../shared/money';
import { stmt } from '../../db/statements';
import type { Actor, AuditService } from '../audit/service';
import { type ExportResult, MIME_TYPES } from '../customers/export';
import { csvLine, neutraliseFormula } from '../customers/export-cells';
import { writeXlsx, type XlsxCell } from '../customers/xlsx-writer';
import { localDate } from '../debts/dates';
import type { Deps } from '../deps';
import { pdfTable } from '../exports/pdf-table';
import type { SettingsService } from '../settings/service';

export type HistoryExport = (typeof HISTORY_EXPORTS)[number];

/** A column: its header, its PDF width, and whether it holds money (a number cell in XLSX). */
interface Column {
  header: string;
  weight: number;
  money?: boolean;
}

const SALES_COLUMNS: Column[] = [
  { header: 'Number', weight: 1 },
  { header: 'Date', weight: 1.4 },
  { header: 'Status', weight: 0.9 },
  { header: 'Lines', weight: 0.6 },
  { header: 'Total', weight: 1, money: true },
  { header: 'On account', weight: 1, money: true },
  { header: 'Refunded', weight: 1, money: true },
];

const REFUND_COLUMNS: Column[] = [
  { header: 'Number', weight: 1 },
  { header: 'Date', weight: 1.4 },
  { header: 'Sale', weight: 1 },
  { header: 'Status', weight: 0.9 },
  { header: 'Method', weight: 1 },
  { header: 'Reason', weight: 2.2 },
  { header: 'Tax', weight: 0.9, money: true },
  { header: 'Total', weight: 1, money: true },
];

/** Cells are text or a money amount in minor units; each format renders them its own way. */
type Cell = string | { minor: number };

function readRows(deps: Pick<Deps, 'sqlite'>, customerId: string, what: HistoryExport): Cell[][] {
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  if (what === 'sales') {
    const rows = stmt(
      deps.sqlite,
      `SELECT o.number, o.completed_at AS at, o.status, o.total + o.rounding AS total, o.on_account_total AS onAccount,
         (SELECT count(*) FROM sales_lines l WHERE l.sales_order_id = o.id) AS lines,
         (SELECT coalesce(sum(r.total), 0) FROM refunds r WHERE r.sales_order_id = o.id AND r.status = 'completed')
           AS refunded
       FROM sales_orders o WHERE o.customer_id = ? ORDER BY o.completed_at, o.id`,
    ).all(customerId) as Array<{
      number: string;
      at: number;
      status: string;
      total: number;
      onAccount: number;
      lines: number;
      refunded: number;
    }>;
    return rows.map((r) => [
      r.number,
      iso(r.at),
      r.status,
      String(r.lines),
      { minor: r.total },
      { minor: r.onAccount },
      { minor: r.refunded },
    ]);
  }
  const rows = stmt(
    deps.sqlite,
    `SELECT r.number, r.at, o.number AS sale, r.status, r.method, r.reason, r.tax_total AS tax, r.total
     FROM refunds r JOIN sales_orders o ON o.id = r.sales_order_id WHERE r.customer_id = ? ORDER BY r.at, r.id`,
  ).all(customerId) as Array<{
    number: string;
    at: number;
    sale: string;
    status: string;
    method: string;
    reason: string;
    tax: number;
    total: number;
  }>;
  return rows.map((r) => [
    r.number,
    iso(r.at),
    r.sale,
    r.status,
    r.method.replace('_', ' '),
    r.reason,
    { minor: r.tax },
    { minor: r.total },
  ]);
}

/** One customer's sales or refunds as XLSX, CSV or PDF, written with the customer export's writers; audited. */
export async function exportHistory(
  s: { deps: Pick<Deps, 'sqlite' | 'clock'>; audit: AuditService; settings: SettingsService },
  actor: Actor,
  input: { customerId: string; what: HistoryExport; format: ExportFormat },
): Promise<ExportResult> {
  const customer = stmt(s.deps.sqlite, 'SELECT display_name AS name, code FROM customers WHERE id = ?').get(
    input.customerId,
  ) as { name: string; code: string | null } | undefined;
  if (!customer) throw new AppError('NOT_FOUND', 'That customer was not found.', { id: input.customerId });
  const store = s.settings.store();
  const currency = store.currency as CurrencyCode;
  const columns = input.what === 'sales' ? SALES_COLUMNS : REFUND_COLUMNS;
  const headers = columns.map((c) => (c.money ? `${c.header} (${currency})` : c.header));
  const rows = readRows(s.deps, input.customerId, input.what);
  const text = (c: Cell) => (typeof c === 'string' ? c : toDecimalString(c.minor, currency));
  const title = `${input.what === 'sales' ? 'Sales' : 'Refunds'} - ${customer.name}`;
  const bytes =
    input.format === 'csv'
      ? Buffer.from(
          ['\uFEFF', csvLine(headers), ...rows.map((r) => csvLine(r.map((c) => neutraliseFormula(text(c)))))].join(''),
          'utf8',
        )
      : input.format === 'xlsx'
        ? writeXlsx(
            input.what === 'sales' ? 'Sales' : 'Refunds',
            headers,
            rows.map((r) => r.map((c): XlsxCell => (typeof c === 'string' ? neutraliseFormula(c) : Number(text(c))))),
          )
        : await pdfTable({
            title: `${title} (${currency})`,
            columns: columns.map((c) => ({ header: c.header, weight: c.weight, align: c.money ? 'right' : 'left' })),
            rows: rows.map((r) => r.map(text)),
            emptyText: `No ${input.what} for this customer.`,
          });
  const day = localDate(s.deps.clock.now(), store.timeZone);
  const fileName = `${input.what}-${customer.code ?? 'customer'}-${day}.${input.format}`;
  s.audit.record(actor, {
    action: `history.export`,
    entity: 'customer',
    entityId: input.customerId,
    note: `exported ${rows.length} ${input.what === 'sales' ? 'sales' : 'refunds'} of ${customer.name} as ${input.format.toUpperCase()} (${fileName})`,
  });
  return { bytes, rows: rows.length, fileName, mimeType: MIME_TYPES[input.format] };
}

/** For the command line: format from the option, else the file's extension (csv when unknown). */
export function historyFormatFor(file: string, format?: ExportFormat): ExportFormat {
  const ext = extname(file).slice(1).toLowerCase();
  return format ?? ((EXPORT_FORMATS as readonly string[]).find((f) => f === ext) as ExportFormat) ?? 'csv';
}
