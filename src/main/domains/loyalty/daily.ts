import type { DailyRunResult, LoyaltyProgram } from '../../../shared/contract/loyalty';
import { stmt } from '../../db/statements';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';
import { birthdayCandidates, grantBirthday } from './birthday';
import { monthsBefore } from './dates';
import { pointsBalance } from './entries';
import { customersWithDueExpiry, expireDueFor } from './expiry';
import { cacheTierSpend, recomputeTier } from './tiers';

/** Runs a job a while after the app starts, then every so often, until stopped; a failure waits for the next run. */
export class DailyJob {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private run: () => unknown) {}

  start(firstAfterMs: number, everyMs: number): void {
    if (this.timer) return;
    const tick = () => {
      try {
        this.run();
      } catch (e) {
        console.error('The loyalty daily job failed; it runs again at the next interval.', e);
      }
      this.timer = setTimeout(tick, everyMs);
      this.timer.unref?.();
    };
    this.timer = setTimeout(tick, firstAfterMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** The daily job: expire points past their date, birthday bonuses, tiers recomputed for customers with sales. */
export function runDailyJob(
  deps: Deps,
  audit: AuditService,
  program: LoyaltyProgram,
  tz: string,
  actor: Actor,
): DailyRunResult {
  const now = deps.clock.now();
  const out: DailyRunResult = { expiredEntries: 0, expiredPoints: 0, birthdayGrants: 0, tiersChanged: 0 };
  // one transaction per customer keeps the writes short; each is safe to run again
  for (const id of customersWithDueExpiry(deps, now)) {
    deps.sqlite.transaction(() => {
      const e = expireDueFor(deps, id, actor.id);
      if (!e.entries) return;
      out.expiredEntries += e.entries;
      out.expiredPoints += e.points;
      audit.record(actor, {
        action: 'loyalty.expire',
        entity: 'customer',
        entityId: id,
        after: { expired: e.points, balance: pointsBalance(deps, id) },
      });
    })();
  }
  if (program.enabled) {
    for (const id of birthdayCandidates(deps, now, tz)) {
      deps.sqlite.transaction(() => {
        const pts = grantBirthday(deps, program, id, tz, actor.id);
        if (!pts) return;
        out.birthdayGrants++;
        audit.record(actor, {
          action: 'loyalty.birthday',
          entity: 'customer',
          entityId: id,
          after: { points: pts },
        });
      })();
    }
    out.tiersChanged = refreshTiers(deps, audit, program, tz, actor);
  }
  return out;
}

/**
 * Makes every active customer's cached tier spend answer for today's window again where it no longer does, set-based,
 * one slice of customers (by rowid) per transaction, yielding after each slice: the first run after migration 0023
 * fills every customer (about 2 minutes on 300k), so the daily job runs it a slice at a time between the till's work.
 */
export function* tierSpendSlices(deps: Deps, program: LoyaltyProgram, tz: string): Generator<void, void, void> {
  const w = monthsBefore(deps.clock.now(), program.tierWindowMonths, tz);
  const { last } = stmt(deps.sqlite, 'SELECT coalesce(max(rowid), 0) AS last FROM customers').get() as { last: number };
  for (let lo = 0; lo < last; lo += 250) {
    deps.sqlite.transaction(() =>
      cacheTierSpend(
        deps.sqlite,
        w,
        `rowid > @lo AND rowid <= @lo + 250 AND status = 'active'
         AND (tier_spend IS NULL OR tier_spend_since > @s OR tier_spend_oldest_at < @s)`,
        { lo },
      ),
    )();
    yield;
  }
}

/**
 * A tier can fall as old sales leave the window, so every customer who bought within it (plus one day) or has a tier
 * is checked (from their cached spend where it answers). Returns how many tiers changed (each audited). The checks go
 * in transactions of a few hundred customers: one per customer would wait on the disk each time a tier changes.
 */
export function refreshTiers(
  deps: Deps,
  audit: AuditService,
  program: LoyaltyProgram,
  tz: string,
  actor: Actor,
): number {
  const now = deps.clock.now();
  const ids = stmt(
    deps.sqlite,
    `SELECT id FROM customers WHERE status = 'active' AND (loyalty_tier IS NOT NULL OR id IN
         (SELECT customer_id FROM sales_orders WHERE completed_at >= ? AND customer_id IS NOT NULL))`,
  ).all(now - (program.tierWindowMonths * 31 + 1) * 86_400_000) as Array<{ id: string }>;
  let changed = 0;
  for (let i = 0; i < ids.length; i += 500) {
    deps.sqlite.transaction(() => {
      for (const { id } of ids.slice(i, i + 500)) {
        const t = recomputeTier(deps, program, id, tz);
        if (!t.changed) continue;
        changed++;
        audit.record(actor, {
          action: 'loyalty.tier',
          entity: 'customer',
          entityId: id,
          changes: [{ field: 'loyaltyTier', before: t.before, after: t.tier?.id ?? null }],
        });
      }
    })();
  }
  return changed;
}
