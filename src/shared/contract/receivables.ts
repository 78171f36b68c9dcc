import { z } from 'zod';
import { CURRENCY_CODES } from '../money';
import { EpochMs, Id } from './common';
import { procedure } from './define';
import { IdempotencyKey } from './sales';

/** What the shop does when an on-account sale takes a customer over their credit limit. */
export const CREDIT_POLICIES = ['warn', 'block', 'approve'] as const;
export type CreditPolicy = (typeof CREDIT_POLICIES)[number];

/** Ways a customer pays a debt at the counter (not on account, store credit or points: those are not money in). */
export const RECEIPT_METHODS = ['cash', 'card', 'mobile_money', 'bank_transfer'] as const;
export type ReceiptMethod = (typeof RECEIPT_METHODS)[number];

const Amount = z.number().int().min(1, 'an amount above zero').max(Number.MAX_SAFE_INTEGER);
const SignedAmount = z
  .number()
  .int()
  .min(-Number.MAX_SAFE_INTEGER)
  .max(Number.MAX_SAFE_INTEGER)
  .refine((n) => n !== 0, 'an amount other than zero');
const Reason = z.string().trim().min(1, 'say why').max(300);
const Ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

export const ReceivablesSettings = z.object({
  /** minor units; null = no limit for customers without their own (customers.credit_limit null) */
  defaultCreditLimit: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable(),
  creditPolicy: z.enum(CREDIT_POLICIES),
});
export type ReceivablesSettings = z.infer<typeof ReceivablesSettings>;

/** A debit (invoice, opening balance, positive adjustment, reversed payment…) with what is still open on it. */
export const OpenDebit = z.object({
  entryId: Id,
  kind: z.string(),
  documentNo: z.string().nullable(),
  at: EpochMs,
  dueAt: EpochMs,
  amount: z.number().int(),
  open: z.number().int(),
});
export type OpenDebit = z.infer<typeof OpenDebit>;

export const TillAccountSummary = z.object({
  customerId: Id,
  currency: z.enum(CURRENCY_CODES),
  /** Σ ledger entries: positive = owes, negative = the customer's credit */
  balance: z.number().int(),
  /** open amounts of debits whose due date has passed */
  overdue: z.number().int(),
  oldestDueAt: EpochMs.nullable(),
  /** the limit in force: the customer's own, else the store default; null = no limit */
  creditLimit: z.number().int().nullable(),
  limitSource: z.enum(['customer', 'store', 'none']),
  /** what may still go on account before the limit (null = no limit) */
  creditLeft: z.number().int().nullable(),
  /** the negative balance the till can take as a payment */
  storeCredit: z.number().int(),
  policy: z.enum(CREDIT_POLICIES),
});
export type TillAccountSummary = z.infer<typeof TillAccountSummary>;

export const Allocation = z.object({
  debitEntryId: Id,
  documentNo: z.string().nullable(),
  amount: z.number().int(),
});
export type Allocation = z.infer<typeof Allocation>;

export const ReceivePaymentInput = z.object({
  customerId: Id,
  amount: Amount,
  method: z.enum(RECEIPT_METHODS),
  /** cash handed over (change = tendered − amount); absent = exactly the amount */
  tendered: Amount.optional(),
  /** the day the customer paid, when recorded later (a bank transfer seen today); absent = now */
  paidOn: Ymd.optional(),
  reference: z.string().trim().max(100).optional(),
  note: z.string().trim().max(300).optional(),
  /** debits to settle first, in this order; the rest goes to the oldest open debits */
  debitEntryIds: z.array(Id).max(200).optional(),
  idempotencyKey: IdempotencyKey,
});
export type ReceivePaymentInput = z.output<typeof ReceivePaymentInput>;

export const AccountPayment = z.object({
  paymentId: Id,
  entryId: Id,
  number: z.string(),
  customerId: Id,
  customerName: z.string(),
  currency: z.enum(CURRENCY_CODES),
  method: z.enum(RECEIPT_METHODS),
  amount: z.number().int(),
  change: z.number().int(),
  reference: z.string().nullable(),
  at: EpochMs,
  balanceBefore: z.number().int(),
  balanceAfter: z.number().int(),
  allocations: z.array(Allocation),
  reversed: z.boolean(),
});
export type AccountPayment = z.infer<typeof AccountPayment>;

export const ReceivePaymentResult = z.object({
  payment: AccountPayment,
  replayed: z.boolean(),
  printJobId: Id.nullable(),
});
export type ReceivePaymentResult = z.infer<typeof ReceivePaymentResult>;

/** A manager's entry on the account (credit note, adjustment, write-off, opening balance) and where it went. */
export const AccountEntryResult = z.object({
  entryId: Id,
  customerId: Id,
  kind: z.string(),
  amount: z.number().int(),
  balance: z.number().int(),
  allocations: z.array(Allocation),
});
export type AccountEntryResult = z.infer<typeof AccountEntryResult>;

/** One entry of a customer's account as the customer page lists it (newest first), with the balance after it. */
export const AccountHistoryRow = z.object({
  entryId: Id,
  at: EpochMs,
  kind: z.string(),
  documentNo: z.string().nullable(),
  reason: z.string().nullable(),
  /** signed minor units: + the customer owes more, − less */
  amount: z.number().int(),
  /** the balance once this entry was made (entries in date order) */
  balance: z.number().int(),
  staffName: z.string().nullable(),
  /** a debt payment taken at the counter, not yet reversed: what receivables.reversePayment takes; else null */
  reversiblePaymentId: Id.nullable(),
  /** a payment that a manager has reversed since */
  reversed: z.boolean(),
});
export type AccountHistoryRow = z.infer<typeof AccountHistoryRow>;

export const receivables = {
  /** balance, overdue and credit left for the till's customer panel */
  tillSummary: procedure({
    input: z.object({ customerId: Id }),
    output: TillAccountSummary,
    permission: 'receivables.view',
  }),
  /** the customer page's account entries, newest first, a page at a time */
  entries: procedure({
    input: z.object({
      customerId: Id,
      cursor: z.string().max(100).optional(),
      limit: z.number().int().min(1).max(200).default(20),
    }),
    output: z.object({ rows: z.array(AccountHistoryRow), nextCursor: z.string().nullable() }),
    permission: 'receivables.view',
  }),
  /** what a payment can be allocated to, oldest first */
  openDebits: procedure({
    input: z.object({ customerId: Id }),
    output: z.object({ balance: z.number().int(), debits: z.array(OpenDebit) }),
    permission: 'receivables.view',
  }),
  receivePayment: procedure({
    input: ReceivePaymentInput,
    output: ReceivePaymentResult,
    permission: 'receivables.receive',
  }),
  /** a manager takes a payment back (bounced transfer, wrong customer): a new entry, allocations undone */
  reversePayment: procedure({
    input: z.object({ paymentId: Id, reason: Reason }),
    output: AccountEntryResult,
    permission: 'receivables.manage',
  }),
  creditNote: procedure({
    input: z.object({ customerId: Id, amount: Amount, reason: Reason }),
    output: AccountEntryResult,
    permission: 'receivables.manage',
  }),
  /** + the customer owes more, − less */
  adjust: procedure({
    input: z.object({ customerId: Id, amount: SignedAmount, reason: Reason }),
    output: AccountEntryResult,
    permission: 'receivables.manage',
  }),
  /** gives up on a debt; absent amount = the whole balance */
  writeOff: procedure({
    input: z.object({ customerId: Id, amount: Amount.optional(), reason: Reason }),
    output: AccountEntryResult,
    permission: 'receivables.manage',
  }),
  /** a balance carried over from paper or the old system; + owed, − the customer's credit */
  openingBalance: procedure({
    input: z.object({ customerId: Id, amount: SignedAmount, dueOn: Ymd.optional(), reason: Reason.optional() }),
    output: AccountEntryResult,
    permission: 'receivables.manage',
  }),
  settings: procedure({ input: z.null(), output: ReceivablesSettings, permission: 'session' }),
  updateSettings: procedure({
    input: ReceivablesSettings.partial(),
    output: ReceivablesSettings,
    permission: 'settings.edit',
  }),
};
