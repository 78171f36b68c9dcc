import { z } from 'zod';
import { Id } from './common';
import { CustomerExportFile, EXPORT_FORMATS } from './customers';
import { procedure } from './define';
// insights.ts spreads `insightsFiles` into its own object, so this module is evaluated while insights.ts is still
// being read: its schemas are reached through z.lazy (at parse time), never at the top level here.
import {
  CohortsQuery,
  InactiveCustomersQuery,
  IsoDate,
  NewVsReturningPeriod,
  NewVsReturningQuery,
  RangeQuery,
  RFM_SEGMENTS,
  RfmQuery,
  TopCustomersQuery,
} from './insights';

/**
 * What the Insights screens add to the insights reports (issue 15, "Where it shows"): the dashboard's figures, a
 * customer list drawn from any report or segment, the till's hint about the attached customer, and every report as
 * a file. Spread at the start of `insights` in insights.ts.
 */

const top = z.object({ report: z.literal('topCustomers'), query: z.lazy(() => TopCustomersQuery) });
const inactive = z.object({ report: z.literal('inactiveCustomers'), query: z.lazy(() => InactiveCustomersQuery) });
const newVsReturning = z.object({ report: z.literal('newVsReturning'), query: z.lazy(() => NewVsReturningQuery) });
const customerSales = z.object({ report: z.literal('customerSales'), query: z.lazy(() => RangeQuery) });
const rfm = z.object({
  report: z.literal('rfm'),
  query: z.lazy(() => RfmQuery),
  /** only the customers of this segment */
  segment: z.lazy(() => z.enum(RFM_SEGMENTS)).optional(),
});

/** The reports whose rows are customers, each with its query: the source of a customer list. */
export const CustomerListSource = z.discriminatedUnion('report', [top, inactive, customerSales, rfm]);
export type CustomerListSource = z.input<typeof CustomerListSource>;

export const CustomerListQuery = z.object({
  source: CustomerListSource,
  /** only customers whose spend in the report (its spend, net or monetary figure) is more than this, minor units */
  spentMoreThan: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});
export type CustomerListQuery = z.input<typeof CustomerListQuery>;

export const ListedCustomer = z.object({
  id: Id,
  name: z.string(),
  phone: z.string().nullable(),
  /** the report's money figure for this customer */
  spend: z.number().int(),
  /** the shop-local day of their last sale, when the report knows it */
  lastPurchaseAt: z.string().nullable(),
  tags: z.array(z.string()),
});
export type ListedCustomer = z.infer<typeof ListedCustomer>;

export const CustomerList = z.object({
  currency: z.string(),
  customers: z.array(ListedCustomer),
});
export type CustomerList = z.infer<typeof CustomerList>;

const format = { format: z.enum(EXPORT_FORMATS) };
/** Which report, its query, and the file format; `customerList` is a list drawn from a report. */
export const InsightsExportInput = z.discriminatedUnion('report', [
  top.extend(format),
  inactive.extend(format),
  newVsReturning.extend(format),
  customerSales.extend(format),
  rfm.extend(format),
  z.object({ report: z.literal('cohorts'), query: z.lazy(() => CohortsQuery), ...format }),
  z.object({ report: z.literal('customerList'), list: CustomerListQuery, ...format }),
]);
export type InsightsExportInput = z.input<typeof InsightsExportInput>;

export const DashboardQuery = z.object({ asOf: z.lazy(() => IsoDate).optional() });

export const Dashboard = z.object({
  asOf: z.string(),
  currency: z.string(),
  /** customers with a sale in the 90 days ending on the as-of day */
  buyers90: z.number().int(),
  /** their sales less refunds in those days (every customer's, walk-ins left out) */
  netSpend90: z.number().int(),
  /** sales to customers in those days: first-ever sales, and the rest */
  newOrders90: z.number().int(),
  returningOrders90: z.number().int(),
  /** customers in the RFM segment At risk (365 days) */
  atRisk: z.number().int(),
  /** the last 12 months, by month, the current one cut at the as-of day */
  months: z.array(z.lazy(() => NewVsReturningPeriod)),
  segments: z.array(z.object({ segment: z.string(), customers: z.number().int() })),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const CustomerHint = z.object({
  customerId: Id,
  /** the RFM segment over 365 days; null without a sale in them */
  segment: z.string().nullable(),
  status: z.enum(['ok', 'due', 'at_risk', 'unknown']),
  expectedNextVisit: z.string().nullable(),
  /** what they buy most often, from their recent sales */
  usualItems: z.array(z.object({ productId: z.string(), name: z.string(), times: z.number().int() })),
});
export type CustomerHint = z.infer<typeof CustomerHint>;

export const insightsFiles = {
  dashboard: procedure({ input: DashboardQuery, output: Dashboard, permission: 'reports.view' }),
  customerList: procedure({ input: CustomerListQuery, output: CustomerList, permission: 'reports.view' }),
  export: procedure({ input: InsightsExportInput, output: CustomerExportFile, permission: 'reports.view' }),
  /** for the till's customer panel: what a cashier may know (no money) */
  customerHint: procedure({ input: z.object({ customerId: Id }), output: CustomerHint, permission: 'till.use' }),
};
