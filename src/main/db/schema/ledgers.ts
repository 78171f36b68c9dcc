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
    // covering: open items and aging read a customer's entries in order without touching the table
    index('account_entries_customer_items').on(
      t.customerId,
      t.at,
      t.id,
      t.amount,
      t.dueAt,
      t.kind,
      t.documentNo,
      t.reversesId,
    ),
    index('account_entries_sales_order').on(t.salesOrderId),
    index('account_entries_kind_due').on(t.kind, t.dueAt),
    // covering: what each customer paid off on account over a range of days (customer sales report)
    index('account_entries_at_kind').on(t.at, t.kind, t.customerId, t.amount),
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
    // covers the loyalty report's sums by period over the whole ledger, and the customer sales report's per customer
    index('points_entries_at_kind_points').on(t.at, t.kind, t.points, t.customerId),
  ],
);

/**
 * Which credit (payment, credit note, refund, negative adjustment, write-off) paid off which debit (invoice, opening
 * balance, positive adjustment) on the customer account. Append-only like the ledger itself: reversing a payment adds
 * rows with a negative amount that undo its allocations. An invoice's open amount = its amount − Σ allocations to it.
 */
export const accountAllocations = sqliteTable(
  'account_allocations',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    debitEntryId: text('debit_entry_id')
      .notNull()
      .references(() => accountEntries.id),
    creditEntryId: text('credit_entry_id')
      .notNull()
      .references(() => accountEntries.id),
    /** minor units, positive allocates; negative undoes an earlier allocation (payment reversed) */
    amount: integer('amount').notNull(),
    staffId: text('staff_id'),
    at: integer('at').notNull(),
    tillId: text('till_id').notNull(),
  },
  (t) => [
    // covering: what was allocated to an entry by an instant is summed from the index alone
    index('account_allocations_debit_at').on(t.debitEntryId, t.at, t.amount),
    index('account_allocations_credit_at').on(t.creditEntryId, t.at, t.amount),
    index('account_allocations_customer').on(t.customerId, t.at),
  ],
);

/** Owner's debt alerts (over limit, overdue > N days, balance above X) that a user snoozed or dismissed; latest wins. */
export const debtAlertAcks = sqliteTable(
  'debt_alert_acks',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    rule: text('rule').notNull(),
    action: text('action', { enum: ['snooze', 'dismiss'] }).notNull(),
    /** for a snooze: hidden until this instant (ms) */
    until: integer('until'),
    staffId: text('staff_id'),
    at: integer('at').notNull(),
  },
  (t) => [index('debt_alert_acks_customer').on(t.customerId, t.rule, t.at)],
);

export const LOYALTY_CARD_STATUSES = ['active', 'lost', 'replaced'] as const;

/**
 * Every loyalty card a customer has held. customers.loyalty_card_no mirrors the one active card (fast till lookup);
 * lost and replaced cards stay here so the till can refuse them with a clear message.
 */
export const loyaltyCards = sqliteTable(
  'loyalty_cards',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    cardNo: text('card_no').notNull(),
    status: text('status', { enum: LOYALTY_CARD_STATUSES }).notNull(),
    issuedAt: integer('issued_at').notNull(),
    endedAt: integer('ended_at'),
    staffId: text('staff_id'),
  },
  (t) => [uniqueIndex('loyalty_cards_card_no').on(t.cardNo), index('loyalty_cards_customer').on(t.customerId)],
);
