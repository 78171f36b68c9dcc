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
import { localDate } from '../debts/dates';
import type { Deps } from '../deps';
import { pdfTable } from '../exports/pdf-table';
import type { SettingsService } from '../settings/service';
import { csvLine, isE164, neutraliseFormula } from './export-cells';
import { ftsQuery, searchTerms } from './normalise';
import { filters } from './search';
import { writeXlsxSheets, type XlsxCell, type XlsxSheet } from './xlsx-writer';

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

/** One customer as exported: every column as text, the numeric columns also as numbers for xlsx cells, and every
 * address the customer has (the xlsx export lists them on a second sheet). */
type Row = Record<ExportField, string> & {
  num: Partial<Record<ExportField, number | null>>;
  addresses: StoredAddress[];
};

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
  billingAddress: 'Billing address',
  shippingAddress: 'Shipping address',
  consentEmail: 'Email consent',
  consentSms: 'SMS consent',
  consentWhatsapp: 'WhatsApp consent',
  marketingOptInAt: 'Marketing opt-in at',
  priceList: 'Price list',
  preferredLanguage: 'Language',
  loyaltyTier: 'Tier',
  pointsBalance: 'Points balance',
  accountBalance: 'Account balance',
  totalSpent: 'Total spent',
  orders: 'Orders',
  firstPurchase: 'First purchase',
  lastPurchase: 'Last purchase',
  createdAt: 'Created at',
};

const DATE_FIELDS = new Set<ExportField>(['createdAt', 'marketingOptInAt', 'firstPurchase', 'lastPurchase']);

/** Money columns: their header names the currency. */
const MONEY_FIELDS = new Set<ExportField>(['creditLimit', 'accountBalance', 'totalSpent']);

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
  billingAddress: 2,
  shippingAddress: 2,
  consentEmail: 0.6,
  consentSms: 0.6,
  consentWhatsapp: 0.6,
  marketingOptInAt: 1.1,
  priceList: 1,
  preferredLanguage: 0.6,
  loyaltyTier: 0.8,
  pointsBalance: 0.8,
  accountBalance: 1,
  totalSpent: 1,
  orders: 0.6,
  firstPurchase: 1.1,
  lastPurchase: 1.1,
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
  consentEmail: number;
  consentSms: number;
  consentWhatsapp: number;
  marketingOptInAt: number | null;
  priceList: string | null;
  preferredLanguage: string | null;
  loyaltyTier: string | null;
  pointsBalance: number;
  accountBalance: number;
  /** with the spend "before Counterline" the shop imported */
  totalSpent: number;
  openingOrders: number | null;
  openingFirstAt: number | null;
  openingLastAt: number | null;
  createdAt: number;
}

type StoredAddress = AddressRow & { kind: 'billing' | 'shipping'; isDefault: number };

/** What the export adds from other tables, per customer. */
interface Extra {
  others: string[];
  addresses: Partial<Record<'billing' | 'shipping', string>>;
  all: StoredAddress[];
  orders: number;
  firstPurchase: number | null;
  lastPurchase: number | null;
}

const SELECT = `SELECT c.id, c.code, c.type, c.display_name AS displayName, c.first_name AS firstName,
  c.last_name AS lastName, c.company_name AS companyName, c.phone_primary_e164 AS phone, c.email,
  g.name AS category, c.tags, c.notes, c.status, c.date_of_birth AS dateOfBirth, c.tax_id AS taxId,
  c.loyalty_card_no AS cardNo, c.credit_limit AS creditLimit, c.payment_terms_days AS paymentTermsDays,
  c.consent_email AS consentEmail, c.consent_sms AS consentSms, c.consent_whatsapp AS consentWhatsapp,
  c.marketing_opt_in_at AS marketingOptInAt, pl.name AS priceList, c.preferred_language AS preferredLanguage,
  c.loyalty_tier AS loyaltyTier, c.points_balance AS pointsBalance, c.balance AS accountBalance,
  c.total_spent + COALESCE(c.opening_spent, 0) AS totalSpent, c.opening_orders AS openingOrders,
  c.opening_first_at AS openingFirstAt, c.opening_last_at AS openingLastAt, c.created_at AS createdAt
  FROM customers c LEFT JOIN customer_categories g ON g.id = c.category_id
  LEFT JOIN price_lists pl ON pl.id = c.price_list_id`;

const PAGE_IDS = 'SELECT value FROM json_each(?)';

/** The export filter as SQL conditions on `customers c`: the list's filters, its text search, never merged ones. */
function exportWhere(filter: CustomerExportFilter): { where: string[]; params: unknown[] } {
  const { where, params } = filters({ ...filter, status: filter.status === 'all' ? 'any' : filter.status });
  if (filter.status === 'all') where.push("c.status <> 'merged'");
  const terms = searchTerms(filter.text);
  if (terms.length) {
    where.push('c.search_key IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH ?)');
    params.push(ftsQuery(terms));
  }
  return { where, params };
}

/** How many customers' data an export with this filter would hold (asked before the file is made). */
export function countExport(deps: Pick<Deps, 'sqlite'>, filter: Partial<CustomerExportFilter> = {}): number {
  const parsed = CustomerExportInput.shape.filter.parse(filter) as CustomerExportFilter;
  const { where, params } = exportWhere(parsed);
  return (
    deps.sqlite
      .prepare<unknown[]>(`SELECT count(*) AS n FROM customers c WHERE ${where.length ? where.join(' AND ') : '1'}`)
      .get(...params) as { n: number }
  ).n;
}

/** Every customer the filter matches, read in id order a page at a time (keyset paging on the primary key). */
export function readExportRows(
  deps: Pick<Deps, 'sqlite'>,
  filter: CustomerExportFilter,
  currency: CurrencyCode,
): Row[] {
  const { where, params } = exportWhere(filter);
  const page = deps.sqlite.prepare<unknown[]>(
    `${SELECT} WHERE ${[...where, 'c.id > ?'].join(' AND ')} ORDER BY c.id LIMIT ?`,
  );
  const otherPhones = deps.sqlite.prepare<unknown[]>(
    `SELECT customer_id AS id, e164 FROM customer_phones
     WHERE is_primary = 0 AND customer_id IN (${PAGE_IDS}) ORDER BY customer_id, id`,
  );
  // the default address of each kind, else the first one written
  const addresses = deps.sqlite.prepare<unknown[]>(
    `SELECT customer_id AS id, kind, is_default AS isDefault, line1, line2, city, region, postal_code AS postalCode,
     country FROM customer_addresses WHERE customer_id IN (${PAGE_IDS}) ORDER BY customer_id, kind, is_default DESC, rowid`,
  );
  // completed sales, from the (customer, completed_at, status, …) covering index
  const purchases = deps.sqlite.prepare<unknown[]>(
    `SELECT customer_id AS id, COUNT(*) AS orders, MIN(completed_at) AS firstAt, MAX(completed_at) AS lastAt
     FROM sales_orders WHERE customer_id IN (${PAGE_IDS}) AND status = 'completed' GROUP BY customer_id`,
  );
  const read = () => {
    const out: Row[] = [];
    let after = '';
    for (;;) {
      const rows = page.all(...params, after, PAGE) as DbRow[];
      if (!rows.length) break;
      const ids = JSON.stringify(rows.map((r) => r.id));
      const extra = new Map<string, Extra>(
        rows.map((r) => [
          r.id,
          { others: [], addresses: {}, all: [], orders: 0, firstPurchase: null, lastPurchase: null },
        ]),
      );
      for (const p of otherPhones.all(ids) as Array<{ id: string; e164: string }>) extra.get(p.id)?.others.push(p.e164);
      for (const { id, ...a } of addresses.all(ids) as Array<StoredAddress & { id: string }>) {
        const e = extra.get(id);
        if (!e) continue;
        if (e.addresses[a.kind] === undefined) e.addresses[a.kind] = addressText(a);
        e.all.push(a);
      }
      for (const p of purchases.all(ids) as Array<{ id: string; orders: number; firstAt: number; lastAt: number }>) {
        const e = extra.get(p.id);
        if (e) Object.assign(e, { orders: p.orders, firstPurchase: p.firstAt, lastPurchase: p.lastAt });
      }
      for (const r of rows) out.push(toRow(r, withOpening(r, extra.get(r.id) as Extra), currency));
      after = (rows[rows.length - 1] as DbRow).id;
      if (rows.length < PAGE) break;
    }
    return out;
  };
  // one read transaction: every page sees the same snapshot of the database
  return deps.sqlite.inTransaction ? read() : deps.sqlite.transaction(read)();
}

/**
 * Orders and first/last purchase count what the old system knew too, as total spent does, so an export imported
 * into an empty shop (where those figures become its "before Counterline" history) exports the same again.
 */
function withOpening(r: DbRow, x: Extra): Extra {
  const first = [x.firstPurchase, r.openingFirstAt].filter((v) => v !== null) as number[];
  const last = [x.lastPurchase, r.openingLastAt].filter((v) => v !== null) as number[];
  return {
    ...x,
    orders: x.orders + (r.openingOrders ?? 0),
    firstPurchase: first.length ? Math.min(...first) : null,
    lastPurchase: last.length ? Math.max(...last) : null,
  };
}

interface AddressRow {
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

/** An address on one line, its non-empty parts joined by commas. */
function addressText(a: AddressRow): string {
  return [a.line1, a.line2, a.city, a.region, a.postalCode, a.country]
    .map((p) => p.trim())
    .filter(Boolean)
    .join(', ');
}

const iso = (at: number | null) => (at === null ? '' : new Date(at).toISOString());
const yesNo = (v: number) => (v ? 'yes' : 'no');

function toRow(r: DbRow, x: Extra, currency: CurrencyCode): Row {
  const tags = JSON.parse(r.tags || '[]') as string[];
  const money = (v: number | null) => (v === null ? '' : toDecimalString(v, currency));
  const moneyNum = (v: number | null) => (v === null ? null : Number(toDecimalString(v, currency)));
  return {
    code: r.code ?? '',
    type: r.type,
    displayName: r.displayName,
    firstName: r.firstName ?? '',
    lastName: r.lastName ?? '',
    companyName: r.companyName ?? '',
    phone: r.phone ?? '',
    otherPhones: x.others.join('; '),
    email: r.email ?? '',
    category: r.category ?? '',
    tags: tags.join('; '),
    notes: r.notes,
    status: r.status,
    dateOfBirth: r.dateOfBirth ?? '',
    taxId: r.taxId ?? '',
    cardNo: r.cardNo ?? '',
    creditLimit: money(r.creditLimit),
    paymentTermsDays: r.paymentTermsDays === null ? '' : String(r.paymentTermsDays),
    billingAddress: x.addresses.billing ?? '',
    shippingAddress: x.addresses.shipping ?? '',
    consentEmail: yesNo(r.consentEmail),
    consentSms: yesNo(r.consentSms),
    consentWhatsapp: yesNo(r.consentWhatsapp),
    marketingOptInAt: iso(r.marketingOptInAt),
    priceList: r.priceList ?? '',
    preferredLanguage: r.preferredLanguage ?? '',
    loyaltyTier: r.loyaltyTier ?? '',
    pointsBalance: String(r.pointsBalance),
    accountBalance: money(r.accountBalance),
    totalSpent: money(r.totalSpent),
    orders: String(x.orders),
    firstPurchase: iso(x.firstPurchase),
    lastPurchase: iso(x.lastPurchase),
    createdAt: iso(r.createdAt),
    num: {
      creditLimit: moneyNum(r.creditLimit),
      paymentTermsDays: r.paymentTermsDays,
      pointsBalance: r.pointsBalance,
      accountBalance: moneyNum(r.accountBalance),
      totalSpent: moneyNum(r.totalSpent),
      orders: x.orders,
    },
    addresses: x.all,
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

const ADDRESS_HEADERS = [
  'Code',
  'Display name',
  'Kind',
  'Default',
  'Line 1',
  'Line 2',
  'City',
  'Region',
  'Postal code',
  'Country',
];

/** The customers sheet, and unless the columns chosen leave addresses out, every address on a second sheet. */
function toXlsx(rows: Row[], fields: ExportField[], headers: string[]): Buffer {
  const cells = function* () {
    for (const r of rows)
      yield fields.map((f): XlsxCell => (f in r.num ? (r.num[f] ?? null) : safeText(f, r[f], 'xlsx')));
  };
  const sheets: XlsxSheet[] = [{ name: 'Customers', header: headers, rows: cells() }];
  if (fields.includes('billingAddress') || fields.includes('shippingAddress')) {
    const addresses = function* () {
      for (const r of rows)
        for (const a of r.addresses)
          yield [
            r.code,
            r.displayName,
            a.kind,
            yesNo(a.isDefault),
            a.line1,
            a.line2,
            a.city,
            a.region,
            a.postalCode,
            a.country,
          ].map((v) => neutraliseFormula(v));
    };
    sheets.push({ name: 'Addresses', header: ADDRESS_HEADERS, rows: addresses() });
  }
  return writeXlsxSheets(sheets);
}

/** A4 landscape table of the main columns (the shared list-export PDF writer). */
function toPdf(rows: Row[], fields: ExportField[], title: string, currency: string): Promise<Buffer> {
  return pdfTable({
    title: `${title} (${currency})`,
    columns: fields.map((f) => ({ header: HEADERS[f], weight: PDF_WEIGHT[f] })),
    rows: rows.map((r) => fields.map((f) => (DATE_FIELDS.has(f) ? r[f].slice(0, 10) : r[f]))),
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
  const headers = fields.map((f) => (MONEY_FIELDS.has(f) ? `${HEADERS[f]} (${currency})` : HEADERS[f]));
  const day = localDate(s.deps.clock.now(), store.timeZone);
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

  count(filter?: Partial<CustomerExportFilter>): { customers: number } {
    return { customers: countExport(this.deps, filter) };
  }

  run(actor: Actor, input: Omit<ExportOptions, 'actor'>): Promise<ExportResult> {
    return exportCustomers({ deps: this.deps, audit: this.audit, settings: this.settings }, { ...input, actor });
  }
}

/** The export for a command line: format from the option, else from the file's extension (csv when unknown). */
export async function exportCustomersToFile(
  app: App,
  file: string,
  format?: ExportFormat,
  fields?: ExportField[],
): Promise<{ rows: number; fileName: string; format: ExportFormat }> {
  const ext = extname(file).slice(1).toLowerCase();
  const chosen = format ?? (EXPORT_FORMATS as readonly string[]).find((f) => f === ext) ?? 'csv';
  const res = await app.services.customerExport.run(
    { id: null, name: 'command line export' },
    { format: chosen as ExportFormat, fields },
  );
  writeFileSync(file, res.bytes);
  return { rows: res.rows, fileName: file, format: chosen as ExportFormat };
}
