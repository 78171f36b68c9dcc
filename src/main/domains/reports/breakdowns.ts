import type {
  BasketReport,
  DiscountsReport,
  PeaksReport,
  ReportQuery,
  StockReport,
  TaxesReport,
} from '../../../shared/contract/reports';
import type { Sqlite } from '../../db/open';
import { stmt } from '../../db/statements';

/** One shop-local day as SQL sees it: its index, first instant, first instant after it, and the zone's offset. */
export type DayBounds = [number, number, number, number];

/** The days as a CTE `d(i, s, e, off)` read from a JSON list (the first `?`). */
const DAYS = `WITH d(i, s, e, off) AS (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'),
    json_extract(value, '$[2]'), json_extract(value, '$[3]') FROM json_each(?))`;

/** Completed sales' lines (`o`, `l`) in the period; the two `?` are its start and the first instant after it. */
const SOLD_LINES = `FROM sales_orders o CROSS JOIN sales_lines l ON l.sales_order_id = o.id
     WHERE o.completed_at >= ? AND o.completed_at < ? AND o.status = 'completed'`;

/** Completed refunds' lines (`r`, `rl`) with the sale lines they return (`sl`) in the period; start and end `?`. */
const REFUNDED_LINES = `FROM refunds r CROSS JOIN refund_lines rl ON rl.refund_id = r.id JOIN sales_lines sl ON sl.id = rl.sales_line_id
     WHERE r.at >= ? AND r.at < ? AND r.status = 'completed'`;

/** The period as SQL sees it: its days, and its first instant and the first instant after it. */
export interface Period {
  q: ReportQuery;
  currency: string;
  days: string[];
  bounds: DayBounds[];
  start: number;
  end: number;
}

/**
 * When the shop is busy: sales by shop-local weekday and hour (the zone's offset at the start of each day, so a
 * daylight-saving day's hours after the change are one off; the day itself is right).
 */
export function peaks(sqlite: Sqlite, p: Period): PeaksReport {
  const f = filterOf(p.q, 'o');
  const cells = stmt(
    sqlite,
    `${DAYS} SELECT CAST((((o.completed_at + d.off) / 86400000) + 3) % 7 AS INTEGER) AS weekday,
       CAST(((o.completed_at + d.off) / 3600000) % 24 AS INTEGER) AS hour,
       count(*) AS orders, sum(o.total + o.rounding) AS total
     FROM d CROSS JOIN sales_orders o ON o.completed_at >= d.s AND o.completed_at < d.e
     WHERE o.status = 'completed'${f.sql} GROUP BY 1, 2 ORDER BY 1, 2`,
  ).all(JSON.stringify(p.bounds), ...f.args) as PeaksReport['cells'];
  const hours = Array.from({ length: 24 }, (_, hour) => ({ hour, orders: 0, total: 0 }));
  const weekdays = Array.from({ length: 7 }, (_, weekday) => ({ weekday, orders: 0, total: 0 }));
  for (const c of cells) {
    const h = hours[c.hour] as (typeof hours)[number];
    const w = weekdays[c.weekday] as (typeof weekdays)[number];
    h.orders += c.orders;
    h.total += c.total;
    w.orders += c.orders;
    w.total += c.total;
  }
  return {
    ...head(p),
    cells,
    hours,
    weekdays,
    orders: cells.reduce((a, c) => a + c.orders, 0),
    total: cells.reduce((a, c) => a + c.total, 0),
  };
}

/**
 * The till and staff filter as SQL on a table alias (every ledger the reports read has `till_id` and `staff_id`).
 * Only the filters asked for are in the text, so the unfiltered statement stays the one the covering indexes serve.
 */
export function filterOf(q: { tillId?: string; staffId?: string }, alias: string): { sql: string; args: string[] } {
  let sql = '';
  const args: string[] = [];
  if (q.tillId) {
    sql += ` AND ${alias}.till_id = ?`;
    args.push(q.tillId);
  }
  if (q.staffId) {
    sql += ` AND ${alias}.staff_id = ?`;
    args.push(q.staffId);
  }
  return { sql, args };
}

/** What every report starts with: the days it covers and the shop's currency. */
const head = (p: Period) => ({ from: p.q.from, to: p.q.to, currency: p.currency });

/** Each key summed over the rows, in the keys' order. */
function totalsOf<K extends string>(rows: ReadonlyArray<Record<K, number>>, keys: readonly K[]): Record<K, number> {
  const totals = {} as Record<K, number>;
  for (const k of keys) totals[k] = rows.reduce<number>((a, r) => a + r[k], 0);
  return totals;
}

const average = (total: number, orders: number) => (orders ? Math.floor(total / orders) : 0);

/** The average sale on each shop day, with how many lines and how much quantity a sale had. */
export function basket(sqlite: Sqlite, p: Period): BasketReport {
  const f = filterOf(p.q, 'o');
  const rows = stmt(
    sqlite,
    `${DAYS} SELECT d.i AS i, count(*) AS orders, sum(o.total + o.rounding) AS total,
       sum((SELECT count(*) FROM sales_lines l WHERE l.sales_order_id = o.id)) AS lines,
       sum((SELECT coalesce(sum(l.qty_milli), 0) FROM sales_lines l WHERE l.sales_order_id = o.id)) AS qtyMilli
     FROM d CROSS JOIN sales_orders o ON o.completed_at >= d.s AND o.completed_at < d.e
     WHERE o.status = 'completed'${f.sql} GROUP BY 1`,
  ).all(JSON.stringify(p.bounds), ...f.args) as Array<{
    i: number;
    orders: number;
    total: number;
    lines: number;
    qtyMilli: number;
  }>;
  const byDay = new Map(rows.map((r) => [r.i, r]));
  const days = p.days.map((day, i) => {
    const r = byDay.get(i) ?? { orders: 0, total: 0, lines: 0, qtyMilli: 0 };
    return {
      day,
      orders: r.orders,
      total: r.total,
      lines: r.lines,
      qtyMilli: r.qtyMilli,
      average: average(r.total, r.orders),
    };
  });
  const totals = totalsOf(days, ['orders', 'total', 'lines', 'qtyMilli']);
  return {
    ...head(p),
    days,
    totals: { ...totals, average: average(totals.total, totals.orders) },
  };
}

/**
 * Line discounts (F6 at the till), order discounts, and lines whose price was overridden, by the member of staff who
 * made the sale. An override's amount is the line at its regular price less what it was charged, both in the sale's
 * price basis; a manager's approval is the sale's `approved_by`.
 */
export function discounts(sqlite: Sqlite, p: Period): DiscountsReport {
  const f = filterOf(p.q, 'o');
  const rows = stmt(
    sqlite,
    `SELECT x.staff_id AS staffId, coalesce(s.name, x.staff_id) AS name, count(*) AS orders,
       sum(x.ld) AS lineDiscounts, sum(x.discount_total - x.ld) AS orderDiscounts,
       sum(x.ov) AS overrides, sum(x.ova) AS overrideAmount, sum(x.approved_by IS NOT NULL) AS approved,
       sum(x.total + x.rounding) AS total
     FROM (SELECT o.staff_id, o.discount_total, o.approved_by, o.total, o.rounding,
             (SELECT coalesce(sum(l.line_discount), 0) FROM sales_lines l WHERE l.sales_order_id = o.id) AS ld,
             (SELECT count(*) FROM sales_lines l WHERE l.sales_order_id = o.id AND l.price_overridden) AS ov,
             (SELECT coalesce(sum((l.regular_unit_price * l.qty_milli + 500) / 1000 - l.amount), 0)
                FROM sales_lines l WHERE l.sales_order_id = o.id AND l.price_overridden) AS ova
           FROM sales_orders o
           WHERE o.completed_at >= ? AND o.completed_at < ? AND o.status = 'completed'${f.sql}) x
     LEFT JOIN staff s ON s.id = x.staff_id
     WHERE x.discount_total <> 0 OR x.ov > 0
     GROUP BY x.staff_id ORDER BY sum(x.discount_total) + sum(x.ova) DESC, name`,
  ).all(p.start, p.end, ...f.args) as DiscountsReport['rows'];
  const totals = totalsOf(rows, [
    'orders',
    'lineDiscounts',
    'orderDiscounts',
    'overrides',
    'overrideAmount',
    'approved',
    'total',
  ] as const);
  return { ...head(p), rows, totals };
}

/** Tax by rate: the lines of completed sales, less the lines refunded on the days they were paid back. */
export function taxes(sqlite: Sqlite, p: Period): TaxesReport {
  const fo = filterOf(p.q, 'o');
  const fr = filterOf(p.q, 'r');
  const sales = stmt(
    sqlite,
    `SELECT l.tax_rate_bp AS rateBp, sum(l.net) AS net, sum(l.tax) AS tax ${SOLD_LINES}${fo.sql} GROUP BY 1`,
  ).all(p.start, p.end, ...fo.args) as Array<{ rateBp: number; net: number; tax: number }>;
  const refunds = stmt(
    sqlite,
    `SELECT sl.tax_rate_bp AS rateBp, sum(rl.net) AS net, sum(rl.tax) AS tax ${REFUNDED_LINES}${fr.sql} GROUP BY 1`,
  ).all(p.start, p.end, ...fr.args) as Array<{ rateBp: number; net: number; tax: number }>;
  const rates = [...new Set([...sales, ...refunds].map((r) => r.rateBp))].sort((a, b) => b - a);
  const rows = rates.map((rateBp) => {
    const s = sales.find((r) => r.rateBp === rateBp) ?? { net: 0, tax: 0 };
    const r = refunds.find((x) => x.rateBp === rateBp) ?? { net: 0, tax: 0 };
    return {
      rateBp,
      salesNet: s.net,
      salesTax: s.tax,
      refundsNet: r.net,
      refundsTax: r.tax,
      net: s.net - r.net,
      tax: s.tax - r.tax,
    };
  });
  const totals = totalsOf(rows, ['salesNet', 'salesTax', 'refundsNet', 'refundsTax', 'net', 'tax'] as const);
  return { ...head(p), rows, totals };
}

/**
 * Every active product (and any inactive one that sold): sold and returned over the days (narrowed by till and
 * staff), what it came to, and on hand at the end of the last day and now. On hand is the shop's, not a till's:
 * now less the stock moves since the end of the period (fewer rows than everything before it).
 */
export function stock(sqlite: Sqlite, p: Period): StockReport {
  const fo = filterOf(p.q, 'o');
  const fr = filterOf(p.q, 'r');
  const rows = stmt(
    sqlite,
    `WITH sold AS (
       SELECT l.product_id AS id, sum(l.qty_milli) AS qty, sum(l.total) AS sales ${SOLD_LINES}${fo.sql} GROUP BY 1),
     returned AS (
       SELECT sl.product_id AS id, sum(rl.qty_milli) AS qty ${REFUNDED_LINES}${fr.sql} GROUP BY 1)
     SELECT p.id AS productId, p.name, p.sku, p.unit, coalesce(s.qty, 0) AS soldMilli,
       coalesce(r.qty, 0) AS returnedMilli, coalesce(s.sales, 0) AS sales,
       p.stock_on_hand_milli - (SELECT coalesce(sum(m.qty_milli), 0) FROM stock_moves m
         WHERE m.product_id = p.id AND m.at >= ?) AS onHandAtEndMilli,
       p.stock_on_hand_milli AS onHandNowMilli
     FROM products p LEFT JOIN sold s ON s.id = p.id LEFT JOIN returned r ON r.id = p.id
     WHERE p.active OR s.id IS NOT NULL OR r.id IS NOT NULL
     ORDER BY soldMilli DESC, p.name, p.id`,
  ).all(p.start, p.end, ...fo.args, p.start, p.end, ...fr.args, p.end) as StockReport['rows'];
  return { ...head(p), rows };
}
