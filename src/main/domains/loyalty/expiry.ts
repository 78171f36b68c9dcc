import type { LoyaltyProgram } from '../../../shared/contract/loyalty';
import { stmt } from '../../db/statements';
import type { Deps } from '../deps';
import { expiryAfter } from './dates';
import { EXPIRE_PREFIX, type Lot, lotsOf, postPoints } from './entries';

/** When points earned now expire under the program, or null when they do not. */
export function expiresAtFor(program: LoyaltyProgram, now: number, timeZone: string): number | null {
  return program.expiry.kind === 'none' ? null : expiryAfter(now, program.expiry.months, timeZone);
}

/** Writes an expire entry for every lot of the customer past its date that still holds points. */
export function expireDueFor(
  deps: Deps,
  customerId: string,
  staffId: string | null,
): { entries: number; points: number } {
  const now = deps.clock.now();
  let entries = 0;
  let points = 0;
  for (const lot of lotsOf(deps, customerId).lots) {
    if (lot.expiresAt === null || lot.expiresAt > now) continue;
    const id = postPoints(deps, {
      customerId,
      kind: 'expire',
      points: -lot.remaining,
      operationId: `${EXPIRE_PREFIX}${lot.id}`,
      reason: 'points past their expiry date',
      staffId,
    });
    if (id) {
      entries++;
      points += lot.remaining;
    }
  }
  return { entries, points };
}

/** Customers holding a credit past its date that has no expire entry yet. */
export function customersWithDueExpiry(deps: Deps, now: number): string[] {
  return (
    stmt(
      deps.sqlite,
      `SELECT DISTINCT customer_id AS id FROM points_entries e
       WHERE e.expires_at IS NOT NULL AND e.expires_at <= ? AND e.points > 0
         AND NOT EXISTS (SELECT 1 FROM points_entries x WHERE x.operation_id = '${EXPIRE_PREFIX}' || e.id)`,
    ).all(now) as Array<{ id: string }>
  ).map((r) => r.id);
}

/** The soonest expiry among the points still held, and how many points expire then. */
export function nextExpiry(lots: readonly Lot[], now: number): { points: number; at: number } | null {
  let at: number | null = null;
  for (const l of lots)
    if (l.expiresAt !== null && l.expiresAt > now && (at === null || l.expiresAt < at)) at = l.expiresAt;
  if (at === null) return null;
  const points = lots.filter((l) => l.expiresAt === at).reduce((a, l) => a + l.remaining, 0);
  return { points, at };
}
