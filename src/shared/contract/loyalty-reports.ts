import { z } from 'zod';
import { EpochMs, Id } from './common';
import { procedure } from './define';
import { POINTS_KINDS } from './loyalty';

const IsoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date as YYYY-MM-DD');

/** One points entry on the customer page, with the balance right after it. */
export const PointsHistoryRow = z.object({
  id: Id,
  at: EpochMs,
  kind: z.enum(POINTS_KINDS),
  points: z.number().int(),
  /** the customer's balance after this entry */
  balance: z.number().int(),
  salesOrderId: Id.nullable(),
  saleNumber: z.string().nullable(),
  refundId: Id.nullable(),
  refundNumber: z.string().nullable(),
  reason: z.string().nullable(),
  expiresAt: EpochMs.nullable(),
  staffName: z.string().nullable(),
});
export type PointsHistoryRow = z.infer<typeof PointsHistoryRow>;

export const CustomerLoyalty = z.object({
  enabled: z.boolean(),
  currency: z.string(),
  balance: z.number().int(),
  /** what the balance is worth at the till, in minor units */
  balanceValue: z.number().int(),
  tier: z.object({
    current: z.object({ id: z.string(), name: z.string() }).nullable(),
    /** spend (minor units) in the rolling window that sets the tier */
    spend: z.number().int(),
    windowMonths: z.number().int(),
    next: z.object({ name: z.string(), threshold: z.number().int(), remaining: z.number().int() }).nullable(),
  }),
  nextExpiry: z.object({ points: z.number().int(), at: EpochMs }).nullable(),
  rows: z.array(PointsHistoryRow),
  nextCursor: z.string().nullable(),
});
export type CustomerLoyalty = z.infer<typeof CustomerLoyalty>;

export const PointsReportQuery = z
  .object({ from: IsoDate, to: IsoDate, period: z.enum(['day', 'month']) })
  .refine((q) => q.from <= q.to, 'the first day comes before the last');
export type PointsReportQuery = z.infer<typeof PointsReportQuery>;

/** Points moved in one period; outstanding and liability are as at the period's end. */
export const PointsReportRow = z.object({
  /** YYYY-MM-DD (day) or YYYY-MM (month) */
  period: z.string(),
  issued: z.number().int(),
  redeemed: z.number().int(),
  expired: z.number().int(),
  /** taken back by refunds and voids */
  clawedBack: z.number().int(),
  /** manual adjustments and merges, net */
  adjusted: z.number().int(),
  outstanding: z.number().int(),
  /** outstanding × the value of a point, minor units */
  liability: z.number().int(),
});
export type PointsReportRow = z.infer<typeof PointsReportRow>;

export const PointsReport = z.object({
  currency: z.string(),
  pointValue: z.number().int(),
  openingOutstanding: z.number().int(),
  rows: z.array(PointsReportRow),
  totals: PointsReportRow.omit({ period: true }),
});
export type PointsReport = z.infer<typeof PointsReport>;

export const loyaltyReports = {
  /** the customer page's Loyalty section: balance, tier progress, next expiry and the points history, newest first */
  customer: procedure({
    input: z.object({
      customerId: Id,
      cursor: z.string().max(100).optional(),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    output: CustomerLoyalty,
    permission: 'customers.view',
  }),
  points: procedure({ input: PointsReportQuery, output: PointsReport, permission: 'reports.view' }),
  export: procedure({
    input: PointsReportQuery.and(z.object({ format: z.enum(['xlsx', 'csv', 'pdf']) })),
    output: z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() }),
    permission: 'reports.view',
  }),
};
