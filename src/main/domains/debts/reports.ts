import type { ExportFormat } from '../../../shared/contract/customers';
import type {
  AgingDetail,
  AgingReport,
  DebtAlert,
  DebtorsQuery,
  DebtSettings,
  Statement,
} from '../../../shared/contract/debts';
import { AppError } from '../../../shared/errors';
import type { CurrencyCode } from '../../../shared/money';
import { stmt } from '../../db/statements';
import { storeHeader } from '../../devices/printers/snapshots';
import type { Actor, AuditService } from '../audit/service';
import { MIME_TYPES } from '../customers/export';
import type { Deps } from '../deps';
import { queuePrintJob } from '../devices/print-jobs';
import { writeReport } from '../exports/report-file';
import type { ReceivablesSettingsService } from '../receivables/settings';
import type { SettingsService } from '../settings/service';
import { type AgingBasis, agingAll, agingOf } from './aging';
import { DebtAlerts, newlyOverdue } from './alerts';
import { dayEnd, localDate } from './dates';
import { allDebtors, DebtorBook, debtorsPage } from './debtors';
import { agingTable, debtorsTable } from './export';
import { openItemsAllSliced, openItemsOf } from './open-items';
import { reminder } from './reminders';
import { DebtSettingsStore } from './settings';
import { statementsPdf } from './statement-pdf';
import { buildStatement, defaultPeriod } from './statements';

export interface ReportFile {
  bytes: Buffer;
  rows: number;
  fileName: string;
  mimeType: string;
}

/**
 * The read side of customer debts: aging, debtors, statements and alerts, over the account ledger and its
 * allocations. Reports "as of today" read the debtor book (kept up to date incrementally); other dates settle the
 * ledger in slices of customers so the till stays responsive while a long report runs.
 */
export class DebtReports {
  readonly book: DebtorBook;
  readonly settings: DebtSettingsStore;
  readonly alerts: DebtAlerts;
  constructor(
    private deps: Deps,
    private audit: AuditService,
    private store: SettingsService,
    /** the credit rules, whose default limit the over-limit alert uses */
    private credit: ReceivablesSettingsService,
    /** the print queue, told when a statement job is waiting */
    private printQueue: { wake(): void },
  ) {
    this.book = new DebtorBook(deps.sqlite);
    this.settings = new DebtSettingsStore(deps, audit);
    this.alerts = new DebtAlerts(deps, audit);
  }

  private tz() {
    return this.store.store().timeZone;
  }

  today(): string {
    return localDate(this.deps.clock.now(), this.tz());
  }

  /** The end of a shop day, and whether the debtor book (which knows every entry so far) can answer for it. */
  private asOf(ymd: string | undefined) {
    const asOf = ymd ?? this.today();
    const end = dayEnd(asOf, this.tz());
    return { asOf, end, fromBook: end > this.deps.clock.now() };
  }

  async aging(q: { asOf?: string; basis: AgingBasis; offset?: number; limit?: number }): Promise<AgingReport> {
    const { asOf, end, fromBook } = this.asOf(q.asOf);
    const source = fromBook ? (await this.book.current()).values() : await openItemsAllSliced(this.deps.sqlite, end);
    const page = q.limit === undefined ? undefined : { offset: q.offset ?? 0, limit: q.limit };
    const r = await agingAll(this.deps.sqlite, end, q.basis, source, page);
    return {
      asOf,
      currency: this.store.store().currency as CurrencyCode,
      basis: q.basis,
      totals: r.totals,
      customerCount: r.count,
      customers: r.customers,
    };
  }

  agingOf(q: { customerId: string; asOf?: string; basis: AgingBasis }): AgingDetail {
    const { asOf, end } = this.asOf(q.asOf);
    const name = this.customerName(q.customerId);
    return { customerId: q.customerId, name, asOf, ...agingOf(this.deps.sqlite, q.customerId, end, q.basis) };
  }

  async debtors(q: DebtorsQuery) {
    return debtorsPage(this.deps.sqlite, this.book, q, this.asOf(undefined).end);
  }

  async export(
    actor: Actor,
    input: {
      what: 'aging' | 'debtors';
      format: ExportFormat;
      asOf?: string;
      basis: AgingBasis;
      filter?: Omit<DebtorsQuery, 'cursor' | 'limit'>;
    },
  ): Promise<ReportFile> {
    const currency = this.store.store().currency as CurrencyCode;
    const dateOf = (ms: number) => localDate(ms, this.tz());
    let table: ReturnType<typeof agingTable>;
    let rows: number;
    if (input.what === 'aging') {
      const r = await this.aging({ asOf: input.asOf, basis: input.basis });
      table = agingTable(r, dateOf);
      rows = r.customers.length;
    } else {
      const list = await allDebtors(
        this.deps.sqlite,
        this.book,
        input.filter ?? { sort: 'balance', overdue: 'any' },
        this.asOf(undefined).end,
      );
      table = debtorsTable(list, dateOf, this.today());
      rows = list.length;
    }
    const bytes = await writeReport(table, input.format, currency);
    const fileName = `${input.what}-${input.asOf ?? this.today()}.${input.format}`;
    this.audit.record(actor, {
      action: `${input.what}.export`,
      entity: 'report',
      note: `exported ${rows} customers as ${input.format.toUpperCase()} (${fileName})`,
    });
    return { bytes, rows, fileName, mimeType: MIME_TYPES[input.format] };
  }

  statement(q: { customerId: string; from?: string; to?: string }): Statement {
    const period = defaultPeriod(this.deps.clock.now(), this.tz());
    return buildStatement(this.deps.sqlite, this.store.store(), this.settings.get().paymentInstructions, {
      customerId: q.customerId,
      from: q.from ?? (q.to ? `${q.to.slice(0, 8)}01` : period.from),
      to: q.to ?? period.to,
    });
  }

  async statementPdf(actor: Actor, q: { customerId: string; from?: string; to?: string }): Promise<ReportFile> {
    const st = this.statement(q);
    const bytes = await statementsPdf(this.store.store(), [st], this.deps.clock.now());
    this.audit.record(actor, {
      action: 'statement.pdf',
      entity: 'customer',
      entityId: q.customerId,
      note: `statement ${st.from} to ${st.to}`,
    });
    const who = (st.customer.code ?? st.customer.name).replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');
    return { bytes, rows: st.lines.length, fileName: `statement-${who}-${st.to}.pdf`, mimeType: MIME_TYPES.pdf };
  }

  /** The statement on the receipt printer: a print job like any receipt, waiting in the queue if the printer is off. */
  statementPrint(actor: Actor, q: { customerId: string; from?: string; to?: string }): { printJobId: string } {
    const st = this.statement(q);
    const now = this.deps.clock.now();
    const id = this.deps.newId();
    const data = { store: storeHeader(this.store.store(), st.language), statement: st, at: now };
    this.deps.sqlite.transaction(() => {
      queuePrintJob(this.deps, { id, template: 'statement', data, at: now, tillId: this.deps.tillId() });
      this.audit.record(actor, {
        action: 'statement.print',
        entity: 'customer',
        entityId: q.customerId,
        note: `statement ${st.from} to ${st.to} sent to the receipt printer`,
      });
    })();
    this.printQueue.wake();
    return { printJobId: id };
  }

  /** Everyone who owes (balance > 0 at the end of `to`), one statement each, largest debt first. */
  async debtorsAt(to: string): Promise<string[]> {
    const r = await this.aging({ asOf: to, basis: 'due' });
    return r.customers.filter((c) => c.balance > 0).map((c) => c.id);
  }

  async statementsAll(actor: Actor, q: { from: string; to: string }): Promise<ReportFile> {
    const ids = await this.debtorsAt(q.to);
    const statements = ids.map((customerId) => this.statement({ customerId, ...q }));
    const bytes = await statementsPdf(this.store.store(), statements, this.deps.clock.now());
    this.audit.record(actor, {
      action: 'statement.batch',
      entity: 'report',
      note: `${ids.length} statements ${q.from} to ${q.to} in one PDF`,
    });
    return { bytes, rows: ids.length, fileName: `statements-${q.to}.pdf`, mimeType: MIME_TYPES.pdf };
  }

  saveSettings(actor: Actor, next: DebtSettings): DebtSettings {
    return this.settings.save(actor, next);
  }

  async alertList(limit: number): Promise<{ count: number; rows: DebtAlert[] }> {
    const { end } = this.asOf(undefined);
    const all = this.alerts.list(
      (await this.book.current()).values(),
      end,
      this.settings.get().alerts,
      this.credit.get().defaultCreditLimit,
    );
    return { count: all.length, rows: all.slice(0, limit) };
  }

  /** The alerts for one customer, for the till when they are attached (one account settled, not the book). */
  alertsFor(customerId: string): DebtAlert[] {
    const { end } = this.asOf(undefined);
    const s = this.alerts.subject(customerId);
    if (!s) return [];
    const items = openItemsOf(this.deps.sqlite, customerId, Number.MAX_SAFE_INTEGER);
    if (items.balance <= 0) return [];
    return this.alerts.alertsOf(items, s, end, this.settings.get().alerts, this.credit.get().defaultCreditLimit);
  }

  reminder(customerId: string) {
    return reminder(this.deps.sqlite, this.store.store(), customerId);
  }

  /**
   * The daily summary: invoices that fell overdue since the shop day this staff member last saw it (at most a week
   * back), shown once per shop day. Remembering the day is a setting row per staff member, not customer data.
   */
  async dailySummary(staffId: string | null) {
    const today = this.today();
    const key = `debts.summary.${staffId ?? 'system'}`;
    const row = stmt(this.deps.sqlite, 'SELECT value FROM settings WHERE key = ?').get(key) as
      | { value: string }
      | undefined;
    const seen = row ? (JSON.parse(row.value) as string) : null;
    const end = dayEnd(today, this.tz());
    const weekAgo = end - 8 * 86_400_000;
    const seenEnd = seen && seen < today ? Math.max(weekAgo, dayEnd(seen, this.tz())) : end - 86_400_000;
    const items = (await this.book.current()).values();
    const list = newlyOverdue(this.deps.sqlite, items, seenEnd, end);
    const show = seen !== today;
    if (show)
      stmt(
        this.deps.sqlite,
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      ).run(key, JSON.stringify(today), this.deps.clock.now());
    return { show, date: today, newlyOverdue: list.slice(0, 200), totalOverdue: list.reduce((n, h) => n + h.open, 0) };
  }

  private customerName(id: string): string {
    const s = this.alerts.subject(id);
    if (!s) throw new AppError('NOT_FOUND', 'That customer was not found.', { id });
    return s.name;
  }
}
