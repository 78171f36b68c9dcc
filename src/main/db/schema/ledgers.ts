import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { customers } from './customers';

export const ACCOUNT_ENTRY_KINDS = [
  'invoice',
  'payment',
  'refund',
  'credit_note',
  'opening',
  'adjustment',
  'write_off',
  'void',
  'payment_reversal',
  'refund_cancel',
] as const;

/**
 * The customer account (receivables) ledger. Append-only: triggers refuse DELETE and any UPDATE except re-pointing
 * customer_id (a customer merge). Balance = Σ amount, cached in customers.balance in the same transaction.
 */
export const accountEntries = sqliteTable(
  'account_entries',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    kind: text('kind', { enum: ACCOUNT_ENTRY_KINDS }).notNull(),
    /** signed minor units: + the customer owes more, − they owe less */
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    /** S-000123, R-000045, a payment receipt number… */
    documentNo: text('document_no'),
    salesOrderId: text('sales_order_id'),
    refundId: text('refund_id'),
    paymentId: text('payment_id'),
    /** for invoices: when it falls due (payment terms) */
    dueAt: integer('due_at'),
    reversesId: text('reverses_id'),
    reason: text('reason'),
    staffId: text('staff_id'),
    at: integer('at').notNull(),
    tillId: text('till_id').notNull(),
  },
  (t) => [
    index('account_entries_customer_at').on(t.customerId, t.at),
    index('account_entries_sales_order').on(t.salesOrderId),
    index('account_entries_kind_due').on(t.kind, t.dueAt),
  ],
);

export const POINTS_ENTRY_KINDS = [
  'earn',
  'redeem',
  'expire',
  'adjust',
  'clawback',
  'birthday',
  'opening',
  'merge',
] as const;

/** Loyalty points ledger; append-only like account_entries. Balance cached in customers.points_balance. */
export const pointsEntries = sqliteTable(
  'points_entries',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    kind: text('kind', { enum: POINTS_ENTRY_KINDS }).notNull(),
    points: integer('points').notNull(),
    salesOrderId: text('sales_order_id'),
    refundId: text('refund_id'),
    /** unique per business operation, so a retried sale or refund can never write twice */
    operationId: text('operation_id').notNull(),
    expiresAt: integer('expires_at'),
    reason: text('reason'),
    staffId: text('staff_id'),
    at: integer('at').notNull(),
    tillId: text('till_id').notNull(),
  },
  (t) => [
    uniqueIndex('points_entries_operation').on(t.operationId),
    index('points_entries_customer_at').on(t.customerId, t.at),
    index('points_entries_sales_order').on(t.salesOrderId),
  ],
);
