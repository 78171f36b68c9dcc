import type { LoyaltyProgram, LoyaltyTier } from '../../../shared/contract/loyalty';
import { stmt } from '../../db/statements';
import type { Deps } from '../deps';
import { monthsBefore } from './dates';

/** The highest tier whose threshold the spend meets; null when there are no tiers or none is met. */
export function tierFor(spend: number, tiers: readonly LoyaltyTier[]): LoyaltyTier | null {
  let best: LoyaltyTier | null = null;
  for (const t of tiers) if (spend >= t.thresholdSpend && (!best || t.thresholdSpend >= best.thresholdSpend)) best = t;
  return best;
}

/** Sales (as charged, cash rounding included) less refunds (goods value) in the rolling window up to `now`. */
export function rollingSpend(deps: Deps, customerId: string, since: number): number {
  const row = stmt(
    deps.sqlite,
    `SELECT
       (SELECT coalesce(sum(total + rounding), 0) FROM sales_orders
         WHERE customer_id = @c AND completed_at >= @s AND status = 'completed') -
       (SELECT coalesce(sum(subtotal + tax_total), 0) FROM refunds
         WHERE customer_id = @c AND at >= @s AND status = 'completed') AS spend`,
  ).get({ c: customerId, s: since }) as { spend: number };
  return row.spend;
}

/**
 * Works out the customer's tier from their rolling spend and caches it in customers.loyalty_tier. Returns the tier
 * and whether it changed.
 */
export function recomputeTier(
  deps: Deps,
  program: LoyaltyProgram,
  customerId: string,
  timeZone: string,
  /** spend not yet in the tables (a refund or void being written): added to the rolling spend */
  pending = 0,
): { tier: LoyaltyTier | null; before: string | null; changed: boolean } {
  const now = deps.clock.now();
  const spend = rollingSpend(deps, customerId, monthsBefore(now, program.tierWindowMonths, timeZone)) + pending;
  const tier = tierFor(spend, program.tiers);
  const row = stmt(deps.sqlite, 'SELECT loyalty_tier AS t FROM customers WHERE id = ?').get(customerId) as
    | { t: string | null }
    | undefined;
  const before = row?.t ?? null;
  const after = tier?.id ?? null;
  if (before === after) return { tier, before, changed: false };
  stmt(deps.sqlite, 'UPDATE customers SET loyalty_tier = ? WHERE id = ?').run(after, customerId);
  return { tier, before, changed: true };
}

/** The cached tier; a customer never worked out yet (no sales) has the tier of no spend (usually the 0 threshold). */
export function cachedTier(program: LoyaltyProgram, tierId: string | null): LoyaltyTier | null {
  return program.tiers.find((t) => t.id === tierId) ?? (tierId === null ? tierFor(0, program.tiers) : null);
}
