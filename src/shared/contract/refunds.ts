import { z } from 'zod';
import { CURRENCY_CODES } from '../money';
import { PRODUCT_UNITS } from './catalog';
import { EpochMs, Id } from './common';
import { procedure } from './define';
import { IdempotencyKey, PAYMENT_METHODS, SalesOrder } from './sales';

/** How the money goes back: cash, the way the sale was paid, or credit on the customer's account. */
export const REFUND_METHODS = ['cash', 'original', 'on_account'] as const;
export type RefundMethodChoice = (typeof REFUND_METHODS)[number];

export const RefundLineInput = z.object({
  salesLineId: Id,
  /** milli-units, up to what is still refundable on the line */
  qtyMilli: z.number().int().positive('a quantity above zero'),
  /** put the goods back on the shelf (a stock move) */
  restock: z.boolean(),
});
export type RefundLineInput = z.output<typeof RefundLineInput>;

export const CreateRefundInput = z.object({
  salesOrderId: Id,
  lines: z.array(RefundLineInput).min(1, 'choose at least one line to refund').max(500),
  method: z.enum(REFUND_METHODS),
  reason: z.string().trim().min(1, 'say why the goods come back').max(300),
  /** made once per refund attempt by the screen; a retry with the same key returns the same refund */
  idempotencyKey: IdempotencyKey,
});
export type CreateRefundInput = z.output<typeof CreateRefundInput>;

export const RefundLine = z.object({
  id: Id,
  salesLineId: Id,
  lineNo: z.number().int(),
  name: z.string(),
  unit: z.enum(PRODUCT_UNITS),
  qtyMilli: z.number().int(),
  net: z.number().int(),
  tax: z.number().int(),
  total: z.number().int(),
  restock: z.boolean(),
});
export type RefundLine = z.infer<typeof RefundLine>;

export const Refund = z.object({
  id: Id,
  number: z.string(),
  salesOrderId: Id,
  saleNumber: z.string(),
  customerId: Id.nullable(),
  customerName: z.string().nullable(),
  status: z.enum(['completed', 'cancelled']),
  /** the payment method the money went back by (on_account = credit on the customer's account) */
  method: z.enum(PAYMENT_METHODS),
  currency: z.enum(CURRENCY_CODES),
  /** Σ line net (without tax) */
  subtotal: z.number().int(),
  taxTotal: z.number().int(),
  /** what went back to the customer */
  total: z.number().int(),
  reason: z.string(),
  staffId: Id,
  staffName: z.string().nullable(),
  at: EpochMs,
  cancelledAt: EpochMs.nullable(),
  cancelledBy: Id.nullable(),
  cancelReason: z.string().nullable(),
  lines: z.array(RefundLine),
});
export type Refund = z.infer<typeof Refund>;

export const RefundableLine = z.object({
  salesLineId: Id,
  lineNo: z.number().int(),
  name: z.string(),
  unit: z.enum(PRODUCT_UNITS),
  soldQtyMilli: z.number().int(),
  refundedQtyMilli: z.number().int(),
  refundableQtyMilli: z.number().int(),
  /** the line as charged (after discounts): refunds come back in proportion to these */
  net: z.number().int(),
  tax: z.number().int(),
  total: z.number().int(),
});
export type RefundableLine = z.infer<typeof RefundableLine>;

/** A sale as the refund dialog and the customer's history open it. */
export const OrderWithRefunds = z.object({
  order: SalesOrder,
  refunds: z.array(Refund),
  lines: z.array(RefundableLine),
  /** what the sale took (paid now + on account) less refunds not cancelled */
  refundableTotal: z.number().int(),
  /** of that, what may go back in cash or the original method (the on-account part goes back to the account) */
  refundableMoney: z.number().int(),
  /** why no refund can be made (voided, everything refunded), or null */
  blockedReason: z.string().nullable(),
});
export type OrderWithRefunds = z.infer<typeof OrderWithRefunds>;

export const CreateRefundResult = z.object({
  refund: Refund,
  replayed: z.boolean(),
  printJobId: Id.nullable(),
});
export type CreateRefundResult = z.infer<typeof CreateRefundResult>;

export const RefundRow = Refund.omit({ lines: true });
export type RefundRow = z.infer<typeof RefundRow>;

export const refunds = {
  /** a sale with what can still be refunded, by id or by number (a scanned receipt barcode, e.g. S-000123) */
  start: procedure({
    input: z.union([z.object({ id: Id }), z.object({ number: z.string().trim().min(1).max(40) })]),
    output: OrderWithRefunds,
    permission: 'sales.refund',
  }),
  create: procedure({ input: CreateRefundInput, output: CreateRefundResult, permission: 'sales.refund' }),
  get: procedure({
    input: z.union([z.object({ id: Id }), z.object({ number: z.string().trim().min(1).max(40) })]),
    output: Refund,
    permission: 'sales.refund',
  }),
  /** a manager takes a refund back: reversing stock and account rows, the refund kept as cancelled */
  cancel: procedure({
    input: z.object({ id: Id, reason: z.string().trim().min(1, 'say why the refund is cancelled').max(300) }),
    output: Refund,
    permission: 'sales.void',
  }),
};
