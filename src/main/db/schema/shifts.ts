import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const SHIFT_STATUSES = ['open', 'closed'] as const;

/**
 * A cashier's time on a till, from the float counted in to the drawer counted out. Its sales, refunds and debt
 * payments are not linked row by row: they are the till's payments and refunds between opened_at and closed_at.
 * Once closed, only the manager's review may be added (triggers in 0018); the Z report is stored as it was at close.
 */
export const shifts = sqliteTable(
  'shifts',
  {
    id: text('id').primaryKey(),
    /** Z-000001 from this till's document counter */
    number: text('number').notNull(),
    tillId: text('till_id').notNull(),
    status: text('status', { enum: SHIFT_STATUSES }).notNull(),
    currency: text('currency').notNull(),
    openedBy: text('opened_by').notNull(),
    openedAt: integer('opened_at').notNull(),
    openingFloat: integer('opening_float').notNull(),
    /** the float note by note, when it was counted that way */
    floatCounts: text('float_counts', { mode: 'json' }),
    /** the cashier did not see the expected cash before counting */
    blind: integer('blind', { mode: 'boolean' }).notNull().default(false),
    closedBy: text('closed_by'),
    closedAt: integer('closed_at'),
    countedCash: integer('counted_cash'),
    counts: text('counts', { mode: 'json' }),
    expectedCash: integer('expected_cash'),
    difference: integer('difference'),
    closeNote: text('close_note'),
    /** the Z report's figures as they were at close */
    report: text('report', { mode: 'json' }),
    reviewedBy: text('reviewed_by'),
    reviewedAt: integer('reviewed_at'),
    reviewNote: text('review_note'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('shifts_number').on(t.number),
    uniqueIndex('shifts_one_open_per_till').on(t.tillId).where(sql`status = 'open'`),
    index('shifts_till_opened').on(t.tillId, t.openedAt),
    index('shifts_opened').on(t.openedAt),
  ],
);

export const CASH_MOVEMENT_KINDS = ['pay_in', 'pay_out', 'no_sale'] as const;

/** Cash in and out of the drawer that is not a sale, and drawer opens without a sale. Append-only. */
export const cashMovements = sqliteTable(
  'cash_movements',
  {
    id: text('id').primaryKey(),
    shiftId: text('shift_id')
      .notNull()
      .references(() => shifts.id),
    kind: text('kind', { enum: CASH_MOVEMENT_KINDS }).notNull(),
    /** positive; 0 for a drawer opened without a sale */
    amount: integer('amount').notNull(),
    reason: text('reason'),
    staffId: text('staff_id').notNull(),
    approvedBy: text('approved_by'),
    at: integer('at').notNull(),
    tillId: text('till_id').notNull(),
  },
  (t) => [index('cash_movements_shift').on(t.shiftId, t.at)],
);
