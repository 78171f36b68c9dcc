import type { z } from 'zod';
import type { CustomerExportFile } from '../../../shared/contract/customers';
import { AppError } from '../../../shared/errors';
import { type CurrencyCode, formatMoney } from '../../../shared/money';
import type { Sqlite } from '../../db/open';
import { A4Document } from '../../devices/documents/a4';
import { storeHeader } from '../../devices/printers/snapshots';
import type { Actor, AuditService } from '../audit/service';
import { localDate } from '../debts/dates';
import type { Deps } from '../deps';
import type { SettingsService } from '../settings/service';

type Row = Record<string, unknown>;
type File = z.infer<typeof CustomerExportFile>;

/** Tables of Counterline's own bookkeeping that hold a customer id but nothing about the person. */
const NOT_THEIRS = new Set(['audit_erasing', 'customers_fts', 'customers']);
/** Rows that belong to a customer through one of their documents. */
const CHILDREN: Record<string, Array<{ table: string; key: string }>> = {
  sales_orders: [
    { table: 'sales_lines', key: 'sales_order_id' },
    { table: 'payments', key: 'sales_order_id' },
  ],
  refunds: [{ table: 'refund_lines', key: 'refund_id' }],
};

export interface CustomerData {
  exportedAt: string;
  shop: string;
  customer: Row;
  /** every row that names the customer, by table (their addresses, phones, cards, sales, refunds, ledgers, messages…) */
  records: Record<string, Row[]>;
  /** what was done to their record, and by whom */
  audit: Row[];
}

/**
 * What a shop holds about one person, for their right of access (issue 17): the record and every row of every table
 * that names them, found from the schema (so a table added later is included without a change here), the rows of
 * their sales and refunds, and the audit entries about them. As JSON (complete) and as a PDF a person can read.
 */
export class CustomerDataExport {
  constructor(
    private deps: Deps,
    private audit: AuditService,
    private settings: SettingsService,
  ) {}

  collect(id: string): CustomerData {
    const { sqlite } = this.deps;
    const customer = sqlite.prepare('SELECT * FROM customers WHERE id = ?').get(id) as Row | undefined;
    if (!customer) throw new AppError('NOT_FOUND', 'That customer was not found.', { id });
    // internal: the search index's row key and the loyalty tier's cached spend (migration 0023)
    for (const k of ['search_key', 'tier_spend', 'tier_spend_since', 'tier_spend_oldest_at']) delete customer[k];
    const records: Record<string, Row[]> = {};
    for (const table of tablesNaming(sqlite)) {
      const rows = sqlite.prepare(`SELECT * FROM "${table}" WHERE customer_id = ? ORDER BY rowid`).all(id) as Row[];
      if (!rows.length) continue;
      records[table] = rows;
      for (const child of CHILDREN[table] ?? []) {
        const ids = rows.map((r) => r.id as string);
        const found = sqlite
          .prepare(
            `SELECT * FROM "${child.table}" WHERE ${child.key} IN (SELECT value FROM json_each(?)) ORDER BY rowid`,
          )
          .all(JSON.stringify(ids)) as Row[];
        if (found.length) records[child.table] = found;
      }
    }
    const audit = sqlite
      .prepare("SELECT * FROM audit_log WHERE entity = 'customer' AND entity_id = ? ORDER BY at, id")
      .all(id) as Row[];
    return {
      exportedAt: new Date(this.deps.clock.now()).toISOString(),
      shop: this.settings.store().name,
      customer,
      records,
      audit,
    };
  }

  /** The JSON and the PDF, audited as the customer's data leaving the shop. */
  async export(actor: Actor, id: string): Promise<{ json: File; pdf: File }> {
    const data = this.collect(id);
    const pdf = await this.pdf(data);
    const rows = 1 + Object.values(data.records).reduce((n, r) => n + r.length, 0);
    this.audit.record(actor, {
      action: 'customer.dataExport',
      entity: 'customer',
      entityId: id,
      note: `their data exported (${rows} records) at their request`,
    });
    const who = String(data.customer.code ?? id).replace(/[^\p{L}\p{N}]+/gu, '-');
    const day = localDate(this.deps.clock.now(), this.settings.store().timeZone);
    const file = (ext: string, mimeType: string, bytes: Buffer) => ({
      fileName: `customer-data-${who}-${day}.${ext}`,
      mimeType,
      base64: bytes.toString('base64'),
      rows,
    });
    return {
      json: file('json', 'application/json', Buffer.from(JSON.stringify(data, null, 2))),
      pdf: file('pdf', 'application/pdf', pdf),
    };
  }

  private pdf(data: CustomerData): Promise<Buffer> {
    const store = this.settings.store();
    const currency = store.currency as CurrencyCode;
    const money = (n: unknown) => formatMoney(Number(n ?? 0), currency, store.locale);
    const day = (ms: unknown) => (typeof ms === 'number' ? localDate(ms, store.timeZone) : '');
    const c = data.customer;
    const doc = new A4Document(`Customer data: ${String(c.display_name)}`).letterhead(storeHeader(store), 'YOUR DATA', [
      ['For', String(c.display_name)],
      ['Exported', data.exportedAt.slice(0, 10)],
    ]);
    const fields = Object.entries(c)
      .filter(([, v]) => v !== null && v !== '' && v !== '[]')
      .map(([k, v]) => `${k.replaceAll('_', ' ')}: ${k.endsWith('_at') ? day(v) : String(v)}`);
    doc.block('Your record', fields);
    const r = data.records;
    const section = (title: string, table: string, cols: Array<[string, (row: Row) => string, boolean?]>) => {
      const rows = r[table];
      if (!rows?.length) return;
      doc.block(`${title} (${rows.length})`, []);
      doc.table(
        cols.map(([t, , right]) => ({ title: t, weight: 1, align: right ? 'right' : 'left' })),
        rows.map((row) => cols.map(([, f]) => f(row))),
      );
    };
    section('Addresses', 'customer_addresses', [
      ['Address', (a) => [a.line1, a.line2, a.city].filter(Boolean).join(', ')],
      ['Postal code', (a) => String(a.postal_code ?? '')],
    ]);
    section('Purchases', 'sales_orders', [
      ['Date', (o) => day(o.completed_at ?? o.created_at)],
      ['Number', (o) => String(o.number ?? '')],
      ['Status', (o) => String(o.status)],
      ['Total', (o) => money(o.total), true],
    ]);
    section('Refunds', 'refunds', [
      ['Date', (o) => day(o.at ?? o.created_at)],
      ['Number', (o) => String(o.number ?? '')],
      ['Status', (o) => String(o.status)],
      ['Total', (o) => money(o.total), true],
    ]);
    section('Account', 'account_entries', [
      ['Date', (e) => day(e.at)],
      ['Entry', (e) => String(e.kind)],
      ['Document', (e) => String(e.document_no ?? '')],
      ['Amount', (e) => money(e.amount), true],
    ]);
    section('Loyalty points', 'points_entries', [
      ['Date', (e) => day(e.at)],
      ['Entry', (e) => String(e.kind)],
      ['Points', (e) => String(e.points), true],
    ]);
    const shown = new Set(['customer_addresses', 'sales_orders', 'refunds', 'account_entries', 'points_entries']);
    const rest = Object.entries(r).filter(([t]) => !shown.has(t));
    if (rest.length)
      doc.block(
        'Also held (every row is in the JSON file)',
        rest.map(([t, rows]) => `${t.replaceAll('_', ' ')}: ${rows.length}`),
      );
    doc.note(`${data.shop} holds this data about you. The JSON file beside this one has every record in full.`);
    return doc.finish();
  }
}

/** Every table with a customer_id column, from the schema itself. */
function tablesNaming(sqlite: Sqlite): string[] {
  return (
    sqlite
      .prepare(
        `SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c
         WHERE m.type = 'table' AND c.name = 'customer_id' ORDER BY m.name`,
      )
      .all() as Array<{ name: string }>
  )
    .map((t) => t.name)
    .filter((t) => !NOT_THEIRS.has(t) && !t.startsWith('sqlite_'));
}
