import { DebtSettings } from '../../../shared/contract/debts';
import { stmt } from '../../db/statements';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';

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
    const row = stmt(this.deps.sqlite, 'SELECT value FROM settings WHERE key = ?').get(KEY) as
      | { value: string }
      | undefined;
    this.cache = DebtSettings.parse(row ? JSON.parse(row.value) : {});
    return this.cache;
  }

  save(actor: Actor, next: DebtSettings): DebtSettings {
    return this.deps.sqlite.transaction(() => {
      const before = this.get();
      const value = DebtSettings.parse(next);
      stmt(
        this.deps.sqlite,
        'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
      ).run(KEY, JSON.stringify(value), this.deps.clock.now());
      this.audit.record(actor, { action: 'settings.debts', entity: 'settings', entityId: KEY, before, after: value });
      this.cache = null;
      return value;
    })();
  }
}
