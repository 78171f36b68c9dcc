import { PAYMENT_METHODS, type PaymentMethod } from '../../../shared/contract/sales';
import type { ShiftReport } from '../../../shared/contract/shifts';
import type { Sqlite } from '../../db/open';
import { stmt } from '../../db/statements';

/** What a shift's figures are read over: its till, from its opening to its close (or now), both ends included. */
export interface ShiftWindow {
  shiftId: string;
  tillId: string;
  from: number;
  to: number;
  openingFloat: number;
}

type Figures = Omit<
  ShiftReport,
  'kind' | 'number' | 'tillName' | 'currency' | 'openedAt' | 'openedBy' | 'at' | 'closedBy'
>;
type MethodFigure = { method: PaymentMethod; count: number; amount: number };

/**
 * A shift's figures, read from the ledgers it did not write: the till's payments (sales, voids' reversals, debt
 * payments and their reversals) and refunds in the window, and the shift's own cash movements. Cash payments already
 * have the change taken off (payments.amount is what was kept), so expected cash needs no change line.
 */
export function shiftFigures(sqlite: Sqlite, w: ShiftWindow): Figures {
  const args = [w.tillId, w.from, w.to];
  const sales = stmt(
    sqlite,
    `SELECT count(*) AS count, coalesce(sum(total + rounding), 0) AS total,
       coalesce(sum(discount_total), 0) AS discounts, coalesce(sum(change_given), 0) AS change
     FROM sales_orders WHERE till_id = ? AND completed_at BETWEEN ? AND ?`,
  ).get(...args) as { count: number; total: number; discounts: number; change: number };
  const overrides = stmt(
    sqlite,
    `SELECT count(*) AS n FROM sales_lines l JOIN sales_orders o ON o.id = l.sales_order_id
     WHERE o.till_id = ? AND o.completed_at BETWEEN ? AND ? AND l.price_overridden = 1`,
  ).get(...args) as { n: number };
  const voids = stmt(
    sqlite,
    `SELECT count(*) AS count, coalesce(sum(total + rounding), 0) AS total
     FROM sales_orders WHERE till_id = ? AND voided_at IS NOT NULL AND voided_at BETWEEN ? AND ?`,
  ).get(...args) as { count: number; total: number };
  const pays = stmt(
    sqlite,
    `SELECT method, sales_order_id IS NULL AS debt, reverses_id IS NOT NULL AS reversal,
       count(*) AS count, coalesce(sum(amount), 0) AS amount
     FROM payments WHERE till_id = ? AND at BETWEEN ? AND ?
     GROUP BY method, sales_order_id IS NULL, reverses_id IS NOT NULL`,
  ).all(...args) as Array<{ method: PaymentMethod; debt: number; reversal: number; count: number; amount: number }>;
  const refunds = stmt(
    sqlite,
    `SELECT method, count(*) AS count, coalesce(sum(total), 0) AS amount, 1 AS sign
       FROM refunds WHERE till_id = ? AND at BETWEEN ? AND ? GROUP BY method
     UNION ALL
     SELECT method, 0 AS count, -coalesce(sum(total), 0) AS amount, -1 AS sign
       FROM refunds WHERE till_id = ? AND cancelled_at IS NOT NULL AND cancelled_at BETWEEN ? AND ? GROUP BY method`,
  ).all(...args, ...args) as Array<{ method: PaymentMethod; count: number; amount: number }>;
  const taxes = stmt(
    sqlite,
    `SELECT rate_bp AS rateBp, sum(net) AS net, sum(tax) AS tax FROM (
       SELECT l.tax_rate_bp AS rate_bp, l.net, l.tax FROM sales_lines l JOIN sales_orders o ON o.id = l.sales_order_id
         WHERE o.till_id = ? AND o.completed_at BETWEEN ? AND ?
       UNION ALL
       SELECT l.tax_rate_bp, -l.net, -l.tax FROM sales_lines l JOIN sales_orders o ON o.id = l.sales_order_id
         WHERE o.till_id = ? AND o.voided_at IS NOT NULL AND o.voided_at BETWEEN ? AND ?
       UNION ALL
       SELECT l.tax_rate_bp, -r.net, -r.tax FROM refund_lines r JOIN refunds f ON f.id = r.refund_id
         JOIN sales_lines l ON l.id = r.sales_line_id WHERE f.till_id = ? AND f.at BETWEEN ? AND ?
       UNION ALL
       SELECT l.tax_rate_bp, r.net, r.tax FROM refund_lines r JOIN refunds f ON f.id = r.refund_id
         JOIN sales_lines l ON l.id = r.sales_line_id WHERE f.till_id = ? AND f.cancelled_at IS NOT NULL AND f.cancelled_at BETWEEN ? AND ?
     ) GROUP BY rate_bp ORDER BY rate_bp`,
  ).all(...args, ...args, ...args, ...args) as Array<{ rateBp: number; net: number; tax: number }>;
  const moves = stmt(
    sqlite,
    `SELECT kind, count(*) AS count, coalesce(sum(amount), 0) AS amount FROM cash_movements
     WHERE shift_id = ? GROUP BY kind`,
  ).all(w.shiftId) as Array<{ kind: string; count: number; amount: number }>;

  const salePays = pays.filter((p) => !p.debt);
  const debtPays = pays.filter((p) => p.debt);
  const cashOf = (rows: typeof pays, reversal: boolean) =>
    rows.filter((p) => p.method === 'cash' && !!p.reversal === reversal).reduce((a, p) => a + p.amount, 0);
  const move = (kind: string) => moves.find((m) => m.kind === kind) ?? { count: 0, amount: 0 };
  const refundsByMethod = byMethod(refunds.map((r) => ({ ...r, reversal: 0 })));
  const cash = {
    float: w.openingFloat,
    sales: cashOf(salePays, false),
    voids: cashOf(salePays, true),
    refunds: refundsByMethod.find((r) => r.method === 'cash')?.amount ?? 0,
    debtPayments: debtPays.filter((p) => p.method === 'cash').reduce((a, p) => a + p.amount, 0),
    payIns: move('pay_in').amount,
    payOuts: move('pay_out').amount,
  };
  const expected = cash.float + cash.sales + cash.voids - cash.refunds + cash.debtPayments + cash.payIns - cash.payOuts;
  const debtByMethod = byMethod(debtPays);
  return {
    shiftId: w.shiftId,
    sales: { count: sales.count, total: sales.total },
    voids,
    payments: byMethod(salePays),
    refunds: {
      count: refunds.reduce((a, r) => a + r.count, 0),
      total: refunds.reduce((a, r) => a + r.amount, 0),
      byMethod: refundsByMethod,
    },
    discounts: { total: sales.discounts, priceOverrides: overrides.n },
    taxes: taxes.filter((t) => t.net !== 0 || t.tax !== 0),
    debtCollected: {
      count: debtByMethod.reduce((a, r) => a + r.count, 0),
      total: debtByMethod.reduce((a, r) => a + r.amount, 0),
      byMethod: debtByMethod,
    },
    payIns: { count: move('pay_in').count, total: move('pay_in').amount },
    payOuts: { count: move('pay_out').count, total: move('pay_out').amount },
    noSales: move('no_sale').count,
    changeGiven: sales.change,
    cash: { ...cash, expected, counted: null, difference: null },
  };
}

/** Rows summed per method, in the contract's order; a reversal's row counts no new payment. */
function byMethod(
  rows: Array<{ method: PaymentMethod; reversal: number; count: number; amount: number }>,
): MethodFigure[] {
  const out = new Map<PaymentMethod, MethodFigure>();
  for (const r of rows) {
    const f = out.get(r.method) ?? { method: r.method, count: 0, amount: 0 };
    if (!r.reversal) f.count += r.count;
    f.amount += r.amount;
    out.set(r.method, f);
  }
  return [...out.values()].sort((a, b) => PAYMENT_METHODS.indexOf(a.method) - PAYMENT_METHODS.indexOf(b.method));
}
