import type { z } from 'zod';
import {
  type CustomerHint,
  type CustomerList,
  type CustomerListQuery,
  CustomerListQuery as CustomerListSchema,
  type Dashboard,
  InsightsExportInput as ExportSchema,
  type InsightsExportInput,
  type ListedCustomer,
} from '../../../shared/contract/insights-files';
import { AppError } from '../../../shared/errors';
import type { CurrencyCode } from '../../../shared/money';
import { stmt } from '../../db/statements';
import type { Actor, AuditService } from '../audit/service';
import { MIME_TYPES } from '../customers/export';
import type { Deps } from '../deps';
import { type ReportTable, writeReport } from '../exports/report-file';
import type { SettingsService } from '../settings/service';
import { addDays, daysBetween, localDate, windowEnding } from './days';
import {
  cohortsTable,
  customerListTable,
  customerSalesTable,
  inactiveCustomersTable,
  newVsReturningTable,
  rfmTable,
  topCustomersTable,
} from './export-tables';
import { scoreDown, scoreUp, segmentOf } from './rfm';
import { type CustomerInsights, regroup } from './service';

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  throw new AppError('VALIDATION', r.error.issues.map((i) => i.message).join('; '));
}

/** how many recent sales the till's "usual items" look at */
const USUAL_FROM_SALES = 20;

/**
 * What the Insights screens need beyond the reports themselves: the dashboard's figures, customer lists drawn from a
 * report or a segment, the till's hint about a customer, and every report as an audited file.
 */
export class InsightsFiles {
  /** RFM cut points per as-of day, so the till's hint scores one customer without ranking every customer */
  private cuts = new Map<string, { recencyDays: number[]; frequency: number[] }>();

  constructor(
    private deps: Pick<Deps, 'sqlite' | 'clock'>,
    private settings: Pick<SettingsService, 'store'>,
    private insights: CustomerInsights,
    private audit: Pick<AuditService, 'record'>,
  ) {}

  private today() {
    return localDate(this.deps.clock.now(), this.settings.store().timeZone);
  }

  dashboard(input: { asOf?: string }): Dashboard {
    const { timeZone, currency } = this.settings.store();
    const asOf = input.asOf ?? this.today();
    const spend = this.insights.spend(windowEnding(asOf, 90, timeZone));
    // one read by day for the twelve months to the as-of day, which hold its last 90 days
    const days = this.insights.newVsReturning({
      from: `${addDays(`${asOf.slice(0, 8)}01`, -330).slice(0, 8)}01`,
      to: asOf,
      by: 'day',
    }).periods;
    const last90 = days.filter((p) => p.period >= addDays(asOf, -89));
    const rfm = this.insights.rfm({ asOf }, { names: false });
    return {
      asOf,
      currency,
      buyers90: spend.filter((s) => s.orders > 0).length,
      netSpend90: spend.reduce((a, s) => a + s.spend, 0),
      newOrders90: last90.reduce((a, p) => a + p.newOrders, 0),
      returningOrders90: last90.reduce((a, p) => a + p.returningOrders, 0),
      atRisk: rfm.segments.find((s) => s.segment === 'At risk')?.customers ?? 0,
      months: regroup(days, 'month'),
      segments: rfm.segments,
    };
  }

  /** The customers of a report's rows (or of one RFM segment), with the report's money figure, optionally above an amount. */
  customerList(input: CustomerListQuery): CustomerList {
    const q = parse(CustomerListSchema, input);
    const { currency } = this.settings.store();
    const s = q.source;
    let rows: Array<{ id: string; spend: number; lastPurchaseAt: string | null }>;
    if (s.report === 'topCustomers')
      rows = this.insights.topCustomers(s.query).customers.map((c) => ({ ...c, lastPurchaseAt: null }));
    else if (s.report === 'inactiveCustomers') rows = this.insights.inactiveCustomers(s.query).customers;
    else if (s.report === 'customerSales')
      rows = this.insights
        .customerSales(s.query)
        .customers.map((c) => ({ id: c.id, spend: c.net, lastPurchaseAt: null }));
    else {
      const r = this.insights.rfm(s.query);
      rows = r.customers
        .filter((c) => !s.segment || c.segment === s.segment)
        .map((c) => ({ id: c.id, spend: c.monetary, lastPurchaseAt: addDays(r.asOf, -c.recencyDays) }));
    }
    if (q.spentMoreThan !== undefined) rows = rows.filter((r) => r.spend > (q.spentMoreThan as number));
    const about = new Map(
      (
        stmt(
          this.deps.sqlite,
          `SELECT c.id, c.display_name AS name, c.phone_primary_e164 AS phone, c.tags
           FROM customers c WHERE c.id IN (SELECT value FROM json_each(?))`,
        ).all(JSON.stringify(rows.map((r) => r.id))) as Array<{
          id: string;
          name: string;
          phone: string | null;
          tags: string;
        }>
      ).map((c) => [c.id, c]),
    );
    const customers: ListedCustomer[] = rows.map((r) => {
      const c = about.get(r.id);
      return {
        id: r.id,
        name: c?.name ?? '',
        phone: c?.phone ?? null,
        spend: r.spend,
        lastPurchaseAt: r.lastPurchaseAt,
        tags: c ? (JSON.parse(c.tags) as string[]) : [],
      };
    });
    return { currency, customers };
  }

  /**
   * The till's hint: the customer's RFM segment (their own R and F against the day's cut points, worked out once a
   * day), their rhythm, and what they buy most often in their last sales. One customer's rows only, from indexes.
   */
  customerHint(customerId: string): CustomerHint {
    const { timeZone } = this.settings.store();
    const asOf = this.today();
    let cuts = this.cuts.get(asOf);
    if (!cuts) {
      const t = this.insights.rfm({ asOf }).thresholds;
      cuts = { recencyDays: t.recencyDays, frequency: t.frequency };
      this.cuts.clear();
      this.cuts.set(asOf, cuts);
    }
    const w = windowEnding(asOf, 365, timeZone);
    const own = stmt(
      this.deps.sqlite,
      `SELECT count(*) AS orders, max(completed_at) AS lastAt FROM sales_orders INDEXED BY sales_orders_customer_spend
       WHERE customer_id = ? AND completed_at >= ? AND completed_at < ? AND status = 'completed'`,
    ).get(customerId, w.start, w.end) as { orders: number; lastAt: number | null };
    const segment =
      own.orders > 0 && own.lastAt !== null
        ? segmentOf(
            scoreDown(daysBetween(localDate(own.lastAt, timeZone), asOf), cuts.recencyDays),
            scoreUp(own.orders, cuts.frequency),
          )
        : null;
    const rhythm = this.insights.rhythm({ customerId, asOf });
    const usualItems = stmt(
      this.deps.sqlite,
      `SELECT l.product_id AS productId, max(l.name) AS name, count(DISTINCT l.sales_order_id) AS times
       FROM (SELECT id FROM sales_orders INDEXED BY sales_orders_customer_spend
             WHERE customer_id = ? AND status = 'completed' ORDER BY completed_at DESC LIMIT ${USUAL_FROM_SALES}) o
       JOIN sales_lines l ON l.sales_order_id = o.id
       WHERE l.product_id IS NOT NULL
       GROUP BY l.product_id HAVING times >= 2 ORDER BY times DESC, name LIMIT 3`,
    ).all(customerId) as CustomerHint['usualItems'];
    return { customerId, segment, status: rhythm.status, expectedNextVisit: rhythm.expectedNextVisit, usualItems };
  }

  private tableOf(q: z.output<typeof ExportSchema>): { table: ReportTable; rows: number; name: string } {
    if (q.report === 'topCustomers') {
      const r = this.insights.topCustomers(q.query);
      return { table: topCustomersTable(r), rows: r.customers.length, name: `top-customers-${r.asOf}` };
    }
    if (q.report === 'inactiveCustomers') {
      const r = this.insights.inactiveCustomers(q.query);
      return { table: inactiveCustomersTable(r), rows: r.customers.length, name: `inactive-customers-${r.asOf}` };
    }
    if (q.report === 'newVsReturning') {
      const r = this.insights.newVsReturning(q.query);
      return { table: newVsReturningTable(r), rows: r.periods.length, name: `new-vs-returning-${r.from}-${r.to}` };
    }
    if (q.report === 'customerSales') {
      const r = this.insights.customerSales(q.query);
      return { table: customerSalesTable(r), rows: r.customers.length, name: `customer-sales-${r.from}-${r.to}` };
    }
    if (q.report === 'rfm') {
      const r = this.insights.rfm(q.query);
      const rows = q.segment ? r.customers.filter((c) => c.segment === q.segment).length : r.customers.length;
      return { table: rfmTable(r, q.segment), rows, name: `rfm-${r.asOf}` };
    }
    if (q.report === 'cohorts') {
      const r = this.insights.cohorts(q.query);
      return { table: cohortsTable(r), rows: r.cohorts.length, name: `cohorts-${r.from}-${r.to}` };
    }
    const list = this.customerList(q.list);
    const src = q.list.source;
    const what = src.report === 'rfm' && src.segment ? src.segment : src.report;
    const above = q.list.spentMoreThan;
    const title = `Customers: ${what}${above !== undefined ? `, spent more than ${above}` : ''}`;
    return {
      table: customerListTable(list, title),
      rows: list.customers.length,
      name: `customers-${what.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${this.today()}`,
    };
  }

  /** A report as XLSX, CSV or PDF (with its chart), audited like the debt reports' files. */
  async export(actor: Actor, input: InsightsExportInput) {
    const q = parse(ExportSchema, input);
    const { currency, locale } = this.settings.store();
    const { table, rows, name } = this.tableOf(q);
    const bytes = await writeReport(table, q.format, currency as CurrencyCode, locale ?? 'en');
    const fileName = `${name}.${q.format}`;
    this.audit.record(actor, {
      action: `insights.${q.report}.export`,
      entity: 'report',
      note: `exported ${rows} rows as ${q.format.toUpperCase()} (${fileName})`,
    });
    return { fileName, mimeType: MIME_TYPES[q.format], base64: bytes.toString('base64'), rows };
  }
}
