import type { SalesBy, SalesByReport, SalesByRow, Takings, TakingsDay } from '../../../shared/contract/reports';
import type { PaymentMethod } from '../../../shared/contract/sales';
import { AppError } from '../../../shared/errors';
import { stmt } from '../../db/statements';
import type { Deps } from '../deps';
import { addDays, dayStart, daysBetween } from '../insights/days';
import type { SettingsService } from '../settings/service';
import { offsetAt } from '../zone';

const METHOD_ORDER: readonly PaymentMethod[] = [
  'cash',
  'card',
  'mobile_money',
  'bank_transfer',
  'on_account',
  'store_credit',
  'points',
];

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** One shop-local day as SQL sees it: its index, first instant, first instant after it, and the zone's offset. */
type DayBounds = [number, number, number, number];

/**
 * The owner's takings and sales reports. Days are the shop's: the range is handed to SQLite as a JSON list of day
 * bounds, so each day is an index range on `at` and daylight saving days are as long as they really are.
 */
export class ShopReports {
  constructor(
    private deps: Deps,
    private settings: SettingsService,
  ) {}

  takings(q: { from: string; to: string }): Takings {
    const { days, bounds } = this.days(q.from, q.to);
    const sql = (table: string, amount: string, at: string, extra: string) =>
      `WITH d(i, s, e) AS (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]')
         FROM json_each(?))
       SELECT d.i AS i, x.method AS method, coalesce(sum(x.${amount}), 0) AS amount, count(*) AS n
       FROM d JOIN ${table} x ON x.${at} >= d.s AND x.${at} < d.e ${extra} GROUP BY d.i, x.method`;
    type Row = { i: number; method: PaymentMethod; amount: number; n: number };
    const json = JSON.stringify(bounds);
    const sales = stmt(this.deps.sqlite, sql('payments', 'amount', 'at', 'AND x.sales_order_id IS NOT NULL')).all(
      json,
    ) as Row[];
    const debt = stmt(this.deps.sqlite, sql('payments', 'amount', 'at', 'AND x.sales_order_id IS NULL')).all(
      json,
    ) as Row[];
    const refunds = stmt(this.deps.sqlite, sql('refunds', 'total', 'at', "AND x.status = 'completed'")).all(
      json,
    ) as Row[];
    const orders = stmt(
      this.deps.sqlite,
      `WITH d(i, s, e) AS (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]')
         FROM json_each(?))
       SELECT d.i AS i, count(*) AS n FROM d JOIN sales_orders o ON o.completed_at >= d.s AND o.completed_at < d.e
       WHERE o.status = 'completed' GROUP BY d.i`,
    ).all(json) as Array<{ i: number; n: number }>;
    const methods = new Set<PaymentMethod>();
    const pick = (rows: Row[], i: number) =>
      sortMethods(rows.filter((r) => r.i === i && r.amount !== 0).map((r) => ({ method: r.method, amount: r.amount })));
    const out: TakingsDay[] = days.map((day, i) => {
      const d = {
        day,
        orders: orders.find((o) => o.i === i)?.n ?? 0,
        sales: pick(sales, i),
        refunds: pick(refunds, i),
        debt: pick(debt, i),
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
      methods: METHOD_ORDER.filter((m) => methods.has(m)),
      days: out,
      totals,
    };
  }

  salesBy(q: { from: string; to: string; by: SalesBy; limit: number }): SalesByReport {
    const { bounds } = this.days(q.from, q.to);
    const json = JSON.stringify(bounds);
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
          `${days} SELECT ${orderKey[q.by]} AS key, count(DISTINCT o.id) AS orders, sum(l.qty_milli) AS qtyMilli,
             sum(l.net) AS net, sum(l.tax) AS tax, sum(l.total) AS total,
             sum(l.line_discount + l.order_discount_share) AS discounts
           FROM d JOIN sales_orders o ON o.completed_at >= d.s AND o.completed_at < d.e
           JOIN sales_lines l ON l.sales_order_id = o.id ${q.by === 'category' ? 'JOIN products p ON p.id = l.product_id' : ''}
           WHERE o.status = 'completed' GROUP BY key ORDER BY total DESC, key LIMIT ?`,
        ).all(json, q.limit) as Array<Omit<SalesByRow, 'label'>>)
      : (stmt(
          this.deps.sqlite,
          `${days} SELECT ${orderKey[q.by]} AS key, count(*) AS orders, NULL AS qtyMilli,
             sum(o.total - o.tax_total) AS net, sum(o.tax_total) AS tax,
             sum(o.total + o.rounding) AS total, sum(o.discount_total) AS discounts
           FROM d JOIN sales_orders o ON o.completed_at >= d.s AND o.completed_at < d.e
           WHERE o.status = 'completed' GROUP BY key ORDER BY ${q.by === 'staff' ? 'total DESC' : 'CAST(key AS INTEGER)'} LIMIT ?`,
        ).all(json, q.limit) as Array<Omit<SalesByRow, 'label'>>);
    const labels = this.labels(
      q.by,
      rows.map((r) => r.key),
    );
    const totals = stmt(
      this.deps.sqlite,
      `${days} SELECT count(*) AS orders, coalesce(sum(o.total + o.rounding), 0) AS total
       FROM d JOIN sales_orders o ON o.completed_at >= d.s AND o.completed_at < d.e WHERE o.status = 'completed'`,
    ).get(json) as { orders: number; total: number };
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
  return rows.sort((a, b) => METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method));
}

function takenOf(d: Pick<TakingsDay, 'sales' | 'refunds' | 'debt'>): number {
  const money = (l: TakingsDay['sales']) =>
    l.filter((r) => r.method !== 'on_account').reduce((a, r) => a + r.amount, 0);
  return money(d.sales) - money(d.refunds) + money(d.debt);
}
