import { z } from 'zod';
import { Price } from './catalog';
import { EpochMs, Id } from './common';
import { procedure } from './define';
import { Cart, IdempotencyKey, PaymentInput } from './sales';

/** 10,000 = ×1 (basis points), so ×1.5 is 15,000. */
const MultiplierBp = z.number().int().min(0).max(100_000);

export const LoyaltyTier = z.object({
  /** stable key stored on the customer (customers.loyalty_tier) and used by segment offers, e.g. 'gold' */
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9_-]{1,30}$/, 'a tier key is 1 to 30 lower-case letters, digits, - or _'),
  name: z.string().trim().min(1, 'a tier needs a name').max(40),
  /** spend (minor units) over the rolling window needed to reach this tier; the lowest tier is usually 0 */
  thresholdSpend: Price,
  /** earning multiplier in basis points: 10,000 = ×1, 15,000 = ×1.5 */
  multiplierBp: MultiplierBp,
});
export type LoyaltyTier = z.infer<typeof LoyaltyTier>;

export const PointsExpiry = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  /** points earned in a month stay valid N months, to the end of that month */
  z.object({ kind: z.literal('months'), months: z.number().int().min(1).max(120) }),
]);
export type PointsExpiry = z.infer<typeof PointsExpiry>;

/** The shop's loyalty program. Money in the store currency's minor units. */
export const LoyaltyProgram = z.object({
  enabled: z.boolean(),
  earn: z.object({
    /** `points` points for every whole `per` spent, rounded down (1 per UGX 1,000: points 1, per 1000) */
    points: z.number().int().min(0).max(1_000_000),
    per: Price.refine((n) => n > 0, 'the amount per point must be above zero'),
    /** earn on the amount before tax or with tax included */
    base: z.enum(['preTax', 'taxIncluded']),
    excludedCategoryIds: z.array(Id).max(1000),
    excludedProductIds: z.array(Id).max(10_000),
    /** a sale below this total earns nothing (0 = no minimum) */
    minSpend: Price,
    /** extra points for every sale with a customer that meets the minimum spend (0 = none) */
    perVisit: z.number().int().min(0).max(1_000_000),
  }),
  redeem: z.object({
    /** what one point pays, in minor units */
    pointValue: Price.refine((n) => n > 0, 'a point must be worth something'),
    /** fewest points a customer may redeem at once */
    minPoints: z.number().int().min(0).max(100_000_000),
    /** the largest part of a sale payable with points, in percent */
    maxSharePercent: z.number().int().min(0).max(100),
  }),
  tiers: z.array(LoyaltyTier).max(10),
  /** the rolling window of spend that sets the tier */
  tierWindowMonths: z.number().int().min(1).max(60),
  expiry: PointsExpiry,
  /** points given once a year on or after the birthday, to customers who gave consent (0 = off) */
  birthdayBonus: z.number().int().min(0).max(1_000_000),
});
export type LoyaltyProgram = z.infer<typeof LoyaltyProgram>;

export const POINTS_KINDS = ['earn', 'redeem', 'expire', 'adjust', 'clawback', 'birthday', 'opening', 'merge'] as const;

/** One row of the points ledger as screens show it. */
export const PointsEntry = z.object({
  id: Id,
  customerId: Id,
  kind: z.enum(POINTS_KINDS),
  points: z.number().int(),
  salesOrderId: Id.nullable(),
  refundId: Id.nullable(),
  operationId: z.string(),
  expiresAt: EpochMs.nullable(),
  reason: z.string().nullable(),
  staffId: Id.nullable(),
  at: EpochMs,
});
export type PointsEntry = z.infer<typeof PointsEntry>;

/** What the till's customer panel shows (balance, tier, next expiry) and needs to offer a redemption. */
export const TillLoyalty = z.object({
  enabled: z.boolean(),
  customerId: Id,
  tier: z.object({ id: z.string(), name: z.string(), multiplierBp: z.number().int() }).nullable(),
  /** may be negative when a refund took back points already spent */
  balance: z.number().int(),
  /** the soonest expiry of points still held, or null */
  nextExpiry: z.object({ points: z.number().int(), at: EpochMs }).nullable(),
  pointValue: z.number().int(),
  minRedeemPoints: z.number().int(),
});
export type TillLoyalty = z.infer<typeof TillLoyalty>;

/** Points for a cart as the till shows it, live; writes nothing. */
export const LoyaltyQuote = z.object({
  enabled: z.boolean(),
  /** points this sale will earn with the payments given (the part paid with points or store credit earns none) */
  earnPoints: z.number().int(),
  multiplierBp: z.number().int(),
  /** the most points (and their money value) this sale may be paid with: balance, max share and min points */
  maxRedeemPoints: z.number().int(),
  maxRedeemAmount: z.number().int(),
  /** why nothing can be redeemed (below the minimum, program off…), or null */
  noRedeemReason: z.string().nullable(),
});
export type LoyaltyQuote = z.infer<typeof LoyaltyQuote>;

export const DailyRunResult = z.object({
  expiredEntries: z.number().int(),
  expiredPoints: z.number().int(),
  birthdayGrants: z.number().int(),
  tiersChanged: z.number().int(),
});
export type DailyRunResult = z.infer<typeof DailyRunResult>;

export const loyalty = {
  getProgram: procedure({ input: z.null(), output: LoyaltyProgram, permission: 'loyalty.manage' }),
  setProgram: procedure({ input: LoyaltyProgram, output: LoyaltyProgram, permission: 'loyalty.manage' }),
  /** the till's customer panel: cached balance and tier, next expiry; ≤ 20 ms on the reference shop */
  tillSummary: procedure({ input: z.object({ customerId: Id }), output: TillLoyalty, permission: 'sales.sell' }),
  quote: procedure({
    input: z.object({ cart: Cart, payments: z.array(PaymentInput).max(10).default([]) }),
    output: LoyaltyQuote,
    permission: 'sales.sell',
  }),
  /** a manager adds or takes off points by hand, saying why; a retry with the same key writes nothing new */
  adjust: procedure({
    input: z.object({
      customerId: Id,
      points: z
        .number()
        .int()
        .min(-100_000_000)
        .max(100_000_000)
        .refine((n) => n !== 0, 'a number of points other than zero'),
      reason: z.string().trim().min(1, 'say why the points change').max(300),
      idempotencyKey: IdempotencyKey,
    }),
    output: PointsEntry,
    permission: 'loyalty.manage',
  }),
  /** the daily job: expire points past their date, birthday bonuses, tiers recomputed */
  runDaily: procedure({ input: z.null(), output: DailyRunResult, permission: 'loyalty.manage' }),
};
