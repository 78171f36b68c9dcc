import { z } from 'zod';
import { CURRENCY_CODES } from '../money';
import { ROLES } from '../permissions';
import { Barcode, PRODUCT_UNITS, Price, Product, QtyMilli } from './catalog';
import { EpochMs, Id, Pin } from './common';
import { procedure } from './define';

export const PAYMENT_METHODS = [
  'cash',
  'card',
  'mobile_money',
  'bank_transfer',
  'on_account',
  'store_credit',
  'points',
] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
/** Methods a shop can switch on at the till (points come with loyalty). */
export const TILL_PAYMENT_METHODS = [
  'cash',
  'card',
  'mobile_money',
  'bank_transfer',
  'on_account',
  'store_credit',
] as const;

/** A percent in basis points (1000 = 10%) or an amount in minor units. */
export const Discount = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percent'), bp: z.number().int().min(0).max(10_000) }),
  z.object({ kind: z.literal('amount'), amount: Price }),
]);
export type Discount = z.infer<typeof Discount>;

export const CartLine = z.object({
  productId: Id,
  qtyMilli: QtyMilli,
  /** a manual price per unit (needs the sales.overridePrice permission or a manager's approval); absent = resolved */
  unitPrice: Price.nullable().optional(),
  discount: Discount.nullable().optional(),
});
export type CartLine = z.output<typeof CartLine>;

export const Cart = z.object({
  lines: z.array(CartLine).max(500),
  customerId: Id.nullable().default(null),
  orderDiscount: Discount.nullable().default(null),
});
export type Cart = z.output<typeof Cart>;

/** A manager (or owner) types their PIN at the till to allow what the cashier may not do alone. */
/**
 * A manager's approval sent with a sale: the token `sales.approve` gave for this cart (scoped to the cashier, the
 * cart and the kinds approved; used up when the sale completes), or the manager's PIN typed for this one request.
 */
export const Approval = z.object({
  staffId: Id,
  pin: Pin.optional(),
  token: z.string().min(16).max(100).optional(),
});
export type Approval = z.infer<typeof Approval>;

export const PricedLine = z.object({
  lineNo: z.number().int().positive(),
  productId: Id,
  name: z.string(),
  sku: z.string().nullable(),
  unit: z.enum(PRODUCT_UNITS),
  qtyMilli: z.number().int(),
  regularUnitPrice: z.number().int(),
  /** the unit price charged before discounts (a price rule's or a manual override) */
  unitPrice: z.number().int(),
  priceRuleId: z.string().nullable(),
  /** why this price: 'regular', 'override', or the rule's description */
  priceReason: z.string(),
  priceOverridden: z.boolean(),
  discount: Discount.nullable(),
  /** qty × unit price, in the store's price basis (tax included when prices include tax) */
  amount: z.number().int(),
  lineDiscount: z.number().int(),
  orderDiscountShare: z.number().int(),
  taxRateBp: z.number().int(),
  tax: z.number().int(),
  /** without tax, after all discounts */
  net: z.number().int(),
  /** net + tax */
  total: z.number().int(),
});
export type PricedLine = z.infer<typeof PricedLine>;

export const ApprovalNeed = z.object({
  kind: z.enum(['discount', 'priceOverride', 'creditLimit']),
  lineNo: z.number().int().nullable(),
  message: z.string(),
});
export type ApprovalNeed = z.infer<typeof ApprovalNeed>;

export const Totals = z.object({
  currency: z.enum(CURRENCY_CODES),
  pricesIncludeTax: z.boolean(),
  /** Σ line amounts before discounts */
  subtotal: z.number().int(),
  lineDiscountTotal: z.number().int(),
  orderDiscount: z.number().int(),
  discountTotal: z.number().int(),
  taxTotal: z.number().int(),
  /** Σ line totals: what the customer pays (before cash rounding) */
  total: z.number().int(),
  /** the same lines at regular prices with no discounts */
  regularTotal: z.number().int(),
  /** regularTotal − total, for "you saved" */
  savings: z.number().int(),
  /** the amount due when paying (partly) in cash, after the currency's cash rounding */
  cashTotal: z.number().int(),
  cashRounding: z.number().int(),
  taxes: z.array(z.object({ rateBp: z.number().int(), net: z.number().int(), tax: z.number().int() })),
});
export type Totals = z.infer<typeof Totals>;

export const Quote = Totals.extend({
  /** a whole-order offer's amount off (part of discountTotal) and its name, for the till to say why */
  offerDiscount: z.number().int().default(0),
  offerReason: z.string().nullable().default(null),
  lines: z.array(PricedLine),
  /** what needs a manager's PIN before this sale can complete (empty when approved or within limits) */
  approvalsNeeded: z.array(ApprovalNeed),
});
export type Quote = z.infer<typeof Quote>;

export const PaymentInput = z.object({
  method: z.enum(PAYMENT_METHODS),
  /** for cash: what the customer handed over (change is worked out); otherwise the amount paid this way */
  amount: Price.refine((n) => n > 0, 'an amount above zero'),
  /** mobile money needs the transaction reference; card/bank optional */
  reference: z.string().trim().max(100).optional(),
  note: z.string().trim().max(300).optional(),
});
export type PaymentInput = z.output<typeof PaymentInput>;

export const IdempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{8,100}$/, 'an idempotency key is 8 to 100 letters, digits or - _ . :');

export const CompleteInput = z.object({
  cart: Cart,
  payments: z.array(PaymentInput).min(1, 'choose how the customer pays').max(10),
  /** made once per sale by the till (e.g. a UUID); a retry with the same key returns the same sale */
  idempotencyKey: IdempotencyKey,
  approval: Approval.optional(),
  /** the parked sale this came from, removed when the sale completes */
  parkedId: Id.optional(),
});
export type CompleteInput = z.output<typeof CompleteInput>;

export const Payment = z.object({
  id: Id,
  method: z.enum(PAYMENT_METHODS),
  amount: z.number().int(),
  tendered: z.number().int().nullable(),
  change: z.number().int().nullable(),
  reference: z.string().nullable(),
  note: z.string().nullable(),
  reversesId: Id.nullable(),
  at: EpochMs,
});
export type Payment = z.infer<typeof Payment>;

export const SalesLine = PricedLine.extend({ id: Id });
export type SalesLine = z.infer<typeof SalesLine>;

export const SalesOrder = z.object({
  id: Id,
  number: z.string(),
  status: z.enum(['completed', 'voided']),
  customerId: Id.nullable(),
  customerName: z.string().nullable(),
  staffId: Id,
  staffName: z.string().nullable(),
  currency: z.enum(CURRENCY_CODES),
  pricesIncludeTax: z.boolean(),
  subtotal: z.number().int(),
  discountTotal: z.number().int(),
  taxTotal: z.number().int(),
  rounding: z.number().int(),
  total: z.number().int(),
  regularTotal: z.number().int(),
  savings: z.number().int(),
  /** paid now (cash applied, card, mobile money, bank) */
  paidTotal: z.number().int(),
  onAccountTotal: z.number().int(),
  changeGiven: z.number().int(),
  orderDiscount: Discount.nullable(),
  approvedBy: Id.nullable(),
  completedAt: EpochMs,
  voidedAt: EpochMs.nullable(),
  voidedBy: Id.nullable(),
  voidReason: z.string().nullable(),
  lines: z.array(SalesLine),
  payments: z.array(Payment),
});
export type SalesOrder = z.infer<typeof SalesOrder>;

export const CompleteResult = z.object({
  order: SalesOrder,
  /** true when this key had already completed the sale: nothing new was written */
  replayed: z.boolean(),
  printJobId: Id.nullable(),
});
export type CompleteResult = z.infer<typeof CompleteResult>;

export const ParkedSale = z.object({
  id: Id,
  label: z.string(),
  customerId: Id.nullable(),
  customerName: z.string().nullable(),
  cart: Cart,
  lineCount: z.number().int(),
  staffId: Id,
  staffName: z.string().nullable(),
  createdAt: EpochMs,
  updatedAt: EpochMs,
});
export type ParkedSale = z.infer<typeof ParkedSale>;

/** What the till shows about an attached customer. */
export const TillCustomer = z.object({
  id: Id,
  displayName: z.string(),
  status: z.enum(['active', 'inactive', 'merged']),
  categoryId: Id.nullable(),
  categoryName: z.string().nullable(),
  phonePrimary: z.string().nullable(),
  loyaltyCardNo: z.string().nullable(),
  notes: z.string(),
  notesImportant: z.boolean(),
  lastActivityAt: EpochMs.nullable(),
  balance: z.number().int(),
  pointsBalance: z.number().int(),
  creditLimit: z.number().int().nullable(),
});
export type TillCustomer = z.infer<typeof TillCustomer>;

/** A scanned or typed code, resolved in the architecture's order: loyalty card, product, document number. */
export const LookupResult = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('customer'), code: z.string(), customer: TillCustomer }),
  z.object({ kind: z.literal('product'), code: z.string(), product: Product }),
  z.object({ kind: z.literal('sale'), code: z.string(), id: Id, number: z.string(), status: z.string() }),
  z.object({ kind: z.literal('refund'), code: z.string(), id: Id, number: z.string(), salesOrderId: Id }),
  z.object({ kind: z.literal('unknown'), code: z.string(), message: z.string() }),
]);
export type LookupResult = z.infer<typeof LookupResult>;

/**
 * How the till tells a keyboard-wedge scan from typing: the typical (median) pause between a scan's keys may be at
 * most `maxGapMs`. Capped at 120 ms so a person typing (150 ms a key and slower) always stays typing.
 */
export const WedgeSettings = z.object({
  maxGapMs: z.number().int().min(5).max(120),
  minLength: z.number().int().min(2).max(64),
});
export type WedgeSettings = z.infer<typeof WedgeSettings>;

export const TillSettings = z.object({
  paymentMethods: z.array(z.enum(TILL_PAYMENT_METHODS)).min(1, 'at least one payment method'),
  /** cash payments are rounded to the nearest multiple of this many minor units; 1 (or absent) = no rounding */
  cashRounding: z.partialRecord(z.enum(CURRENCY_CODES), z.number().int().min(1).max(1_000_000)),
  /** the largest discount, in percent of the sale or a line, each role may give without a manager's PIN */
  discountLimitPercent: z.object(
    Object.fromEntries(ROLES.map((r) => [r, z.number().min(0).max(100)])) as Record<
      (typeof ROLES)[number],
      z.ZodNumber
    >,
  ),
  /** days until an on-account invoice falls due when neither the customer nor their category says (0 = on receipt) */
  defaultPaymentTermsDays: z.number().int().min(0).max(365),
  /** keyboard-wedge scanners (src/renderer/features/till/wedge.ts); absent = the defaults there */
  wedge: WedgeSettings.optional(),
});
export type TillSettings = z.infer<typeof TillSettings>;

export const sales = {
  /** prices a cart as the till shows it, live; writes nothing */
  quote: procedure({
    input: z.object({ cart: Cart, approval: Approval.optional() }),
    output: Quote,
    permission: 'sales.sell',
  }),
  complete: procedure({ input: CompleteInput, output: CompleteResult, permission: 'sales.sell' }),
  get: procedure({
    input: z.union([z.object({ id: Id }), z.object({ number: z.string().trim().min(1).max(40) })]),
    output: SalesOrder,
    permission: 'sales.sell',
  }),
  void: procedure({
    input: z.object({ id: Id, reason: z.string().trim().min(1, 'say why the sale is voided').max(300) }),
    output: SalesOrder,
    permission: 'sales.void',
  }),
  park: procedure({
    input: z.object({ cart: Cart, label: z.string().trim().max(60).optional(), id: Id.optional() }),
    output: ParkedSale,
    permission: 'sales.sell',
  }),
  parked: procedure({ input: z.null(), output: z.array(ParkedSale), permission: 'sales.sell' }),
  /** takes a parked sale back to the till; it stays parked until its sale completes, is parked again or discarded */
  resume: procedure({ input: z.object({ id: Id }), output: ParkedSale, permission: 'sales.sell' }),
  discardParked: procedure({ input: z.object({ id: Id }), output: z.null(), permission: 'sales.sell' }),
  lookupCode: procedure({ input: z.object({ code: Barcode }), output: LookupResult, permission: 'till.use' }),
  /** checks a manager's PIN before the till sends an approval with a sale; audited */
  approve: procedure({
    input: z.object({
      staffId: Id,
      pin: Pin,
      action: z.enum(['discount', 'priceOverride', 'creditLimit']),
      /** the cart being approved: the answer then carries a token valid for exactly this cart, once */
      cart: Cart.optional(),
    }),
    output: z.object({ staffId: Id, name: z.string(), role: z.enum(ROLES), token: z.string().nullable() }),
    permission: 'sales.sell',
  }),
  settings: procedure({ input: z.null(), output: TillSettings, permission: 'session' }),
  updateSettings: procedure({ input: TillSettings.partial(), output: TillSettings, permission: 'settings.edit' }),
};
