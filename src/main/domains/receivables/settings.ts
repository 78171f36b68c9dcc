import { ReceivablesSettings } from '../../../shared/contract/receivables';
import { stmt } from '../../db/statements';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';

const KEY = 'receivables';

/** No store-wide limit and a manager's PIN over a customer's own limit, until the owner says otherwise. */
export const DEFAULT_RECEIVABLES_SETTINGS: ReceivablesSettings = { defaultCreditLimit: null, creditPolicy: 'approve' };

/**
 * The shop's credit rules (default credit limit, what happens over a limit), one row of the settings table. Default
 * payment terms stay in the till settings, where the sale that writes the invoice reads them.
 */
export class ReceivablesSettingsService {
  private cache: ReceivablesSettings | null = null;

  constructor(
    private deps: Deps,
    private audit: AuditService,
  ) {}

  get(): ReceivablesSettings {
    if (this.cache) return this.cache;
    const row = stmt(this.deps.sqlite, 'SELECT value FROM settings WHERE key = ?').get(KEY) as
      | { value: string }
      | undefined;
    this.cache = row
      ? ReceivablesSettings.parse({ ...DEFAULT_RECEIVABLES_SETTINGS, ...JSON.parse(row.value) })
      : DEFAULT_RECEIVABLES_SETTINGS;
    return this.cache;
  }

  update(actor: Actor, patch: Partial<ReceivablesSettings>): ReceivablesSettings {
    return this.deps.sqlite.transaction(() => {
      const before = this.get();
      const next = ReceivablesSettings.parse({ ...before, ...patch });
      stmt(
        this.deps.sqlite,
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      ).run(KEY, JSON.stringify(next), this.deps.clock.now());
      this.audit.record(actor, {
        action: 'settings.receivables',
        entity: 'settings',
        entityId: KEY,
        before,
        after: next,
      });
      this.cache = null;
      return next;
    })();
  }
}
