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

const SALES = `FROM sales_orders WHERE customer_id = @c AND completed_at >= @s AND status = 'completed'`;
const REFUNDS = `FROM refunds WHERE customer_id = @c AND at >= @s AND status = 'completed'`;
const SPEND = `(SELECT coalesce(sum(total + rounding), 0) ${SALES}) - (SELECT coalesce(sum(subtotal + tax_total), 0) ${REFUNDS})`;

/** Sales (as charged, cash rounding included) less refunds (goods value) in the rolling window up to `now`. */
export function rollingSpend(deps: Deps, customerId: string, since: number): number {
  return (stmt(deps.sqlite, `SELECT ${SPEND} AS spend`).get({ c: customerId, s: since }) as { spend: number }).spend;
}

/**
 * Caches the rolling spend from `since` on the customers `where` picks (migration 0023): the sum, and the earliest
 * time among what it counts (a scalar min() of a NULL is NULL, hence the coalesce).
 */
export function cacheTierSpend(sqlite: Deps['sqlite'], since: number, where: string, params: object = {}): void {
  const spend = SPEND.replaceAll('@c', 'customers.id');
  const a = `(SELECT min(completed_at) ${SALES.replace('@c', 'customers.id')})`;
  const b = `(SELECT min(at) ${REFUNDS.replace('@c', 'customers.id')})`;
  stmt(
    sqlite,
    `UPDATE customers SET tier_spend = ${spend}, tier_spend_since = @s,
       tier_spend_oldest_at = coalesce(min(${a}, ${b}), ${a}, ${b}) WHERE ${where}`,
  ).run({ ...params, s: since });
}

/**
 * The rolling spend from `since`, from the customer's cached figure while it still answers for that window start
 * (nothing it counted has left the window since, nothing it left out has come in), else summed from the tables and
 * cached again. With the customer's cached tier.
 */
function tierSpend(deps: Deps, customerId: string, since: number): { spend: number; tier: string | null } | undefined {
  const read = stmt(
    deps.sqlite,
    `SELECT loyalty_tier AS tier, tier_spend AS spend, tier_spend_since AS s0, tier_spend_oldest_at AS oldest
     FROM customers WHERE id = ?`,
  );
  const c = read.get(customerId) as
    | { tier: string | null; spend: number | null; s0: number | null; oldest: number | null }
    | undefined;
  if (!c) return undefined;
  if (c.spend !== null && c.s0 !== null && c.s0 <= since && (c.oldest === null || since <= c.oldest))
    return { spend: c.spend, tier: c.tier };
  cacheTierSpend(deps.sqlite, since, 'id = @id', { id: customerId });
  return { spend: (read.get(customerId) as { spend: number }).spend, tier: c.tier };
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
): { tier: LoyaltyTier | null; before: string | null; changed: boolean } {
  const since = monthsBefore(deps.clock.now(), program.tierWindowMonths, timeZone);
  const found = tierSpend(deps, customerId, since);
  const tier = tierFor(found?.spend ?? 0, program.tiers);
  const before = found?.tier ?? null;
  const after = tier?.id ?? null;
  if (before === after) return { tier, before, changed: false };
  stmt(deps.sqlite, 'UPDATE customers SET loyalty_tier = ? WHERE id = ?').run(after, customerId);
  return { tier, before, changed: true };
}

/** The cached tier; a customer never worked out yet (no sales) has the tier of no spend (usually the 0 threshold). */
export function cachedTier(program: LoyaltyProgram, tierId: string | null): LoyaltyTier | null {
  return program.tiers.find((t) => t.id === tierId) ?? (tierId === null ? tierFor(0, program.tiers) : null);
}
