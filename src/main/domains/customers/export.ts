import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import {
  type CustomerExportFilter,
  CustomerExportInput,
  EXPORT_FIELDS,
  EXPORT_FORMATS,
  type ExportField,
  type ExportFormat,
} from '../../../shared/contract/customers';
import { AppError } from '../../../shared/errors';
import { type CurrencyCode, isCurrencyCode, toDecimalString } from '../../../shared/money';
import type { App } from '../../app';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';
import { pdfTable } from '../exports/pdf-table';
import type { SettingsService } from '../settings/service';
import { csvLine, isE164, neutraliseFormula } from './export-cells';
import { ftsQuery, searchTerms } from './normalise';
import { filters } from './search';
import { writeXlsx, type XlsxCell } from './xlsx-writer';

export { neutraliseFormula } from './export-cells';

/** Rows read from the database per statement: the export never holds one giant result set from SQLite. */
const PAGE = 1000;

export interface ExportServices {
  deps: Pick<Deps, 'sqlite' | 'clock'>;
  audit: AuditService;
  settings: SettingsService;
}

export interface ExportOptions {
  format: ExportFormat;
  fields?: ExportField[];
  filter?: Partial<CustomerExportFilter>;
  actor: Actor;
}

export interface ExportResult {
  bytes: Buffer;
  rows: number;
  fileName: string;
  mimeType: string;
}

export const MIME_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};

/** One customer as exported: text where it is text, numbers only for the two numeric columns. */
type Row = Record<ExportField, string> & { creditLimitNum: number | null; paymentTermsNum: number | null };

const HEADERS: Record<ExportField, string> = {
  code: 'Code',
  type: 'Type',
  displayName: 'Display name',
  firstName: 'First name',
  lastName: 'Last name',
  companyName: 'Company',
  phone: 'Phone',
  otherPhones: 'Other phones',
  email: 'Email',
  category: 'Category',
  tags: 'Tags',
  notes: 'Notes',
  status: 'Status',
  dateOfBirth: 'Date of birth',
  taxId: 'Tax ID',
  cardNo: 'Card number',
  creditLimit: 'Credit limit',
  paymentTermsDays: 'Payment terms (days)',
  createdAt: 'Created at',
};

/** Columns whose every value is a stored E.164 number (or a `; `-joined list of them). */
const PHONE_FIELDS = new Set<ExportField>(['phone', 'otherPhones']);

/** The columns a PDF table shows when none are chosen. */
const PDF_DEFAULT: ExportField[] = [
  'code',
  'displayName',
  'companyName',
  'phone',
  'email',
  'category',
  'status',
  'createdAt',
];

/** How wide each column is relative to the others on the PDF page. */
const PDF_WEIGHT: Record<ExportField, number> = {
  code: 0.8,
  type: 0.8,
  displayName: 2,
  firstName: 1.2,
  lastName: 1.2,
  companyName: 1.5,
  phone: 1.2,
  otherPhones: 1.5,
  email: 1.8,
  category: 0.9,
  tags: 1.2,
  notes: 2,
  status: 0.7,
  dateOfBirth: 0.9,
  taxId: 1,
  cardNo: 1.2,
  creditLimit: 1,
  paymentTermsDays: 0.8,
  createdAt: 1.1,
};

interface DbRow {
  id: string;
  code: string | null;
  type: string;
  displayName: string;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  phone: string | null;
  email: string | null;
  category: string | null;
  tags: string;
  notes: string;
  status: string;
  dateOfBirth: string | null;
  taxId: string | null;
  cardNo: string | null;
  creditLimit: number | null;
  paymentTermsDays: number | null;
  createdAt: number;
}

const SELECT = `SELECT c.id, c.code, c.type, c.display_name AS displayName, c.first_name AS firstName,
  c.last_name AS lastName, c.company_name AS companyName, c.phone_primary_e164 AS phone, c.email,
  g.name AS category, c.tags, c.notes, c.status, c.date_of_birth AS dateOfBirth, c.tax_id AS taxId,
  c.loyalty_card_no AS cardNo, c.credit_limit AS creditLimit, c.payment_terms_days AS paymentTermsDays,
  c.created_at AS createdAt
  FROM customers c LEFT JOIN customer_categories g ON g.id = c.category_id`;

/** Every customer the filter matches, read in id order a page at a time (keyset paging on the primary key). */
export function readExportRows(
  deps: Pick<Deps, 'sqlite'>,
  filter: CustomerExportFilter,
  currency: CurrencyCode,
): Row[] {
  const { where, params } = filters({ ...filter, status: filter.status === 'all' ? 'any' : filter.status });
  if (filter.status === 'all') where.push("c.status <> 'merged'");
  const terms = searchTerms(filter.text);
  if (terms.length) {
    where.push('c.search_key IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH ?)');
    params.push(ftsQuery(terms));
  }
  const page = deps.sqlite.prepare<unknown[]>(
    `${SELECT} WHERE ${[...where, 'c.id > ?'].join(' AND ')} ORDER BY c.id LIMIT ?`,
  );
  const otherPhones = deps.sqlite.prepare<unknown[]>(
    `SELECT customer_id AS id, e164 FROM customer_phones
     WHERE is_primary = 0 AND customer_id IN (SELECT value FROM json_each(?)) ORDER BY customer_id, id`,
  );
  const read = () => {
    const out: Row[] = [];
    let after = '';
    for (;;) {
      const rows = page.all(...params, after, PAGE) as DbRow[];
      if (!rows.length) break;
      const others = new Map<string, string[]>();
      for (const p of otherPhones.all(JSON.stringify(rows.map((r) => r.id))) as Array<{ id: string; e164: string }>)
        others.set(p.id, [...(others.get(p.id) ?? []), p.e164]);
      for (const r of rows) out.push(toRow(r, others.get(r.id) ?? [], currency));
      after = (rows[rows.length - 1] as DbRow).id;
      if (rows.length < PAGE) break;
    }
    return out;
  };
  // one read transaction: every page sees the same snapshot of the database
  return deps.sqlite.inTransaction ? read() : deps.sqlite.transaction(read)();
}

function toRow(r: DbRow, others: string[], currency: CurrencyCode): Row {
  const tags = JSON.parse(r.tags || '[]') as string[];
  return {
    code: r.code ?? '',
    type: r.type,
    displayName: r.displayName,
    firstName: r.firstName ?? '',
    lastName: r.lastName ?? '',
    companyName: r.companyName ?? '',
    phone: r.phone ?? '',
    otherPhones: others.join('; '),
    email: r.email ?? '',
    category: r.category ?? '',
    tags: tags.join('; '),
    notes: r.notes,
    status: r.status,
    dateOfBirth: r.dateOfBirth ?? '',
    taxId: r.taxId ?? '',
    cardNo: r.cardNo ?? '',
    creditLimit: r.creditLimit === null ? '' : toDecimalString(r.creditLimit, currency),
    paymentTermsDays: r.paymentTermsDays === null ? '' : String(r.paymentTermsDays),
    createdAt: new Date(r.createdAt).toISOString(),
    creditLimitNum: r.creditLimit === null ? null : Number(toDecimalString(r.creditLimit, currency)),
    paymentTermsNum: r.paymentTermsDays,
  };
}

/** A text cell made safe for a spreadsheet; stored E.164 phones stay readable in XLSX (string cells never run). */
function safeText(field: ExportField, value: string, format: 'xlsx' | 'csv'): string {
  if (format === 'xlsx' && PHONE_FIELDS.has(field) && value.split('; ').every(isE164)) return value;
  return neutraliseFormula(value);
}

function toCsv(rows: Row[], fields: ExportField[], headers: string[]): Buffer {
  const parts = ['\uFEFF', csvLine(headers)];
  for (const r of rows) parts.push(csvLine(fields.map((f) => safeText(f, r[f], 'csv'))));
  return Buffer.from(parts.join(''), 'utf8');
}

function toXlsx(rows: Row[], fields: ExportField[], headers: string[]): Buffer {
  const cells = function* () {
    for (const r of rows)
      yield fields.map((f): XlsxCell => {
        if (f === 'creditLimit') return r.creditLimitNum;
        if (f === 'paymentTermsDays') return r.paymentTermsNum;
        return safeText(f, r[f], 'xlsx');
      });
  };
  return writeXlsx('Customers', headers, cells());
}

/** A4 landscape table of the main columns (the shared list-export PDF writer). */
function toPdf(rows: Row[], fields: ExportField[], title: string, currency: string): Promise<Buffer> {
  return pdfTable({
    title: `${title} (${currency})`,
    columns: fields.map((f) => ({ header: HEADERS[f], weight: PDF_WEIGHT[f] })),
    rows: rows.map((r) => fields.map((f) => (f === 'createdAt' ? r.createdAt.slice(0, 10) : r[f]))),
    emptyText: 'No customers match this export.',
  });
}

/** Writes the customers the filter matches as XLSX, CSV or PDF, and records one audit row for the export. */
export async function exportCustomers(s: ExportServices, opts: ExportOptions): Promise<ExportResult> {
  const parsed = CustomerExportInput.safeParse({ format: opts.format, fields: opts.fields, filter: opts.filter ?? {} });
  if (!parsed.success) throw new AppError('VALIDATION', `Export options are not valid: ${parsed.error.message}`);
  const { format } = parsed.data;
  const filter = parsed.data.filter as CustomerExportFilter;
  const fields = parsed.data.fields ? EXPORT_FIELDS.filter((f) => parsed.data.fields?.includes(f)) : [...EXPORT_FIELDS];
  const store = s.settings.store();
  const currency: CurrencyCode = isCurrencyCode(store.currency) ? store.currency : 'USD';
  const rows = readExportRows(s.deps, filter, currency);
  const headers = fields.map((f) => (f === 'creditLimit' ? `${HEADERS[f]} (${currency})` : HEADERS[f]));
  const day = new Date(s.deps.clock.now()).toISOString().slice(0, 10);
  const fileName = `customers-${day}.${format}`;
  const bytes =
    format === 'csv'
      ? toCsv(rows, fields, headers)
      : format === 'xlsx'
        ? toXlsx(rows, fields, headers)
        : await toPdf(rows, parsed.data.fields ? fields : PDF_DEFAULT, `Customers - ${store.name}`, currency);
  s.audit.record(opts.actor, {
    action: 'customers.export',
    entity: 'customer',
    entityId: null,
    note: `exported ${rows.length} customer${rows.length === 1 ? '' : 's'} as ${format.toUpperCase()} (${fileName})`,
    after: { format, rows: rows.length, fields, filter },
  });
  return { bytes, rows: rows.length, fileName, mimeType: MIME_TYPES[format] };
}

/** The export as a service, for the router and the command line. */
export class CustomerExport {
  constructor(
    private deps: Deps,
    private audit: AuditService,
    private settings: SettingsService,
  ) {}

  run(actor: Actor, input: Omit<ExportOptions, 'actor'>): Promise<ExportResult> {
    return exportCustomers({ deps: this.deps, audit: this.audit, settings: this.settings }, { ...input, actor });
  }
}

/** The export for a command line: format from the option, else from the file's extension (csv when unknown). */
export async function exportCustomersToFile(
  app: App,
  file: string,
  format?: ExportFormat,
): Promise<{ rows: number; fileName: string; format: ExportFormat }> {
  const ext = extname(file).slice(1).toLowerCase();
  const chosen = format ?? (EXPORT_FORMATS as readonly string[]).find((f) => f === ext) ?? 'csv';
  const res = await app.services.customerExport.run(
    { id: null, name: 'command line export' },
    { format: chosen as ExportFormat },
  );
  writeFileSync(file, res.bytes);
  return { rows: res.rows, fileName: file, format: chosen as ExportFormat };
}
