import { DebtSettings } from '../../../shared/contract/debts';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';
import { readSettingRow, writeSettingRow } from '../settings/rows';

const KEY = 'debts';

/** The owner's debt alert rules and the payment instructions statements print; one row of the settings table. */
export class DebtSettingsStore {
  private cache: DebtSettings | null = null;

  constructor(
    private deps: Pick<Deps, 'sqlite' | 'clock'>,
    private audit: AuditService,
  ) {}

  get(): DebtSettings {
    if (this.cache) return this.cache;
    const saved = readSettingRow(this.deps.sqlite, KEY);
    this.cache = DebtSettings.parse(saved !== undefined ? saved : {});
    return this.cache;
  }

  save(actor: Actor, next: DebtSettings): DebtSettings {
    return this.deps.sqlite.transaction(() => {
      const before = this.get();
      const value = DebtSettings.parse(next);
      writeSettingRow(this.deps.sqlite, KEY, value, this.deps.clock.now());
      this.audit.record(actor, { action: 'settings.debts', entity: 'settings', entityId: KEY, before, after: value });
      this.cache = null;
      return value;
    })();
  }
}
