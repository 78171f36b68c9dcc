import { TillSettings } from '../../../shared/contract/sales';
import type { CurrencyCode } from '../../../shared/money';
import type { Role } from '../../../shared/permissions';
import { stmt } from '../../db/statements';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';

const KEY = 'till';

export const DEFAULT_TILL_SETTINGS: TillSettings = {
  paymentMethods: ['cash', 'card', 'mobile_money', 'bank_transfer', 'on_account', 'store_credit'],
  cashRounding: {},
  discountLimitPercent: { cashier: 10, manager: 100, owner: 100 },
  defaultPaymentTermsDays: 30,
};

/** The till's own settings (payment methods, cash rounding, discount limits), one row of the settings table. */
export class TillSettingsService {
  private cache: TillSettings | null = null;

  constructor(
    private deps: Deps,
    private audit: AuditService,
  ) {}

  get(): TillSettings {
    if (this.cache) return this.cache;
    const row = stmt(this.deps.sqlite, 'SELECT value FROM settings WHERE key = ?').get(KEY) as
      | { value: string }
      | undefined;
    this.cache = row
      ? TillSettings.parse({ ...DEFAULT_TILL_SETTINGS, ...JSON.parse(row.value) })
      : DEFAULT_TILL_SETTINGS;
    return this.cache;
  }

  update(actor: Actor, patch: Partial<TillSettings>): TillSettings {
    return this.deps.sqlite.transaction(() => {
      const before = this.get();
      const next = TillSettings.parse({ ...before, ...patch });
      const now = this.deps.clock.now();
      this.deps.sqlite
        .prepare(
          'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
        )
        .run(KEY, JSON.stringify(next), now);
      this.audit.record(actor, { action: 'settings.till', entity: 'settings', entityId: KEY, before, after: next });
      this.cache = null;
      return next;
    })();
  }

  cashIncrement(currency: CurrencyCode): number {
    return this.get().cashRounding[currency] ?? 1;
  }

  discountLimitBp(role: Role): number {
    return Math.round(this.get().discountLimitPercent[role] * 100);
  }
}
