import { z } from 'zod';
import { LANGUAGES } from '../../../shared/contract/system';
import { CURRENCY_CODES } from '../../../shared/money';

/**
 * What each template prints, snapshotted into print_jobs.data when the job is queued: a reprint next year shows the
 * shop name and prices of the day of the sale, not today's.
 */
export const StoreHeader = z.object({
  name: z.string(),
  address: z.string().default(''),
  phone: z.string().default(''),
  taxId: z.string().default(''),
  header: z.string().default(''),
  footer: z.string().default(''),
  locale: z.string().default('en'),
  timeZone: z.string().default('UTC'),
  /** the language the paper is printed in: the customer's when Counterline speaks it, else the shop's */
  language: z.enum(LANGUAGES).catch('en').default('en'),
});
export type StoreHeader = z.output<typeof StoreHeader>;

const Money = z.number().int();

export const ReceiptCustomer = z.object({
  name: z.string(),
  cardNo: z.string().nullable().default(null),
  /** what the customer still owes on account after this document (positive = owes) */
  accountBalance: Money.nullable().default(null),
  pointsEarned: z.number().int().nullable().default(null),
  pointsRedeemed: z.number().int().nullable().default(null),
  pointsBalance: z.number().int().nullable().default(null),
});

export const ReceiptPayment = z.object({
  method: z.string(),
  amount: Money,
  tendered: Money.nullable().default(null),
  change: Money.nullable().default(null),
  reference: z.string().nullable().default(null),
});

export const SaleReceiptData = z.object({
  store: StoreHeader,
  currency: z.enum(CURRENCY_CODES),
  number: z.string(),
  at: z.number().int(),
  staffName: z.string().nullable().default(null),
  lines: z.array(
    z.object({
      name: z.string(),
      qtyMilli: z.number().int(),
      unit: z.string().default('piece'),
      unitPrice: Money,
      amount: Money,
      /** line discount plus its share of the order discount, positive */
      discount: Money.default(0),
      total: Money,
    }),
  ),
  pricesIncludeTax: z.boolean().default(true),
  subtotal: Money,
  discountTotal: Money.default(0),
  taxTotal: Money.default(0),
  taxes: z.array(z.object({ rateBp: z.number().int(), net: Money, tax: Money })).default([]),
  rounding: Money.default(0),
  total: Money,
  savings: Money.default(0),
  payments: z.array(ReceiptPayment).default([]),
  changeGiven: Money.default(0),
  onAccountTotal: Money.default(0),
  customer: ReceiptCustomer.nullable().default(null),
  /** a reprint says so on the paper */
  copy: z.boolean().default(false),
  /** open the cash drawer (a cash sale) when the printer profile allows it */
  openDrawer: z.boolean().default(false),
});
export type SaleReceiptData = z.output<typeof SaleReceiptData>;

export const RefundReceiptData = z.object({
  store: StoreHeader,
  currency: z.enum(CURRENCY_CODES),
  number: z.string(),
  saleNumber: z.string(),
  at: z.number().int(),
  staffName: z.string().nullable().default(null),
  reason: z.string().default(''),
  method: z.string(),
  lines: z.array(z.object({ name: z.string(), qtyMilli: z.number().int(), total: Money })),
  taxTotal: Money.default(0),
  total: Money,
  customer: ReceiptCustomer.nullable().default(null),
  copy: z.boolean().default(false),
});
export type RefundReceiptData = z.output<typeof RefundReceiptData>;

export const PaymentReceiptData = z.object({
  store: StoreHeader,
  currency: z.enum(CURRENCY_CODES),
  number: z.string(),
  at: z.number().int(),
  staffName: z.string().nullable().default(null),
  customer: ReceiptCustomer,
  payments: z.array(ReceiptPayment).min(1),
  /** the debt before this payment */
  balanceBefore: Money,
  copy: z.boolean().default(false),
});
export type PaymentReceiptData = z.output<typeof PaymentReceiptData>;

export const LoyaltyCardData = z.object({
  store: StoreHeader,
  customerName: z.string(),
  cardNo: z.string(),
  at: z.number().int(),
  pointsBalance: z.number().int().nullable().default(null),
});
export type LoyaltyCardData = z.output<typeof LoyaltyCardData>;

export const TestPageData = z.object({
  store: StoreHeader,
  printerName: z.string(),
  uri: z.string(),
  at: z.number().int(),
  profile: z.string().default(''),
});
export type TestPageData = z.output<typeof TestPageData>;
