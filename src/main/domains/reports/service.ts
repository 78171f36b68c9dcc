import type {
  ReportExportInput,
  ReportQuery,
  SalesBy,
  SalesByQuery,
  SalesByReport,
  SalesByRow,
  Takings,
  TakingsDay,
} from '../../../shared/contract/reports';
import { PAYMENT_METHODS, type PaymentMethod } from '../../../shared/contract/sales';
import { AppError } from '../../../shared/errors';
import { documentLanguage } from '../../../shared/i18n/documents';
import type { CurrencyCode } from '../../../shared/money';
import { stmt } from '../../db/statements';
import type { Actor, AuditService } from '../audit/service';
import { MIME_TYPES } from '../customers/export';
import type { Deps } from '../deps';
import { writeReport } from '../exports/report-file';
import { addDays, dayStart, daysBetween } from '../insights/days';
import type { SettingsService } from '../settings/service';
import { offsetAt } from '../zone';
import { basket, type DayBounds, discounts, filterOf, type Period, peaks, stock, taxes } from './breakdowns';
import { reportTable } from './tables';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * The owner's takings and sales reports. Days are the shop's: the range is handed to SQLite as a JSON list of day
 * bounds, so each day is an index range on `at` and daylight saving days are as long as they really are.
 */
export class ShopReports {
  constructor(
    private deps: Deps,
    private settings: SettingsService,
    private audit: AuditService,
  ) {}

  peaks = (q: ReportQuery) => peaks(this.deps.sqlite, this.period(q));
  basket = (q: ReportQuery) => basket(this.deps.sqlite, this.period(q));
  discounts = (q: ReportQuery) => discounts(this.deps.sqlite, this.period(q));
  taxes = (q: ReportQuery) => taxes(this.deps.sqlite, this.period(q));
  stock = (q: ReportQuery) => stock(this.deps.sqlite, this.period(q));

  /** The tills and staff a report can be narrowed to (staff who left stay: their sales are in the old days). */
  filters() {
    return {
      tills: stmt(this.deps.sqlite, 'SELECT id, name FROM tills ORDER BY is_this_till DESC, name, id').all() as Array<{
        id: string;
        name: string;
      }>,
      staff: (
        stmt(this.deps.sqlite, 'SELECT id, name, active FROM staff ORDER BY active DESC, name, id').all() as Array<{
          id: string;
          name: string;
          active: number;
        }>
      ).map((s) => ({ ...s, active: Boolean(s.active) })),
    };
  }

  /** Any report as xlsx, csv or pdf (the PDF with the report's chart); audited as every export is. */
  async export(actor: Actor, input: ReportExportInput) {
    const { report, format, by, ...q } = input;
    const { currency, locale, language } = this.settings.store();
    const table = reportTable(this, {
      report,
      by,
      q,
      names: this.names(q),
      language: documentLanguage(null, language),
    });
    const bytes = await writeReport(table, format, currency as CurrencyCode, locale);
    const fileName = `${report}${report === 'sales' ? `-by-${by}` : ''}-${q.from}-to-${q.to}.${format}`;
    this.audit.record(actor, {
      action: 'reports.export',
      entity: 'report',
      entityId: null,
      note: `${table.title}: ${table.rows.length} rows as ${format.toUpperCase()} (${fileName})`,
    });
    return { fileName, mimeType: MIME_TYPES[format], base64: bytes.toString('base64'), rows: table.rows.length };
  }

  /** The till's and the staff member's names, for a file that says what it was narrowed to. */
  private names(q: ReportQuery): { till?: string; staff?: string } {
    const name = (table: string, id?: string) =>
      id
        ? ((stmt(this.deps.sqlite, `SELECT name FROM ${table} WHERE id = ?`).get(id) as { name: string } | undefined)
            ?.name ?? id)
        : undefined;
    return { till: name('tills', q.tillId), staff: name('staff', q.staffId) };
  }

  private period(q: ReportQuery): Period {
    const { days, bounds } = this.days(q.from, q.to);
    return {
      q,
      currency: this.settings.store().currency,
      days,
      bounds,
      start: bounds[0]?.[1] ?? 0,
      end: bounds.at(-1)?.[2] ?? 0,
    };
  }

  takings(q: ReportQuery): Takings {
    const { days, bounds } = this.days(q.from, q.to);
    type Row = { i: number; method: PaymentMethod; debt: number; amount: number };
    // Each shop day is an index range on `at` (from the JSON list of day bounds, so daylight saving days are as long as
    // they really are), summed inside the index: a statement per payment method reads that method's rows of each day
    // from a covering index that leads with the method and carries the till and staff, so a year of payments is never
    // sorted by day and a filter stays in the index. Sale payments and debt payments come from the same pass.
    const DAYS = `(SELECT json_extract(value, '$[0]') AS i, json_extract(value, '$[1]') AS s,
       json_extract(value, '$[2]') AS e FROM json_each(?)) d`;
    const f = filterOf(q, 'x');
    const list = JSON.stringify(bounds);
    const byMethod = stmt(
      this.deps.sqlite,
      `SELECT d.i AS i, (SELECT json_array(sum(x.amount) FILTER (WHERE x.sales_order_id IS NOT NULL),
           sum(x.amount) FILTER (WHERE x.sales_order_id IS NULL))
         FROM payments x WHERE x.method = ? AND x.at >= d.s AND x.at < d.e${f.sql}) AS sums
       FROM ${DAYS}`,
    );
    // the methods the payments hold, each found by one seek in that index (a skip scan: a handful of seeks however
    // many payments), so a method is never left out of the figures
    const held = (
      stmt(
        this.deps.sqlite,
        `WITH RECURSIVE m(method) AS (SELECT min(method) FROM payments
           UNION ALL SELECT (SELECT min(p.method) FROM payments p WHERE p.method > m.method) FROM m
           WHERE m.method IS NOT NULL)
         SELECT method FROM m WHERE method IS NOT NULL`,
      ).all() as Array<{ method: PaymentMethod }>
    ).map((r) => r.method);
    const payments: Row[] = [];
    for (const method of held)
      for (const r of byMethod.all(method, ...f.args, list) as Array<{ i: number; sums: string }>) {
        const [sale, debt] = JSON.parse(r.sums) as [number | null, number | null];
        if (sale !== null) payments.push({ i: r.i, method, debt: 0, amount: sale });
        if (debt !== null) payments.push({ i: r.i, method, debt: 1, amount: debt });
      }
    // refunds are few (a few percent of sales): grouped in one pass
    const refunds = stmt(
      this.deps.sqlite,
      `SELECT d.i AS i, x.method AS method, 0 AS debt, sum(x.total) AS amount
       FROM ${DAYS} CROSS JOIN refunds x ON x.at >= d.s AND x.at < d.e
       WHERE x.status = 'completed'${f.sql} GROUP BY 1, 2`,
    ).all(list, ...f.args) as Row[];
    // each day's sales counted in an index: the shop's by completed_at, a member of staff's or a till's in the partial
    // indexes of completed sales that lead with the staff or the till
    const count = stmt(
      this.deps.sqlite,
      `SELECT d.i AS i, (SELECT count(*) FROM sales_orders x WHERE x.status = 'completed'
           AND x.completed_at >= d.s AND x.completed_at < d.e${f.sql}) AS n
       FROM ${DAYS}`,
    );
    const orders = new Map((count.all(...f.args, list) as Array<{ i: number; n: number }>).map((o) => [o.i, o.n]));
    const byDay = (rows: Row[]) => {
      const m = new Map<number, Array<{ method: PaymentMethod; amount: number }>>();
      for (const r of rows) {
        if (r.amount === 0) continue;
        const l = m.get(r.i) ?? [];
        l.push({ method: r.method, amount: r.amount });
        m.set(r.i, l);
      }
      return (i: number) => sortMethods(m.get(i) ?? []);
    };
    const salesOf = byDay(payments.filter((r) => !r.debt));
    const debtOf = byDay(payments.filter((r) => r.debt));
    const refundsOf = byDay(refunds);
    const methods = new Set<PaymentMethod>();
    const out: TakingsDay[] = days.map((day, i) => {
      const d = {
        day,
        orders: orders.get(i) ?? 0,
        sales: salesOf(i),
        refunds: refundsOf(i),
        debt: debtOf(i),
        taken: 0,
      };
      for (const l of [d.sales, d.refunds, d.debt]) for (const r of l) methods.add(r.method);
      d.taken = takenOf(d);
      return d;
    });
    const sum = (key: 'sales' | 'refunds' | 'debt') => {
      const m = new Map<PaymentMethod, number>();
      for (const d of out) for (const r of d[key]) m.set(r.method, (m.get(r.method) ?? 0) + r.amount);
      return sortMethods([...m].map(([method, amount]) => ({ method, amount })));
    };
    const totals = {
      orders: out.reduce((a, d) => a + d.orders, 0),
      sales: sum('sales'),
      refunds: sum('refunds'),
      debt: sum('debt'),
      taken: 0,
    };
    totals.taken = takenOf(totals);
    return {
      from: q.from,
      to: q.to,
      currency: this.settings.store().currency,
      methods: PAYMENT_METHODS.filter((m) => methods.has(m)),
      days: out,
      totals,
    };
  }

  salesBy(q: SalesByQuery): SalesByReport {
    const { bounds } = this.days(q.from, q.to);
    const f = filterOf(q, 'o');
    const json = JSON.stringify(bounds);
    const range = { start: bounds[0]?.[1] ?? 0, end: bounds.at(-1)?.[2] ?? 0 };
    const days = `WITH d(i, s, e, off) AS (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'),
        json_extract(value, '$[2]'), json_extract(value, '$[3]') FROM json_each(?))`;
    const orderKey: Record<SalesBy, string> = {
      staff: 'o.staff_id',
      hour: 'CAST(((o.completed_at + d.off) / 3600000) % 24 AS TEXT)',
      // 1970-01-01 was a Thursday: day number + 3, mod 7, is Monday 0
      weekday: 'CAST((((o.completed_at + d.off) / 86400000) + 3) % 7 AS TEXT)',
      product: 'l.product_id',
      category: "coalesce(p.category_id, '')",
    };
    const byLine = q.by === 'product' || q.by === 'category';
    const rows = byLine
      ? (stmt(
          this.deps.sqlite,
          `SELECT ${orderKey[q.by]} AS key, count(DISTINCT o.id) AS orders, sum(l.qty_milli) AS qtyMilli,
             sum(l.net) AS net, sum(l.tax) AS tax, sum(l.total) AS total,
             sum(l.line_discount + l.order_discount_share) AS discounts
           FROM sales_orders o CROSS JOIN sales_lines l ON l.sales_order_id = o.id
           ${q.by === 'category' ? 'JOIN products p ON p.id = l.product_id' : ''}
           WHERE o.completed_at >= ? AND o.completed_at < ? AND o.status = 'completed'${f.sql}
           GROUP BY key ORDER BY total DESC, key LIMIT ?`,
        ).all(range.start, range.end, ...f.args, q.limit) as Array<Omit<SalesByRow, 'label'>>)
      : (stmt(
          this.deps.sqlite,
          `${days} SELECT ${orderKey[q.by]} AS key, count(*) AS orders, NULL AS qtyMilli,
             sum(o.total - o.tax_total) AS net, sum(o.tax_total) AS tax,
             sum(o.total + o.rounding) AS total, sum(o.discount_total) AS discounts
           FROM d CROSS JOIN sales_orders o ON o.completed_at >= d.s AND o.completed_at < d.e
           WHERE o.status = 'completed'${f.sql}
           GROUP BY key ORDER BY ${q.by === 'staff' ? 'total DESC' : 'CAST(key AS INTEGER)'} LIMIT ?`,
        ).all(json, ...f.args, q.limit) as Array<Omit<SalesByRow, 'label'>>);
    const labels = this.labels(
      q.by,
      rows.map((r) => r.key),
    );
    const totals = stmt(
      this.deps.sqlite,
      `SELECT count(*) AS orders, coalesce(sum(o.total + o.rounding), 0) AS total
       FROM sales_orders o WHERE o.completed_at >= ? AND o.completed_at < ? AND o.status = 'completed'${f.sql}`,
    ).get(range.start, range.end, ...f.args) as { orders: number; total: number };
    return {
      from: q.from,
      to: q.to,
      by: q.by,
      currency: this.settings.store().currency,
      rows: rows.map((r) => ({ ...r, label: labels(r.key) })),
      orders: totals.orders,
      total: totals.total,
      averageBasket: totals.orders ? Math.floor(totals.total / totals.orders) : 0,
    };
  }

  private labels(by: SalesBy, keys: string[]): (key: string) => string {
    if (by === 'hour') return (k) => `${k.padStart(2, '0')}:00`;
    if (by === 'weekday') return (k) => WEEKDAYS[Number(k)] ?? k;
    const table = by === 'staff' ? 'staff' : by === 'product' ? 'products' : 'product_categories';
    const names = new Map<string, string>();
    const get = stmt(this.deps.sqlite, `SELECT name FROM ${table} WHERE id = ?`);
    for (const k of keys) names.set(k, (get.get(k) as { name: string } | undefined)?.name ?? '');
    return (k) => names.get(k) || (by === 'category' ? 'No category' : k);
  }

  private days(from: string, to: string): { days: string[]; bounds: DayBounds[] } {
    const n = daysBetween(from, to) + 1;
    if (n < 1) throw new AppError('VALIDATION', 'The range ends before it starts.');
    if (n > 3661) throw new AppError('VALIDATION', 'A report covers at most ten years: choose a shorter range.');
    const tz = this.settings.store().timeZone;
    const days: string[] = [];
    const bounds: DayBounds[] = [];
    let s = dayStart(from, tz);
    for (let i = 0; i < n; i++) {
      const day = addDays(from, i);
      const e = dayStart(addDays(day, 1), tz);
      days.push(day);
      bounds.push([i, s, e, offsetAt(s, tz)]);
      s = e;
    }
    return { days, bounds };
  }
}

function sortMethods<T extends { method: PaymentMethod }>(rows: T[]): T[] {
  return rows.sort((a, b) => PAYMENT_METHODS.indexOf(a.method) - PAYMENT_METHODS.indexOf(b.method));
}

function takenOf(d: Pick<TakingsDay, 'sales' | 'refunds' | 'debt'>): number {
  const money = (l: TakingsDay['sales']) =>
    l.filter((r) => r.method !== 'on_account').reduce((a, r) => a + r.amount, 0);
  return money(d.sales) - money(d.refunds) + money(d.debt);
}
