import { z } from 'zod';
import { CURRENCY_CODES } from '../money';
import { EpochMs, Id } from './common';
import { CustomerExportFile, EXPORT_FORMATS } from './customers';
import { procedure } from './define';
import { OrderWithRefunds, RefundRow } from './refunds';

const Range = {
  customerId: Id,
  /** inclusive, epoch ms */
  from: EpochMs.optional(),
  /** exclusive, epoch ms */
  to: EpochMs.optional(),
  /** from the previous page's nextCursor */
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(200).default(25),
};

export const OrdersQuery = z.object({ ...Range, status: z.enum(['any', 'completed', 'voided']).default('any') });
export type OrdersQuery = z.output<typeof OrdersQuery>;
export const RefundsQuery = z.object({ ...Range, status: z.enum(['any', 'completed', 'cancelled']).default('any') });
export type RefundsQuery = z.output<typeof RefundsQuery>;

export const HistoryOrderRow = z.object({
  id: Id,
  number: z.string(),
  status: z.enum(['completed', 'voided']),
  completedAt: EpochMs,
  /** what the sale came to after cash rounding */
  total: z.number().int(),
  onAccountTotal: z.number().int(),
  lineCount: z.number().int(),
  /** refunds not cancelled against this sale */
  refunded: z.number().int(),
});
export type HistoryOrderRow = z.infer<typeof HistoryOrderRow>;

/** Figures for everything the filter matches (not only the page): voided sales and cancelled refunds add nothing. */
export const HistoryTotals = z.object({ count: z.number().int(), amount: z.number().int() });

export const HistorySummary = z.object({
  currency: z.enum(CURRENCY_CODES),
  /** completed sales less refunds not cancelled */
  totalSpent: z.number().int(),
  orders: z.number().int(),
  averageOrder: z.number().int(),
  firstPurchaseAt: EpochMs.nullable(),
  lastPurchaseAt: EpochMs.nullable(),
  refundsTotal: z.number().int(),
  refunds: z.number().int(),
});
export type HistorySummary = z.infer<typeof HistorySummary>;

export const HISTORY_EXPORTS = ['sales', 'refunds'] as const;

export const history = {
  summary: procedure({ input: z.object({ customerId: Id }), output: HistorySummary, permission: 'customers.view' }),
  orders: procedure({
    input: OrdersQuery,
    output: z.object({ rows: z.array(HistoryOrderRow), nextCursor: z.string().nullable(), totals: HistoryTotals }),
    permission: 'customers.view',
  }),
  refunds: procedure({
    input: RefundsQuery,
    output: z.object({ rows: z.array(RefundRow), nextCursor: z.string().nullable(), totals: HistoryTotals }),
    permission: 'customers.view',
  }),
  /** a sale with its lines, payments and the refunds against it */
  order: procedure({ input: z.object({ id: Id }), output: OrderWithRefunds, permission: 'customers.view' }),
  /** one customer's sales or refunds as a file; the bytes come back base64 for the screen to save */
  export: procedure({
    input: z.object({ customerId: Id, what: z.enum(HISTORY_EXPORTS), format: z.enum(EXPORT_FORMATS) }),
    output: CustomerExportFile,
    permission: 'customers.export',
  }),
};
