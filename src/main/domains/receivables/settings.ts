import { ReceivablesSettings } from '../../../shared/contract/receivables';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';
import { readSettingRow, writeSettingRow } from '../settings/rows';

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
    const saved = readSettingRow(this.deps.sqlite, KEY) as object | undefined;
    this.cache = saved
      ? ReceivablesSettings.parse({ ...DEFAULT_RECEIVABLES_SETTINGS, ...saved })
      : DEFAULT_RECEIVABLES_SETTINGS;
    return this.cache;
  }

  update(actor: Actor, patch: Partial<ReceivablesSettings>): ReceivablesSettings {
    return this.deps.sqlite.transaction(() => {
      const before = this.get();
      const next = ReceivablesSettings.parse({ ...before, ...patch });
      writeSettingRow(this.deps.sqlite, KEY, next, this.deps.clock.now());
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
