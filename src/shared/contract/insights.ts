import { z } from 'zod';
import { Id } from './common';
import { procedure } from './define';
import { insightsFiles } from './insights-files';

/**
 * Customer insights: who the best customers are, who is slipping away, new against returning custom, each
 * customer's sales over a range, RFM segments and each customer's own rhythm. The definitions (what a sale, a refund,
 * a window and spend are) are in issue 15 and src/main/domains/insights/spend.ts; the RFM grid in
 * docs/decisions/0017-rfm-segments.md. Money is in minor units of the shop's currency.
 */

export const IsoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date as YYYY-MM-DD');

export const TOP_WINDOWS = [7, 30, 90, 180, 365] as const;
export const PERIOD_KINDS = ['day', 'week', 'month'] as const;

export const TopCustomersQuery = z.object({
  /** the last day of the window (shop-local); today when left out */
  asOf: IsoDate.optional(),
  days: z
    .number()
    .int()
    .refine(
      (d) => (TOP_WINDOWS as readonly number[]).includes(d),
      `the window is one of ${TOP_WINDOWS.join(', ')} days`,
    )
    .default(90),
  limit: z.number().int().min(1).max(10_000).default(10),
});
export type TopCustomersQuery = z.input<typeof TopCustomersQuery>;

export const TopCustomer = z.object({
  id: Id,
  name: z.string(),
  /** Σ sales − Σ refunds in the window */
  spend: z.number().int(),
  /** sales in the window */
  orders: z.number().int(),
});
export type TopCustomer = z.infer<typeof TopCustomer>;

export const TopCustomers = z.object({
  asOf: IsoDate,
  days: z.number().int(),
  currency: z.string(),
  customers: z.array(TopCustomer),
});
export type TopCustomers = z.infer<typeof TopCustomers>;

export const InactiveCustomersQuery = z
  .object({
    asOf: IsoDate.optional(),
    lookbackDays: z.number().int().min(1).max(3660).default(180),
    quietDays: z.number().int().min(0).max(3660).default(60),
    /** the top N spenders over the lookback (default 20) … */
    top: z.number().int().min(1).max(100_000).optional(),
    /** … or the top P percent of the customers who spent in it */
    topPercent: z.number().gt(0).max(100).optional(),
  })
  .refine((q) => q.top === undefined || q.topPercent === undefined, 'choose the top N or a top percentage, not both');
export type InactiveCustomersQuery = z.input<typeof InactiveCustomersQuery>;

export const InactiveCustomer = z.object({
  id: Id,
  name: z.string(),
  /** spend over the lookback window */
  spend: z.number().int(),
  /** the shop-local day of their last sale */
  lastPurchaseAt: IsoDate,
  daysSinceLastPurchase: z.number().int(),
});
export type InactiveCustomer = z.infer<typeof InactiveCustomer>;

export const InactiveCustomers = z.object({
  asOf: IsoDate,
  lookbackDays: z.number().int(),
  quietDays: z.number().int(),
  /** how many top spenders were looked at */
  top: z.number().int(),
  currency: z.string(),
  customers: z.array(InactiveCustomer),
});
export type InactiveCustomers = z.infer<typeof InactiveCustomers>;

export const RangeQuery = z
  .object({ from: IsoDate, to: IsoDate })
  .refine((q) => q.from <= q.to, 'the first day comes before the last');

export const NewVsReturningQuery = z
  .object({ from: IsoDate, to: IsoDate, by: z.enum(PERIOD_KINDS).default('month') })
  .refine((q) => q.from <= q.to, 'the first day comes before the last');
export type NewVsReturningQuery = z.input<typeof NewVsReturningQuery>;

export const NewVsReturningPeriod = z.object({
  /** YYYY-MM-DD, the ISO week YYYY-Www, or YYYY-MM */
  period: z.string(),
  newOrders: z.number().int(),
  newSales: z.number().int(),
  returningOrders: z.number().int(),
  returningSales: z.number().int(),
  /** returning sales ÷ all customer sales in the period, in percent to one decimal; null when nobody bought */
  loyaltyPercent: z.number().nullable(),
});
export type NewVsReturningPeriod = z.infer<typeof NewVsReturningPeriod>;

export const NewVsReturning = z.object({
  from: IsoDate,
  to: IsoDate,
  by: z.enum(PERIOD_KINDS),
  currency: z.string(),
  periods: z.array(NewVsReturningPeriod),
});
export type NewVsReturning = z.infer<typeof NewVsReturning>;

const CustomerSalesFigures = z.object({
  /** sales in the range */
  sales: z.number().int(),
  gross: z.number().int(),
  refunds: z.number().int(),
  /** gross − refunds */
  net: z.number().int(),
  /** gross ÷ sales, rounded; 0 without sales */
  averageOrderValue: z.number().int(),
  /** paid at the till on the range's sales */
  paidNow: z.number().int(),
  /** put on the customer's account by the range's sales */
  putOnAccount: z.number().int(),
  /** debt payments (less reversals) on the account in the range */
  paidOffOnAccount: z.number().int(),
  /** what the customer owes now (negative: store credit) */
  balanceNow: z.number().int(),
  pointsEarned: z.number().int(),
  pointsRedeemed: z.number().int(),
});

export const CustomerSalesRow = CustomerSalesFigures.extend({ id: Id, name: z.string() });
export type CustomerSalesRow = z.infer<typeof CustomerSalesRow>;

export const CustomerSalesReport = z.object({
  from: IsoDate,
  to: IsoDate,
  currency: z.string(),
  customers: z.array(CustomerSalesRow),
  totals: CustomerSalesFigures,
});
export type CustomerSalesReport = z.infer<typeof CustomerSalesReport>;

export const RFM_SEGMENTS = [
  'Champions',
  'Loyal',
  'Potential loyalist',
  'New',
  'Promising',
  'Need attention',
  'About to sleep',
  'At risk',
  "Can't lose",
  'Hibernating',
] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

/** Four ascending cut points: the upper bounds of the score bands (see the decision record). */
const Cuts = z
  .array(z.number().int())
  .length(4)
  .refine((c) => c.every((v, i) => i === 0 || (c[i - 1] as number) <= v), 'cut points go up');

export const RfmThresholds = z.object({
  /** days since the last sale: ≤ c1 scores 5, ≤ c2 4, ≤ c3 3, ≤ c4 2, more 1 */
  recencyDays: Cuts,
  /** sales in the window: ≤ c1 scores 1, ≤ c2 2, ≤ c3 3, ≤ c4 4, more 5 */
  frequency: Cuts,
  /** net spend in minor units, scored like frequency; null: this shop's quintiles */
  monetary: Cuts.nullable(),
});
export type RfmThresholds = z.infer<typeof RfmThresholds>;

export const InsightsSettings = z.object({
  /** used when the shop has fewer than 500 active customers, where quintiles say little */
  rfmThresholds: RfmThresholds,
});
export type InsightsSettings = z.infer<typeof InsightsSettings>;

export const RfmQuery = z.object({
  asOf: IsoDate.optional(),
  days: z.number().int().min(1).max(3660).default(365),
});
export type RfmQuery = z.input<typeof RfmQuery>;

export const RfmCustomer = z.object({
  id: Id,
  name: z.string(),
  recencyDays: z.number().int(),
  frequency: z.number().int(),
  monetary: z.number().int(),
  r: z.number().int().min(1).max(5),
  f: z.number().int().min(1).max(5),
  m: z.number().int().min(1).max(5),
  segment: z.enum(RFM_SEGMENTS),
});
export type RfmCustomer = z.infer<typeof RfmCustomer>;

export const RfmReport = z.object({
  asOf: IsoDate,
  days: z.number().int(),
  currency: z.string(),
  /** quintiles of this shop's active customers, or the fixed thresholds (fewer than 500 active customers) */
  scoring: z.enum(['quintiles', 'fixed']),
  thresholds: z.object({
    recencyDays: z.array(z.number()),
    frequency: z.array(z.number()),
    monetary: z.array(z.number()),
  }),
  segments: z.array(z.object({ segment: z.enum(RFM_SEGMENTS), customers: z.number().int() })),
  customers: z.array(RfmCustomer),
});
export type RfmReport = z.infer<typeof RfmReport>;

export const RhythmQuery = z.object({ customerId: Id, asOf: IsoDate.optional() });
export type RhythmQuery = z.input<typeof RhythmQuery>;

export const Rhythm = z.object({
  customerId: Id,
  asOf: IsoDate,
  /** sales up to the as-of day */
  sales: z.number().int(),
  /** the customer's own gaps (≥ 3 sales), else the shop's overall gaps */
  basis: z.enum(['own', 'shop', 'none']),
  lastPurchaseAt: IsoDate.nullable(),
  daysSinceLastPurchase: z.number().int().nullable(),
  medianGapDays: z.number().nullable(),
  p90GapDays: z.number().nullable(),
  /** ok, due (past the median gap) or at risk (past the 90th percentile gap) */
  status: z.enum(['ok', 'due', 'at_risk', 'unknown']),
  expectedNextVisit: IsoDate.nullable(),
});
export type Rhythm = z.infer<typeof Rhythm>;

// ------------------------------------------------------------------ lifetime value, cohorts, one customer (issue 15)

/** an instant, UTC epoch milliseconds */
const EpochMs = z.number().int().nonnegative();

export const ClvQuery = z.object({
  asOf: IsoDate.optional(),
  /** customers from this position of the list, sorted by predicted value */
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(100_000).default(50),
});
export type ClvQuery = z.input<typeof ClvQuery>;

export const ClvModel = z.object({
  /** BG/NBD: purchase rate λ ~ Gamma(r, α) per day, dropout p ~ Beta(a, b); null when the shop has too little history */
  bgNbd: z.object({ r: z.number(), alpha: z.number(), a: z.number(), b: z.number() }).nullable(),
  /** Gamma-Gamma spend model, in minor units; null when it could not be fitted (then each customer's own mean) */
  gammaGamma: z.object({ p: z.number(), q: z.number(), gamma: z.number() }).nullable(),
  logLikelihood: z.number().nullable(),
  /** customers fitted on (a sale up to the end of the calibration period) and how many bought again */
  customers: z.number().int(),
  repeatCustomers: z.number().int(),
  /** the last shop-local day of the data fitted on */
  calibrationEnd: IsoDate,
  fittedAt: EpochMs,
  fitMs: z.number().int(),
  horizonDays: z.number().int(),
});
export type ClvModel = z.infer<typeof ClvModel>;

export const ClvCustomer = z.object({
  id: Id,
  name: z.string(),
  /** net spend over the 365 days ending on the as-of day */
  historic365: z.number().int(),
  /** net spend up to the as-of day */
  historicAll: z.number().int(),
  /** purchases (shop days with a sale) expected in the next 365 days */
  expectedPurchases12m: z.number().nullable(),
  /** expected value of one purchase, minor units */
  expectedAov: z.number().int().nullable(),
  /** expectedPurchases12m × expectedAov, rounded to minor units */
  predicted12m: z.number().int().nullable(),
  /** probability the customer still buys here */
  pAlive: z.number().nullable(),
});
export type ClvCustomer = z.infer<typeof ClvCustomer>;

export const ClvReport = z.object({
  asOf: IsoDate,
  currency: z.string(),
  model: ClvModel,
  /** customers in the whole list */
  total: z.number().int(),
  offset: z.number().int(),
  customers: z.array(ClvCustomer),
});
export type ClvReport = z.infer<typeof ClvReport>;

export const ClvHoldoutQuery = z.object({
  asOf: IsoDate.optional(),
  holdoutDays: z.number().int().min(7).max(730).default(90),
});
export type ClvHoldoutQuery = z.input<typeof ClvHoldoutQuery>;

export const ClvHoldoutGroup = z.object({
  /** repeat purchases in the calibration period: '0' … '6', or '7+' */
  frequency: z.string(),
  customers: z.number().int(),
  predicted: z.number(),
  actual: z.number().int(),
});

export const ClvHoldout = z.object({
  asOf: IsoDate,
  holdoutDays: z.number().int(),
  /** fitted on the days up to and including calibrationEnd (as-of − holdout days) */
  model: ClvModel,
  customers: z.number().int(),
  /** purchases (shop days with a sale) the model expected in the holdout days, and those that happened */
  predicted: z.number(),
  actual: z.number().int(),
  byFrequency: z.array(ClvHoldoutGroup),
});
export type ClvHoldout = z.infer<typeof ClvHoldout>;

export const YearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

export const CohortsQuery = z
  .object({ from: YearMonth.optional(), to: YearMonth.optional() })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, 'the first month comes before the last');
export type CohortsQuery = z.input<typeof CohortsQuery>;

export const Cohort = z.object({
  /** the month of the customers' first-ever sale */
  month: YearMonth,
  customers: z.number().int(),
  /** month offset 0 (the first month) … up to the last month of the report: how many of them bought then */
  retention: z.array(z.object({ offset: z.number().int(), customers: z.number().int(), percent: z.number() })),
});
export type Cohort = z.infer<typeof Cohort>;

export const Cohorts = z.object({
  from: YearMonth,
  to: YearMonth,
  cohorts: z.array(Cohort),
  /** customers imported with purchases from before Counterline: their first sale is not in the ledger */
  leftOut: z.number().int(),
});
export type Cohorts = z.infer<typeof Cohorts>;

export const CustomerAnalysisQuery = z.object({ customerId: Id, asOf: IsoDate.optional() });
export type CustomerAnalysisQuery = z.input<typeof CustomerAnalysisQuery>;

const FavouriteProduct = z.object({
  productId: Id,
  name: z.string(),
  quantityMilli: z.number().int(),
  /** Σ line totals (tax included), minor units, before refunds */
  spend: z.number().int(),
  sales: z.number().int(),
});
const FavouriteCategory = z.object({
  categoryId: Id.nullable(),
  name: z.string(),
  quantityMilli: z.number().int(),
  spend: z.number().int(),
});

export const CustomerAnalysis = z.object({
  customerId: Id,
  name: z.string(),
  asOf: IsoDate,
  currency: z.string(),
  /** the 12 months ending with the as-of month: sales counted and spend (sales − refunds) */
  spendByMonth: z.array(z.object({ month: YearMonth, orders: z.number().int(), spend: z.number().int() })),
  favouriteProducts: z.object({ byQuantity: z.array(FavouriteProduct), bySpend: z.array(FavouriteProduct) }),
  favouriteCategories: z.object({ byQuantity: z.array(FavouriteCategory), bySpend: z.array(FavouriteCategory) }),
  /** every counted sale up to the as-of day */
  basket: z.object({
    orders: z.number().int(),
    /** average sale total, minor units */
    averageValue: z.number().int(),
    /** average lines per sale, to one decimal */
    averageLines: z.number(),
  }),
  /** counted sales by shop-local weekday (Monday first) and hour 0–23 */
  visits: z.object({ weekdays: z.array(z.number().int()).length(7), hours: z.array(z.number().int()).length(24) }),
  /** what their sales were paid with, less reversals, minor units */
  paymentMethods: z.array(z.object({ method: z.string(), amount: z.number().int() })),
  /** what they owe now (negative: store credit) and their points */
  balance: z.number().int(),
  pointsBalance: z.number().int(),
  rfm: RfmCustomer.omit({ id: true, name: true }).nullable(),
  /** from the CLV model fitted today, when one is; null before the first fit */
  clv: z
    .object({
      predicted12m: z.number().int().nullable(),
      expectedPurchases12m: z.number().nullable(),
      pAlive: z.number().nullable(),
      fittedAt: EpochMs,
    })
    .nullable(),
  rhythm: Rhythm,
  /** what the shop's old system knew, imported (decision 0016); null when nothing was imported */
  opening: z
    .object({
      spent: z.number().int().nullable(),
      orders: z.number().int().nullable(),
      firstAt: EpochMs.nullable(),
      lastAt: EpochMs.nullable(),
      /** the opening balance and points entries the import made */
      balance: z.number().int(),
      points: z.number().int(),
    })
    .nullable(),
});
export type CustomerAnalysis = z.infer<typeof CustomerAnalysis>;

export const insights = {
  ...insightsFiles,
  topCustomers: procedure({ input: TopCustomersQuery, output: TopCustomers, permission: 'reports.view' }),
  inactiveCustomers: procedure({
    input: InactiveCustomersQuery,
    output: InactiveCustomers,
    permission: 'reports.view',
  }),
  newVsReturning: procedure({ input: NewVsReturningQuery, output: NewVsReturning, permission: 'reports.view' }),
  customerSales: procedure({ input: RangeQuery, output: CustomerSalesReport, permission: 'reports.view' }),
  rfm: procedure({ input: RfmQuery, output: RfmReport, permission: 'reports.view' }),
  rhythm: procedure({ input: RhythmQuery, output: Rhythm, permission: 'reports.view' }),
  settings: procedure({ input: z.null(), output: InsightsSettings, permission: 'reports.view' }),
  updateSettings: procedure({
    input: InsightsSettings.partial(),
    output: InsightsSettings,
    permission: 'settings.edit',
  }),
  clv: procedure({ input: ClvQuery, output: ClvReport, permission: 'reports.view' }),
  clvHoldout: procedure({ input: ClvHoldoutQuery, output: ClvHoldout, permission: 'reports.view' }),
  cohorts: procedure({ input: CohortsQuery, output: Cohorts, permission: 'reports.view' }),
  customerAnalysis: procedure({ input: CustomerAnalysisQuery, output: CustomerAnalysis, permission: 'reports.view' }),
};
