import { z } from 'zod';
import { Id } from './common';
import { procedure } from './define';
import { IsoDate } from './insights';
import { PAYMENT_METHODS } from './sales';

/**
 * Cash drawer shifts: a cashier opens a shift on a till with a float, takes cash in and out with reasons, and closes
 * it by counting the drawer. What belongs to a shift is derived: every payment and refund on its till between its
 * opening and its closing (docs/decisions/0019-shifts-and-cash-up.md). A closed shift and its Z report never change.
 * Money is in minor units of the shop's currency.
 */

const Money = z.number().int().min(0).max(1_000_000_000_000);

export const Count = z.object({
  value: z.number().int().positive(),
  kind: z.enum(['note', 'coin']),
  qty: z.number().int().min(0).max(1_000_000),
});
export type Count = z.infer<typeof Count>;

/** Cash counted as one amount, or note by note (the amount is then their sum). */
export const CashCount = z
  .object({ amount: Money.optional(), counts: z.array(Count).max(40).optional() })
  .refine((c) => (c.amount === undefined) !== (c.counts === undefined), 'give the cash as one amount or as a count');
export type CashCount = z.infer<typeof CashCount>;

export const ManagerApproval = z.object({ staffId: Id, pin: z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits') });

export const OpenShiftInput = z.object({ float: CashCount, note: z.string().trim().max(300).optional() });
export type OpenShiftInput = z.input<typeof OpenShiftInput>;

export const CASH_MOVEMENT_KINDS = ['pay_in', 'pay_out', 'no_sale'] as const;
export type CashMovementKind = (typeof CASH_MOVEMENT_KINDS)[number];

export const CashMovementInput = z.object({
  kind: z.enum(['pay_in', 'pay_out']),
  amount: Money.refine((n) => n > 0, 'an amount above zero'),
  reason: z.string().trim().min(2, 'say what the cash is for').max(200),
  /** a manager's PIN, needed above the shop's limit */
  approval: ManagerApproval.optional(),
});
export type CashMovementInput = z.input<typeof CashMovementInput>;

export const CashMovement = z.object({
  id: Id,
  shiftId: Id,
  kind: z.enum(CASH_MOVEMENT_KINDS),
  amount: z.number().int(),
  reason: z.string().nullable(),
  staffName: z.string(),
  approvedByName: z.string().nullable(),
  at: z.number().int(),
  printJobId: z.string().nullable().optional(),
});
export type CashMovement = z.infer<typeof CashMovement>;

export const CloseShiftInput = z.object({
  counted: CashCount,
  /** why the drawer is over or short (required above the shop's threshold) */
  note: z.string().trim().max(500).optional(),
});
export type CloseShiftInput = z.input<typeof CloseShiftInput>;

const MethodFigure = z.object({ method: z.enum(PAYMENT_METHODS), count: z.number().int(), amount: z.number().int() });

/** What an X report (mid-shift, live) and a Z report (at close, stored and frozen) say. */
export const ShiftReport = z.object({
  kind: z.enum(['X', 'Z']),
  shiftId: Id,
  number: z.string(),
  tillName: z.string(),
  currency: z.string(),
  openedAt: z.number().int(),
  openedBy: z.string(),
  /** the close for a Z report, the moment it was read for an X report */
  at: z.number().int(),
  closedBy: z.string().nullable(),
  sales: z.object({ count: z.number().int(), total: z.number().int() }),
  voids: z.object({ count: z.number().int(), total: z.number().int() }),
  /** money taken for sales by each method, voids taken off (on account included: it is a way a sale was settled) */
  payments: z.array(MethodFigure),
  refunds: z.object({ count: z.number().int(), total: z.number().int(), byMethod: z.array(MethodFigure) }),
  discounts: z.object({ total: z.number().int(), priceOverrides: z.number().int() }),
  /** tax on the sales less voids and refunds, by rate (basis points) */
  taxes: z.array(z.object({ rateBp: z.number().int(), net: z.number().int(), tax: z.number().int() })),
  debtCollected: z.object({ count: z.number().int(), total: z.number().int(), byMethod: z.array(MethodFigure) }),
  payIns: z.object({ count: z.number().int(), total: z.number().int() }),
  payOuts: z.object({ count: z.number().int(), total: z.number().int() }),
  noSales: z.number().int(),
  changeGiven: z.number().int(),
  cash: z.object({
    float: z.number().int(),
    /** cash kept for sales (change already taken off) */
    sales: z.number().int(),
    /** cash handed back for voided sales (negative) */
    voids: z.number().int(),
    /** cash paid out for refunds (cancelled refunds' cash taken back in is counted against it) */
    refunds: z.number().int(),
    debtPayments: z.number().int(),
    payIns: z.number().int(),
    payOuts: z.number().int(),
    expected: z.number().int(),
    /** null until the drawer is counted (X report) */
    counted: z.number().int().nullable(),
    /** counted − expected: positive over, negative short */
    difference: z.number().int().nullable(),
  }),
});
export type ShiftReport = z.infer<typeof ShiftReport>;

export const SHIFT_STATUSES = ['open', 'closed'] as const;

export const Shift = z.object({
  id: Id,
  number: z.string(),
  tillId: Id,
  tillName: z.string(),
  status: z.enum(SHIFT_STATUSES),
  currency: z.string(),
  openedAt: z.number().int(),
  openedBy: z.string(),
  openingFloat: z.number().int(),
  floatCounts: z.array(Count).nullable(),
  blind: z.boolean(),
  closedAt: z.number().int().nullable(),
  closedBy: z.string().nullable(),
  countedCash: z.number().int().nullable(),
  counts: z.array(Count).nullable(),
  /** null while a blind shift is open and the reader may not review shifts */
  expectedCash: z.number().int().nullable(),
  difference: z.number().int().nullable(),
  closeNote: z.string().nullable(),
  reviewedAt: z.number().int().nullable(),
  reviewedBy: z.string().nullable(),
  reviewNote: z.string().nullable(),
  movements: z.array(CashMovement),
  /** the frozen Z report of a closed shift; the live X figures of an open one (expected hidden when blind) */
  report: ShiftReport.nullable(),
});
export type Shift = z.infer<typeof Shift>;

export const ShiftRow = Shift.pick({
  id: true,
  number: true,
  tillName: true,
  status: true,
  openedAt: true,
  openedBy: true,
  closedAt: true,
  closedBy: true,
  expectedCash: true,
  countedCash: true,
  difference: true,
  reviewedAt: true,
});
export type ShiftRow = z.infer<typeof ShiftRow>;

export const ShiftSettings = z.object({
  /** a cash sale needs an open shift on the till */
  requireOpenShift: z.boolean(),
  /** the cashier counts before seeing the expected cash */
  blindClose: z.boolean(),
  /** pay-ins and pay-outs above this need a manager's PIN (minor units; null: the currency's default) */
  movementLimit: z.number().int().min(0).nullable(),
  /** an over or short above this needs a note (minor units; null: the currency's default) */
  noteThreshold: z.number().int().min(0).nullable(),
});
export type ShiftSettings = z.infer<typeof ShiftSettings>;

export const ShiftRef = z.object({ id: Id });

export const shifts = {
  /** the open shift on this till, with its live X figures; null when none is open */
  current: procedure({ input: z.null(), output: Shift.nullable(), permission: 'shifts.operate' }),
  open: procedure({ input: OpenShiftInput, output: Shift, permission: 'shifts.operate' }),
  /** a pay-in or pay-out with its reason; a slip is printed */
  move: procedure({ input: CashMovementInput, output: CashMovement, permission: 'shifts.operate' }),
  /** the drawer opened without a sale: counted and audited */
  noSale: procedure({
    input: z.object({ reason: z.string().trim().max(200).optional() }),
    output: CashMovement,
    permission: 'shifts.operate',
  }),
  close: procedure({ input: CloseShiftInput, output: Shift, permission: 'shifts.operate' }),
  /** the X report of the open shift now, or a closed shift's Z report */
  report: procedure({ input: z.object({ id: Id.optional() }), output: ShiftReport, permission: 'shifts.operate' }),
  /** the report on the receipt printer, through the print queue */
  print: procedure({
    input: z.object({ id: Id.optional() }),
    output: z.object({ printJobId: z.string() }),
    permission: 'shifts.operate',
  }),
  pdf: procedure({
    input: z.object({ id: Id.optional() }),
    output: z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string(), rows: z.number().int() }),
    permission: 'shifts.operate',
  }),
  get: procedure({ input: ShiftRef, output: Shift, permission: 'shifts.review' }),
  list: procedure({
    input: z.object({
      from: IsoDate.optional(),
      to: IsoDate.optional(),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    output: z.array(ShiftRow),
    permission: 'shifts.review',
  }),
  /** a manager's review of a closed shift, once */
  review: procedure({
    input: z.object({ id: Id, note: z.string().trim().max(500).optional() }),
    output: Shift,
    permission: 'shifts.review',
  }),
  settings: procedure({ input: z.null(), output: ShiftSettings, permission: 'shifts.operate' }),
  updateSettings: procedure({ input: ShiftSettings.partial(), output: ShiftSettings, permission: 'settings.edit' }),
};
