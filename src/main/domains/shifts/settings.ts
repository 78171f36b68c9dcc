import { ShiftSettings } from '../../../shared/contract/shifts';
import { type CurrencyCode, exponentOf } from '../../../shared/money';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';
import { readSettingRow, writeSettingRow } from '../settings/rows';

const KEY = 'shifts';

/**
 * Off by default: a shop that upgrades keeps selling as it did until the owner turns shifts on (decision 0019).
 */
export const DEFAULT_SHIFT_SETTINGS: ShiftSettings = {
  requireOpenShift: false,
  blindClose: false,
  movementLimit: null,
  noteThreshold: null,
};

/** Limits in whole units of each currency, when the owner has set none. */
const DEFAULT_LIMITS: Partial<Record<CurrencyCode, { movement: number; note: number }>> = {
  UGX: { movement: 50_000, note: 2_000 },
  IDR: { movement: 200_000, note: 5_000 },
  KES: { movement: 2_000, note: 100 },
  GBP: { movement: 50, note: 2 },
};

/** The shift rules (one row of the settings table): whether cash needs an open shift, blind close, the limits. */
export class ShiftSettingsService {
  private cache: ShiftSettings | null = null;

  constructor(
    private deps: Deps,
    private audit: AuditService,
  ) {}

  get(): ShiftSettings {
    if (this.cache) return this.cache;
    const saved = readSettingRow(this.deps.sqlite, KEY) as object | undefined;
    this.cache = saved ? ShiftSettings.parse({ ...DEFAULT_SHIFT_SETTINGS, ...saved }) : DEFAULT_SHIFT_SETTINGS;
    return this.cache;
  }

  update(actor: Actor, patch: Partial<ShiftSettings>): ShiftSettings {
    return this.deps.sqlite.transaction(() => {
      const before = this.get();
      const next = ShiftSettings.parse({ ...before, ...patch });
      writeSettingRow(this.deps.sqlite, KEY, next, this.deps.clock.now());
      this.audit.record(actor, { action: 'settings.shifts', entity: 'settings', entityId: KEY, before, after: next });
      this.cache = null;
      return next;
    })();
  }

  /** Pay-ins and pay-outs above this need a manager (minor units). */
  movementLimit(currency: CurrencyCode): number {
    return this.get().movementLimit ?? inMinor(DEFAULT_LIMITS[currency]?.movement ?? 50, currency);
  }

  /** An over or short above this needs a note (minor units). */
  noteThreshold(currency: CurrencyCode): number {
    return this.get().noteThreshold ?? inMinor(DEFAULT_LIMITS[currency]?.note ?? 1, currency);
  }
}

function inMinor(whole: number, currency: CurrencyCode): number {
  return whole * 10 ** exponentOf(currency);
}
