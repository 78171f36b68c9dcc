import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { PRODUCT_UNITS } from '../../../shared/contract/catalog';
import { PAYMENT_METHODS } from '../../../shared/contract/sales';
import { products } from './catalog';
import { customers } from './customers';

export const SALE_STATUSES = ['completed', 'voided'] as const;
export const DISCOUNT_KINDS = ['percent', 'amount'] as const;

export const salesOrders = sqliteTable(
  'sales_orders',
  {
    id: text('id').primaryKey(),
    /** S-000123 from this till's document counter */
    number: text('number').notNull(),
    customerId: text('customer_id').references(() => customers.id),
    staffId: text('staff_id').notNull(),
    status: text('status', { enum: SALE_STATUSES }).notNull(),
    currency: text('currency').notNull(),
    /** the store's tax basis when the sale was made: line amounts include tax (true) or exclude it */
    pricesIncludeTax: integer('prices_include_tax', { mode: 'boolean' }).notNull(),
    /** Σ line amounts before any discount (minor units, price basis); see pricing.ts for each figure */
    subtotal: integer('subtotal').notNull(),
    /** line discounts + order discount */
    discountTotal: integer('discount_total').notNull(),
    taxTotal: integer('tax_total').notNull(),
    /** cash rounding applied to the amount due (signed) */
    rounding: integer('rounding').notNull().default(0),
    total: integer('total').notNull(),
    /** what the lines would have cost at regular prices, for "you saved" */
    regularTotal: integer('regular_total').notNull(),
    paidTotal: integer('paid_total').notNull(),
    onAccountTotal: integer('on_account_total').notNull().default(0),
    changeGiven: integer('change_given').notNull().default(0),
    orderDiscountKind: text('order_discount_kind', { enum: DISCOUNT_KINDS }),
    /** percent in basis points (1000 = 10%), or an amount in minor units */
    orderDiscountValue: integer('order_discount_value'),
    /** the manager whose PIN approved a discount or override over the cashier's limit */
    approvedBy: text('approved_by'),
    idempotencyKey: text('idempotency_key').notNull(),
    /** hash of the request a key was first used with: the same key with another cart is a conflict */
    requestHash: text('request_hash').notNull(),
    completedAt: integer('completed_at').notNull(),
    voidedAt: integer('voided_at'),
    voidedBy: text('voided_by'),
    voidReason: text('void_reason'),
    createdAt: integer('created_at').notNull(),
    tillId: text('till_id').notNull(),
  },
  (t) => [
    uniqueIndex('sales_orders_number').on(t.number),
    uniqueIndex('sales_orders_idempotency_key').on(t.idempotencyKey),
    // covering: a customer's rolling spend (loyalty tiers, worked out on every sale) is read from the index alone
    index('sales_orders_customer_spend').on(t.customerId, t.completedAt, t.status, t.total, t.rounding),
    // covering: the insights reports sum a window of days per customer from the index alone
    index('sales_orders_completed_customer').on(t.completedAt, t.status, t.customerId, t.total),
    // covering: daily takings narrowed to one member of staff or one till count each day's sales from the index alone.
    // Partial on completed sales, so only a query that asks for completed sales of a staff member or till can use them
    // (the shift figures, which read a till's sales and voids whatever their status, keep their plans)
    index('sales_orders_staff_completed').on(t.staffId, t.completedAt, t.tillId).where(sql`status = 'completed'`),
    index('sales_orders_till_completed').on(t.tillId, t.completedAt, t.staffId).where(sql`status = 'completed'`),
    // a shift's voids are read by when they happened: few rows, so only those are indexed
    index('sales_orders_voided').on(t.voidedAt).where(sql`voided_at IS NOT NULL`),
  ],
);

export const salesLines = sqliteTable(
  'sales_lines',
  {
    id: text('id').primaryKey(),
    salesOrderId: text('sales_order_id')
      .notNull()
      .references(() => salesOrders.id),
    lineNo: integer('line_no').notNull(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    name: text('name').notNull(),
    sku: text('sku'),
    unit: text('unit', { enum: PRODUCT_UNITS }).notNull(),
    qtyMilli: integer('qty_milli').notNull(),
    regularUnitPrice: integer('regular_unit_price').notNull(),
    /** the unit price actually charged (rule or override), before line and order discounts */
    unitPrice: integer('unit_price').notNull(),
    priceRuleId: text('price_rule_id'),
    priceReason: text('price_reason').notNull().default('regular'),
    priceOverridden: integer('price_overridden', { mode: 'boolean' }).notNull().default(false),
    /** qty × unit price in the sale's price basis (tax included when the order's prices include tax) */
    amount: integer('amount').notNull(),
    lineDiscountKind: text('line_discount_kind', { enum: DISCOUNT_KINDS }),
    lineDiscountValue: integer('line_discount_value'),
    lineDiscount: integer('line_discount').notNull().default(0),
    orderDiscountShare: integer('order_discount_share').notNull().default(0),
    taxRateBp: integer('tax_rate_bp').notNull(),
    tax: integer('tax').notNull(),
    /** after all discounts, without tax */
    net: integer('net').notNull(),
    /** net + tax: what the customer pays for this line */
    total: integer('total').notNull(),
    createdAt: integer('created_at').notNull(),
    tillId: text('till_id').notNull(),
  },
  (t) => [index('sales_lines_order').on(t.salesOrderId, t.lineNo), index('sales_lines_product').on(t.productId)],
);

export const payments = sqliteTable(
  'payments',
  {
    id: text('id').primaryKey(),
    /** null for a debt payment taken without a sale */
    salesOrderId: text('sales_order_id').references(() => salesOrders.id),
    customerId: text('customer_id').references(() => customers.id),
    method: text('method', { enum: PAYMENT_METHODS }).notNull(),
    /** signed: a reversal row is negative */
    amount: integer('amount').notNull(),
    tendered: integer('tendered'),
    change: integer('change'),
    reference: text('reference'),
    note: text('note'),
    reversesId: text('reverses_id'),
    staffId: text('staff_id'),
    at: integer('at').notNull(),
    tillId: text('till_id').notNull(),
    /** debt payments taken without a sale: a retried request never takes the money twice (sale payments: null) */
    idempotencyKey: text('idempotency_key'),
    /** tells a retry from a different payment reusing the key */
    requestHash: text('request_hash'),
  },
  (t) => [
    uniqueIndex('payments_idempotency_key').on(t.idempotencyKey),
    index('payments_sales_order').on(t.salesOrderId),
    index('payments_customer_at').on(t.customerId, t.at),
    index('payments_at').on(t.at),
    // covering: daily takings and a shift's figures sum a window of payments by method from the index alone
    index('payments_at_takings').on(t.at, t.tillId, t.method, t.salesOrderId, t.reversesId, t.amount),
    // covering: daily takings sum each day's payments of one method from the index alone (no sort of a year's rows),
    // narrowed to a till or staff member or not
    index('payments_method_at_takings').on(t.method, t.at, t.tillId, t.staffId, t.salesOrderId, t.amount),
  ],
);

export const REFUND_STATUSES = ['completed', 'cancelled'] as const;

export const refunds = sqliteTable(
  'refunds',
  {
    id: text('id').primaryKey(),
    /** R-000045 from this till's document counter */
    number: text('number').notNull(),
    salesOrderId: text('sales_order_id')
      .notNull()
      .references(() => salesOrders.id),
    customerId: text('customer_id').references(() => customers.id),
    status: text('status', { enum: REFUND_STATUSES }).notNull(),
    /** cash, the original method, or on_account (credit to the customer's account) */
    method: text('method', { enum: PAYMENT_METHODS }).notNull(),
    subtotal: integer('subtotal').notNull(),
    taxTotal: integer('tax_total').notNull(),
    total: integer('total').notNull(),
    reason: text('reason').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    staffId: text('staff_id').notNull(),
    at: integer('at').notNull(),
    cancelledAt: integer('cancelled_at'),
    cancelledBy: text('cancelled_by'),
    cancelReason: text('cancel_reason'),
    createdAt: integer('created_at').notNull(),
    tillId: text('till_id').notNull(),
  },
  (t) => [
    uniqueIndex('refunds_number').on(t.number),
    uniqueIndex('refunds_idempotency_key').on(t.idempotencyKey),
    index('refunds_sales_order').on(t.salesOrderId),
    index('refunds_customer_at').on(t.customerId, t.at),
    // covering: the insights reports take a window's refunds per customer from the index alone
    index('refunds_at_customer').on(t.at, t.status, t.customerId, t.total),
    // covering: daily takings and a shift's figures take a window's refunds by method from the index alone
    index('refunds_at_method').on(t.at, t.tillId, t.method, t.status, t.total),
    index('refunds_cancelled').on(t.cancelledAt).where(sql`cancelled_at IS NOT NULL`),
  ],
);

export const refundLines = sqliteTable(
  'refund_lines',
  {
    id: text('id').primaryKey(),
    refundId: text('refund_id')
      .notNull()
      .references(() => refunds.id),
    salesLineId: text('sales_line_id')
      .notNull()
      .references(() => salesLines.id),
    qtyMilli: integer('qty_milli').notNull(),
    net: integer('net').notNull(),
    tax: integer('tax').notNull(),
    total: integer('total').notNull(),
    restock: integer('restock', { mode: 'boolean' }).notNull(),
    createdAt: integer('created_at').notNull(),
    tillId: text('till_id').notNull(),
  },
  (t) => [index('refund_lines_refund').on(t.refundId), index('refund_lines_sales_line').on(t.salesLineId)],
);

/** A held sale; deleted when resumed or discarded (it is a draft, not a record of money). */
export const parkedSales = sqliteTable(
  'parked_sales',
  {
    id: text('id').primaryKey(),
    label: text('label').notNull(),
    customerId: text('customer_id').references(() => customers.id),
    cart: text('cart', { mode: 'json' }).notNull(),
    staffId: text('staff_id').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    tillId: text('till_id').notNull(),
  },
  (t) => [index('parked_sales_created').on(t.createdAt)],
);

export const PRINT_JOB_STATUSES = ['queued', 'printing', 'done', 'failed', 'cancelled'] as const;

/** Durable print queue: a job is stored with its data snapshot before anything is sent to a printer. */
export const printJobs = sqliteTable(
  'print_jobs',
  {
    id: text('id').primaryKey(),
    printerId: text('printer_id'),
    template: text('template').notNull(),
    data: text('data', { mode: 'json' }).notNull(),
    status: text('status', { enum: PRINT_JOB_STATUSES }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: integer('next_attempt_at'),
    salesOrderId: text('sales_order_id'),
    refundId: text('refund_id'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    tillId: text('till_id').notNull(),
  },
  (t) => [
    index('print_jobs_status_next').on(t.status, t.nextAttemptAt),
    index('print_jobs_sales_order').on(t.salesOrderId),
  ],
);
