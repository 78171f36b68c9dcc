import { LoyaltyProgram } from '../../../shared/contract/loyalty';
import { AppError } from '../../../shared/errors';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';
import { readSettingOver, writeSettingRow } from '../settings/rows';

const KEY = 'loyalty';

/** Off until a manager switches it on; 1 point per 1,000 spent, a point worth 10, one Member tier, no expiry. */
export const DEFAULT_PROGRAM: LoyaltyProgram = {
  enabled: false,
  earn: {
    points: 1,
    per: 1000,
    base: 'taxIncluded',
    excludedCategoryIds: [],
    excludedProductIds: [],
    minSpend: 0,
    perVisit: 0,
  },
  redeem: { pointValue: 10, minPoints: 100, maxSharePercent: 50 },
  tiers: [{ id: 'member', name: 'Member', thresholdSpend: 0, multiplierBp: 10_000 }],
  tierWindowMonths: 12,
  expiry: { kind: 'none' },
  birthdayBonus: 0,
};

/** The loyalty program's settings, one row of the settings table, cached until changed. */
export class LoyaltyProgramStore {
  private cache: LoyaltyProgram | null = null;

  constructor(
    private deps: Deps,
    private audit: AuditService,
  ) {}

  get(): LoyaltyProgram {
    if (this.cache) return this.cache;
    this.cache = readSettingOver(this.deps.sqlite, KEY, DEFAULT_PROGRAM, LoyaltyProgram);
    return this.cache;
  }

  set(actor: Actor, program: LoyaltyProgram): LoyaltyProgram {
    return this.deps.sqlite.transaction(() => {
      const before = this.get();
      const next = LoyaltyProgram.parse({
        ...program,
        // tiers read lowest first everywhere (screens, tier choice)
        tiers: [...program.tiers].sort((a, b) => a.thresholdSpend - b.thresholdSpend),
      });
      const ids = new Set(next.tiers.map((t) => t.id));
      if (ids.size !== next.tiers.length) throw dupTier();
      writeSettingRow(this.deps.sqlite, KEY, next, this.deps.clock.now());
      this.audit.record(actor, { action: 'loyalty.program', entity: 'settings', entityId: KEY, before, after: next });
      this.cache = null;
      return next;
    })();
  }
}

function dupTier() {
  return new AppError('VALIDATION', 'Two tiers have the same key: give each tier its own.');
}
