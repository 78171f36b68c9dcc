import { z } from 'zod';
import { Id } from './common';
import { CustomerExportFile, EXPORT_FORMATS } from './customers';
import { procedure } from './define';
import { IsoDate } from './insights';
import { PAYMENT_METHODS } from './sales';

/**
 * The owner's reports over shop-local days: what was taken each day by payment method, and what sold by staff,
 * product, category, hour of day and weekday. Voided sales are left out; refunds show as their own column in the
 * takings. Money is in minor units of the shop's currency.
 */

export const DateRange = z
  .object({ from: IsoDate, to: IsoDate })
  .refine((r) => r.from <= r.to, 'the range ends before it starts')
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 3660 * 86_400_000, 'a range is at most ten years');
export type DateRange = z.infer<typeof DateRange>;

/** Every report's question: shop-local days, and optionally one till and one member of staff. */
const ReportQueryShape = z.object({
  from: IsoDate,
  to: IsoDate,
  /** only what was done on this till */
  tillId: Id.optional(),
  /** only what this member of staff did (sold, refunded, took as debt payment) */
  staffId: Id.optional(),
});
const inRange = <T extends z.ZodType<{ from: string; to: string }>>(s: T) =>
  s
    .refine((r) => r.from <= r.to, 'the range ends before it starts')
    .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 3660 * 86_400_000, 'a range is at most ten years');
export const ReportQuery = inRange(ReportQueryShape);
export type ReportQuery = z.infer<typeof ReportQuery>;

const Method = z.enum(PAYMENT_METHODS);

export const TakingsDay = z.object({
  day: IsoDate,
  /** completed sales that day (voided ones left out) */
  orders: z.number().int(),
  /** money taken for sales, by method (on account included: it is how the sale was settled) */
  sales: z.array(z.object({ method: Method, amount: z.number().int() })),
  /** refunds paid back, by method */
  refunds: z.array(z.object({ method: Method, amount: z.number().int() })),
  /** debt payments received, by method */
  debt: z.array(z.object({ method: Method, amount: z.number().int() })),
  /** Σ sales − Σ refunds + Σ debt payments, on account left out (no money came in) */
  taken: z.number().int(),
});
export type TakingsDay = z.infer<typeof TakingsDay>;

export const Takings = z.object({
  from: IsoDate,
  to: IsoDate,
  currency: z.string(),
  /** the methods that appear, in the till's order */
  methods: z.array(Method),
  days: z.array(TakingsDay),
  totals: TakingsDay.omit({ day: true }),
});
export type Takings = z.infer<typeof Takings>;

export const SALES_BY = ['staff', 'product', 'category', 'hour', 'weekday'] as const;
export type SalesBy = (typeof SALES_BY)[number];

export const SalesByRow = z.object({
  key: z.string(),
  label: z.string(),
  orders: z.number().int(),
  /** products only: quantity sold in thousandths */
  qtyMilli: z.number().int().nullable(),
  net: z.number().int(),
  tax: z.number().int(),
  total: z.number().int(),
  discounts: z.number().int(),
});
export type SalesByRow = z.infer<typeof SalesByRow>;

export const SalesByReport = z.object({
  from: IsoDate,
  to: IsoDate,
  by: z.enum(SALES_BY),
  currency: z.string(),
  rows: z.array(SalesByRow),
  orders: z.number().int(),
  total: z.number().int(),
  /** total ÷ orders, rounded down to the minor unit (0 without sales) */
  averageBasket: z.number().int(),
});
export type SalesByReport = z.infer<typeof SalesByReport>;

export const SalesByQuery = inRange(
  ReportQueryShape.extend({ by: z.enum(SALES_BY), limit: z.number().int().min(1).max(5000).default(200) }),
);
export type SalesByQuery = z.output<typeof SalesByQuery>;

/** Sales by hour of day and weekday together: when the shop is busy. Hours and weekdays are the shop's. */
export const PeakCell = z.object({
  /** 0 = Monday … 6 = Sunday */
  weekday: z.number().int().min(0).max(6),
  hour: z.number().int().min(0).max(23),
  orders: z.number().int(),
  total: z.number().int(),
});
export const PeaksReport = z.object({
  from: IsoDate,
  to: IsoDate,
  currency: z.string(),
  /** only the hours and weekdays with sales */
  cells: z.array(PeakCell),
  /** 24 rows, hour 0 to 23 */
  hours: z.array(z.object({ hour: z.number().int(), orders: z.number().int(), total: z.number().int() })),
  /** 7 rows, Monday first */
  weekdays: z.array(z.object({ weekday: z.number().int(), orders: z.number().int(), total: z.number().int() })),
  orders: z.number().int(),
  total: z.number().int(),
});
export type PeaksReport = z.infer<typeof PeaksReport>;

/** The average sale each day: total ÷ sales, rounded down to the minor unit. */
export const BasketDay = z.object({
  day: IsoDate,
  orders: z.number().int(),
  total: z.number().int(),
  /** lines on the sales */
  lines: z.number().int(),
  /** quantity sold in thousandths */
  qtyMilli: z.number().int(),
  average: z.number().int(),
});
export const BasketReport = z.object({
  from: IsoDate,
  to: IsoDate,
  currency: z.string(),
  days: z.array(BasketDay),
  totals: BasketDay.omit({ day: true }),
});
export type BasketReport = z.infer<typeof BasketReport>;

/**
 * Discounts and price overrides given, by the member of staff who made the sale, with how many a manager approved.
 * `override` is what overridden lines came to below their regular price (negative when a price was raised).
 */
export const DiscountRow = z.object({
  staffId: z.string(),
  name: z.string(),
  /** sales with any discount or override */
  orders: z.number().int(),
  lineDiscounts: z.number().int(),
  orderDiscounts: z.number().int(),
  overrides: z.number().int(),
  overrideAmount: z.number().int(),
  /** sales on which a manager's PIN approved a discount or override */
  approved: z.number().int(),
  total: z.number().int(),
});
export const DiscountsReport = z.object({
  from: IsoDate,
  to: IsoDate,
  currency: z.string(),
  rows: z.array(DiscountRow),
  totals: DiscountRow.omit({ staffId: true, name: true }),
});
export type DiscountsReport = z.infer<typeof DiscountsReport>;

/** Tax by rate for the tax return: sales less refunds (refunds on the day they were paid back), voids left out. */
export const TaxRow = z.object({
  /** basis points: 1800 = 18% */
  rateBp: z.number().int(),
  salesNet: z.number().int(),
  salesTax: z.number().int(),
  refundsNet: z.number().int(),
  refundsTax: z.number().int(),
  /** salesNet − refundsNet */
  net: z.number().int(),
  /** salesTax − refundsTax: what is owed at this rate */
  tax: z.number().int(),
});
export const TaxesReport = z.object({
  from: IsoDate,
  to: IsoDate,
  currency: z.string(),
  rows: z.array(TaxRow),
  totals: TaxRow.omit({ rateBp: true }),
});
export type TaxesReport = z.infer<typeof TaxesReport>;

/** Per product: what sold and came back over the days, and what is on the shelf at the end of them and now. */
export const StockRow = z.object({
  productId: z.string(),
  name: z.string(),
  sku: z.string().nullable(),
  unit: z.string(),
  soldMilli: z.number().int(),
  returnedMilli: z.number().int(),
  /** what the sold lines came to, tax included */
  sales: z.number().int(),
  /** stock at the end of the last day (every till: stock is the shop's) */
  onHandAtEndMilli: z.number().int(),
  onHandNowMilli: z.number().int(),
});
export const StockReport = z.object({
  from: IsoDate,
  to: IsoDate,
  currency: z.string(),
  rows: z.array(StockRow),
});
export type StockReport = z.infer<typeof StockReport>;

export const REPORT_KINDS = ['takings', 'sales', 'peaks', 'basket', 'discounts', 'taxes', 'stock'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const ReportExportInput = inRange(
  ReportQueryShape.extend({
    report: z.enum(REPORT_KINDS),
    /** the sales report's grouping */
    by: z.enum(SALES_BY).default('product'),
    format: z.enum(EXPORT_FORMATS),
  }),
);
export type ReportExportInput = z.output<typeof ReportExportInput>;

/** The tills and staff the reports can be narrowed to. */
export const ReportFilters = z.object({
  tills: z.array(z.object({ id: z.string(), name: z.string() })),
  staff: z.array(z.object({ id: z.string(), name: z.string(), active: z.boolean() })),
});

export const reports = {
  takings: procedure({ input: ReportQuery, output: Takings, permission: 'reports.view' }),
  salesBy: procedure({ input: SalesByQuery, output: SalesByReport, permission: 'reports.view' }),
  peaks: procedure({ input: ReportQuery, output: PeaksReport, permission: 'reports.view' }),
  basket: procedure({ input: ReportQuery, output: BasketReport, permission: 'reports.view' }),
  discounts: procedure({ input: ReportQuery, output: DiscountsReport, permission: 'reports.view' }),
  taxes: procedure({ input: ReportQuery, output: TaxesReport, permission: 'reports.view' }),
  stock: procedure({ input: ReportQuery, output: StockReport, permission: 'reports.view' }),
  filters: procedure({ input: z.null().optional(), output: ReportFilters, permission: 'reports.view' }),
  /** any of the reports above as a file (its chart in the PDF); audited; the bytes come back base64 */
  export: procedure({ input: ReportExportInput, output: CustomerExportFile, permission: 'reports.view' }),
};
