import type { CustomerAnalysis } from '../../../shared/contract/insights';
import { AppError } from '../../../shared/errors';
import type { Sqlite } from '../../db/open';
import { stmt } from '../../db/statements';
import { offsetAt } from '../zone';
import { addMonths } from './cohorts';
import { dayEnd } from './days';

/** What one customer's analysis reads from the ledgers (the RFM, CLV and rhythm parts come from their reports). */
export type CustomerFigures = Omit<CustomerAnalysis, 'asOf' | 'currency' | 'rfm' | 'clv' | 'rhythm'>;

const TOP = 5;

interface ProductRow {
  productId: string;
  name: string;
  categoryId: string | null;
  category: string | null;
  quantityMilli: number;
  spend: number;
  sales: number;
}

/**
 * One customer's purchases up to the as-of day, each part by an index on the customer: sales_orders_customer_spend,
 * sales_lines_order, payments_sales_order, refunds_customer_at, account_entries_customer_items,
 * points_entries_customer_at (see tests/integration/insights-analysis.test.ts for the query plans).
 */
export function customerFigures(sqlite: Sqlite, customerId: string, asOf: string, timeZone: string): CustomerFigures {
  const c = stmt(
    sqlite,
    `SELECT display_name AS name, balance, points_balance AS points, opening_spent AS spent, opening_orders AS orders,
       opening_first_at AS firstAt, opening_last_at AS lastAt FROM customers WHERE id = ?`,
  ).get(customerId) as
    | {
        name: string;
        balance: number;
        points: number;
        spent: number | null;
        orders: number | null;
        firstAt: number | null;
        lastAt: number | null;
      }
    | undefined;
  if (!c) throw new AppError('NOT_FOUND', 'There is no customer with that id.');
  const end = dayEnd(asOf, timeZone);
  const local = (at: number) => new Date(at + offsetAt(at, timeZone));

  const sales = stmt(
    sqlite,
    `SELECT completed_at, total, (SELECT count(*) FROM sales_lines l WHERE l.sales_order_id = o.id) FROM sales_orders o
     WHERE customer_id = ? AND completed_at < ? AND status = 'completed'`,
  )
    .raw()
    .all(customerId, end) as Array<[number, number, number]>;
  const refunds = stmt(
    sqlite,
    `SELECT at, total FROM refunds WHERE customer_id = ? AND at < ? AND status = 'completed'`,
  )
    .raw()
    .all(customerId, end) as Array<[number, number]>;

  // the 12 months ending with the as-of month
  const lastMonth = asOf.slice(0, 7);
  const months = Array.from({ length: 12 }, (_, i) => ({ month: addMonths(lastMonth, i - 11), orders: 0, spend: 0 }));
  const monthIndex = new Map(months.map((m, i) => [m.month, i]));
  const monthOf = (at: number) => monthIndex.get(local(at).toISOString().slice(0, 7));
  const weekdays = new Array<number>(7).fill(0);
  const hours = new Array<number>(24).fill(0);
  let total = 0;
  let lines = 0;
  for (const [at, value, n] of sales) {
    const t = local(at);
    const wd = (t.getUTCDay() + 6) % 7;
    weekdays[wd] = (weekdays[wd] as number) + 1;
    hours[t.getUTCHours()] = (hours[t.getUTCHours()] as number) + 1;
    total += value;
    lines += n;
    const m = monthOf(at);
    if (m !== undefined) {
      (months[m] as (typeof months)[number]).orders++;
      (months[m] as (typeof months)[number]).spend += value;
    }
  }
  for (const [at, value] of refunds) {
    const m = monthOf(at);
    if (m !== undefined) (months[m] as (typeof months)[number]).spend -= value;
  }

  const products = stmt(
    sqlite,
    `SELECT l.product_id AS productId, coalesce(p.name, max(l.name)) AS name, p.category_id AS categoryId,
       k.name AS category, sum(l.qty_milli) AS quantityMilli, sum(l.total) AS spend,
       count(DISTINCT l.sales_order_id) AS sales
     FROM sales_orders o JOIN sales_lines l ON l.sales_order_id = o.id
       LEFT JOIN products p ON p.id = l.product_id LEFT JOIN product_categories k ON k.id = p.category_id
     WHERE o.customer_id = ? AND o.completed_at < ? AND o.status = 'completed'
     GROUP BY l.product_id`,
  ).all(customerId, end) as ProductRow[];
  const top = <T extends { quantityMilli: number; spend: number }>(rows: T[], key: 'quantityMilli' | 'spend') =>
    [...rows].sort((a, b) => b[key] - a[key] || b.spend - a.spend).slice(0, TOP);
  const product = (r: ProductRow) => ({
    productId: r.productId,
    name: r.name,
    quantityMilli: r.quantityMilli,
    spend: r.spend,
    sales: r.sales,
  });
  const categories = new Map<string, CustomerFigures['favouriteCategories']['bySpend'][number]>();
  for (const r of products) {
    const key = r.categoryId ?? '';
    const k = categories.get(key) ?? {
      categoryId: r.categoryId,
      name: r.category ?? 'No category',
      quantityMilli: 0,
      spend: 0,
    };
    k.quantityMilli += r.quantityMilli;
    k.spend += r.spend;
    categories.set(key, k);
  }

  const paymentMethods = stmt(
    sqlite,
    `SELECT p.method AS method, sum(p.amount) AS amount
     FROM sales_orders o JOIN payments p ON p.sales_order_id = o.id
     WHERE o.customer_id = ? AND o.completed_at < ? AND o.status = 'completed'
     GROUP BY p.method ORDER BY amount DESC, method`,
  ).all(customerId, end) as Array<{ method: string; amount: number }>;

  const opening = {
    balance: stmt(
      sqlite,
      "SELECT coalesce(sum(amount), 0) FROM account_entries INDEXED BY account_entries_customer_items WHERE customer_id = ? AND kind = 'opening'",
    )
      .pluck()
      .get(customerId) as number,
    points: stmt(
      sqlite,
      "SELECT coalesce(sum(points), 0) FROM points_entries WHERE customer_id = ? AND kind = 'opening'",
    )
      .pluck()
      .get(customerId) as number,
  };
  const imported =
    c.spent !== null ||
    c.orders !== null ||
    c.firstAt !== null ||
    c.lastAt !== null ||
    opening.balance ||
    opening.points;

  return {
    customerId,
    name: c.name,
    spendByMonth: months,
    favouriteProducts: {
      byQuantity: top(products, 'quantityMilli').map(product),
      bySpend: top(products, 'spend').map(product),
    },
    favouriteCategories: {
      byQuantity: top([...categories.values()], 'quantityMilli'),
      bySpend: top([...categories.values()], 'spend'),
    },
    basket: {
      orders: sales.length,
      averageValue: sales.length ? Math.round(total / sales.length) : 0,
      averageLines: sales.length ? Math.round((lines / sales.length) * 10) / 10 : 0,
    },
    visits: { weekdays, hours },
    paymentMethods,
    balance: c.balance,
    pointsBalance: c.points,
    opening: imported
      ? {
          spent: c.spent,
          orders: c.orders,
          firstAt: c.firstAt,
          lastAt: c.lastAt,
          balance: opening.balance,
          points: opening.points,
        }
      : null,
  };
}
