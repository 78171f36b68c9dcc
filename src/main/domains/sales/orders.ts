import type { Discount, Payment, SalesLine, SalesOrder } from '../../../shared/contract/sales';
import { AppError } from '../../../shared/errors';
import type { CurrencyCode } from '../../../shared/money';
import { stmt } from '../../db/statements';
import type { Deps } from '../deps';
import { documentIdOf } from '../documents';

interface OrderRow {
  id: string;
  number: string;
  status: 'completed' | 'voided';
  customerId: string | null;
  customerName: string | null;
  staffId: string;
  staffName: string | null;
  currency: CurrencyCode;
  pricesIncludeTax: number;
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  rounding: number;
  total: number;
  regularTotal: number;
  paidTotal: number;
  onAccountTotal: number;
  changeGiven: number;
  orderDiscountKind: 'percent' | 'amount' | null;
  orderDiscountValue: number | null;
  approvedBy: string | null;
  completedAt: number;
  voidedAt: number | null;
  voidedBy: string | null;
  voidReason: string | null;
}

const ORDER_SQL = `SELECT o.id, o.number, o.status, o.customer_id AS customerId, c.display_name AS customerName,
  o.staff_id AS staffId, s.name AS staffName, o.currency, o.prices_include_tax AS pricesIncludeTax, o.subtotal, o.discount_total AS discountTotal,
  o.tax_total AS taxTotal, o.rounding, o.total, o.regular_total AS regularTotal, o.paid_total AS paidTotal,
  o.on_account_total AS onAccountTotal, o.change_given AS changeGiven, o.order_discount_kind AS orderDiscountKind,
  o.order_discount_value AS orderDiscountValue, o.approved_by AS approvedBy, o.completed_at AS completedAt,
  o.voided_at AS voidedAt, o.voided_by AS voidedBy, o.void_reason AS voidReason
  FROM sales_orders o LEFT JOIN customers c ON c.id = o.customer_id LEFT JOIN staff s ON s.id = o.staff_id`;

const LINES_SQL = `SELECT id, line_no AS lineNo, product_id AS productId, name, sku, unit, qty_milli AS qtyMilli,
  regular_unit_price AS regularUnitPrice, unit_price AS unitPrice, price_rule_id AS priceRuleId,
  price_reason AS priceReason, price_overridden AS priceOverridden, amount, line_discount_kind AS kind,
  line_discount_value AS value, line_discount AS lineDiscount, order_discount_share AS orderDiscountShare,
  tax_rate_bp AS taxRateBp, tax, net, total FROM sales_lines WHERE sales_order_id = ? ORDER BY line_no`;

const PAYMENTS_SQL = `SELECT id, method, amount, tendered, change, reference, note, reverses_id AS reversesId, at
  FROM payments WHERE sales_order_id = ? ORDER BY at, id`;

export function discountFrom(kind: 'percent' | 'amount' | null, value: number | null): Discount | null {
  if (!kind || value === null) return null;
  return kind === 'percent' ? { kind, bp: value } : { kind, amount: value };
}

/** Reads whole sales orders (order, lines, payments) as the contract shows them. */
export class SalesOrders {
  constructor(private deps: Deps) {}

  idOf(ref: { id: string } | { number: string }): string {
    return documentIdOf(this.deps, { table: 'sales_orders', word: 'sale' }, ref);
  }

  find(id: string): SalesOrder | null {
    const o = stmt(this.deps.sqlite, `${ORDER_SQL} WHERE o.id = ?`).get(id) as OrderRow | undefined;
    if (!o) return null;
    const lines = (
      stmt(this.deps.sqlite, LINES_SQL).all(id) as Array<
        Omit<SalesLine, 'discount' | 'priceOverridden'> & {
          kind: 'percent' | 'amount' | null;
          value: number | null;
          priceOverridden: number;
        }
      >
    ).map(({ kind, value, priceOverridden, ...l }) => ({
      ...l,
      priceOverridden: priceOverridden === 1,
      discount: discountFrom(kind, value),
    }));
    const payments = stmt(this.deps.sqlite, PAYMENTS_SQL).all(id) as Payment[];
    const { orderDiscountKind, orderDiscountValue, pricesIncludeTax, ...rest } = o;
    return {
      ...rest,
      pricesIncludeTax: pricesIncludeTax === 1,
      savings: Math.max(0, o.regularTotal - o.total),
      orderDiscount: discountFrom(orderDiscountKind, orderDiscountValue),
      lines,
      payments,
    };
  }

  get(ref: { id: string } | { number: string }): SalesOrder {
    const id = this.idOf(ref);
    const order = this.find(id);
    if (!order) throw new AppError('NOT_FOUND', 'That sale was not found.', { id });
    return order;
  }
}
