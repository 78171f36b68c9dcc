import { TillSettings } from '../../../shared/contract/sales';
import type { CurrencyCode } from '../../../shared/money';
import type { Role } from '../../../shared/permissions';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';
import { readSettingOver, writeSettingRow } from '../settings/rows';

const KEY = 'till';

export const DEFAULT_TILL_SETTINGS: TillSettings = {
  paymentMethods: ['cash', 'card', 'mobile_money', 'bank_transfer', 'on_account', 'store_credit'],
  cashRounding: {},
  discountLimitPercent: { cashier: 10, manager: 100, owner: 100 },
  defaultPaymentTermsDays: 30,
};

/** The methods a till knew before store credit arrived: settings saved then do not say whether it is wanted. */
const METHODS_BEFORE_STORE_CREDIT: readonly string[] = ['cash', 'card', 'mobile_money', 'bank_transfer', 'on_account'];

/**
 * Saved settings, with the payment methods this version added since they were saved switched on: a shop that saved
 * its methods before store credit existed gets it offered (it can switch it off), while a method the shop switched
 * off stays off because the saved `knownMethods` lists it.
 */
function withNewMethods(saved: Partial<TillSettings> & { knownMethods?: string[] }): Partial<TillSettings> {
  const { knownMethods = METHODS_BEFORE_STORE_CREDIT, ...rest } = saved;
  if (!rest.paymentMethods) return rest;
  const added = DEFAULT_TILL_SETTINGS.paymentMethods.filter(
    (m) => !knownMethods.includes(m) && !rest.paymentMethods?.includes(m),
  );
  return { ...rest, paymentMethods: [...rest.paymentMethods, ...added] };
}

/** The till's own settings (payment methods, cash rounding, discount limits), one row of the settings table. */
export class TillSettingsService {
  private cache: TillSettings | null = null;

  constructor(
    private deps: Deps,
    private audit: AuditService,
  ) {}

  get(): TillSettings {
    if (this.cache) return this.cache;
    this.cache = readSettingOver(this.deps.sqlite, KEY, DEFAULT_TILL_SETTINGS, TillSettings, withNewMethods);
    return this.cache;
  }

  update(actor: Actor, patch: Partial<TillSettings>): TillSettings {
    return this.deps.sqlite.transaction(() => {
      const before = this.get();
      const next = TillSettings.parse({ ...before, ...patch });
      const now = this.deps.clock.now();
      writeSettingRow(this.deps.sqlite, KEY, { ...next, knownMethods: DEFAULT_TILL_SETTINGS.paymentMethods }, now);
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
