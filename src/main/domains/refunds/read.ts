import type { OrderWithRefunds, Refund, RefundableLine, RefundLine } from '../../../shared/contract/refunds';
import { AppError } from '../../../shared/errors';
import { stmt } from '../../db/statements';
import type { Deps } from '../deps';
import { documentIdOf } from '../documents';
import type { SalesOrders } from '../sales/orders';

/** A refund with its sale's number and currency, its customer's and cashier's names (no lines). */
export const REFUND_SQL = `SELECT r.id, r.number, r.sales_order_id AS salesOrderId, o.number AS saleNumber,
  r.customer_id AS customerId, c.display_name AS customerName, r.status, r.method, o.currency, r.subtotal,
  r.tax_total AS taxTotal, r.total, r.reason, r.staff_id AS staffId, s.name AS staffName, r.at,
  r.cancelled_at AS cancelledAt, r.cancelled_by AS cancelledBy, r.cancel_reason AS cancelReason
  FROM refunds r JOIN sales_orders o ON o.id = r.sales_order_id LEFT JOIN customers c ON c.id = r.customer_id
  LEFT JOIN staff s ON s.id = r.staff_id`;

const LINES_SQL = `SELECT rl.id, rl.sales_line_id AS salesLineId, sl.line_no AS lineNo, sl.name, sl.unit,
  rl.qty_milli AS qtyMilli, rl.net, rl.tax, rl.total, rl.restock
  FROM refund_lines rl JOIN sales_lines sl ON sl.id = rl.sales_line_id WHERE rl.refund_id = ? ORDER BY sl.line_no`;

/** Per sales line: sold, and what refunds not cancelled took back (quantity and money). */
const CHARGED_SQL = `SELECT sl.id AS salesLineId, sl.line_no AS lineNo, sl.name, sl.unit, sl.product_id AS productId,
  sl.qty_milli AS qtyMilli, sl.net, sl.tax, sl.total,
  coalesce(sum(rl.qty_milli), 0) AS refundedQtyMilli, coalesce(sum(rl.net), 0) AS refundedNet,
  coalesce(sum(rl.tax), 0) AS refundedTax
  FROM sales_lines sl
  LEFT JOIN refund_lines rl ON rl.sales_line_id = sl.id
    AND rl.refund_id IN (SELECT id FROM refunds WHERE sales_order_id = sl.sales_order_id AND status = 'completed')
  WHERE sl.sales_order_id = ? GROUP BY sl.id ORDER BY sl.line_no`;

export interface ChargedLine {
  salesLineId: string;
  lineNo: number;
  name: string;
  unit: RefundableLine['unit'];
  productId: string;
  qtyMilli: number;
  net: number;
  tax: number;
  total: number;
  refundedQtyMilli: number;
  refundedNet: number;
  refundedTax: number;
}

/** Reads refunds and what is left to refund of a sale. */
export class RefundReads {
  constructor(
    private deps: Deps,
    private orders: SalesOrders,
  ) {}

  idOf(ref: { id: string } | { number: string }): string {
    return documentIdOf(this.deps, { table: 'refunds', word: 'refund' }, ref);
  }

  find(id: string): Refund | null {
    const r = stmt(this.deps.sqlite, `${REFUND_SQL} WHERE r.id = ?`).get(id) as Omit<Refund, 'lines'> | undefined;
    if (!r) return null;
    const lines = (
      stmt(this.deps.sqlite, LINES_SQL).all(id) as Array<Omit<RefundLine, 'restock'> & { restock: number }>
    ).map((l) => ({ ...l, restock: l.restock === 1 }));
    return { ...r, lines };
  }

  get(ref: { id: string } | { number: string }): Refund {
    const id = this.idOf(ref);
    const r = this.find(id);
    if (!r) throw new AppError('NOT_FOUND', 'That refund was not found.', { id });
    return r;
  }

  charged(salesOrderId: string): ChargedLine[] {
    return stmt(this.deps.sqlite, CHARGED_SQL).all(salesOrderId) as ChargedLine[];
  }

  /** Refunds not cancelled: their total, and the part that went back as money rather than account credit. */
  refundedSoFar(salesOrderId: string): { total: number; money: number } {
    return stmt(
      this.deps.sqlite,
      `SELECT coalesce(sum(total), 0) AS total, coalesce(sum(CASE WHEN method = 'on_account' THEN 0 ELSE total END), 0)
         AS money FROM refunds WHERE sales_order_id = ? AND status = 'completed'`,
    ).get(salesOrderId) as { total: number; money: number };
  }

  forOrder(ref: { id: string } | { number: string }): OrderWithRefunds {
    const order = this.orders.get(ref);
    const ids = stmt(this.deps.sqlite, 'SELECT id FROM refunds WHERE sales_order_id = ? ORDER BY at, id').all(
      order.id,
    ) as Array<{ id: string }>;
    const refunds = ids.map((r) => this.get({ id: r.id }));
    const lines = this.charged(order.id).map((l) => ({
      salesLineId: l.salesLineId,
      lineNo: l.lineNo,
      name: l.name,
      unit: l.unit,
      soldQtyMilli: l.qtyMilli,
      refundedQtyMilli: l.refundedQtyMilli,
      refundableQtyMilli: l.qtyMilli - l.refundedQtyMilli,
      net: l.net,
      tax: l.tax,
      total: l.total,
    }));
    const so = this.refundedSoFar(order.id);
    const taken = order.paidTotal + order.onAccountTotal;
    const refundableTotal = Math.max(0, taken - so.total);
    const refundableMoney = Math.max(0, Math.min(refundableTotal, order.paidTotal - so.money));
    const blockedReason =
      order.status === 'voided'
        ? `${order.number} was voided: nothing is left to refund.`
        : lines.every((l) => l.refundableQtyMilli === 0) || refundableTotal === 0
          ? `Everything on ${order.number} has been refunded.`
          : null;
    return { order, refunds, lines, refundableTotal, refundableMoney, blockedReason };
  }
}
