import { z } from 'zod';
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

export const reports = {
  takings: procedure({ input: DateRange, output: Takings, permission: 'reports.view' }),
  salesBy: procedure({
    input: z.object({
      from: IsoDate,
      to: IsoDate,
      by: z.enum(SALES_BY),
      limit: z.number().int().min(1).max(5000).default(200),
    }),
    output: SalesByReport,
    permission: 'reports.view',
  }),
};
