import { z } from 'zod';
import { CURRENCY_CODES } from '../money';
import { EpochMs, Id } from './common';
import { CustomerExportFile, EXPORT_FORMATS } from './customers';
import { procedure } from './define';
import { Language } from './system';

/** Reports on customer debts (issue 6, read side): aging, debtors, statements, reminders and alerts. */

export const YmdDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date as YYYY-MM-DD');
export const AGING_BASES = ['due', 'invoice'] as const;
export const BUCKET_KEYS = ['current', 'd1_30', 'd31_60', 'd61_90', 'over90'] as const;
export type BucketKey = (typeof BUCKET_KEYS)[number];

const Money = z.number().int();
export const BucketAmounts = z.object({
  current: Money,
  d1_30: Money,
  d31_60: Money,
  d61_90: Money,
  over90: Money,
});
export type BucketAmounts = z.infer<typeof BucketAmounts>;

export const AgingCustomer = BucketAmounts.extend({
  id: Id,
  name: z.string(),
  balance: Money,
  oldestDueAt: EpochMs.nullable(),
});
export type AgingCustomer = z.infer<typeof AgingCustomer>;

export const AgingQuery = z.object({
  /** the shop's date; today when left out */
  asOf: YmdDate.optional(),
  basis: z.enum(AGING_BASES).default('due'),
  /** a page of the customer rows (totals are always for everyone) */
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

export const AgingReport = z.object({
  asOf: YmdDate,
  currency: z.enum(CURRENCY_CODES),
  basis: z.enum(AGING_BASES),
  totals: BucketAmounts.extend({ balance: Money }),
  customerCount: z.number().int(),
  customers: z.array(AgingCustomer),
});
export type AgingReport = z.infer<typeof AgingReport>;

export const AgingItem = z.object({
  entryId: z.string(),
  kind: z.string(),
  documentNo: z.string().nullable(),
  at: EpochMs,
  dueAt: EpochMs,
  amount: Money,
  open: Money,
  daysPast: z.number().int(),
  bucket: z.enum(BUCKET_KEYS),
});

export const AgingDetail = z.object({
  customerId: Id,
  name: z.string(),
  asOf: YmdDate,
  balance: Money,
  /** credit no invoice used (shown as a negative in Current) */
  credit: Money,
  buckets: BucketAmounts,
  items: z.array(AgingItem),
});
export type AgingDetail = z.infer<typeof AgingDetail>;

export const DEBTOR_SORTS = ['balance', 'oldestDue', 'overdue'] as const;
export const OVERDUE_FILTERS = ['any', 'overdue', 'd1_30', 'd31_60', 'd61_90', 'over90', 'credit'] as const;

export const DebtorsQuery = z.object({
  sort: z.enum(DEBTOR_SORTS).default('balance'),
  /** balance and overdue: largest first by default; oldest due: oldest first */
  direction: z.enum(['asc', 'desc']).optional(),
  categoryId: Id.nullable().optional(),
  /** customers with something in this bucket ('overdue' = anything past due, 'credit' = we owe them) */
  overdue: z.enum(OVERDUE_FILTERS).default('any'),
  /** the staff member who created the customer (salesperson) */
  createdBy: Id.nullable().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type DebtorsQuery = z.output<typeof DebtorsQuery>;

export const DebtorRow = z.object({
  id: Id,
  name: z.string(),
  phone: z.string().nullable(),
  category: z.string().nullable(),
  balance: Money,
  overdue: Money,
  oldestDueAt: EpochMs.nullable(),
  creditLimit: Money.nullable(),
  buckets: BucketAmounts,
});
export type DebtorRow = z.infer<typeof DebtorRow>;

export const DebtorsPage = z.object({
  rows: z.array(DebtorRow),
  nextCursor: z.string().nullable(),
  /** every debtor the filter matches, not only this page */
  count: z.number().int(),
  total: Money,
});

/** a period of shop days, both ends included; this month so far when left out */
export const StatementQuery = z.object({ customerId: Id, from: YmdDate.optional(), to: YmdDate.optional() });

export const StatementLine = z.object({
  id: z.string(),
  at: EpochMs,
  kind: z.string(),
  documentNo: z.string().nullable(),
  description: z.string(),
  dueAt: EpochMs.nullable(),
  debit: Money,
  credit: Money,
  balance: Money,
});

export const Statement = z.object({
  customer: z.object({
    id: Id,
    name: z.string(),
    code: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    address: z.string(),
  }),
  currency: z.enum(CURRENCY_CODES),
  /** the language it is printed in: the customer's preferred one when Counterline speaks it, else the shop's */
  language: Language.default('en'),
  from: YmdDate,
  to: YmdDate,
  opening: Money,
  lines: z.array(StatementLine),
  closing: Money,
  aging: BucketAmounts,
  paymentInstructions: z.string(),
});
export type Statement = z.infer<typeof Statement>;

export const Reminder = z.object({
  text: z.string(),
  /** only for a customer who agreed to WhatsApp messages and has a mobile number */
  whatsappUrl: z.string().nullable(),
  smsUrl: z.string().nullable(),
  mailtoUrl: z.string().nullable(),
});

export const ALERT_RULES = ['overLimit', 'overdueDays', 'balanceAbove'] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

export const AlertSettings = z.object({
  overLimit: z.boolean().default(true),
  /** alert when any invoice is overdue by more than this many days; null = off */
  overdueDays: z.number().int().min(0).max(3650).nullable().default(30),
  /** alert when the balance is above this (minor units); null = off */
  balanceAbove: Money.min(0).nullable().default(null),
});

export const DebtSettings = z.object({
  alerts: AlertSettings.default({ overLimit: true, overdueDays: 30, balanceAbove: null }),
  /** printed on every statement: bank account, mobile money number… */
  paymentInstructions: z.string().max(1000).default(''),
});
export type DebtSettings = z.output<typeof DebtSettings>;

export const DebtAlert = z.object({
  customerId: Id,
  name: z.string(),
  rule: z.enum(ALERT_RULES),
  balance: Money,
  creditLimit: Money.nullable(),
  overdue: Money,
  oldestDueAt: EpochMs.nullable(),
  /** the most days any open invoice is past due */
  maxDaysPast: z.number().int(),
});
export type DebtAlert = z.infer<typeof DebtAlert>;

export const DailySummary = z.object({
  /** true the first time this staff member asks on a shop day */
  show: z.boolean(),
  date: YmdDate,
  /** invoices that fell due since the previous shop day and are still open */
  newlyOverdue: z.array(
    z.object({ customerId: Id, name: z.string(), documentNo: z.string().nullable(), open: Money, dueAt: EpochMs }),
  ),
  totalOverdue: Money,
});

export const debts = {
  aging: procedure({ input: AgingQuery, output: AgingReport, permission: 'reports.view' }),
  agingOf: procedure({
    input: z.object({ customerId: Id, asOf: YmdDate.optional(), basis: z.enum(AGING_BASES).default('due') }),
    output: AgingDetail,
    permission: 'receivables.view',
  }),
  debtors: procedure({ input: DebtorsQuery, output: DebtorsPage, permission: 'reports.view' }),
  /** aging or debtors as a file; the bytes come back base64 for the screen to save */
  export: procedure({
    input: z.object({
      what: z.enum(['aging', 'debtors']),
      format: z.enum(EXPORT_FORMATS),
      asOf: YmdDate.optional(),
      basis: z.enum(AGING_BASES).default('due'),
      filter: DebtorsQuery.omit({ cursor: true, limit: true }).optional(),
    }),
    output: CustomerExportFile,
    permission: 'reports.view',
  }),
  statement: procedure({ input: StatementQuery, output: Statement, permission: 'receivables.view' }),
  statementPdf: procedure({ input: StatementQuery, output: CustomerExportFile, permission: 'receivables.view' }),
  /** the statement on the receipt printer, through the print queue */
  statementPrint: procedure({
    input: StatementQuery,
    output: z.object({ printJobId: z.string().nullable() }),
    permission: 'receivables.view',
  }),
  /** every debtor's statement in one PDF */
  statementsAll: procedure({
    input: z.object({ from: YmdDate, to: YmdDate }),
    output: CustomerExportFile,
    permission: 'reports.view',
  }),
  reminder: procedure({ input: z.object({ customerId: Id }), output: Reminder, permission: 'receivables.view' }),
  settings: procedure({ input: z.null().optional(), output: DebtSettings, permission: 'receivables.view' }),
  saveSettings: procedure({ input: DebtSettings, output: DebtSettings, permission: 'settings.edit' }),
  alerts: procedure({
    input: z.object({ limit: z.number().int().min(1).max(500).default(100) }),
    output: z.object({ count: z.number().int(), rows: z.array(DebtAlert) }),
    permission: 'receivables.view',
  }),
  alertsFor: procedure({
    input: z.object({ customerId: Id }),
    output: z.array(DebtAlert),
    permission: 'receivables.view',
  }),
  ackAlert: procedure({
    input: z.object({
      customerId: Id,
      rule: z.enum(ALERT_RULES),
      action: z.enum(['snooze', 'dismiss']),
      /** snooze length */
      days: z.number().int().min(1).max(90).default(7),
    }),
    output: z.null(),
    permission: 'receivables.manage',
  }),
  dailySummary: procedure({ input: z.null().optional(), output: DailySummary, permission: 'receivables.view' }),
};
